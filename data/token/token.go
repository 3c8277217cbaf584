// Package token opens a PKCS#11 module (a USB token's driver, e.g. the
// Government CA's token, or SoftHSM2) through github.com/ThalesGroup/crypto11,
// lists the token's certificates with their key pairs and signs with the
// chosen one. The PIN is passed to the module and never kept.
package token

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/ThalesGroup/crypto11"
	"github.com/miekg/pkcs11"
)

// Config says which module and token to open.
type Config struct {
	// Module is the path of the PKCS#11 library (.so, .dll, .dylib).
	Module string
	// Label selects the token by its label; Slot by its slot number.
	// Exactly one must be given.
	Label string
	Slot  *int
}

// Token is an open, logged-in token. Close it when done.
type Token struct {
	ctx    *crypto11.Context
	mu     sync.Mutex
	closed bool
}

// Key is a key pair on the token with its certificate.
type Key struct {
	// Label is the private key's CKA_LABEL ("" if it has none).
	Label string
	// Certificate is the certificate stored with the key (same CKA_ID).
	Certificate *x509.Certificate
	signer      crypto11.Signer
}

// Open loads the module, finds the token and logs in with pin. Errors wrap
// ErrModule, ErrNoToken, ErrTokenNotChosen, ErrWrongPIN, ErrPINLocked,
// ErrTokenRemoved or ErrToken.
func Open(cfg Config, pin string) (*Token, error) {
	if (cfg.Label == "") == (cfg.Slot == nil) {
		return nil, ErrTokenNotChosen
	}
	ctx, err := crypto11.Configure(&crypto11.Config{Path: cfg.Module, TokenLabel: cfg.Label, SlotNumber: cfg.Slot,
		Pin: pin, MaxSessions: 2})
	if err != nil {
		return nil, classify(err)
	}
	return &Token{ctx: ctx}, nil
}

// Close logs out and releases the module; closing again does nothing.
func (t *Token) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	if err := t.ctx.Close(); err != nil {
		return classify(err)
	}
	return nil
}

// Keys lists the token's key pairs that have a certificate.
func (t *Token) Keys() ([]Key, error) {
	pairs, err := t.ctx.FindAllPairedCertificates()
	if err != nil {
		return nil, classify(err)
	}
	keys := make([]Key, 0, len(pairs))
	for _, p := range pairs {
		s, ok := p.PrivateKey.(crypto11.Signer)
		if !ok || p.Leaf == nil {
			continue
		}
		k := Key{Certificate: p.Leaf, signer: s}
		if a, err := t.ctx.GetAttribute(s, crypto11.CkaLabel); err == nil && a != nil {
			k.Label = string(a.Value)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// Find returns the key labelled label, or the only key when label is "".
// ErrNoKey when there is none, ErrKeyNotChosen when label is "" and the
// token holds several.
func (t *Token) Find(label string) (Key, error) {
	keys, err := t.Keys()
	if err != nil {
		return Key{}, err
	}
	if label == "" {
		switch len(keys) {
		case 0:
			return Key{}, ErrNoKey
		case 1:
			return keys[0], nil
		}
		return Key{}, fmt.Errorf("%w: %d keys", ErrKeyNotChosen, len(keys))
	}
	for _, k := range keys {
		if k.Label == label {
			return k, nil
		}
	}
	return Key{}, fmt.Errorf("%w: %q", ErrNoKey, label)
}

// Signer is the key as a crypto.Signer whose errors are this package's
// sentinels (a token pulled out while signing gives ErrTokenRemoved).
func (k Key) Signer() crypto.Signer { return keySigner{k.signer} }

// keySigner translates the token's errors.
type keySigner struct{ s crypto11.Signer }

// Public is the key's public half.
func (k keySigner) Public() crypto.PublicKey { return k.s.Public() }

// Sign signs digest on the token.
func (k keySigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	sig, err := k.s.Sign(rand, digest, opts)
	if err != nil {
		return nil, classify(err)
	}
	return sig, nil
}

// removed are the return values that mean the token or its session went
// away (pulled out, module finalised).
var removed = []pkcs11.Error{pkcs11.CKR_DEVICE_REMOVED, pkcs11.CKR_TOKEN_NOT_PRESENT, pkcs11.CKR_SESSION_HANDLE_INVALID,
	pkcs11.CKR_SESSION_CLOSED, pkcs11.CKR_DEVICE_ERROR, pkcs11.CKR_CRYPTOKI_NOT_INITIALIZED, pkcs11.CKR_TOKEN_NOT_RECOGNIZED,
	pkcs11.CKR_OBJECT_HANDLE_INVALID, pkcs11.CKR_KEY_HANDLE_INVALID, pkcs11.CKR_USER_NOT_LOGGED_IN}

// classify maps a crypto11 or PKCS#11 error to the package's sentinels,
// keeping the original text.
func classify(err error) error {
	var code pkcs11.Error
	if errors.As(err, &code) {
		switch {
		case code == pkcs11.CKR_PIN_INCORRECT || code == pkcs11.CKR_PIN_INVALID || code == pkcs11.CKR_PIN_LEN_RANGE:
			return fmt.Errorf("%w: %w", ErrWrongPIN, err)
		case code == pkcs11.CKR_PIN_LOCKED || code == pkcs11.CKR_PIN_EXPIRED:
			return fmt.Errorf("%w: %w", ErrPINLocked, err)
		case isRemoved(code):
			return fmt.Errorf("%w: %w", ErrTokenRemoved, err)
		}
		return fmt.Errorf("%w: %w", ErrToken, err)
	}
	// crypto11 keeps these unexported; their texts are matched.
	msg := err.Error()
	switch {
	case strings.Contains(msg, "failed to open module") || strings.Contains(msg, "failed to initialize module"):
		return fmt.Errorf("%w: %w", ErrModule, err)
	case strings.Contains(msg, "could not find PKCS#11 token"):
		return fmt.Errorf("%w: %w", ErrNoToken, err)
	case strings.Contains(msg, "closed Context") || strings.Contains(msg, "context is closed"):
		return fmt.Errorf("%w: %w", ErrTokenRemoved, err)
	}
	return fmt.Errorf("%w: %w", ErrToken, err)
}

// isRemoved reports whether code means the token went away.
func isRemoved(code pkcs11.Error) bool {
	for _, c := range removed {
		if code == c {
			return true
		}
	}
	return false
}
