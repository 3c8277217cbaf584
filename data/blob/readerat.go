package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"filippo.io/age"
)

// ReaderAt is random access to a blob's plaintext, opened by OpenAt. It
// decrypts (and authenticates) only the chunks a read touches, in memory;
// nothing is written to disk.
type ReaderAt struct {
	file  *os.File
	plain io.ReaderAt
	size  int64
}

// OpenAt opens blob id for random access, for readers such as archive/zip
// that need io.ReaderAt. It first reads the whole plaintext once through
// the same decryption key and checks its size and SHA-256 against want
// (errors wrap ErrCorrupt, and ErrMismatch for authentic other content):
// since every later read is authenticated under that same key, it returns
// the content just checked even if the file is replaced meanwhile. The
// caller must Close it.
func (s *Store) OpenAt(id string, want Info) (*ReaderAt, error) {
	if want.ID != "" && want.ID != id {
		return nil, fmt.Errorf("%w: %w: id %s, expected %s", ErrCorrupt, ErrMismatch, id, want.ID)
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	f, err := os.Open(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", id, err)
	}
	r, err := s.decryptAt(f, id, want)
	if err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return r, nil
}

// decryptAt opens f's plaintext for random access and checks it whole.
func (s *Store) decryptAt(f *os.File, id string, want Info) (*ReaderAt, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", id, err)
	}
	plain, size, err := age.DecryptReaderAt(f, st.Size(), s.identities...)
	if err != nil {
		return nil, classifyReadError(id, err)
	}
	if size != want.Size {
		return nil, fmt.Errorf("%w: %w: %s has %d bytes, recorded %d", ErrCorrupt, ErrMismatch, id, size, want.Size)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(plain, 0, size)); err != nil {
		return nil, classifyReadError(id, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); !strings.EqualFold(got, want.SHA256) {
		return nil, fmt.Errorf("%w: %w: %s has SHA-256 %s, recorded %s", ErrCorrupt, ErrMismatch, id, got, want.SHA256)
	}
	return &ReaderAt{file: f, plain: plain, size: size}, nil
}

// ReadAt implements io.ReaderAt over the plaintext.
func (r *ReaderAt) ReadAt(p []byte, off int64) (int, error) { return r.plain.ReadAt(p, off) }

// Size is the plaintext's size in bytes.
func (r *ReaderAt) Size() int64 { return r.size }

// Close closes the blob's file.
func (r *ReaderAt) Close() error { return r.file.Close() }
