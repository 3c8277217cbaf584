package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"daumoi/data/fsx"
	"daumoi/data/fsx/fsxtest"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"filippo.io/age"
)

func TestNewRejectsNilIdentity(t *testing.T) {
	if _, err := New(fsxtest.TempDir(t), nil); !errors.Is(err, ErrNoIdentity) {
		t.Fatalf("New(nil identity) = %v, want ErrNoIdentity", err)
	}
}

func TestNewCreatesFolders(t *testing.T) {
	dir := filepath.Join(fsxtest.TempDir(t), "vault", "blobs")
	if _, err := New(dir, testIdentity(t)); err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, d := range []string{dir, filepath.Join(dir, "tmp")} {
		st, err := os.Stat(d)
		if err != nil || !st.IsDir() {
			t.Fatalf("folder %s not created: %v", d, err)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	const chunk = 64 << 10
	sizes := []struct {
		name string
		size int
	}{
		{"empty", 0},
		{"one byte", 1},
		{"chunk-1", chunk - 1},
		{"chunk", chunk},
		{"chunk+1", chunk + 1},
		{"two chunks", 2 * chunk},
		{"5MiB+3", 5<<20 + 3},
	}
	s := newTestStore(t)
	for i, tc := range sizes {
		t.Run(tc.name, func(t *testing.T) {
			data := randomBytes(tc.size, uint64(i))
			var lastProgress int64
			info, err := s.Put(context.Background(), bytes.NewReader(data), func(done int64) { lastProgress = done })
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			sum := sha256.Sum256(data)
			if info.Size != int64(tc.size) || info.SHA256 != hex.EncodeToString(sum[:]) || !ValidID(info.ID) {
				t.Fatalf("Put info = %+v, want size %d sha %x", info, tc.size, sum)
			}
			if lastProgress != int64(tc.size) {
				t.Errorf("last progress = %d, want %d", lastProgress, tc.size)
			}
			got, err := readAll(s, info.ID)
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			if !bytes.Equal(got, data) {
				t.Fatalf("read back %d bytes differ from the %d stored", len(got), len(data))
			}
			if err := s.Verify(info.ID, info); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

func TestRoundTripWithOneByteReads(t *testing.T) {
	s := newTestStore(t)
	data := randomBytes(70_000, 7)
	info, err := s.Put(context.Background(), iotest.OneByteReader(bytes.NewReader(data)), nil)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	rc, err := s.Open(info.ID)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer rc.Close()
	got, err := io.ReadAll(iotest.OneByteReader(rc))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("one-byte read back: %d bytes, err %v", len(got), err)
	}
}

func TestIDsAreUnique(t *testing.T) {
	s := newTestStore(t)
	seen := map[string]bool{}
	for range 50 {
		info := mustPut(t, s, []byte("same content"))
		if seen[info.ID] {
			t.Fatalf("id %s issued twice", info.ID)
		}
		seen[info.ID] = true
	}
}

func TestVerifyMismatch(t *testing.T) {
	s := newTestStore(t)
	info := mustPut(t, s, []byte("evidence"))
	other := mustPut(t, s, []byte("other"))
	tests := []struct {
		name string
		id   string
		want Info
		err  error
	}{
		{"ok", info.ID, info, nil},
		{"ok without id", info.ID, Info{Size: info.Size, SHA256: info.SHA256}, nil},
		{"ok upper-case hash", info.ID, Info{Size: info.Size, SHA256: strings.ToUpper(info.SHA256)}, nil},
		{"wrong size", info.ID, Info{ID: info.ID, Size: info.Size + 1, SHA256: info.SHA256}, ErrMismatch},
		{"wrong hash", info.ID, Info{ID: info.ID, Size: info.Size, SHA256: other.SHA256}, ErrMismatch},
		{"empty hash", info.ID, Info{ID: info.ID, Size: info.Size}, ErrMismatch},
		{"other blob's info", info.ID, other, ErrMismatch},
		{"missing blob", strings.Repeat("0", 32), Info{}, ErrNotFound},
		{"invalid id", "../x", Info{}, ErrInvalidID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Verify(tc.id, tc.want)
			if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
				t.Fatalf("Verify = %v, want %v", err, tc.err)
			}
		})
	}
}

func TestInvalidIDs(t *testing.T) {
	s := newTestStore(t)
	valid := mustPut(t, s, []byte("x")).ID
	bad := []string{
		"",
		"..",
		"../" + valid[3:],
		"../../etc/passwd",
		"/etc/passwd",
		"/" + valid[1:],
		`C:\Windows\` + valid[:21],
		`..\` + valid[3:],
		"tmp",
		valid[:31],
		valid + "0",
		strings.ToUpper(valid),
		valid[:31] + "g",
		valid[:31] + "/",
		valid[:30] + "\x00a",
		" " + valid[1:],
		strings.Repeat("é", 16),
	}
	for _, id := range bad {
		if _, err := s.Open(id); !errors.Is(err, ErrInvalidID) {
			t.Errorf("Open(%q) = %v, want ErrInvalidID", id, err)
		}
		if err := s.Delete(id); !errors.Is(err, ErrInvalidID) {
			t.Errorf("Delete(%q) = %v, want ErrInvalidID", id, err)
		}
		if err := s.Verify(id, Info{}); !errors.Is(err, ErrInvalidID) {
			t.Errorf("Verify(%q) = %v, want ErrInvalidID", id, err)
		}
	}
}

func TestOpenAndDeleteMissing(t *testing.T) {
	s := newTestStore(t)
	missing := strings.Repeat("ab", 16)
	if _, err := s.Open(missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(missing) = %v, want ErrNotFound", err)
	}
	if err := s.Delete(missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(missing) = %v, want ErrNotFound", err)
	}
}

func TestListAndDelete(t *testing.T) {
	s := newTestStore(t)
	a := mustPut(t, s, []byte("a")).ID
	b := mustPut(t, s, []byte("b")).ID
	// Files that are not blobs are ignored by List.
	if err := os.WriteFile(filepath.Join(s.dir, "README"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(s.dir, strings.Repeat("c", 32)), 0o700); err != nil {
		t.Fatal(err)
	}
	ids, err := s.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	want := []string{a, b}
	if a > b {
		want = []string{b, a}
	}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Fatalf("List = %v, want %v", ids, want)
	}
	if err := s.Delete(a); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Open(a); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Open after Delete = %v, want ErrNotFound", err)
	}
	ids, err = s.List()
	if err != nil || len(ids) != 1 || ids[0] != b {
		t.Fatalf("List after Delete = %v, %v; want [%s]", ids, err, b)
	}
}

func TestEmptyStoreListsNothing(t *testing.T) {
	ids, err := newTestStore(t).List()
	if err != nil || ids == nil || len(ids) != 0 {
		t.Fatalf("List = %#v, %v; want empty non-nil", ids, err)
	}
}

func TestNoPlaintextAtRest(t *testing.T) {
	s := newTestStore(t)
	marker := []byte("BÍ-MẬT-MARKER-7f3a9c")
	small := append([]byte("header "), marker...)
	// A large one with the marker in several chunks, and a cancelled one.
	large := bytes.Repeat(append(marker, randomBytes(1000, 1)...), 300)
	mustPut(t, s, small)
	mustPut(t, s, large)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.Put(ctx, io.MultiReader(bytes.NewReader(large), cancellingReader{cancel}, bytes.NewReader(large)), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Put = %v, want context.Canceled", err)
	}
	files := 0
	err = filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(content, marker) {
			t.Errorf("plaintext marker found in %s", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 2 {
		t.Fatalf("found %d files under the store, want 2 blobs", files)
	}
}

// cancellingReader cancels its context when read, then reports EOF so that
// the next reader of a MultiReader is read.
type cancellingReader struct{ cancel context.CancelFunc }

func (c cancellingReader) Read([]byte) (int, error) {
	c.cancel()
	return 0, io.EOF
}

func TestCancelledPutLeavesNoBlob(t *testing.T) {
	tests := []struct {
		name   string
		cancel func(context.CancelFunc) io.Reader
	}{
		{"before start", func(c context.CancelFunc) io.Reader { c(); return bytes.NewReader(randomBytes(100, 1)) }},
		{"in the middle", func(c context.CancelFunc) io.Reader {
			return io.MultiReader(randomStream(300_000, 2), cancellingReader{c}, randomStream(300_000, 3))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			info, err := s.Put(ctx, tc.cancel(cancel), nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Put = %+v, %v; want context.Canceled", info, err)
			}
			assertEmptyStore(t, s)
		})
	}
}

func TestFailingSourceLeavesNoBlob(t *testing.T) {
	s := newTestStore(t)
	boom := errors.New("disk unplugged")
	_, err := s.Put(context.Background(), io.MultiReader(randomStream(200_000, 4), iotest.ErrReader(boom)), nil)
	if !errors.Is(err, boom) {
		t.Fatalf("Put = %v, want the source's error", err)
	}
	assertEmptyStore(t, s)
}

// assertEmptyStore fails unless the store has no blob and no temporary file.
func assertEmptyStore(t *testing.T, s *Store) {
	t.Helper()
	ids, err := s.List()
	if err != nil || len(ids) != 0 {
		t.Fatalf("List = %v, %v; want no blob", ids, err)
	}
	tmp, err := os.ReadDir(s.tmpDir)
	if err != nil || len(tmp) != 0 {
		t.Fatalf("tmp folder holds %d entries (%v), want none", len(tmp), err)
	}
}

func TestCleanTemp(t *testing.T) {
	s := newTestStore(t)
	kept := mustPut(t, s, []byte("kept"))
	// Leftovers of a crashed import: a file and a stray folder.
	for _, name := range []string{"put-123.tmp", "put-456.tmp"} {
		if err := os.WriteFile(filepath.Join(s.tmpDir, name), []byte("ciphertext"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(s.tmpDir, "stray", "deep"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.CleanTemp(); err != nil {
		t.Fatalf("CleanTemp: %v", err)
	}
	entries, err := os.ReadDir(s.tmpDir)
	if err != nil || len(entries) != 0 {
		t.Fatalf("tmp folder after CleanTemp: %d entries, %v", len(entries), err)
	}
	if err := s.Verify(kept.ID, kept); err != nil {
		t.Fatalf("blob damaged by CleanTemp: %v", err)
	}
}

func TestCleanTempSparesRunningImport(t *testing.T) {
	s := newTestStore(t)
	data := randomBytes(300_000, 5)
	cleaned := false
	progress := func(done int64) {
		if !cleaned && done > 100_000 {
			cleaned = true
			if err := s.CleanTemp(); err != nil {
				t.Errorf("CleanTemp during import: %v", err)
			}
		}
	}
	info, err := s.Put(context.Background(), bytes.NewReader(data), progress)
	if err != nil || !cleaned {
		t.Fatalf("Put with CleanTemp in the middle = %v (cleaned %v)", err, cleaned)
	}
	if err := s.Verify(info.ID, info); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

func TestBlobFromAnotherIdentityIsCorrupt(t *testing.T) {
	dir := fsxtest.TempDir(t)
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := New(dir, other)
	if err != nil {
		t.Fatal(err)
	}
	info := mustPut(t, foreign, []byte("someone else's"))
	s, err := New(dir, testIdentity(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Open(info.ID)
	var noMatch *age.NoIdentityMatchError
	if !errors.Is(err, ErrCorrupt) || !errors.As(err, &noMatch) {
		t.Fatalf("Open(foreign blob) = %v, want ErrCorrupt wrapping NoIdentityMatchError", err)
	}
}

func TestBlobFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix mode bits: on Windows a file's access is its folder's ACL (the user's profile), not its mode")
	}
	s := newTestStore(t)
	info := mustPut(t, s, []byte("x"))
	st, err := os.Stat(s.path(info.ID))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Fatalf("blob file mode %v, want no group/other access", perm)
	}
}

// TestImportMemoryIsConstant imports 64 MiB generated on the fly and checks
// that the heap does not grow with the size (the 1 GiB case is
// BenchmarkPutLarge).
func TestImportMemoryIsConstant(t *testing.T) {
	const size = int64(64 << 20)
	s := newTestStore(t)
	peak := startMemPeak()
	info, err := s.Put(context.Background(), randomStream(size, 11), peak.sampleEvery(1<<20))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	peak.sample()
	if info.Size != size {
		t.Fatalf("size %d, want %d", info.Size, size)
	}
	t.Logf("import of %d MiB: peak heap-in-use growth %.1f MiB, peak Sys growth %.1f MiB", size>>20, mib(peak.peakHeap), mib(peak.peakSys))
	if peak.peakHeap > 16<<20 {
		t.Fatalf("heap grew by %.1f MiB importing %d MiB; want < 16 MiB", mib(peak.peakHeap), size>>20)
	}
	if peak.peakSys > 64<<20 {
		t.Fatalf("memory from the OS grew by %.1f MiB; want < 64 MiB", mib(peak.peakSys))
	}
}

func TestConcurrentPutsAndCleanTemp(t *testing.T) {
	s := newTestStore(t)
	const workers = 6
	type result struct {
		data []byte
		info Info
		err  error
	}
	results := make(chan result, workers)
	for i := range workers {
		go func() {
			data := randomBytes(200_000+i*1000, uint64(100+i))
			info, err := s.Put(context.Background(), bytes.NewReader(data), func(int64) {
				if err := s.CleanTemp(); err != nil {
					t.Errorf("CleanTemp: %v", err)
				}
			})
			results <- result{data, info, err}
		}()
	}
	for range workers {
		r := <-results
		if r.err != nil {
			t.Fatalf("Put: %v", r.err)
		}
		got, err := readAll(s, r.info.ID)
		if err != nil || !bytes.Equal(got, r.data) {
			t.Fatalf("read back %s: %d bytes, %v", r.info.ID, len(got), err)
		}
	}
	if ids, err := s.List(); err != nil || len(ids) != workers {
		t.Fatalf("List = %d ids, %v; want %d", len(ids), err, workers)
	}
}

func TestPutFailsCleanlyWhenFoldersAreGone(t *testing.T) {
	tests := []struct {
		name   string
		remove func(s *Store) string
	}{
		{"tmp folder removed", func(s *Store) string { return s.tmpDir }},
		{"store folder removed", func(s *Store) string { return s.dir }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			if err := fsx.RemoveAll(tc.remove(s)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Put(context.Background(), bytes.NewReader([]byte("x")), nil); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("Put = %v, want an error wrapping fs.ErrNotExist", err)
			}
		})
	}
}

// TestCancelWhileSourceBlocks cancels an import whose source is blocked in
// Read: Put returns the cancellation once that Read returns, and the
// source is never read after Put has returned.
func TestCancelWhileSourceBlocks(t *testing.T) {
	s := newTestStore(t)
	src := &gatedReader{release: make(chan struct{}), entered: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.Put(ctx, src, nil)
		done <- err
	}()
	<-src.entered
	cancel()
	close(src.release)
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Put = %v, want context.Canceled", err)
	}
	readsAtReturn := src.reads.Load()
	time.Sleep(50 * time.Millisecond) // a leaked reader would read again at once
	if n := src.reads.Load(); n != readsAtReturn {
		t.Fatalf("source read %d times after Put returned", n-readsAtReturn)
	}
	assertEmptyStore(t, s)
}

// gatedReader blocks its first Read until release is closed, then returns
// a full buffer; it counts reads.
type gatedReader struct {
	release chan struct{}
	entered chan struct{}
	reads   atomic.Int32
}

func (g *gatedReader) Read(p []byte) (int, error) {
	if g.reads.Add(1) == 1 {
		close(g.entered)
		<-g.release
	}
	<-g.release
	return len(p), nil
}

func TestPutRefusesNilReaderAndAcceptsNilContext(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.Put(context.Background(), nil, nil); err == nil {
		t.Fatal("Put(nil reader) succeeded")
	}
	//lint:ignore SA1012 checking that a nil context does not panic
	info, err := s.Put(nil, bytes.NewReader([]byte("x")), nil) //nolint:staticcheck
	if err != nil || info.Size != 1 {
		t.Fatalf("Put(nil ctx) = %+v, %v", info, err)
	}
	assertNoTemp(t, s)
}

// assertNoTemp fails if the tmp folder holds anything.
func assertNoTemp(t *testing.T, s *Store) {
	t.Helper()
	tmp, err := os.ReadDir(s.tmpDir)
	if err != nil || len(tmp) != 0 {
		t.Fatalf("tmp folder holds %d entries (%v), want none", len(tmp), err)
	}
}
