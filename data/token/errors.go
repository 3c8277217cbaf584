package token

import "errors"

// Sentinel errors of the token.
var (
	// ErrModule: the PKCS#11 library could not be loaded or initialised.
	ErrModule = errors.New("token: cannot load the PKCS#11 module")
	// ErrTokenNotChosen: neither or both of a token label and a slot given.
	ErrTokenNotChosen = errors.New("token: give exactly one of a token label or a slot")
	// ErrNoToken: no token with that label or in that slot (not plugged in).
	ErrNoToken = errors.New("token: no such token")
	// ErrWrongPIN: the token refused the PIN.
	ErrWrongPIN = errors.New("token: wrong PIN")
	// ErrPINLocked: the PIN is locked or expired after too many attempts.
	ErrPINLocked = errors.New("token: PIN locked")
	// ErrTokenRemoved: the token went away (pulled out) while in use.
	ErrTokenRemoved = errors.New("token: token removed")
	// ErrNoKey: no key pair with a certificate (with that label).
	ErrNoKey = errors.New("token: no such key with a certificate")
	// ErrKeyNotChosen: the token holds several keys and none was chosen.
	ErrKeyNotChosen = errors.New("token: several keys on the token; choose one")
	// ErrToken: any other error of the module.
	ErrToken = errors.New("token: PKCS#11 error")
)
