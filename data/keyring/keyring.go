// Package keyring keeps small secrets in the operating system's keyring
// ("remember on this computer"): the Secret Service (GNOME Keyring, KWallet)
// on Linux, the Credential Manager on Windows, the Keychain on macOS.
//
// It wraps github.com/zalando/go-keyring and adds what the vault needs:
//
//   - every call runs with a timeout (default [DefaultTimeout]): a Secret
//     Service that never answers, or an unlock prompt nobody can see, makes
//     the call fail with [ErrTimeout] instead of hanging the application;
//   - [Keyring.Available] says whether the feature can be offered, and if
//     not, why, in a short English reason the user interface can show;
//   - secrets are bytes, stored base64-encoded, and refused with
//     [ErrTooLarge] if the stored form would not fit the smallest platform
//     limit (Windows: 2560 bytes of credential blob);
//   - failures are the sentinel errors below, so the caller can tell
//     "not stored here" from "no keyring" from "timed out".
//
// A call that times out leaves its goroutine blocked inside the D-Bus
// library until the service answers (go-keyring offers no cancellation);
// the application stays responsive, and it is the caller's choice to stop
// offering the feature. A Set that timed out may still complete later.
package keyring

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"daumoi/data/textnorm"

	gokeyring "github.com/zalando/go-keyring"
)

// DefaultTimeout bounds every keyring call made by a Keyring from New.
const DefaultTimeout = 3 * time.Second

// MaxStoredSize is the largest stored (base64) form of a secret, in bytes:
// the Windows Credential Manager limit for a credential blob.
const MaxStoredSize = 2560

// MaxSecretSize is the largest secret, in bytes, whose base64 form fits
// MaxStoredSize.
const MaxSecretSize = MaxStoredSize / 4 * 3

// stuckReason is the reason given while a timed-out call is still waiting.
const stuckReason = "timed out (an earlier call is still waiting for the keyring)"

// probeAccount is the account Available looks up: it is never stored, so
// a working keyring answers "not found".
const probeAccount = "daumoi-availability-probe"

// Sentinel errors. Callers test them with errors.Is.
var (
	// ErrNotFound is returned when no secret is stored for the account.
	ErrNotFound = errors.New("keyring: no secret stored for this account")
	// ErrUnavailable is returned when no keyring service can be used (no
	// session bus, no Secret Service, locked collection, refused access).
	// Reason(err) gives the same short reason Available gives.
	ErrUnavailable = errors.New("keyring: the system keyring is not available")
	// ErrTimeout is returned when the keyring did not answer within the
	// Keyring's Timeout, or at once while an earlier call that timed out
	// is still waiting. Reason(err) tells which.
	ErrTimeout = errors.New("keyring: the system keyring did not answer in time")
	// ErrTooLarge is returned by Set when the secret's stored form would
	// exceed MaxStoredSize bytes.
	ErrTooLarge = errors.New("keyring: secret too large for the system keyring")
	// ErrInvalidAccount is returned when the account name is empty.
	ErrInvalidAccount = errors.New("keyring: empty account name")
	// ErrMalformed is returned by Get when the stored value is not the
	// base64 form written by Set (another program wrote it).
	ErrMalformed = errors.New("keyring: stored secret is not in the expected format")
)

// Keyring stores secrets under one service name in the system keyring.
// The zero Timeout means DefaultTimeout.
//
// After a call has timed out, and until that call finally returns, further
// calls fail at once with ErrTimeout instead of piling up more blocked
// goroutines behind the same stuck service. A Keyring must not be copied.
type Keyring struct {
	// Service names the application in the keyring, e.g. "daumoi".
	Service string
	// Timeout bounds each call; zero means DefaultTimeout.
	Timeout time.Duration

	stuck atomic.Int32 // calls that timed out and have not returned yet
}

// New returns a Keyring for service with the default timeout.
func New(service string) *Keyring {
	return &Keyring{Service: textnorm.NFC(service), Timeout: DefaultTimeout}
}

// Available reports whether the keyring answers and can be used. When it
// cannot, reason says why in short English, e.g. "no D-Bus session bus",
// "no Secret Service answered", "collection locked", "timed out after 3s".
// It looks up an account that is never stored, so it changes nothing
// (a locked collection may show the system's unlock prompt).
func (k *Keyring) Available() (bool, string) {
	_, err := k.Get(probeAccount)
	if err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, ErrMalformed) {
		return true, ""
	}
	return false, Reason(err)
}

