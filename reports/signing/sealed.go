package signing

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	"aead.dev/minisign"
	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/text/unicode/norm"
)

// KDF are the Argon2id parameters of a sealed secret key.
type KDF struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// sealedMagic starts a sealed secret key.
const sealedMagic = "DMSK\x00\x01\x00\x00"

// Limits on the parameters read from a sealed key, so that a forged one
// cannot make the program compute or allocate without bound.
const (
	maxSealTime      = 64
	maxSealMemoryKiB = 4 << 20
	maxSealThreads   = 16
	sealSaltSize     = 16
)

// SealSecretKey protects a secret key for storage inside the vault: the
// unencrypted minisign form of the key is encrypted with XChaCha20-Poly1305
// (x/crypto) under a key derived from the passphrase (normalised to NFC) by
// Argon2id with the given parameters, which are stored with it. It is the
// construction of the vault's own keyslots; it opens in about half a second
// with the vault's default parameters, where minisign's own encryption
// (EncryptSecretKey: scrypt with 1 GiB) takes about 3 s here — more than a
// bundle may take. Key files meant for other tools keep minisign's format.
func SealSecretKey(s SecretKey, passphrase []byte, p KDF) ([]byte, error) {
	if len(passphrase) == 0 {
		return nil, ErrEmptyPassphrase
	}
	plain, err := s.key.MarshalText()
	if err != nil {
		return nil, fmt.Errorf("signing: sealing the secret key: %w", err)
	}
	defer clear(plain)
	salt := make([]byte, sealSaltSize)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	header := sealHeader(p, salt)
	aead, err := sealAEAD(passphrase, salt, p)
	if err != nil {
		return nil, err
	}
	out := append(append(header, nonce...), aead.Seal(nil, nonce, plain, header)...)
	return out, nil
}

func sealHeader(p KDF, salt []byte) []byte {
	h := []byte(sealedMagic)
	h = binary.LittleEndian.AppendUint32(h, p.Time)
	h = binary.LittleEndian.AppendUint32(h, p.MemoryKiB)
	h = append(h, p.Threads)
	return append(h, salt...)
}

func sealAEAD(passphrase, salt []byte, p KDF) (interface {
	Seal(dst, nonce, plaintext, ad []byte) []byte
	Open(dst, nonce, ciphertext, ad []byte) ([]byte, error)
}, error) {
	// A copy: norm.NFC.Bytes returns its input when it is already NFC, and
	// the caller's passphrase is not ours to wipe.
	pass := append([]byte(nil), norm.NFC.Bytes(passphrase)...)
	defer clear(pass)
	key := argon2.IDKey(pass, salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
	defer clear(key)
	return chacha20poly1305.NewX(key)
}

// IsSealed reports whether stored is a sealed secret key (SealSecretKey)
// rather than minisign's encrypted format.
func IsSealed(stored []byte) bool { return bytes.HasPrefix(stored, []byte(sealedMagic)) }

// OpenSecretKey opens a stored secret key, sealed by SealSecretKey or in
// minisign's encrypted format (EncryptSecretKey). A damaged key fails with
// ErrMalformedKey, a passphrase that does not open it with
// ErrWrongPassphrase.
func OpenSecretKey(stored, passphrase []byte) (SecretKey, error) {
	if !IsSealed(stored) {
		return DecryptSecretKey(stored, passphrase)
	}
	headerLen := len(sealedMagic) + 4 + 4 + 1 + sealSaltSize
	if len(stored) < headerLen+chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return SecretKey{}, fmt.Errorf("%w: sealed secret key too short", ErrMalformedKey)
	}
	header, rest := stored[:headerLen], stored[headerLen:]
	p := KDF{
		Time:      binary.LittleEndian.Uint32(header[8:]),
		MemoryKiB: binary.LittleEndian.Uint32(header[12:]),
		Threads:   header[16],
	}
	if p.Time == 0 || p.Time > maxSealTime || p.MemoryKiB < 8 || p.MemoryKiB > maxSealMemoryKiB || p.Threads == 0 || p.Threads > maxSealThreads {
		return SecretKey{}, fmt.Errorf("%w: sealed secret key parameters out of range", ErrMalformedKey)
	}
	aead, err := sealAEAD(passphrase, header[17:], p)
	if err != nil {
		return SecretKey{}, err
	}
	nonce, ct := rest[:chacha20poly1305.NonceSizeX], rest[chacha20poly1305.NonceSizeX:]
	plain, err := aead.Open(nil, nonce, ct, header)
	if err != nil {
		return SecretKey{}, ErrWrongPassphrase
	}
	defer clear(plain)
	var key minisign.PrivateKey
	if err := key.UnmarshalText(plain); err != nil {
		return SecretKey{}, fmt.Errorf("%w: sealed secret key: %v", ErrMalformedKey, err)
	}
	return SecretKey{key: key}, nil
}
