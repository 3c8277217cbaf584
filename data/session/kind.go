package session

import (
	"errors"
	"fmt"
	"slices"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// Kind is what a vault is for, chosen when it is created and never changed:
// an agency's registers and reports, or a receiving office's intake.
type Kind string

// The kinds of vault.
const (
	KindAgency Kind = "agency"
	KindOffice Kind = "office"
)

// Errors of the vault's kind.
var (
	// ErrUnknownVaultKind means a kind other than KindAgency and KindOffice.
	ErrUnknownVaultKind = errors.New("session: unknown kind of vault (agency or office)")
	// ErrWrongVaultKind means an operation for the other kind of vault.
	ErrWrongVaultKind = errors.New("session: not possible in this kind of vault")
	// ErrOfficeOnly means an operation of the receiving office asked of an
	// agency's vault (it wraps ErrWrongVaultKind).
	ErrOfficeOnly = fmt.Errorf("%w: only in a receiving office's vault", ErrWrongVaultKind)
	// ErrAgencyOnly means an operation of an agency asked of a receiving
	// office's vault (it wraps ErrWrongVaultKind).
	ErrAgencyOnly = fmt.Errorf("%w: only in an agency's vault", ErrWrongVaultKind)
)

// ParseKind reads a vault kind; "" is KindAgency.
func ParseKind(s string) (Kind, error) {
	switch Kind(s) {
	case "", KindAgency:
		return KindAgency, nil
	case KindOffice:
		return KindOffice, nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownVaultKind, s)
}

// Roles lists the roles of k's users, in display order.
func (k Kind) Roles() []users.Role {
	if k == KindOffice {
		return users.OfficeRoles()
	}
	return users.AllRoles()
}

// checkRoles fails with users.ErrRoleNotForKind when u holds a role of the
// other kind of vault.
func (k Kind) checkRoles(u users.User) error {
	for _, r := range u.Roles {
		if !slices.Contains(k.Roles(), r) {
			return fmt.Errorf("%w: %q", users.ErrRoleNotForKind, r)
		}
	}
	return nil
}

// Kind returns what the vault is for (every user may ask).
func (s *Session) Kind() (Kind, error) {
	var k Kind
	err := s.read(anyUser, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		k, err = vaultKind(tx)
		return err
	})
	return k, err
}

// vaultKind reads the vault's kind.
func vaultKind(q rowQuerier) (Kind, error) {
	var k string
	if err := q.QueryRow(`SELECT kind FROM agency WHERE id = 1`).Scan(&k); err != nil {
		return "", err
	}
	return ParseKind(k)
}

// RequireKind fails with ErrOfficeOnly or ErrAgencyOnly unless the vault
// is of kind want.
func (s *Session) RequireKind(want Kind) error {
	got, err := s.Kind()
	if err != nil || got == want {
		return err
	}
	if want == KindOffice {
		return ErrOfficeOnly
	}
	return ErrAgencyOnly
}