// Set stores secret for account, replacing any previous one. It returns
// ErrTooLarge if the base64 form of secret exceeds MaxStoredSize bytes.
func (k *Keyring) Set(account string, secret []byte) error {
	account, err := checkAccount(account)
	if err != nil {
		return err
	}
	encoded := base64.StdEncoding.EncodeToString(secret)
	if len(encoded) > MaxStoredSize {
		return fmt.Errorf("%w: %d bytes stored, limit %d (secret limit %d)",
			ErrTooLarge, len(encoded), MaxStoredSize, MaxSecretSize)
	}
	return k.call("set", func() (string, error) {
		return "", gokeyring.Set(k.Service, account, encoded)
	}, nil)
}

// Get returns the secret stored for account.
func (k *Keyring) Get(account string) ([]byte, error) {
	account, err := checkAccount(account)
	if err != nil {
		return nil, err
	}
	var encoded string
	err = k.call("get", func() (string, error) {
		return gokeyring.Get(k.Service, account)
	}, &encoded)
	if err != nil {
		return nil, err
	}
	secret, err := base64.StdEncoding.Strict().DecodeString(encoded)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return secret, nil
}

// Delete removes the secret stored for account; ErrNotFound if none.
func (k *Keyring) Delete(account string) error {
	account, err := checkAccount(account)
	if err != nil {
		return err
	}
	return k.call("delete", func() (string, error) {
		return "", gokeyring.Delete(k.Service, account)
	}, nil)
}

// checkAccount normalises account to NFC and refuses an empty one.
func checkAccount(account string) (string, error) {
	account = textnorm.NFC(account)
	if account == "" {
		return "", ErrInvalidAccount
	}
	return account, nil
}

// timeout returns the effective timeout.
func (k *Keyring) timeout() time.Duration {
	if k.Timeout <= 0 {
		return DefaultTimeout
	}
	return k.Timeout
}

// result carries the outcome of a keyring operation across goroutines.
type result struct {
	value string
	err   error
}

// call runs op in its own goroutine and waits at most the timeout. On
// success the value is stored in *value when value is not nil. Errors are
// translated to this package's sentinels.
func (k *Keyring) call(name string, op func() (string, error), value *string) error {
	if k.stuck.Load() > 0 {
		return &reasonError{sentinel: ErrTimeout, op: name, reason: stuckReason}
	}
	done := make(chan result, 1) // buffered: a late answer never blocks
	go func() {
		v, err := op()
		done <- result{v, err}
	}()
	timer := time.NewTimer(k.timeout())
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return translate(name, r.err)
		}
		if value != nil {
			*value = r.value
		}
		return nil
	case <-timer.C:
		k.stuck.Add(1)
		go func() {
			<-done
			k.stuck.Add(-1)
		}()
		return &reasonError{sentinel: ErrTimeout, op: name, reason: fmt.Sprintf("timed out after %s", k.timeout())}
	}
}

// translate maps a go-keyring error to a sentinel.
func translate(name string, err error) error {
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return fmt.Errorf("%w (%s)", ErrNotFound, name)
	case errors.Is(err, gokeyring.ErrSetDataTooBig):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	default:
		return &reasonError{sentinel: ErrUnavailable, op: name, reason: platformReason(err), err: err}
	}
}

// reasonError is an ErrUnavailable or ErrTimeout with the short reason
// it happened.
type reasonError struct {
	sentinel error
	op       string
	reason   string
	err      error // underlying error, may be nil
}

// Error implements error.
func (e *reasonError) Error() string {
	msg := fmt.Sprintf("%v: %s: %s", e.sentinel, e.op, e.reason)
	if e.err != nil {
		msg += ": " + e.err.Error()
	}
	return msg
}

// Unwrap lets errors.Is find the sentinel and the underlying error.
func (e *reasonError) Unwrap() []error {
	if e.err == nil {
		return []error{e.sentinel}
	}
	return []error{e.sentinel, e.err}
}

// Reason returns the short English reason carried by an ErrUnavailable or
// ErrTimeout error from this package ("no D-Bus session bus", "collection
// locked", "timed out after 3s", ...), the same text Available gives, or
// "" for any other error.
func Reason(err error) string {
	var r *reasonError
	if errors.As(err, &r) {
		return r.reason
	}
	return ""
}
