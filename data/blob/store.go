package blob

import (
	"bufio"
	"context"
	"crypto/sha256"
	"daumoi/data/fsx"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"filippo.io/age"
)

// tmpDirName is the folder, inside the store's folder, that holds imports
// in progress.
const tmpDirName = "tmp"

// tmpPattern names temporary files (os.CreateTemp replaces the "*").
const tmpPattern = "put-*.tmp"

// writeBufSize batches the encrypted chunks into large writes.
const writeBufSize = 1 << 20

// Store is a folder of encrypted blobs. It is safe for concurrent use by
// several goroutines; one process at a time must own the folder (the vault's
// lock guarantees this).
type Store struct {
	dir        string
	tmpDir     string
	identities []age.Identity // the current identity first, then older ones
	recipient  *age.X25519Recipient

	mu       sync.Mutex
	inFlight map[string]struct{} // base names of temp files of running imports
}

// Info describes a stored blob: its identifier and the size and SHA-256
// (lower-case hex) of its plaintext.
type Info struct {
	ID     string
	Size   int64
	SHA256 string
}

// New opens the blob store in dir (normally <vault>/blobs), creating dir and
// dir/tmp if needed. New blobs are encrypted to identity's recipient; blobs
// are decrypted with identity or, for blobs written before a key rotation,
// with one of the older identities.
func New(dir string, identity *age.X25519Identity, older ...*age.X25519Identity) (*Store, error) {
	if identity == nil {
		return nil, ErrNoIdentity
	}
	ids := []age.Identity{identity}
	for _, o := range older {
		if o == nil {
			return nil, ErrNoIdentity
		}
		ids = append(ids, o)
	}
	tmpDir := filepath.Join(dir, tmpDirName)
	if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return nil, fmt.Errorf("blob: create store folder: %w", err)
	}
	return &Store{
		dir:        dir,
		tmpDir:     tmpDir,
		identities: ids,
		recipient:  identity.Recipient(),
		inFlight:   make(map[string]struct{}),
	}, nil
}

// Put encrypts everything read from r into a new blob and returns its
// identifier, plaintext size and SHA-256. progress, if not nil, is called
// from Put's goroutine with the number of plaintext bytes imported so far,
// after every 256 KiB. Put stops with an error wrapping ctx.Err() when ctx
// is cancelled; r is read by a helper goroutine, and Put returns only once
// that goroutine has finished its current Read, so r is never used after
// Put returns (a Read that blocks forever therefore blocks Put). On any
// error no blob is created and the temporary file is removed.
func (s *Store) Put(ctx context.Context, r io.Reader, progress func(done int64)) (Info, error) {
	if r == nil {
		return Info{}, errors.New("blob: Put without a reader")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	f, err := s.createTemp()
	if err != nil {
		return Info{}, err
	}
	defer s.forgetTemp(f.Name())
	info, err := s.fill(ctx, f, r, progress)
	if err == nil {
		err = s.commit(f, info.ID)
	}
	if err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return Info{}, err
	}
	return info, nil
}

// createTemp creates a temporary file in the tmp folder and records it as
// in flight so that CleanTemp leaves it alone.
func (s *Store) createTemp() (*os.File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.CreateTemp(s.tmpDir, tmpPattern)
	if err != nil {
		return nil, fmt.Errorf("blob: create temporary file: %w", err)
	}
	s.inFlight[filepath.Base(f.Name())] = struct{}{}
	return f, nil
}

// forgetTemp removes a temporary file from the in-flight set.
func (s *Store) forgetTemp(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inFlight, filepath.Base(name))
}

// fill streams r into f through a three-stage pipeline: a goroutine reads
// the source ahead (readAhead), another hashes each buffer (asyncHash)
// while this one encrypts and writes the same buffer. On a machine with
// two cores or more, reading and SHA-256 then cost little wall time.
func (s *Store) fill(ctx context.Context, f *os.File, r io.Reader, progress func(int64)) (Info, error) {
	out := bufio.NewWriterSize(&earlyWriter{f: f}, writeBufSize)
	w, err := age.Encrypt(out, s.recipient)
	if err != nil {
		return Info{}, fmt.Errorf("blob: start encryption: %w", err)
	}
	h := startAsyncHash()
	defer h.stop()
	size, err := pump(ctx, r, w, h, progress)
	if err != nil {
		return Info{}, err
	}
	if err := w.Close(); err != nil {
		return Info{}, fmt.Errorf("blob: finish encryption: %w", err)
	}
	if err := out.Flush(); err != nil {
		return Info{}, fmt.Errorf("blob: write blob: %w", err)
	}
	return Info{ID: newID(), Size: size, SHA256: h.sum()}, nil
}

