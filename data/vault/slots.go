package vault

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"daumoi/data/textnorm"

	"filippo.io/age"
	"golang.org/x/text/unicode/norm"
)

// secretSize is the size of a secret slot's secret.
const secretSize = 32

// slotAD is the additional data binding a slot's sealed secret to its vault,
// slot id and kind, so a slot cannot be moved to another vault, renamed or
// retyped.
func slotAD(vaultID string, id string, kind SlotKind) []byte {
	return []byte("daumoi vault v2 slot\x00" + vaultID + "\x00" + string(kind) + "\x00" + id)
}

// slotSecret is what a slot's credential opens: the slot's age identity
// (which decrypts the vault key and, for focal slots, the authority key),
// the MAC key that authenticates the slot's public fields, and the vault's
// authority public key as the slot's creator knew it.
type slotSecret struct {
	Identity string `json:"identity"`
	MAC      []byte `json:"mac"`
	Anchor   []byte `json:"anchor"`
}

// unlocked is what unwrapping a slot yields.
type unlocked struct {
	slotID    string
	kind      SlotKind
	vaultKey  []byte
	mac       []byte
	anchor    ed25519.PublicKey
	authority ed25519.PrivateKey // nil unless the slot holds the authority key
}

// wipe zeroes the secrets.
func (u *unlocked) wipe() {
	if u == nil {
		return
	}
	clear(u.vaultKey)
	clear(u.mac)
	clear(u.authority)
}

// normalizeUser returns the NFC user name, checked as a slot id.
func normalizeUser(user string) (string, error) {
	u := textnorm.NFC(user)
	return u, checkSlotID(u)
}

// passphraseKEK derives a passphrase slot's key-encryption key. The
// passphrase is normalised to NFC so that any keyboard gives the same bytes.
func passphraseKEK(pass []byte, salt []byte, p KDFParams) []byte {
	// A copy: norm returns its argument when it is already NFC, and the
	// caller's passphrase must not be wiped here.
	n := append([]byte(nil), norm.NFC.Bytes(pass)...)
	defer clear(n)
	return p.derive(n, salt)
}

// slotTagInput is what a slot's tag authenticates: everything in the slot
// that is not sealed under its credential, and the key epoch.
func slotTagInput(vaultID string, epoch uint32, s *slot) []byte {
	var b bytes.Buffer
	b.WriteString("daumoi vault v2 slot-tag\x00" + vaultID + "\x00" + string(s.Kind) + "\x00" + s.ID + "\x00" +
		strconv.FormatUint(uint64(epoch), 10) + "\x00" + s.Created + "\x00" + s.Recipient + "\x00")
	for _, f := range [][]byte{s.Salt, s.Secret, s.Wrapped, s.Authority} {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(f)))
		b.Write(f)
	}
	if s.KDF != nil {
		fmt.Fprintf(&b, "%d/%d/%d", s.KDF.Time, s.KDF.MemoryKiB, s.KDF.Threads)
	}
	return b.Bytes()
}

// slotTag computes a slot's tag under its MAC key.
func slotTag(mac []byte, vaultID string, epoch uint32, s *slot) []byte {
	m := hmac.New(sha256.New, mac)
	m.Write(slotTagInput(vaultID, epoch, s))
	return m.Sum(nil)
}

// ageSeal encrypts a small secret to an age recipient given as text.
func ageSeal(secret []byte, recipient string) ([]byte, error) {
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		return nil, fmt.Errorf("%w: slot recipient: %v", ErrCorrupt, err)
	}
	return ageEncrypt(secret, r)
}

// ageEncrypt encrypts a small message to r in memory.
func ageEncrypt(msg []byte, r age.Recipient) ([]byte, error) {
	var out bytes.Buffer
	w, err := age.Encrypt(&out, r)
	if err == nil {
		_, err = w.Write(msg)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("vault: age encryption: %w", err)
	}
	return out.Bytes(), nil
}

// ageOpen decrypts what ageSeal made, expecting exactly size bytes.
func ageOpen(sealed []byte, id *age.X25519Identity, size int) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(sealed), id)
	if err != nil {
		return nil, errOpen
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(size)+1))
	if err != nil || len(out) != size {
		clear(out)
		return nil, errOpen
	}
	return out, nil
}

