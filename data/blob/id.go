package blob

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// idBytes is the number of random bytes in a blob identifier.
const idBytes = 16

// idLen is the length of a blob identifier in hex digits.
const idLen = 2 * idBytes

// newID returns a fresh random identifier.
func newID() string {
	var b [idBytes]byte
	rand.Read(b[:]) // never returns an error (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b[:])
}

// ValidID reports whether id has the exact identifier format: 32 lower-case
// hex digits. Anything else (separators, "..", upper case, other lengths) is
// refused before it reaches the file system.
func ValidID(id string) bool {
	if len(id) != idLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// checkID returns an error wrapping ErrInvalidID when id is not valid.
func checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("%w: %q", ErrInvalidID, id)
	}
	return nil
}
