// Package blob stores evidence files encrypted at rest.
//
// Each blob is one file named by a random 128-bit identifier (32 lower-case
// hex digits) in the store's folder. Its content is the plaintext encrypted
// with the age format (filippo.io/age: an X25519 recipient stanza, then the
// payload in 64 KiB ChaCha20-Poly1305 chunks, the last one flagged), so that
// reading needs the vault's identity and any change to the ciphertext is
// detected when the damaged chunk (or the missing final chunk) is reached.
//
// Import ([Store.Put]) runs in constant memory whatever the size: the reader
// is streamed through SHA-256 and the age writer into a temporary file under
// dir/tmp (ciphertext only), which is fsynced, renamed into place, and the
// folder fsynced. An interrupted import therefore leaves no blob, at most a
// temporary file that [Store.CleanTemp] removes.
//
// Reading ([Store.Open]) returns a stream of plaintext; a reader that reads
// to the end always receives an error wrapping [ErrCorrupt] if the blob was
// tampered with, truncated or extended, never silently short data. Data
// returned before the error comes from chunks that did authenticate, but a
// caller must not trust the stream as a whole until it has seen io.EOF.
package blob
