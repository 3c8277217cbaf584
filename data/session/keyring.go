package session

import (
	"errors"

	"daumoi/data/keyring"
	"daumoi/data/vault"
)

// keyringService is the name under which secrets are kept in the OS keyring.
const keyringService = "daumoi"

// keyringSlotID is the vault keyslot that a remembered secret opens.
func keyringSlotID(user string) string { return "keyring:" + user }

// keyringAccount names the secret in the OS keyring: one per vault and user.
func keyringAccount(vaultID, user string) string { return vaultID + "/" + user }

// NewKeyring returns the OS keyring used for "remember on this computer".
func NewKeyring() *keyring.Keyring { return keyring.New(keyringService) }

// Remember stores a secret for the acting user in the OS keyring so that the
// vault opens without the passphrase on this computer. It fails, changing
// nothing, when no keyring answers.
func (s *Session) Remember(k *keyring.Keyring) error {
	if ok, reason := k.Available(); !ok {
		return errors.Join(keyring.ErrUnavailable, errors.New(reason))
	}
	slot := keyringSlotID(s.user)
	if err := s.v.RemoveSlot(slot); err != nil && !errors.Is(err, vault.ErrNoSuchSlot) {
		return err
	}
	secret, err := s.v.AddSecretSlot(slot)
	if err != nil {
		return err
	}
	defer clear(secret)
	if err := k.Set(keyringAccount(s.v.ID(), s.user), secret); err != nil {
		_ = s.v.RemoveSlot(slot)
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		return s.record(tx, "user.remember", "user", s.user, "Ghi nhớ trên máy tính này (kho khóa của hệ điều hành)")
	})
}

// Forget removes the acting user's remembered secret from the keyring and
// the vault.
func (s *Session) Forget(k *keyring.Keyring) error {
	if err := s.v.RemoveSlot(keyringSlotID(s.user)); err != nil && !errors.Is(err, vault.ErrNoSuchSlot) {
		return err
	}
	if err := k.Delete(keyringAccount(s.v.ID(), s.user)); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
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
	secret, err := k.Get(keyringAccount(l.l.VaultID(), user))
	if err != nil {
		return nil, err
	}
	defer clear(secret)
	return l.Unlock(Credential{User: user, KeyringSecret: secret})
}
