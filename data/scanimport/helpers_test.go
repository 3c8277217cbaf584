package scanimport

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
)

// parseResult is what one Parse call produced.
type parseResult struct {
	sum      Summary
	err      error
	hosts    []Host
	findings []Finding
}

// parseWithin runs Parse and fails the test if it does not return within d:
// hostile input must never hang the parser.
func parseWithin(t testing.TB, d time.Duration, r io.Reader, opts Options) parseResult {
	t.Helper()
	done := make(chan parseResult, 1)
	go func() {
		var res parseResult
		res.sum, res.err = Parse(r, opts,
			func(h Host) error { res.hosts = append(res.hosts, h); return nil },
			func(f Finding) error { res.findings = append(res.findings, f); return nil })
		done <- res
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(d):
		t.Fatalf("Parse did not return within %v", d)
		return parseResult{}
	}
}

// parseFile parses a file of testdata.
func parseFile(t *testing.T, name string) parseResult {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parseWithin(t, 10*time.Second, f, Options{})
}

// heapSampler records the peak heap in use while it runs.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	base uint64
	peak uint64
}

// sampleHeap starts sampling runtime.MemStats.HeapAlloc every few
// milliseconds, after a GC so the base is what the caller already holds.
func sampleHeap() *heapSampler {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s := &heapSampler{stop: make(chan struct{}), base: m.HeapAlloc, peak: m.HeapAlloc}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			s.peak = max(s.peak, m.HeapAlloc)
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// done stops sampling and returns the peak growth over the base in bytes.
func (s *heapSampler) done() uint64 {
	close(s.stop)
	s.wg.Wait()
	if s.peak < s.base {
		return 0
	}
	return s.peak - s.base
}

// mib formats bytes as MiB.
func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
