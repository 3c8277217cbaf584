// Package session is the service layer the GUI and the command line share:
// an unlocked vault together with the user acting on it. Every service method
// checks the acting user's permission (package users) before it reads or
// changes anything, and every change is written to the audit trail in the
// same transaction.
package session

import (
	"errors"
	"fmt"
	"time"

	"daumoi/data/audit"
	"daumoi/data/store"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Clock returns the current time; tests pin it.
type Clock func() time.Time

// Sentinel errors of the session layer. Errors of the vault, users and
// audit packages pass through wrapped, so callers test them with errors.Is.
var (
	// ErrNotPermitted is users.ErrNotPermitted: the acting user lacks the role.
	ErrNotPermitted = users.ErrNotPermitted
	// ErrAccountIncomplete is returned when a keyslot has no user record (a
	// crash while the user was being added).
	ErrAccountIncomplete = errors.New("session: this account was not completely created; ask the focal point to add it again")
	// ErrMustReset is returned by services while the user must first choose
	// a new passphrase (after a recovery unlock or a reset by the focal point).
	ErrMustReset = errors.New("session: choose a new passphrase first")
	// ErrTooSoon is returned when an unlock is tried before the delay that
	// follows wrong passphrases has passed.
	ErrTooSoon = errors.New("session: too many wrong attempts; wait before trying again")
	// ErrInvalidInput is returned for text that fails validation (too long,
	// empty where required).
	ErrInvalidInput = errors.New("session: invalid input")
)

// Session is an unlocked vault and its acting user. It is safe for use by
// one goroutine at a time per call; the vault serialises writes.
type Session struct {
	v    *vault.Vault
	dir  string
	user string
	now  Clock
	// problems is what the roster check at unlock found.
	problems []error
}

// Dir returns the vault folder.
func (s *Session) Dir() string { return s.dir }

// VaultID returns the vault's id.
func (s *Session) VaultID() string { return s.v.ID() }

// Close locks the vault again and wipes its keys from memory as far as Go
// allows.
func (s *Session) Close() error {
	if s.v.CanSign() {
		// A focal point's lock signs the history head again, so that what
		// was written in this session cannot be removed unseen. Failing to
		// does not keep the vault open.
		_ = s.v.Update(s.sealRoster)
	}
	return s.v.Close()
}

// Me returns the acting user as currently stored.
func (s *Session) Me() (users.User, error) {
	var u users.User
	err := s.v.View(func(tx *vault.ReadTx) error {
		var err error
		u, err = s.current(tx)
		return err
	})
	return u, err
}

// current reads the acting user as stored, with the roles the roster seal
// grants (see effective).
func (s *Session) current(q rowQuerier) (users.User, error) {
	u, err := getUser(q, s.user)
	if err != nil {
		return u, err
	}
	return effective(q, q.CanSign(), s.v.ID(), u)
}

// require returns the acting user if they may do p. The user is read again
// for every call, so a role removed or an account disabled takes effect at
// once.
func (s *Session) require(q rowQuerier, p users.Permission) (users.User, error) {
	u, err := s.current(q)
	if err != nil {
		return u, err
	}
	if u.Disabled {
		return u, fmt.Errorf("%w: %q", users.ErrUserDisabled, u.Name)
	}
	if u.MustReset && p != permChangeOwnPassphrase {
		return u, ErrMustReset
	}
	if p != permChangeOwnPassphrase && !u.Can(p) {
		return u, fmt.Errorf("%w: %s needs %s", ErrNotPermitted, u.Name, p)
	}
	return u, nil
}

// permChangeOwnPassphrase is what every enabled user may do, even before
// their forced reset.
const permChangeOwnPassphrase users.Permission = "self.passphrase"

// record writes one audit entry for the acting user inside tx.
func (s *Session) record(tx *vault.Tx, action, entityType, entityID, summary string) error {
	_, err := audit.Record(tx, audit.Entry{
		At: s.now(), Actor: s.user, Action: action, EntityType: entityType, EntityID: entityID, Summary: summary,
	})
	return err
}

// stamp is how times are stored in the registers.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// migrate brings the schema up to date.
func migrate(v *vault.Vault) error {
	return v.Migrate(store.Migrations())
}
