// Package signing holds a manager's signing key pair: Ed25519 in the minisign
// format (aead.dev/minisign), so that anything it signs can be checked with
// the standard minisign tool as well as with daumoi.
//
// The secret key is only ever stored encrypted with its owner's passphrase:
// inside the vault sealed with Argon2id and XChaCha20-Poly1305
// (SealSecretKey, about half a second to open), and in key files for other
// tools with minisign's own key encryption (EncryptSecretKey: scrypt and
// BLAKE2b as minisign defines them, about 3 s here), so such a .key file
// works with `minisign -S`. The package takes and returns bytes; where they
// are kept is the caller's business.
package signing

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"aead.dev/minisign"

	"daumoi/data/textnorm"
)

// Sentinel errors of the package.
var (
	// ErrWrongPassphrase means the encrypted secret key is well formed but
	// the passphrase does not open it.
	ErrWrongPassphrase = errors.New("signing: wrong passphrase for the secret key")
	// ErrMalformedKey means the bytes are not a minisign key of the
	// expected kind.
	ErrMalformedKey = errors.New("signing: malformed key")
	// ErrMalformedSignature means the bytes are not a minisign signature.
	ErrMalformedSignature = errors.New("signing: malformed signature")
	// ErrBadSignature means the signature does not match the message and
	// key.
	ErrBadSignature = errors.New("signing: signature does not match")
	// ErrEmptyPassphrase means no passphrase was given to protect a key.
	ErrEmptyPassphrase = errors.New("signing: empty passphrase")
)

// maxKeyText bounds the size of a key or signature file we parse.
const maxKeyText = 4096

// Layout of a decoded minisign encrypted secret key (see minisign's
// documentation): signature algorithm, KDF algorithm, checksum algorithm,
// salt, scrypt opslimit and memlimit, then the encrypted key id, key and
// checksum.
const (
	secretKeySize   = 158
	publicKeySize   = 42
	kdfScrypt       = 0x6353 // "Sc"
	checksumBlake2b = 0x3242 // "B2"
)

// PublicKey is a manager's public key: it verifies signatures.
type PublicKey struct {
	key minisign.PublicKey
}

// SecretKey is a manager's decrypted secret key: it signs.
type SecretKey struct {
	key minisign.PrivateKey
}

// GenerateKey creates a new key pair from the operating system's random
// source.
func GenerateKey() (PublicKey, SecretKey, error) {
	pub, priv, err := minisign.GenerateKey(nil)
	if err != nil {
		return PublicKey{}, SecretKey{}, fmt.Errorf("signing: generating a key: %w", err)
	}
	return PublicKey{key: pub}, SecretKey{key: priv}, nil
}

// Public returns the public half of the key pair.
func (s SecretKey) Public() PublicKey {
	return PublicKey{key: s.key.Public().(minisign.PublicKey)}
}

// KeyID returns the key's 64-bit id in upper-case hexadecimal, 16 digits,
// as the minisign tool prints it.
func (s SecretKey) KeyID() string { return FormatKeyID(s.key.ID()) }

// IsZero reports whether s holds no key (the zero SecretKey).
func (s SecretKey) IsZero() bool { return s.key.Equal(minisign.PrivateKey{}) }

// EncryptSecretKey protects the secret key with passphrase (normalised to
// NFC) and returns it in minisign's encrypted secret-key file format.
func EncryptSecretKey(s SecretKey, passphrase []byte) ([]byte, error) {
	if len(passphrase) == 0 {
		return nil, ErrEmptyPassphrase
	}
	out, err := minisign.EncryptKey(textnorm.NFC(string(passphrase)), s.key)
	if err != nil {
		return nil, fmt.Errorf("signing: encrypting the secret key: %w", err)
	}
	return append(out, '\n'), nil
}

// DecryptSecretKey opens an encrypted secret key made by EncryptSecretKey or
// by `minisign -G`. A key that is not in that format fails with
// ErrMalformedKey; a passphrase that does not open it with
// ErrWrongPassphrase.
func DecryptSecretKey(encrypted, passphrase []byte) (SecretKey, error) {
	if err := checkSecretKeyShape(encrypted); err != nil {
		return SecretKey{}, err
	}
	key, err := minisign.DecryptKey(textnorm.NFC(string(passphrase)), encrypted)
	if err != nil {
		return SecretKey{}, ErrWrongPassphrase
	}
	return SecretKey{key: key}, nil
}

// checkSecretKeyShape parses the file's structure so that a damaged file is
// told apart from a wrong passphrase.
func checkSecretKeyShape(text []byte) error {
	raw, err := decodeKeyText(text, "secret key")
	if err != nil {
		return err
	}
	if len(raw) != secretKeySize {
		return fmt.Errorf("%w: secret key of %d bytes", ErrMalformedKey, len(raw))
	}
	if binary.LittleEndian.Uint16(raw[0:]) != minisign.EdDSA ||
		binary.LittleEndian.Uint16(raw[2:]) != kdfScrypt ||
		binary.LittleEndian.Uint16(raw[4:]) != checksumBlake2b {
		return fmt.Errorf("%w: not an encrypted Ed25519 minisign secret key", ErrMalformedKey)
	}
	return nil
}

