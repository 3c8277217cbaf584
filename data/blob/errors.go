package blob

import "errors"

// Sentinel errors. Callers test them with errors.Is; the wrapped error adds
// detail for logs.
var (
	// ErrInvalidID is returned when an identifier is not exactly 32
	// lower-case hex digits (this rejects path traversal and absolute paths).
	ErrInvalidID = errors.New("blob: invalid blob id")
	// ErrNotFound is returned when no blob has the given identifier.
	ErrNotFound = errors.New("blob: blob not found")
	// ErrCorrupt is returned when a blob cannot be decrypted and
	// authenticated: tampered, truncated, extended, not an age file, or
	// encrypted to another identity.
	ErrCorrupt = errors.New("blob: blob is corrupt or was tampered with")
	// ErrMismatch is returned by Verify when a blob decrypts correctly but
	// its size or SHA-256 differs from the expected one.
	ErrMismatch = errors.New("blob: blob content does not match the expected size or SHA-256")
	// ErrNoIdentity is returned by New when the identity is nil.
	ErrNoIdentity = errors.New("blob: no identity given")
)
