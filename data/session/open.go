package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

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
	pending   []failure // failed attempts without a notice, recorded at the next unlock
}

// OpenLocked takes the vault's lock and reads its header. Failed attempts
// of the last minutes, from any process, carry over: the first attempt here
// may have to wait (RetryAfter).
func OpenLocked(dir string, now Clock) (*Locked, error) {
	vl, err := vault.OpenLocked(dir)
	if err != nil {
		return nil, err
	}
	l := &Locked{l: vl, dir: dir, now: now}
	// RecentNotices caps each notice's time at now: a forged far-future
	// name cannot push the delay beyond retryDelay's cap.
	if n, latest := vl.RecentNotices(now().Add(-failureWindow), now()); n > 0 {
		l.failures = n
		l.notBefore = latest.Add(retryDelay(n))
	}
	return l, nil
}

// Open is OpenLocked followed by Unlock, for the command line. It waits
// out the delay owed by recent wrong passphrases instead of failing.
func Open(dir string, cred Credential, now Clock) (*Session, error) {
	l, err := OpenLocked(dir, now)
	if err != nil {
		return nil, err
	}
	time.Sleep(l.RetryAfter())
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

// noteFailure counts a wrong credential, sets the delay and leaves an
// encrypted notice in the vault folder (vault.Locked.PostNotice), which the
// next successful unlock writes to the history — from this process or any
// other. A vault that never published its notice key keeps the entry in
// memory instead.
func (l *Locked) noteFailure(cred Credential, err error) {
	if !errors.Is(err, vault.ErrWrongPassphrase) && !errors.Is(err, vault.ErrWrongRecoveryKey) &&
		!errors.Is(err, vault.ErrNoSuchSlot) && !errors.Is(err, vault.ErrRecoveryCodeFormat) {
		return
	}
	now := l.now()
	recent, _ := l.l.RecentNotices(now.Add(-failureWindow), now)
	l.failures = max(l.failures, recent) + 1
	l.notBefore = now.Add(retryDelay(l.failures))
	f := failure{At: now.UTC().Format(time.RFC3339), User: cred.User, Recovery: cred.RecoveryCode != "", Attempt: l.failures}
	msg, _ := json.Marshal(f)
	if err := l.l.PostNotice(msg, now); err != nil {
		l.pending = append(l.pending, f)
	}
}

// failureWindow is how far back failed attempts count towards the delay.
const failureWindow = 15 * time.Minute

// maxRetryDelay caps the wait after wrong credentials, however many
// failures there were (or notices claim).
const maxRetryDelay = 30 * time.Second

// retryDelay is 1 s after the first failure, doubling up to maxRetryDelay.
func retryDelay(failures int) time.Duration {
	switch {
	case failures < 1:
		return 0
	case failures > 6: // 1 s << 5 = 32 s is already beyond the cap
		return maxRetryDelay
	}
	return min(maxRetryDelay, time.Second<<(failures-1))
}

// failure is a failed unlock, as kept in a vault notice.
type failure struct {
	At       string `json:"at"`
	User     string `json:"user"`
	Recovery bool   `json:"recovery"`
	Attempt  int    `json:"attempt"`
}

// startSession migrates the schema, checks the account and writes the
// pending history.
func (l *Locked) startSession(v *vault.Vault, user string, viaRecovery bool) (*Session, error) {
	if err := migrate(v); err != nil {
		return nil, err
	}
	if err := clearStaged(v); err != nil {
		return nil, err
	}
	// Leftovers of a killed evidence import; a failure is retried at the
	// next unlock.
	_ = removeUnreferencedBlobs(v)
	if err := v.PublishNoticeKey(); err != nil {
		return nil, err
	}
	s := &Session{v: v, dir: l.dir, user: user, now: l.now}
	reported := takeNotices(v, l.pending)
	drops, _ := v.DroppedTails() // unreadable: recorded at a later unlock
	err := v.Update(func(tx *vault.Tx) error {
		u, err := getUser(tx, user)
		if errors.Is(err, users.ErrNoSuchUser) && !viaRecovery {
			return fmt.Errorf("%w: %q", ErrAccountIncomplete, user)
		}
		if err != nil {
			return err
		}
		if u.Disabled {
			return fmt.Errorf("%w: %q", users.ErrUserDisabled, user)
		}
		if err := reported.record(tx, l.now()); err != nil {
			return err
		}
		if err := recordDropped(tx, drops, user, s.now()); err != nil {
			return err
		}
		if s.problems, err = s.checkRosterAtUnlock(tx); err != nil {
			return err
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
	if err := s.finishRevocations(); err != nil {
		return nil, err
	}
	// Deleting after the commit: a crash in between records them twice at
	// worst, never loses them.
	_ = v.DeleteNotices(reported.names())
	return s, nil
}