// decodeKeyText returns the base64 payload of a minisign key file: an
// optional "untrusted comment:" line, then one base64 line.
func decodeKeyText(text []byte, what string) ([]byte, error) {
	if len(text) > maxKeyText {
		return nil, fmt.Errorf("%w: %s file too large", ErrMalformedKey, what)
	}
	lines := strings.Split(strings.TrimRight(string(text), "\r\n"), "\n")
	if len(lines) == 2 && strings.HasPrefix(lines[0], "untrusted comment:") {
		lines = lines[1:]
	}
	if len(lines) != 1 {
		return nil, fmt.Errorf("%w: %s: expected one base64 line", ErrMalformedKey, what)
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSpace(lines[0]))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformedKey, what, err)
	}
	return raw, nil
}

// ParsePublicKey reads a public key in minisign's .pub text form (with or
// without its comment line) or as the bare base64 string `minisign -P`
// takes.
func ParsePublicKey(text []byte) (PublicKey, error) {
	raw, err := decodeKeyText(text, "public key")
	if err != nil {
		return PublicKey{}, err
	}
	if len(raw) != publicKeySize || binary.LittleEndian.Uint16(raw) != minisign.EdDSA {
		return PublicKey{}, fmt.Errorf("%w: not an Ed25519 minisign public key", ErrMalformedKey)
	}
	var key minisign.PublicKey
	if err := key.UnmarshalText([]byte(base64.StdEncoding.EncodeToString(raw))); err != nil {
		return PublicKey{}, fmt.Errorf("%w: %v", ErrMalformedKey, err)
	}
	return PublicKey{key: key}, nil
}

// MarshalText returns the key in the standard .pub file form:
// "untrusted comment: minisign public key XXXXXXXXXXXXXXXX", then the base64
// key, then a line break.
func (p PublicKey) MarshalText() ([]byte, error) {
	return []byte("untrusted comment: minisign public key " + p.KeyID() + "\n" + p.key.String() + "\n"), nil
}

// String returns the bare base64 form that `minisign -P` takes.
func (p PublicKey) String() string { return p.key.String() }

// KeyID returns the key's 64-bit id in upper-case hexadecimal, 16 digits,
// as the minisign tool prints it.
func (p PublicKey) KeyID() string { return FormatKeyID(p.key.ID()) }

// ID returns the key's 64-bit id.
func (p PublicKey) ID() uint64 { return p.key.ID() }

// Equal reports whether p and q are the same key.
func (p PublicKey) Equal(q PublicKey) bool { return p.key.Equal(q.key) }

// FormatKeyID renders a minisign key id as 16 upper-case hex digits.
func FormatKeyID(id uint64) string { return fmt.Sprintf("%016X", id) }

// Fingerprint is what a manager reads out, or prints, when registering a
// public key with the receiving office, and what the office compares.
type Fingerprint struct {
	// KeyID is the minisign key id in groups of four hex digits,
	// e.g. "1A2B 3C4D 5E6F 7081".
	KeyID string
	// SHA256 is the SHA-256 of the decoded public key (algorithm, id and
	// Ed25519 key, 42 bytes), in groups of four hex digits.
	SHA256 string
}

// Fingerprint returns the key's fingerprint for registration.
func (p PublicKey) Fingerprint() Fingerprint {
	raw, _ := base64.StdEncoding.DecodeString(p.key.String())
	sum := sha256.Sum256(raw)
	return Fingerprint{KeyID: groupBy4(p.KeyID()), SHA256: groupBy4(strings.ToUpper(hex.EncodeToString(sum[:])))}
}

func groupBy4(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// Sign signs message with the secret key in minisign's pre-hashed format
// (BLAKE2b-512, the default of minisign 0.10 and later) and returns the
// .minisig text. trustedComment is signed too; line breaks in it are
// replaced by spaces, since the format keeps it on one line.
func Sign(s SecretKey, message []byte, trustedComment string) []byte {
	r := minisign.NewReader(bytes.NewReader(message))
	_, _ = io.Copy(io.Discard, r) // reading a bytes.Reader cannot fail
	comment := strings.NewReplacer("\r", " ", "\n", " ").Replace(trustedComment)
	return r.SignWithComments(s.key, comment, "signature from daumoi secret key "+s.KeyID())
}

// Signature is the readable part of a .minisig file.
type Signature struct {
	// KeyID is the id of the key that claims to have signed (a hint to
	// find the public key, not proof of anything).
	KeyID string
	// ID is KeyID as a number.
	ID uint64
	// TrustedComment is the signed comment; trust it only after Verify.
	TrustedComment string
}

// ParseSignature reads a .minisig file without verifying it.
func ParseSignature(sig []byte) (Signature, error) {
	if len(sig) > maxKeyText {
		return Signature{}, fmt.Errorf("%w: too large", ErrMalformedSignature)
	}
	var s minisign.Signature
	if err := s.UnmarshalText(sig); err != nil {
		return Signature{}, fmt.Errorf("%w: %v", ErrMalformedSignature, err)
	}
	return Signature{KeyID: FormatKeyID(s.KeyID), ID: s.KeyID, TrustedComment: s.TrustedComment}, nil
}

// Verify checks that sig is pub's signature of message, trusted comment
// included, and returns the signature's readable part.
func Verify(pub PublicKey, message, sig []byte) (Signature, error) {
	s, err := ParseSignature(sig)
	if err != nil {
		return Signature{}, err
	}
	if s.ID != pub.ID() {
		return Signature{}, fmt.Errorf("%w: signed by key %s, not %s", ErrBadSignature, s.KeyID, pub.KeyID())
	}
	if !minisign.Verify(pub.key, message, sig) {
		return Signature{}, ErrBadSignature
	}
	return s, nil
}