// slotKeys is what a new slot is made with: the current vault key and epoch,
// the authority public key for its secret and, for a slot that may sign, the
// authority private key.
type slotKeys struct {
	vaultID   string
	epoch     uint32
	vaultKey  []byte
	anchor    ed25519.PublicKey
	authority ed25519.PrivateKey
}

// newSlot makes a slot whose secret is sealed under kek, with a fresh age
// identity and MAC key; it returns the slot and its MAC key.
func newSlot(k slotKeys, id string, kind SlotKind, salt, kek []byte, kdf *KDFParams, now time.Time) (slot, []byte, error) {
	ident, err := age.GenerateX25519Identity()
	if err != nil {
		return slot{}, nil, fmt.Errorf("vault: generate slot identity: %w", err)
	}
	mac := randomBytes(keySize)
	sec, err := json.Marshal(slotSecret{Identity: ident.String(), MAC: mac, Anchor: k.anchor})
	if err != nil {
		return slot{}, nil, fmt.Errorf("vault: encode slot: %w", err)
	}
	defer clear(sec)
	s := slot{
		ID: id, Kind: kind, Created: now.UTC().Format(time.RFC3339), KDF: kdf, Salt: salt,
		Secret:    seal(kek, sec, slotAD(k.vaultID, id, kind)),
		Recipient: ident.Recipient().String(),
	}
	if err := s.wrap(k, mac, k.authority != nil); err != nil {
		return slot{}, nil, err
	}
	return s, mac, nil
}

// wrap (re)encrypts the vault key of k to the slot, gives it the authority
// key when withAuthority is set (k.authority must then be known) and
// recomputes its tag.
func (s *slot) wrap(k slotKeys, mac []byte, withAuthority bool) error {
	w, err := ageSeal(k.vaultKey, s.Recipient)
	if err != nil {
		return err
	}
	s.Wrapped, s.Authority = w, nil
	if withAuthority {
		if k.authority == nil {
			return ErrNoAuthority
		}
		a, err := ageSeal(k.authority.Seed(), s.Recipient)
		if err != nil {
			return err
		}
		s.Authority = a
	}
	s.Tag = slotTag(mac, k.vaultID, k.epoch, s)
	return nil
}

// unwrap opens s with kek: its secret, then its tag, the vault key and the
// authority key. A wrong credential is errOpen; a slot whose secret opens
// but whose public fields do not check out is ErrCorrupt.
func (s *slot) unwrap(vaultID string, epoch uint32, kek []byte) (*unlocked, error) {
	pt, err := open(kek, s.Secret, slotAD(vaultID, s.ID, s.Kind))
	if err != nil {
		return nil, errOpen
	}
	defer clear(pt)
	var sec slotSecret
	if err := json.Unmarshal(pt, &sec); err != nil || len(sec.MAC) != keySize || len(sec.Anchor) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: header: slot %q: bad secret", ErrCorrupt, s.ID)
	}
	ident, err := age.ParseX25519Identity(sec.Identity)
	if err != nil || ident.Recipient().String() != s.Recipient {
		return nil, fmt.Errorf("%w: header: slot %q: identity does not match", ErrCorrupt, s.ID)
	}
	if !hmac.Equal(slotTag(sec.MAC, vaultID, epoch, s), s.Tag) {
		return nil, fmt.Errorf("%w: header: slot %q: authentication failed", ErrCorrupt, s.ID)
	}
	u := &unlocked{slotID: s.ID, kind: s.Kind, mac: sec.MAC, anchor: ed25519.PublicKey(sec.Anchor)}
	if u.vaultKey, err = ageOpen(s.Wrapped, ident, keySize); err != nil {
		return nil, fmt.Errorf("%w: header: slot %q: vault key cannot be decrypted", ErrCorrupt, s.ID)
	}
	if len(s.Authority) > 0 {
		seed, err := ageOpen(s.Authority, ident, ed25519.SeedSize)
		if err != nil {
			u.wipe()
			return nil, fmt.Errorf("%w: header: slot %q: authority key cannot be decrypted", ErrCorrupt, s.ID)
		}
		u.authority = ed25519.NewKeyFromSeed(seed)
		clear(seed)
		if !u.authority.Public().(ed25519.PublicKey).Equal(u.anchor) {
			u.wipe()
			return nil, fmt.Errorf("%w: header: slot %q: authority key does not match", ErrCorrupt, s.ID)
		}
	}
	return u, nil
}

