// Package users defines the people who use a vault, their roles, and what
// each role may do.
//
// Roles come from the product: in an agency's vault the focal point (cán bộ
// đầu mối, who administers the vault), IT staff (cán bộ kỹ thuật) and the
// manager (lãnh đạo, who approves and signs); in a receiving office's vault
// the receiving officer (cán bộ tiếp nhận, who administers it, keeps the
// registry of agencies and receives bundles) and the office head (lãnh đạo
// phòng, who signs receipts and the province's reports). One person may hold
// several roles of their vault's kind. Permissions are
// checked in the services (package session), never only by hiding buttons.
package users

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"daumoi/data/textnorm"
)

// Role is a user's role in the agency.
type Role string

// The roles.
const (
	RoleFocal   Role = "focal"   // cán bộ đầu mối: administers the vault and users
	RoleIT      Role = "it"      // cán bộ kỹ thuật: fills checklists, records activities
	RoleManager Role = "manager" // lãnh đạo: reviews, approves, signs

	RoleReceiver Role = "receiver" // cán bộ tiếp nhận (office): administers the office vault, registry, intake
	RoleHead     Role = "head"     // lãnh đạo phòng (office): signs receipts and the province's reports
)

// AllRoles lists an agency's roles in display order.
func AllRoles() []Role { return []Role{RoleFocal, RoleIT, RoleManager} }

// OfficeRoles lists a receiving office's roles in display order.
func OfficeRoles() []Role { return []Role{RoleReceiver, RoleHead} }

// KnownRoles lists every role of either kind of vault.
func KnownRoles() []Role { return append(AllRoles(), OfficeRoles()...) }

// Administers reports whether u holds the role that administers a vault
// (users, backup, keys): the focal point in an agency, the receiving
// officer in an office.
func (u User) Administers() bool { return u.Has(RoleFocal) || u.Has(RoleReceiver) }

// Sentinel errors.
var (
	ErrInvalidName    = errors.New("users: a user name is 1–64 letters, digits, '.', '-' or '_'")
	ErrUnknownRole    = errors.New("users: unknown role")
	ErrNoRole         = errors.New("users: a user needs at least one role")
	ErrFieldTooLong   = errors.New("users: text field too long")
	ErrNotPermitted   = errors.New("users: not permitted")
	ErrUserExists     = errors.New("users: a user with this name already exists")
	ErrNoSuchUser     = errors.New("users: no such user")
	ErrUserDisabled   = errors.New("users: this user is disabled")
	ErrLastFocal      = errors.New("users: the last administrator (focal point, or receiving officer in an office) cannot be removed, disabled or demoted")
	ErrRoleNotForKind = errors.New("users: this role belongs to the other kind of vault (agency or receiving office)")
	ErrWeakPassphrase = errors.New("users: passphrase too weak")
)

// User is one account of a vault.
type User struct {
	Name      string // login name, NFC
	FullName  string // full Vietnamese name, NFC
	Position  string // chức vụ
	Roles     []Role // sorted, without duplicates
	Disabled  bool
	MustReset bool // must choose a new passphrase at next unlock (after a recovery or a reset)
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// ParseRoles reads a comma-separated role list such as "focal,it". Spaces
// are ignored; duplicates collapse; the result is sorted.
func ParseRoles(s string) ([]Role, error) {
	var roles []Role
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		r := Role(part)
		if !slices.Contains(KnownRoles(), r) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownRole, part)
		}
		roles = append(roles, r)
	}
	return NormalizeRoles(roles)
}

// NormalizeRoles sorts and de-duplicates roles and checks there is one.
func NormalizeRoles(roles []Role) ([]Role, error) {
	out := slices.Clone(roles)
	slices.Sort(out)
	out = slices.Compact(out)
	for _, r := range out {
		if !slices.Contains(KnownRoles(), r) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownRole, r)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoRole
	}
	return out, nil
}

// FormatRoles writes roles as stored and printed: "focal,it,manager".
func FormatRoles(roles []Role) string {
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = string(r)
	}
	return strings.Join(parts, ",")
}

// maxText is the longest full name or position accepted, in runes.
const maxText = 200

// Normalize returns u with NFC text, trimmed fields and normalised roles, or
// the first problem found.
func Normalize(u User) (User, error) {
	u.Name = strings.TrimSpace(textnorm.NFC(u.Name))
	u.FullName = strings.TrimSpace(textnorm.NFC(u.FullName))
	u.Position = strings.TrimSpace(textnorm.NFC(u.Position))
	if err := CheckName(u.Name); err != nil {
		return u, err
	}
	if utf8.RuneCountInString(u.FullName) > maxText || utf8.RuneCountInString(u.Position) > maxText {
		return u, ErrFieldTooLong
	}
	roles, err := NormalizeRoles(u.Roles)
	if err != nil {
		return u, err
	}
	u.Roles = roles
	return u, nil
}

// CheckName checks a login name: 1–64 letters, digits, '.', '-' or '_'.
func CheckName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 64 {
		return ErrInvalidName
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '-' && r != '_' {
			return ErrInvalidName
		}
	}
	return nil
}

// MinPassphraseRunes is the minimum passphrase length.
const MinPassphraseRunes = 10

// CheckPassphrase applies the minimum rule: at least MinPassphraseRunes
// characters and not one character repeated. Strength beyond that is shown
// to the user by [Strength], not enforced.
func CheckPassphrase(pass []byte) error {
	s := string(pass)
	if utf8.RuneCountInString(strings.TrimSpace(s)) < MinPassphraseRunes {
		return fmt.Errorf("%w: at least %d characters", ErrWeakPassphrase, MinPassphraseRunes)
	}
	first, _ := utf8.DecodeRuneInString(s)
	if strings.Trim(s, string(first)) == "" {
		return fmt.Errorf("%w: one character repeated", ErrWeakPassphrase)
	}
	return nil
}
