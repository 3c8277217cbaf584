package vault

import (
	"fmt"
	"time"

	"daumoi/data/textnorm"

	"golang.org/x/text/unicode/norm"
)

// secretSize is the size of a secret slot's secret.
const secretSize = 32

// slotAD is the additional data binding a wrapped key to its vault, slot id
// and kind, so a slot cannot be moved to another vault, renamed or retyped.
func slotAD(vaultID string, id string, kind SlotKind) []byte {
	return []byte("daumoi vault v1 slot\x00" + vaultID + "\x00" + string(kind) + "\x00" + id)
}

// normalizeUser returns the NFC user name, checked as a slot id.
func normalizeUser(user string) (string, error) {
	u := textnorm.NFC(user)
	return u, checkSlotID(u)
}

// passphraseKEK derives a passphrase slot's key-encryption key. The
// passphrase is normalised to NFC so that any keyboard gives the same bytes.
func passphraseKEK(pass []byte, salt []byte, p KDFParams) []byte {
	n := norm.NFC.Bytes(pass)
	defer clear(n)
	return p.derive(n, salt)
}

// newSlot wraps vaultKey under kek into a fresh slot.
func newSlot(vaultID, id string, kind SlotKind, salt, kek, vaultKey []byte, kdf *KDFParams, now time.Time) slot {
	return slot{
		ID:      id,
		Kind:    kind,
		Created: now.UTC().Format(time.RFC3339),
		KDF:     kdf,
		Salt:    salt,
		Wrapped: seal(kek, vaultKey, slotAD(vaultID, id, kind)),
	}
}

// unwrap opens s with kek and returns the vault key, or errOpen.
func (s slot) unwrap(vaultID string, kek []byte) ([]byte, error) {
	return open(kek, s.Wrapped, slotAD(vaultID, s.ID, s.Kind))
}

// passphraseSlot builds the slot of user with pass.
func passphraseSlot(vaultID, user string, pass []byte, kdf KDFParams, vaultKey []byte, now time.Time) (slot, error) {
	if len(pass) == 0 {
		return slot{}, ErrEmptyPassphrase
	}
	if err := kdf.validate(); err != nil {
		return slot{}, err
	}
	salt := randomBytes(keySize)
	kek := passphraseKEK(pass, salt, kdf)
	defer clear(kek)
	return newSlot(vaultID, user, SlotPassphrase, salt, kek, vaultKey, &kdf, now), nil
}

// recoverySlot builds a new recovery slot and returns it with its code.
func recoverySlot(vaultID string, vaultKey []byte, now time.Time) (slot, RecoveryCode) {
	raw := randomBytes(recoveryBytes)
	defer clear(raw)
	salt := randomBytes(keySize)
	kek := deriveKey(raw, salt, "recovery-slot")
	defer clear(kek)
	return newSlot(vaultID, recoverySlotID, SlotRecovery, salt, kek, vaultKey, nil, now), formatRecoveryCode(raw)
}

// secretSlot builds a secret slot and returns it with its secret.
func secretSlot(vaultID, id string, vaultKey []byte, now time.Time) (slot, []byte) {
	secret := randomBytes(secretSize)
	salt := randomBytes(keySize)
	kek := deriveKey(secret, salt, "secret-slot")
	defer clear(kek)
	return newSlot(vaultID, id, SlotSecret, salt, kek, vaultKey, nil, now), secret
}

// unlockPassphrase finds user's slot in h and unwraps it.
func (h *header) unlockPassphrase(user string, pass []byte) ([]byte, error) {
	u, err := normalizeUser(user)
	if err != nil {
		return nil, err
	}
	i := h.slotIndex(u)
	if i < 0 || h.Slots[i].Kind != SlotPassphrase {
		return nil, fmt.Errorf("%w: user %q", ErrNoSuchSlot, u)
	}
	s := h.Slots[i]
	kek := passphraseKEK(pass, s.Salt, *s.KDF)
	defer clear(kek)
	key, err := s.unwrap(h.VaultID, kek)
	if err != nil {
		return nil, fmt.Errorf("%w for user %q", ErrWrongPassphrase, u)
	}
	return key, nil
}

// unlockRecovery unwraps the recovery slot with a typed code.
func (h *header) unlockRecovery(code string) ([]byte, error) {
	raw, err := parseRecoveryCode(code)
	if err != nil {
		return nil, err
	}
	defer clear(raw)
	i := h.slotIndex(recoverySlotID)
	if i < 0 || h.Slots[i].Kind != SlotRecovery {
		return nil, fmt.Errorf("%w: no recovery slot", ErrNoSuchSlot)
	}
	s := h.Slots[i]
	kek := deriveKey(raw, s.Salt, "recovery-slot")
	defer clear(kek)
	key, err := s.unwrap(h.VaultID, kek)
	if err != nil {
		return nil, ErrWrongRecoveryKey
	}
	return key, nil
}

// unlockSecret unwraps secret slot id.
func (h *header) unlockSecret(id string, secret []byte) ([]byte, error) {
	i := h.slotIndex(id)
	if i < 0 || h.Slots[i].Kind != SlotSecret {
		return nil, fmt.Errorf("%w: secret slot %q", ErrNoSuchSlot, id)
	}
	s := h.Slots[i]
	kek := deriveKey(secret, s.Salt, "secret-slot")
	defer clear(kek)
	key, err := s.unwrap(h.VaultID, kek)
	if err != nil {
		return nil, fmt.Errorf("%w: slot %q", ErrWrongSecret, id)
	}
	return key, nil
}

// textnormID normalises a slot id typed by a user.
func textnormID(id string) string { return textnorm.NFC(id) }