// passphraseSlot builds the slot of user with pass.
func passphraseSlot(k slotKeys, user string, pass []byte, kdf KDFParams, now time.Time) (slot, []byte, error) {
	if len(pass) == 0 {
		return slot{}, nil, ErrEmptyPassphrase
	}
	if err := kdf.validate(); err != nil {
		return slot{}, nil, err
	}
	salt := randomBytes(keySize)
	kek := passphraseKEK(pass, salt, kdf)
	defer clear(kek)
	return newSlot(k, user, SlotPassphrase, salt, kek, &kdf, now)
}

// recoverySlot builds a new recovery slot and returns it with its MAC key
// and code.
func recoverySlot(k slotKeys, now time.Time) (slot, []byte, RecoveryCode, error) {
	raw := randomBytes(recoveryBytes)
	defer clear(raw)
	salt := randomBytes(keySize)
	kek := deriveKey(raw, salt, "recovery-slot")
	defer clear(kek)
	s, mac, err := newSlot(k, recoverySlotID, SlotRecovery, salt, kek, nil, now)
	if err != nil {
		return slot{}, nil, "", err
	}
	return s, mac, formatRecoveryCode(raw), nil
}

// secretSlot builds a secret slot and returns it with its MAC key and
// secret.
func secretSlot(k slotKeys, id string, now time.Time) (slot, []byte, []byte, error) {
	secret := randomBytes(secretSize)
	salt := randomBytes(keySize)
	kek := deriveKey(secret, salt, "secret-slot")
	defer clear(kek)
	s, mac, err := newSlot(k, id, SlotSecret, salt, kek, nil, now)
	if err != nil {
		clear(secret)
		return slot{}, nil, nil, err
	}
	return s, mac, secret, nil
}

// unlockPassphrase finds user's slot in h and unwraps it.
func (h *header) unlockPassphrase(user string, pass []byte) (*unlocked, error) {
	u, err := normalizeUser(user)
	if err != nil {
		return nil, err
	}
	s := h.slotByID(u)
	if s == nil || s.Kind != SlotPassphrase {
		return nil, fmt.Errorf("%w: user %q", ErrNoSuchSlot, u)
	}
	kek := passphraseKEK(pass, s.Salt, *s.KDF)
	defer clear(kek)
	k, err := s.unwrap(h.VaultID, h.Epoch, kek)
	if err == errOpen {
		return nil, fmt.Errorf("%w for user %q", ErrWrongPassphrase, u)
	}
	return k, err
}

// unlockRecovery unwraps the recovery slot with a typed code.
func (h *header) unlockRecovery(code string) (*unlocked, error) {
	raw, err := parseRecoveryCode(code)
	if err != nil {
		return nil, err
	}
	defer clear(raw)
	s := h.slotByID(recoverySlotID)
	if s == nil || s.Kind != SlotRecovery {
		return nil, fmt.Errorf("%w: no recovery slot", ErrNoSuchSlot)
	}
	kek := deriveKey(raw, s.Salt, "recovery-slot")
	defer clear(kek)
	k, err := s.unwrap(h.VaultID, h.Epoch, kek)
	if err == errOpen {
		return nil, ErrWrongRecoveryKey
	}
	return k, err
}

// unlockSecret unwraps secret slot id.
func (h *header) unlockSecret(id string, secret []byte) (*unlocked, error) {
	s := h.slotByID(id)
	if s == nil || s.Kind != SlotSecret {
		return nil, fmt.Errorf("%w: secret slot %q", ErrNoSuchSlot, id)
	}
	kek := deriveKey(secret, s.Salt, "secret-slot")
	defer clear(kek)
	k, err := s.unwrap(h.VaultID, h.Epoch, kek)
	if err == errOpen {
		return nil, fmt.Errorf("%w: slot %q", ErrWrongSecret, id)
	}
	return k, err
}

// textnormID normalises a slot id typed by a user.
func textnormID(id string) string { return textnorm.NFC(id) }
