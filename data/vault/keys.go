package vault

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// keySize is the size of the vault key and of every derived key.
const keySize = 32

// Purposes of the keys derived from the vault key with HKDF-SHA256.
const (
	purposeSnapshot     = "snapshot"
	purposeJournal      = "journal"
	purposeHeaderMAC    = "header-mac"
	purposeBlobIdentity = "blob-identity"
	purposeBackup       = "backup-identity"
	purposeNotice       = "notice-identity"
	purposeSlotMACs     = "slot-macs"
	purposePrevious     = "previous-key"
)

// hkdfInfoPrefix separates this format's HKDF outputs from any other use.
const hkdfInfoPrefix = "daumoi vault v2 "

// subkeys holds the per-purpose keys derived from the vault key.
type subkeys struct {
	vault, snapshot, journal, headerMAC, blobIdentity, backup, notice, slotMACs, previous []byte
}

// deriveKey derives a 32-byte key from secret for purpose, salted with salt.
func deriveKey(secret, salt []byte, purpose string) []byte {
	out := make([]byte, keySize)
	r := hkdf.New(sha256.New, secret, salt, []byte(hkdfInfoPrefix+purpose))
	if _, err := io.ReadFull(r, out); err != nil {
		// HKDF-SHA256 can produce 8160 bytes; 32 never fails.
		panic("vault: hkdf: " + err.Error())
	}
	return out
}

// newSubkeys derives every per-purpose key from the vault key, salted with
// the vault id. It keeps its own copy of vaultKey.
func newSubkeys(vaultKey, vaultID []byte) *subkeys {
	return &subkeys{
		vault:        append([]byte(nil), vaultKey...),
		snapshot:     deriveKey(vaultKey, vaultID, purposeSnapshot),
		journal:      deriveKey(vaultKey, vaultID, purposeJournal),
		headerMAC:    deriveKey(vaultKey, vaultID, purposeHeaderMAC),
		blobIdentity: deriveKey(vaultKey, vaultID, purposeBlobIdentity),
		backup:       deriveKey(vaultKey, vaultID, purposeBackup),
		notice:       deriveKey(vaultKey, vaultID, purposeNotice),
		slotMACs:     deriveKey(vaultKey, vaultID, purposeSlotMACs),
		previous:     deriveKey(vaultKey, vaultID, purposePrevious),
	}
}

// wipe zeroes every key. Go may have copied key bytes elsewhere (the GC moves
// nothing, but the AEAD keeps an expanded copy); this is the best Go allows.
func (k *subkeys) wipe() {
	if k == nil {
		return
	}
	for _, b := range [][]byte{k.vault, k.snapshot, k.journal, k.headerMAC, k.blobIdentity, k.backup, k.notice, k.slotMACs, k.previous} {
		clear(b)
	}
}

// randomBytes returns n bytes from crypto/rand.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return b
}

// seal encrypts plaintext with XChaCha20-Poly1305 under key, binding ad, and
// returns nonce || ciphertext.
func seal(key, plaintext, ad []byte) []byte {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		panic("vault: key size: " + err.Error()) // keys are always 32 bytes
	}
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	out := make([]byte, 0, len(nonce)+len(plaintext)+aead.Overhead())
	out = append(out, nonce...)
	return aead.Seal(out, nonce, plaintext, ad)
}

// sealInPlace seals buf[NonceSizeX:] where it lies, after writing a fresh
// nonce into buf[:NonceSizeX], and returns the result in seal's layout.
// buf needs chacha20poly1305.Overhead bytes of spare capacity, so a large
// plaintext is not copied.
func sealInPlace(key, buf, ad []byte) []byte {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		panic("vault: key size: " + err.Error()) // keys are always 32 bytes
	}
	nonce, pt := buf[:aead.NonceSize()], buf[aead.NonceSize():]
	copy(nonce, randomBytes(len(nonce)))
	aead.Seal(pt[:0], nonce, pt, ad)
	return buf[:len(buf)+aead.Overhead()]
}

// errOpen is returned by open when authentication fails; callers map it to
// the sentinel that fits (wrong passphrase, corrupt file, ...).
var errOpen = errors.New("authentication failed")

// open reverses seal.
func open(key, sealed, ad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, errOpen
	}
	if len(sealed) < aead.NonceSize()+aead.Overhead() {
		return nil, errOpen
	}
	nonce, ct := sealed[:aead.NonceSize()], sealed[aead.NonceSize():]
	pt, err := aead.Open(nil, nonce, ct, ad)
	if err != nil {
		return nil, errOpen
	}
	return pt, nil
}

// sealOverhead is the number of bytes seal adds to its plaintext.
const sealOverhead = chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead
