package vault

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"unicode"
	"unicode/utf8"

	"filippo.io/age"
)

// formatVersion is the version of the vault format this package writes and
// reads. Version 1 (symmetric keyslots, a vault key that never changed) was
// written only by pre-release builds; it is refused with ErrOldVersion.
const formatVersion = 2

// headerMagic starts the header file. Its last byte stayed 1 in version 2,
// so that every version is told apart by the JSON "version" field.
const headerMagic = "DMVAULT\x01"

// maxSlotField bounds the sealed and age-encrypted fields of a slot.
const maxSlotField = 1024

// maxHeaderBody bounds the JSON body of a header.
const maxHeaderBody = 1 << 20

// vaultIDSize is the size of the random vault id in bytes.
const vaultIDSize = 16

// SlotKind is the kind of a keyslot.
type SlotKind string

// Keyslot kinds.
const (
	SlotPassphrase SlotKind = "passphrase" // a user's passphrase through Argon2id
	SlotRecovery   SlotKind = "recovery"   // the printed recovery code
	SlotSecret     SlotKind = "secret"     // a random secret kept in the OS keyring
)

// recoverySlotID is the id of the single recovery slot.
const recoverySlotID = "recovery"

// maxSlotIDRunes bounds slot ids and user names.
const maxSlotIDRunes = 64

// slot is one keyslot as stored in the header. Its credential (passphrase,
// recovery code, keyring secret) opens Secret, which holds the slot's own
// age identity, its MAC key and the vault's authority public key; the vault
// key itself is age-encrypted to the slot's public recipient, so a rotation
// can give every slot a new vault key without knowing any credential.
type slot struct {
	ID        string     `json:"id"`
	Kind      SlotKind   `json:"kind"`
	Created   string     `json:"created"`
	KDF       *KDFParams `json:"kdf,omitempty"`
	Salt      []byte     `json:"salt"`
	Secret    []byte     `json:"secret"`              // nonce || XChaCha20-Poly1305(KEK, slot secret)
	Recipient string     `json:"recipient"`           // age X25519 recipient of the slot identity
	Wrapped   []byte     `json:"wrapped"`             // age encryption of the vault key to Recipient
	Authority []byte     `json:"authority,omitempty"` // age encryption of the authority key seed to Recipient
	Tag       []byte     `json:"tag"`                 // HMAC-SHA256(slot MAC key, slotTagInput)
}

// header is the decoded header file.
type header struct {
	Version        int    `json:"version"`
	VaultID        string `json:"vault_id"` // 32 lower-case hex digits
	Created        string `json:"created"`
	Epoch          uint32 `json:"epoch"` // key epoch: 1 at Create, +1 per rotation
	Slots          []slot `json:"slots"`
	SlotMACs       []byte `json:"slot_macs"`          // sealed JSON object: slot id -> MAC key
	BlobIdentities []byte `json:"blob_identities"`    // sealed age identities of the blob store, current first
	BackupIdentity []byte `json:"backup_identity"`    // sealed age identity of backups
	NoticeIdentity []byte `json:"notice_identity"`    // sealed age identity of notices
	Previous       []byte `json:"previous,omitempty"` // sealed vault key of epoch-1 (finishing a rotation)
}

// SlotInfo describes a keyslot without any secret.
type SlotInfo struct {
	ID        string
	Kind      SlotKind
	Created   string // RFC 3339, UTC
	Authority bool   // the slot holds the authority key
}

// idBytes returns the vault id as bytes (validated at decode time).
func (h *header) idBytes() []byte {
	b, _ := hex.DecodeString(h.VaultID)
	return b
}

// slotIndex returns the index of slot id, or -1.
func (h *header) slotIndex(id string) int {
	for i := range h.Slots {
		if h.Slots[i].ID == id {
			return i
		}
	}
	return -1
}

// infos lists the slots without secrets.
func (h *header) infos() []SlotInfo {
	out := make([]SlotInfo, 0, len(h.Slots))
	for _, s := range h.Slots {
		out = append(out, SlotInfo{ID: s.ID, Kind: s.Kind, Created: s.Created, Authority: len(s.Authority) > 0})
	}
	return out
}

// clone returns a deep enough copy to edit the slot list.
func (h *header) clone() *header {
	c := *h
	c.Slots = append([]slot(nil), h.Slots...)
	return &c
}

// slotByID returns a pointer to slot id in h, or nil.
func (h *header) slotByID(id string) *slot {
	if i := h.slotIndex(id); i >= 0 {
		return &h.Slots[i]
	}
	return nil
}

