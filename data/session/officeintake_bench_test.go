package session

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
)

// BenchmarkIntake500 receives a folder of 500 bundles of about 1 MB each
// (100 agencies × 5 years) into a new office vault; it reports the peak
// heap in use while receiving (sampled) and the process's peak resident
// size. Run: go test ./data/session -run '^$' -bench Intake500 -benchtime 1x
func BenchmarkIntake500(b *testing.B) {
	in := filepath.Join(fsxtest.TempDir(b), "in")
	dir, o := newOfficeVault(b)
	for i, a := range registerSynthetic(b, o, 100) {
		for year := 2022; year <= 2026; year++ {
			a.writeSynthetic(b, in, fmt.Sprintf("goi-%03d-%d.zip", i, year), year, 1<<20)
		}
	}
	o.Close()
	benchIntake(b, dir, in, 500)
}

// BenchmarkIntake200MB receives one bundle with 200 MB of evidence. Not
// part of a normal test run: go test ./data/session -run '^$' -bench
// Intake200MB -benchtime 1x
func BenchmarkIntake200MB(b *testing.B) {
	in := filepath.Join(fsxtest.TempDir(b), "in")
	dir, o := newOfficeVault(b)
	p := registerSynthetic(b, o, 1)[0].writeSynthetic(b, in, "lon.zip", 2026, 200<<20)
	if st, err := os.Stat(p); err != nil || st.Size() < 200<<20 {
		b.Fatalf("bundle of %v bytes: %v", st.Size(), err)
	}
	o.Close()
	benchIntake(b, dir, in, 1)
}

// benchIntake copies the empty office vault for each round, receives the
// folder into it and checks every bundle was accepted.
func benchIntake(b *testing.B, template, in string, want int) {
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(fsxtest.TempDir(b), "office")
		copyDir(b, template, dir)
		s := reopenOfficeB(b, dir)
		stop := sampleHeap(&peak)
		b.StartTimer()
		results, err := s.IntakeFiles(context.Background(), []string{in}, nil)
		b.StopTimer()
		stop()
		must(b, err)
		for _, r := range results {
			if r.Outcome != IntakeAccepted {
				b.Fatalf("%s: %s %v", r.FileName, r.Outcome, r.Reason)
			}
		}
		if len(results) != want {
			b.Fatalf("%d results", len(results))
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(vmHWM(b))/1024, "peak-rss-MiB")
}

// sampleHeap samples HeapInuse every 5 ms into peak until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// vmHWM is the process's peak resident set in KiB (Linux), or 0.
func vmHWM(b *testing.B) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}

// copyDir copies the vault folder src (files and one level of folders).
func copyDir(b *testing.B, src, dst string) {
	b.Helper()
	must(b, os.CopyFS(dst, os.DirFS(src)))
}

func reopenOfficeB(b *testing.B, dir string) *Session {
	b.Helper()
	s, err := Open(dir, Credential{User: "lan", Passphrase: []byte(testPass)}, fixedClock())
	must(b, err)
	return s
}
