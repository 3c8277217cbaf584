package blob

import (
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Environment variables read by BenchmarkPutFile (set by
// packaging/bench/evidence-vs-age.sh).
const (
	// benchFileEnv names the file to import; empty means a generated
	// 64 MiB file.
	benchFileEnv = "DAUMOI_BENCH_FILE"
	// benchStoreEnv names the store folder; empty means a temporary one.
	benchStoreEnv = "DAUMOI_BENCH_STORE"
)

// memLimit is the largest acceptable memory growth for an import of any
// size.
const memLimit = 64 << 20

// BenchmarkPut measures import throughput (MB/s of plaintext) from memory,
// including the fsyncs that make each blob durable.
func BenchmarkPut(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"64KiB", 64 << 10}, {"1MiB", 1 << 20}, {"16MiB", 16 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			s := newTestStore(b)
			data := randomBytes(size.n, 1)
			b.SetBytes(int64(size.n))
			for b.Loop() {
				info, err := s.Put(context.Background(), bytes.NewReader(data), nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Delete(info.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen measures read-back throughput (decrypt and authenticate).
func BenchmarkOpen(b *testing.B) {
	s := newTestStore(b)
	const n = 16 << 20
	info := mustPut(b, s, randomBytes(n, 2))
	buf := make([]byte, 64<<10)
	b.SetBytes(n)
	for b.Loop() {
		rc, err := s.Open(info.ID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyBuffer(io.Discard, rc, buf); err != nil {
			b.Fatal(err)
		}
		rc.Close()
	}
}

// BenchmarkPutLarge imports 1 GiB of pseudo-random data generated on the
// fly (never held in memory) and reports the peak growth of the heap in
// use and of the memory obtained from the OS; it fails above 64 MiB.
func BenchmarkPutLarge(b *testing.B) {
	const size = 1 << 30
	s := newTestStore(b)
	b.SetBytes(size)
	peak := startMemPeak()
	for b.Loop() {
		info, err := s.Put(context.Background(), randomStream(size, 3), peak.sampleEvery(4<<20))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Delete(info.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	reportMem(b, peak)
}

// BenchmarkPutFile imports the file named by DAUMOI_BENCH_FILE (or a
// generated 64 MiB file) into the store folder DAUMOI_BENCH_STORE (or a
// temporary one), reporting MB/s and peak memory growth.
func BenchmarkPutFile(b *testing.B) {
	path := os.Getenv(benchFileEnv)
	if path == "" {
		path = writeRandomFile(b, 64<<20)
	}
	dir := os.Getenv(benchStoreEnv)
	if dir == "" {
		dir = fsxtest.TempDir(b)
	}
	s, err := New(dir, testIdentity(b))
	if err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	peak := startMemPeak()
	for b.Loop() {
		putFile(b, s, path, peak)
	}
	reportMem(b, peak)
}

// putFile imports one file and deletes the blob again, off the clock.
func putFile(b *testing.B, s *Store, path string, peak *memPeak) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, err := s.Put(context.Background(), f, peak.sampleEvery(4<<20))
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer() // deleting 1 GiB is not part of the import
	defer b.StartTimer()
	if err := s.Delete(info.ID); err != nil {
		b.Fatal(err)
	}
}

// writeRandomFile writes n pseudo-random bytes to a temporary file.
func writeRandomFile(b *testing.B, n int64) string {
	path := filepath.Join(fsxtest.TempDir(b), "input")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(f, randomStream(n, 4)); err != nil {
		b.Fatal(err)
	}
	return path
}

// reportMem reports the peaks as metrics and fails above memLimit.
func reportMem(b *testing.B, peak *memPeak) {
	peak.sample()
	b.ReportMetric(mib(peak.peakHeap), "peak-heap-MiB")
	b.ReportMetric(mib(peak.peakSys), "peak-sys-MiB")
	if peak.peakHeap > memLimit || peak.peakSys > memLimit {
		b.Fatalf("memory grew by %.1f MiB heap / %.1f MiB from the OS; limit %d MiB",
			mib(peak.peakHeap), mib(peak.peakSys), memLimit>>20)
	}
}
