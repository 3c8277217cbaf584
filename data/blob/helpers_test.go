package blob

import (
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"

	"filippo.io/age"
)

// fixedIdentity is a test-only identity so that the fuzz seed corpus in
// testdata/ stays decryptable. Never use it for real data.
const fixedIdentity = "AGE-SECRET-KEY-15SM7V52GNPP7L7UECE99H6NGHFVEYNVCYZMANE9LJREH0TCAZT7S6KJNCP"

// testIdentity parses fixedIdentity.
func testIdentity(tb testing.TB) *age.X25519Identity {
	tb.Helper()
	id, err := age.ParseX25519Identity(fixedIdentity)
	if err != nil {
		tb.Fatalf("parse test identity: %v", err)
	}
	return id
}

// newTestStore opens a store in a fresh temporary folder.
func newTestStore(tb testing.TB) *Store {
	tb.Helper()
	s, err := New(fsxtest.TempDir(tb), testIdentity(tb))
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// randomBytes returns n reproducible pseudo-random bytes.
func randomBytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	src := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 1, 2, 3})
	_, _ = src.Read(b)
	return b
}

// randomStream returns a reader of n pseudo-random bytes generated on the
// fly, so that large imports never hold their input in memory.
func randomStream(n int64, seed uint64) io.Reader {
	src := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 9, 9, 9})
	return io.LimitReader(src, n)
}

// mustPut stores data and fails the test on error.
func mustPut(tb testing.TB, s *Store, data []byte) Info {
	tb.Helper()
	info, err := s.Put(context.Background(), bytes.NewReader(data), nil)
	if err != nil {
		tb.Fatalf("Put: %v", err)
	}
	return info
}

// readAll opens blob id and reads it to the end.
func readAll(s *Store, id string) ([]byte, error) {
	rc, err := s.Open(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// memPeak records the peak growth of heap in use and of memory obtained
// from the operating system relative to a baseline taken after a GC.
type memPeak struct {
	baseHeap, baseSys uint64
	peakHeap, peakSys uint64
}

// startMemPeak forces a GC and takes the baseline.
func startMemPeak() *memPeak {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return &memPeak{baseHeap: m.HeapInuse, baseSys: m.Sys}
}

// sample reads the memory statistics and updates the peaks.
func (p *memPeak) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapInuse > p.baseHeap && m.HeapInuse-p.baseHeap > p.peakHeap {
		p.peakHeap = m.HeapInuse - p.baseHeap
	}
	if m.Sys > p.baseSys && m.Sys-p.baseSys > p.peakSys {
		p.peakSys = m.Sys - p.baseSys
	}
}

// sampleEvery returns a progress function that samples memory every step
// bytes of imported plaintext.
func (p *memPeak) sampleEvery(step int64) func(int64) {
	next := int64(0)
	return func(done int64) {
		if done >= next {
			p.sample()
			next = done + step
		}
	}
}

// mib converts bytes to MiB.
func mib(n uint64) float64 { return float64(n) / (1 << 20) }
