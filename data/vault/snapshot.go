package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// snapshotMagic starts the snapshot file.
const snapshotMagic = "DMVSNAP\x01"

// snapshot is the decrypted content of a snapshot file: the SQLite database
// image and the journal position it includes.
type snapshot struct {
	Seq  uint64            // sequence number of the last transaction included
	Head [sha256.Size]byte // hash of that transaction's journal record (zero if none)
	DB   []byte            // sqlite3_serialize image
}

// snapshotAD binds a snapshot to its vault.
func snapshotAD(vaultID []byte) []byte {
	return append([]byte(snapshotMagic), vaultID...)
}

// sealSnapshot lays out magic | nonce | XChaCha20-Poly1305(seq | head | db).
// The database image is copied once, into the buffer it is sealed in.
func sealSnapshot(key, vaultID []byte, s snapshot) []byte {
	prefix := len(snapshotMagic) + chacha20poly1305.NonceSizeX
	size := prefix + 8 + sha256.Size + len(s.DB)
	out := make([]byte, size, size+chacha20poly1305.Overhead)
	copy(out, snapshotMagic)
	pt := out[prefix:]
	binary.BigEndian.PutUint64(pt, s.Seq)
	copy(pt[8:], s.Head[:])
	copy(pt[8+sha256.Size:], s.DB)
	sealed := sealInPlace(key, out[len(snapshotMagic):], snapshotAD(vaultID))
	return out[:len(snapshotMagic)+len(sealed)]
}

// openSnapshot reverses sealSnapshot; any failure wraps ErrCorrupt.
func openSnapshot(key, vaultID, b []byte) (snapshot, error) {
	if !bytes.HasPrefix(b, []byte(snapshotMagic)) {
		return snapshot{}, fmt.Errorf("%w: snapshot: bad magic", ErrCorrupt)
	}
	pt, err := open(key, b[len(snapshotMagic):], snapshotAD(vaultID))
	if err != nil || len(pt) < 8+sha256.Size {
		return snapshot{}, fmt.Errorf("%w: snapshot: authentication failed", ErrCorrupt)
	}
	s := snapshot{Seq: binary.BigEndian.Uint64(pt), DB: pt[8+sha256.Size:]}
	copy(s.Head[:], pt[8:])
	return s, nil
}
