package vault

import (
	"errors"
	"fmt"
)

// SecretStore keeps small secrets outside the vault, normally the OS
// keyring: *keyring.Keyring from daumoi/data/keyring satisfies it. The vault
// never depends on it; when it fails, "remember on this computer" is simply
// not available.
type SecretStore interface {
	Set(account string, secret []byte) error
	Get(account string) ([]byte, error)
	Delete(account string) error
}

// rememberAccount is the store account of a vault's secret slot.
func rememberAccount(vaultID, slotID string) string {
	return "vault-" + vaultID + "/" + slotID
}

// Remember adds secret slot slotID and keeps its secret in store, so that
// UnlockRemembered can open the vault on this computer without a
// passphrase. If the store fails, the slot is removed again and the store's
// error is returned wrapped.
func (v *Vault) Remember(store SecretStore, slotID string) error {
	secret, err := v.AddSecretSlot(slotID)
	if err != nil {
		return err
	}
	defer clear(secret)
	id, _ := normalizeUser(slotID)
	if err := store.Set(rememberAccount(v.ID(), id), secret); err != nil {
		return errors.Join(fmt.Errorf("vault: remember on this computer: %w", err), v.RemoveSlot(id))
	}
	return nil
}

// Forget removes secret slot slotID and its secret in store. The slot is
// removed even if the store cannot be reached (the stored secret is then
// useless), and the store's error is returned wrapped.
func (v *Vault) Forget(store SecretStore, slotID string) error {
	id, err := normalizeUser(slotID)
	if err != nil {
		return err
	}
	if err := v.RemoveSlot(id); err != nil {
		return err
	}
	if err := store.Delete(rememberAccount(v.ID(), id)); err != nil {
		return fmt.Errorf("vault: forget secret: %w", err)
	}
	return nil
}

// UnlockRemembered unlocks with the secret that Remember kept in store for
// slotID. Store failures are returned wrapped (the caller then asks for a
// passphrase); ErrNoSuchSlot and ErrWrongSecret as for UnlockSecret.
func (l *Locked) UnlockRemembered(store SecretStore, slotID string) (*Vault, error) {
	id, err := normalizeUser(slotID)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	hdr := l.hdr
	l.mu.Unlock()
	if hdr == nil {
		return nil, ErrClosed
	}
	secret, err := store.Get(rememberAccount(hdr.VaultID, id))
	if err != nil {
		return nil, fmt.Errorf("vault: remembered secret: %w", err)
	}
	defer clear(secret)
	return l.UnlockSecret(id, secret)
}
