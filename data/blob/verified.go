package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"filippo.io/age"
)

// OpenVerified is Open for a blob whose size and SHA-256 the caller
// recorded when it was stored: reading fails with an error wrapping
// ErrCorrupt and ErrMismatch as soon as more than want.Size bytes come out,
// and at the end of the stream, instead of io.EOF, when the size or the
// SHA-256 differ. A reader that reached io.EOF has therefore returned
// exactly the recorded content, authenticated. Anyone can encrypt a file to
// the store's public recipient; only the record (kept by the vault, under
// its key) tells the real content from a substitute.
func (s *Store) OpenVerified(id string, want Info) (io.ReadCloser, error) {
	if want.ID != "" && want.ID != id {
		return nil, fmt.Errorf("%w: %w: id %s, expected %s", ErrCorrupt, ErrMismatch, id, want.ID)
	}
	rc, err := s.Open(id)
	if err != nil {
		return nil, err
	}
	return &verifiedReader{rc: rc, id: id, want: want, h: sha256.New()}, nil
}

// verifiedReader checks size and SHA-256 of what it passes through.
type verifiedReader struct {
	rc   io.ReadCloser
	id   string
	want Info
	h    hash.Hash
	n    int64
	err  error
}

// Read passes the plaintext on and checks it against the record.
func (r *verifiedReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.rc.Read(p)
	r.h.Write(p[:n])
	r.n += int64(n)
	if r.n > r.want.Size {
		r.err = r.mismatch(fmt.Sprintf("more than the recorded %d bytes", r.want.Size))
		return 0, r.err
	}
	if errors.Is(err, io.EOF) {
		if r.n != r.want.Size {
			r.err = r.mismatch(fmt.Sprintf("%d bytes, recorded %d", r.n, r.want.Size))
			return n, r.err
		}
		if got := hex.EncodeToString(r.h.Sum(nil)); !strings.EqualFold(got, r.want.SHA256) {
			r.err = r.mismatch("SHA-256 " + got + ", recorded " + r.want.SHA256)
			return n, r.err
		}
	}
	if err != nil {
		r.err = err
	}
	return n, err
}

// mismatch is the error for content that is not the recorded one.
func (r *verifiedReader) mismatch(what string) error {
	return fmt.Errorf("%w: %w: %s has %s", ErrCorrupt, ErrMismatch, r.id, what)
}

// Close closes the underlying blob.
func (r *verifiedReader) Close() error { return r.rc.Close() }

// VerifyFile decrypts the blob ciphertext read from r (normally the open
// file of blob want.ID) completely and checks it against want, like
// Verify; it lets a caller check and then copy the same open file.
func (s *Store) VerifyFile(r io.Reader, want Info) error {
	plain, err := age.Decrypt(r, s.identities...)
	if err != nil {
		return classifyReadError(want.ID, err)
	}
	vr := &verifiedReader{rc: io.NopCloser(plain), id: want.ID, want: want, h: sha256.New()}
	if _, err := io.Copy(io.Discard, vr); err != nil {
		if errors.Is(err, ErrCorrupt) {
			return err
		}
		return classifyReadError(want.ID, err)
	}
	return nil
}
