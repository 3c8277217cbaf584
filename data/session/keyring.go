package session

import (
	"errors"

	"daumoi/data/keyring"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// keyringService is the name under which secrets are kept in the OS keyring.
const keyringService = "daumoi"

// keyringSlotID is the vault keyslot that a remembered secret opens.
func keyringSlotID(user string) string { return "keyring:" + user }

// NewKeyring returns the OS keyring used for "remember on this computer".
func NewKeyring() *keyring.Keyring { return keyring.New(keyringService) }

// Remember keeps a secret for the acting user in the OS keyring so that
// the vault opens without the passphrase on this computer. It fails,
// changing nothing, when no keyring answers.
func (s *Session) Remember(k *keyring.Keyring) error {
	if ok, reason := k.Available(); !ok {
		return errors.Join(keyring.ErrUnavailable, errors.New(reason))
	}
	if _, err := s.check(anyUser); err != nil {
		return err
	}
	slot := keyringSlotID(s.user)
	if err := s.v.RemoveSlot(slot); err != nil && !errors.Is(err, vault.ErrNoSuchSlot) {
		return err
	}
	if err := s.v.Remember(k, slot); err != nil {
		return err
	}
	return s.write(anyUser, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "user.remember", "user", s.user, "Ghi nhớ trên máy tính này (kho khóa của hệ điều hành)")
	})
}

// Forget removes the acting user's remembered secret from the vault and
// the keyring. The keyslot goes even when the keyring cannot be reached.
func (s *Session) Forget(k *keyring.Keyring) error {
	err := s.v.Forget(k, keyringSlotID(s.user))
	if errors.Is(err, vault.ErrNoSuchSlot) {
		return nil
	}
	if err != nil && !errors.Is(err, keyring.ErrNotFound) && !errors.Is(err, keyring.ErrUnavailable) {
		return err
	}
	return s.write(anyUser, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "user.forget", "user", s.user, "Bỏ ghi nhớ trên máy tính này")
	})
}

// Remembered reports whether the vault has a keyring slot for user.
func (l *Locked) Remembered(user string) bool {
	for _, s := range l.l.Slots() {
		if s.ID == keyringSlotID(user) {
			return true
		}
	}
	return false
}

// UnlockRemembered opens the vault with user's secret from the keyring.
func (l *Locked) UnlockRemembered(k *keyring.Keyring, user string) (*Session, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v, err := l.l.UnlockRemembered(k, keyringSlotID(user))
	if err != nil {
		return nil, err
	}
	s, err := l.startSession(v, user, false)
	if err != nil {
		_ = v.Close()
		return nil, err
	}
	return s, nil
}
