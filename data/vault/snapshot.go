package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// snapshotMagic starts the snapshot file; the u32 key epoch follows it.
const snapshotMagic = "DMVSNAP\x02"

// snapshotPrefixSize is the size of magic and epoch.
const snapshotPrefixSize = len(snapshotMagic) + 4

// snapshot is the decrypted content of a snapshot file: the SQLite database
// image and the journal position it includes.
type snapshot struct {
	Seq  uint64            // sequence number of the last transaction included
	Head [sha256.Size]byte // hash of that transaction's journal record (zero if none)
	DB   []byte            // sqlite3_serialize image
}

// snapshotAD binds a snapshot to its vault and key epoch.
func snapshotAD(vaultID []byte, epoch uint32) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(snapshotMagic), vaultID...), epoch)
}

// sealSnapshot lays out magic | u32 epoch | nonce |
// XChaCha20-Poly1305(seq | head | db). The database image is copied once,
// into the buffer it is sealed in.
func sealSnapshot(key, vaultID []byte, epoch uint32, s snapshot) []byte {
	prefix := snapshotPrefixSize + chacha20poly1305.NonceSizeX
	size := prefix + 8 + sha256.Size + len(s.DB)
	out := make([]byte, size, size+chacha20poly1305.Overhead)
	copy(out, snapshotMagic)
	binary.BigEndian.PutUint32(out[len(snapshotMagic):], epoch)
	pt := out[prefix:]
	binary.BigEndian.PutUint64(pt, s.Seq)
	copy(pt[8:], s.Head[:])
	copy(pt[8+sha256.Size:], s.DB)
	sealed := sealInPlace(key, out[snapshotPrefixSize:], snapshotAD(vaultID, epoch))
	return out[:snapshotPrefixSize+len(sealed)]
}

// snapshotEpoch returns the key epoch a snapshot file says it is sealed in.
func snapshotEpoch(b []byte) (uint32, error) {
	if len(b) < snapshotPrefixSize || !bytes.HasPrefix(b, []byte(snapshotMagic)) {
		return 0, fmt.Errorf("%w: snapshot: bad magic", ErrCorrupt)
	}
	return binary.BigEndian.Uint32(b[len(snapshotMagic):]), nil
}

// openSnapshot reverses sealSnapshot with the key of the file's epoch (which
// the caller checked); any failure wraps ErrCorrupt.
func openSnapshot(key, vaultID, b []byte) (snapshot, error) {
	epoch, err := snapshotEpoch(b)
	if err != nil {
		return snapshot{}, err
	}
	pt, err := open(key, b[snapshotPrefixSize:], snapshotAD(vaultID, epoch))
	if err != nil || len(pt) < 8+sha256.Size {
		return snapshot{}, fmt.Errorf("%w: snapshot: authentication failed", ErrCorrupt)
	}
	s := snapshot{Seq: binary.BigEndian.Uint64(pt), DB: pt[8+sha256.Size:]}
	copy(s.Head[:], pt[8:])
	return s, nil
}