// encodeHeader lays out magic | u32 body length | JSON body | HMAC | SHA-256.
// The HMAC-SHA256 under the header MAC key covers everything before it and
// is checked after unlocking; the SHA-256 covers everything before it and is
// checked before, so that damage reads as corruption, not as a wrong key.
func encodeHeader(h *header, macKey []byte) ([]byte, error) {
	body, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("vault: encode header: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(headerMagic)
	_ = binary.Write(&buf, binary.BigEndian, uint32(len(body)))
	buf.Write(body)
	mac := hmac.New(sha256.New, macKey)
	mac.Write(buf.Bytes())
	buf.Write(mac.Sum(nil))
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	return buf.Bytes(), nil
}

// decodedHeader is a header with the bytes its MAC covers.
type decodedHeader struct {
	*header
	authenticated []byte // magic | length | body
	mac           []byte
}

// decodeHeader parses and checks a header file's layout and checksum. Any
// failure wraps ErrCorrupt, except a newer version (ErrUnsupportedVersion).
func decodeHeader(b []byte) (*decodedHeader, error) {
	fixed := len(headerMagic) + 4 + sha256.Size*2
	if len(b) < fixed || string(b[:len(headerMagic)]) != headerMagic {
		return nil, fmt.Errorf("%w: header: bad magic or too short", ErrCorrupt)
	}
	n := binary.BigEndian.Uint32(b[len(headerMagic):])
	if n > maxHeaderBody || int(n) != len(b)-fixed {
		return nil, fmt.Errorf("%w: header: bad length", ErrCorrupt)
	}
	end := len(b) - sha256.Size
	if sum := sha256.Sum256(b[:end]); !hmac.Equal(sum[:], b[end:]) {
		return nil, fmt.Errorf("%w: header: checksum mismatch", ErrCorrupt)
	}
	bodyStart := len(headerMagic) + 4
	h := &header{}
	if err := json.Unmarshal(b[bodyStart:bodyStart+int(n)], h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	if err := h.check(); err != nil {
		return nil, err
	}
	macEnd := end - sha256.Size
	return &decodedHeader{header: h, authenticated: b[:macEnd], mac: b[macEnd:end]}, nil
}

// verifyMAC checks the header MAC under macKey.
func (d *decodedHeader) verifyMAC(macKey []byte) error {
	mac := hmac.New(sha256.New, macKey)
	mac.Write(d.authenticated)
	if !hmac.Equal(mac.Sum(nil), d.mac) {
		return fmt.Errorf("%w: header: authentication failed", ErrCorrupt)
	}
	return nil
}

// check validates the decoded fields.
func (h *header) check() error {
	if h.Version > formatVersion {
		return fmt.Errorf("%w: %d (this program reads up to %d)", ErrUnsupportedVersion, h.Version, formatVersion)
	}
	if h.Version == 1 {
		return ErrOldVersion
	}
	if h.Version != formatVersion || h.Epoch == 0 {
		return fmt.Errorf("%w: header: version %d epoch %d", ErrCorrupt, h.Version, h.Epoch)
	}
	if id, err := hex.DecodeString(h.VaultID); err != nil || len(id) != vaultIDSize {
		return fmt.Errorf("%w: header: bad vault id", ErrCorrupt)
	}
	seen := map[string]bool{}
	for _, s := range h.Slots {
		if err := s.check(); err != nil {
			return err
		}
		if seen[s.ID] {
			return fmt.Errorf("%w: header: duplicate slot %q", ErrCorrupt, s.ID)
		}
		seen[s.ID] = true
	}
	return nil
}

// check validates one slot's fields.
func (s slot) check() error {
	if checkSlotID(s.ID) != nil {
		return fmt.Errorf("%w: header: bad slot id", ErrCorrupt)
	}
	switch s.Kind {
	case SlotPassphrase:
		if s.KDF == nil || s.KDF.validate() != nil {
			return fmt.Errorf("%w: header: slot %q: bad KDF parameters", ErrCorrupt, s.ID)
		}
	case SlotRecovery, SlotSecret:
	default:
		return fmt.Errorf("%w: header: slot %q: unknown kind", ErrCorrupt, s.ID)
	}
	if len(s.Salt) != keySize || len(s.Secret) <= sealOverhead || len(s.Tag) != sha256.Size ||
		len(s.Secret) > maxSlotField || len(s.Wrapped) > maxSlotField || len(s.Authority) > maxSlotField {
		return fmt.Errorf("%w: header: slot %q: bad sizes", ErrCorrupt, s.ID)
	}
	if _, err := age.ParseX25519Recipient(s.Recipient); err != nil {
		return fmt.Errorf("%w: header: slot %q: bad recipient", ErrCorrupt, s.ID)
	}
	return nil
}

// checkSlotID accepts 1 to 64 printable runes of valid UTF-8.
func checkSlotID(id string) error {
	n := utf8.RuneCountInString(id)
	if n == 0 || n > maxSlotIDRunes || !utf8.ValidString(id) {
		return fmt.Errorf("%w: %q", ErrInvalidSlotID, id)
	}
	for _, r := range id {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("%w: %q", ErrInvalidSlotID, id)
		}
	}
	return nil
}

// countKind counts the slots of kind k.
func (h *header) countKind(k SlotKind) int {
	n := 0
	for _, s := range h.Slots {
		if s.Kind == k {
			n++
		}
	}
	return n
}
