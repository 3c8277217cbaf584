package session

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Credential is what a user offers to unlock a vault: their name with a
// passphrase, or their name with the vault's recovery code (which then forces
// a new passphrase), or a secret from the OS keyring.
type Credential struct {
	User          string
	Passphrase    []byte
	RecoveryCode  string
	KeyringSecret []byte
}

// Locked is a vault whose lock this process holds, waiting for a
// credential. Wrong passphrases make the next attempt wait longer
// (1 s, 2 s, 4 s … up to 30 s), enforced here and not only in the GUI.
type Locked struct {
	mu        sync.Mutex
	l         *vault.Locked
	dir       string
	now       Clock
	failures  int
	notBefore time.Time
	pending   []audit.Entry // failed attempts, recorded at the next unlock
}

// OpenLocked takes the vault's lock and reads its header.
func OpenLocked(dir string, now Clock) (*Locked, error) {
	l, err := vault.OpenLocked(dir)
	if err != nil {
		return nil, err
	}
	return &Locked{l: l, dir: dir, now: now}, nil
}

// Open is OpenLocked followed by Unlock, for the command line.
func Open(dir string, cred Credential, now Clock) (*Session, error) {
	l, err := OpenLocked(dir, now)
	if err != nil {
		return nil, err
	}
	s, err := l.Unlock(cred)
	if err != nil {
		_ = l.Close()
		return nil, err
	}
	return s, nil
}

// Users returns the names that can unlock with a passphrase.
func (l *Locked) Users() []string {
	var names []string
	for _, s := range l.l.Slots() {
		if s.Kind == vault.SlotPassphrase {
			names = append(names, s.ID)
		}
	}
	return names
}

// RetryAfter returns how long the next attempt must wait.
func (l *Locked) RetryAfter() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d := l.notBefore.Sub(l.now()); d > 0 {
		return d
	}
	return 0
}

// Close releases the lock without unlocking.
func (l *Locked) Close() error { return l.l.Close() }

// Unlock opens the vault with cred. On success the Locked is spent (the
// session owns the lock); on failure it can be tried again after RetryAfter.
func (l *Locked) Unlock(cred Credential) (*Session, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.now().Before(l.notBefore) {
		return nil, fmt.Errorf("%w (%s)", ErrTooSoon, l.notBefore.Sub(l.now()).Round(time.Second))
	}
	v, viaRecovery, err := l.unlockVault(cred)
	if err != nil {
		l.noteFailure(cred, err)
		return nil, err
	}
	s, err := l.startSession(v, cred.User, viaRecovery)
	if err != nil {
		_ = v.Close()
		return nil, err
	}
	return s, nil
}

func (l *Locked) unlockVault(cred Credential) (*vault.Vault, bool, error) {
	switch {
	case cred.RecoveryCode != "":
		v, err := l.l.UnlockRecovery(cred.RecoveryCode)
		return v, true, err
	case cred.KeyringSecret != nil:
		v, err := l.l.UnlockSecret(keyringSlotID(cred.User), cred.KeyringSecret)
		return v, false, err
	default:
		v, err := l.l.UnlockPassphrase(cred.User, cred.Passphrase)
		return v, false, err
	}
}

// noteFailure counts a wrong credential, sets the delay and keeps an audit
// entry to write once the vault is unlocked.
func (l *Locked) noteFailure(cred Credential, err error) {
	if !errors.Is(err, vault.ErrWrongPassphrase) && !errors.Is(err, vault.ErrWrongRecoveryKey) &&
		!errors.Is(err, vault.ErrNoSuchSlot) && !errors.Is(err, vault.ErrRecoveryCodeFormat) {
		return
	}
	l.failures++
	delay := time.Duration(math.Min(30, math.Pow(2, float64(l.failures-1)))) * time.Second
	l.notBefore = l.now().Add(delay)
	kind := "mật khẩu"
	if cred.RecoveryCode != "" {
		kind = "mã khôi phục"
	}
	l.pending = append(l.pending, audit.Entry{
		At: l.now(), Actor: cred.User, Action: "unlock.failed", EntityType: "vault",
		Summary: fmt.Sprintf("Mở khóa thất bại (%s sai), lần %d", kind, l.failures),
	})
}

// startSession migrates the schema, checks the account and writes the
// pending history.
func (l *Locked) startSession(v *vault.Vault, user string, viaRecovery bool) (*Session, error) {
	if err := migrate(v); err != nil {
		return nil, err
	}
	s := &Session{v: v, dir: l.dir, user: user, now: l.now}
	err := v.Update(func(tx *vault.Tx) error {
		u, err := getUser(tx, user)
		if errors.Is(err, users.ErrNoSuchUser) && !viaRecovery {
			return fmt.Errorf("%w: %s", ErrAccountIncomplete, user)
		}
		if err != nil {
			return err
		}
		if u.Disabled {
			return fmt.Errorf("%w: %s", users.ErrUserDisabled, user)
		}
		for _, e := range l.pending {
			if _, err := audit.Record(tx, e); err != nil {
				return err
			}
		}
		if !viaRecovery {
			return nil
		}
		if _, err := tx.Exec(`UPDATE users SET must_reset = 1 WHERE name = ?`, user); err != nil {
			return err
		}
		return s.record(tx, "unlock.recovery", "user", user, "Mở khóa bằng mã khôi phục; phải đặt mật khẩu mới")
	})
	if err != nil {
		return nil, err
	}
	l.pending = nil
	return s, nil
}