// pump copies r to w, hashing every buffer with h while w encrypts it, and
// returns the number of bytes copied.
func pump(ctx context.Context, r io.Reader, w io.Writer, h *asyncHash, progress func(int64)) (int64, error) {
	src := startReadAhead(ctx, r)
	defer src.stop()
	var size int64
	for {
		p, err := src.next(ctx)
		if err != nil {
			return size, err
		}
		h.start(p.data)
		_, err = w.Write(p.data)
		h.wait()
		src.release(p)
		if err != nil {
			return size, fmt.Errorf("blob: write blob: %w", err)
		}
		size += int64(len(p.data))
		if progress != nil && len(p.data) > 0 {
			progress(size)
		}
		if p.last {
			return size, nil
		}
	}
}

// commit makes the temporary file f durable under the name id.
func (s *Store) commit(f *os.File, id string) error {
	if err := f.Sync(); err != nil {
		return fmt.Errorf("blob: sync temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("blob: close temporary file: %w", err)
	}
	final := s.path(id)
	if err := os.Rename(f.Name(), final); err != nil {
		return fmt.Errorf("blob: move blob into place: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		_ = os.Remove(final)
		return err
	}
	return nil
}

// path returns the file name of blob id, which must be valid.
func (s *Store) path(id string) string {
	return filepath.Join(s.dir, id)
}

// Open returns the plaintext of blob id as a stream. Reading returns an
// error wrapping ErrCorrupt as soon as a damaged chunk is reached, or at the
// end if the blob was truncated or extended. The caller must Close it.
func (s *Store) Open(id string) (io.ReadCloser, error) {
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
	plain, err := age.Decrypt(f, s.identities...)
	if err != nil {
		_ = f.Close()
		return nil, classifyReadError(id, err)
	}
	return &plainReader{id: id, file: f, plain: plain}, nil
}

// Verify decrypts blob id completely and checks that its size and SHA-256
// equal want's. It returns an error wrapping ErrNotFound, ErrInvalidID,
// ErrCorrupt (cannot be authenticated) or ErrMismatch (authentic but not
// the expected content; also when want.ID is set and differs from id).
func (s *Store) Verify(id string, want Info) error {
	if want.ID != "" && want.ID != id {
		return fmt.Errorf("%w: id %s, expected %s", ErrMismatch, id, want.ID)
	}
	rc, err := s.Open(id)
	if err != nil {
		return err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	if err != nil {
		return err
	}
	if n != want.Size {
		return fmt.Errorf("%w: %s has %d bytes, expected %d", ErrMismatch, id, n, want.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); !strings.EqualFold(got, want.SHA256) {
		return fmt.Errorf("%w: %s has SHA-256 %s, expected %s", ErrMismatch, id, got, want.SHA256)
	}
	return nil
}

// Delete removes blob id durably. It returns an error wrapping ErrNotFound
// if there is no such blob.
func (s *Store) Delete(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	err := os.Remove(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return fmt.Errorf("blob: delete %s: %w", id, err)
	}
	return syncDir(s.dir)
}

// List returns the identifiers of all blobs, sorted. Files whose names are
// not identifiers are ignored.
func (s *Store) List() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("blob: list store folder: %w", err)
	}
	ids := []string{}
	for _, e := range entries {
		if e.Type().IsRegular() && ValidID(e.Name()) {
			ids = append(ids, e.Name())
		}
	}
	return ids, nil
}

// CleanTemp removes temporary files left by interrupted imports. Imports
// running in this Store are left alone.
func (s *Store) CleanTemp() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	entries, err := os.ReadDir(s.tmpDir)
	if err != nil {
		return fmt.Errorf("blob: list temporary folder: %w", err)
	}
	var errs []error
	for _, e := range entries {
		if _, busy := s.inFlight[e.Name()]; busy {
			continue
		}
		if err := fsx.RemoveAll(filepath.Join(s.tmpDir, e.Name())); err != nil {
			errs = append(errs, fmt.Errorf("blob: remove temporary file: %w", err))
		}
	}
	return errors.Join(errs...)
}

// plainReader is the plaintext stream returned by Open.
type plainReader struct {
	id    string
	file  *os.File
	plain io.Reader
}

// Read implements io.Reader; errors other than io.EOF are classified.
func (p *plainReader) Read(b []byte) (int, error) {
	n, err := p.plain.Read(b)
	if err != nil && err != io.EOF {
		err = classifyReadError(p.id, err)
	}
	return n, err
}

// Close closes the underlying file.
func (p *plainReader) Close() error {
	return p.file.Close()
}

// classifyReadError wraps an error from decrypting blob id: operating system
// read errors stay I/O errors, everything else means the ciphertext is bad.
func classifyReadError(id string, err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("blob: read %s: %w", id, err)
	}
	return fmt.Errorf("%w: %s: %w", ErrCorrupt, id, err)
}
