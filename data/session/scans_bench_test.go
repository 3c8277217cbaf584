package session

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"daumoi/data/scanimport/scangen"
)

// BenchmarkImportScanReport imports a Nessus report of 2,000 hosts with 5
// findings each (10,000 findings, about 4 MB) into a vault with a level-3
// system; every round after the first sees the same findings again.
func BenchmarkImportScanReport(b *testing.B) {
	_, s, sys := seedScanVault(b)
	var hosts []nessusHost
	for i := range 2000 {
		ip := fmt.Sprintf("10.%d.%d.%d", 1+i/65536, (i/256)%256, i%256)
		var items []nessusItem
		for j := range 5 {
			items = append(items, nessusItem{port: 1000 + j, severity: 1 + j%4, plugin: fmt.Sprint(50000 + j), name: fmt.Sprintf("Lỗ hổng %d", j)})
		}
		hosts = append(hosts, nessusHost{ip, fmt.Sprintf("host-%d", i), items})
	}
	report := nessusReport(hosts...)
	b.SetBytes(int64(len(report)))
	for b.Loop() {
		res, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
		if err != nil || res.Findings != 10000 {
			b.Fatalf("import: %d findings, %v", res.Findings, err)
		}
	}
}

// BenchmarkImportScanReport100MB imports a generated Nessus report of
// 100,000 findings (about 100 MB; 100 hosts matched to assets, one finding
// in five informational) into a fresh vault, and for comparison one of
// 10,000 findings (10 MB). It reports the peak growth of the Go heap and of
// the process's resident memory during the import, and the size of the
// vault's database files after it. The parser and the staging hold one
// batch of findings at a time; what grows with the report is the vault's
// in-memory database, which holds the findings stored, and the vault's
// compaction (automatic once the journal passes 8 MiB) holds one copy of
// that database while it seals a snapshot.
// BenchmarkReimportScanReport100MB covers a re-scan.
func BenchmarkImportScanReport100MB(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("findings=%d", n), func(b *testing.B) {
			spec := scangen.Spec{Findings: n, PerHost: max(1, n/100)}
			size := reportSize(b, spec)
			b.SetBytes(size)
			var peakHeap, peakRSS uint64
			var vaultSize int64
			for b.Loop() {
				b.StopTimer()
				dir, s, sys := benchScanVault(b, spec)
				b.StartTimer()
				mem := sampleMemory()
				res, err := s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys, Date: "2026-11-20"})
				heap, rss := mem.done()
				peakHeap, peakRSS = max(peakHeap, heap), max(peakRSS, rss)
				if err != nil || res.New != n*4/5 || len(res.Matched) != spec.Hosts() {
					b.Fatalf("%v, result new %d matched %d", err, res.New, len(res.Matched))
				}
				b.StopTimer()
				must(b, s.Close())
				vaultSize = dbFilesSize(b, dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(vaultSize)/(1<<20), "vault-db-MiB")
			b.ReportMetric(float64(peakRSS)/(1<<20), "rss-growth-MiB")
			b.ReportMetric(float64(size)/1e6, "MB/report")
		})
	}
}

// BenchmarkReimportScanReport100MB imports 100,000-finding reports into one
// vault again and again, each naming new plugins: every import stores
// 80,000 new findings and closes the previous 80,000 as fixed by re-scan.
// The vault grows by 80,000 findings a round, so memory here follows the
// vault's size.
func BenchmarkReimportScanReport100MB(b *testing.B) {
	spec := scangen.Spec{Findings: 100_000}
	_, s, sys := benchScanVault(b, spec)
	b.SetBytes(reportSize(b, spec))
	round := 0
	for b.Loop() {
		round++
		spec.PluginBase = round * 1_000_000
		res, err := s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys, Date: "2026-11-20"})
		if err != nil || res.New != 80_000 || (round > 1 && res.Closed != 80_000) {
			b.Fatalf("round %d: %v, result new %d closed %d", round, err, res.New, res.Closed)
		}
	}
}

// benchScanVault is a vault with a level-3 system and one asset per host
// of spec, matched by IP.
func benchScanVault(b *testing.B, spec scangen.Spec) (string, *Session, int64) {
	dir, s, sys := seedScanVault(b)
	for i := range spec.Hosts() {
		a := sampleAsset(fmt.Sprintf("srv-bench-%03d", i))
		a.IPs, a.Systems = []string{spec.HostIP(i)}, []int64{sys.ID}
		if _, err := s.SaveAsset(a); err != nil {
			b.Fatal(err)
		}
	}
	return dir, s, sys.ID
}

// dbFilesSize is the size of a vault's encrypted database: its snapshot
// and journal.
func dbFilesSize(b *testing.B, dir string) int64 {
	var total int64
	for _, name := range []string{"db.snapshot", "db.journal"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		total += fi.Size()
	}
	return total
}

// reportSize is the size in bytes of the Nessus report of spec.
func reportSize(b *testing.B, spec scangen.Spec) int64 {
	size, err := io.Copy(io.Discard, scangen.Nessus(spec))
	if err != nil {
		b.Fatal(err)
	}
	return size
}

// memorySampler records the peak Go heap and resident set growth while it
// runs.
type memorySampler struct {
	stop              chan struct{}
	wg                sync.WaitGroup
	baseHeap          uint64
	baseRSS           uint64
	peakHeap, peakRSS uint64
}

func sampleMemory() *memorySampler {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s := &memorySampler{stop: make(chan struct{}), baseHeap: m.HeapAlloc, baseRSS: residentBytes()}
	s.peakHeap, s.peakRSS = s.baseHeap, s.baseRSS
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			s.peakHeap, s.peakRSS = max(s.peakHeap, m.HeapAlloc), max(s.peakRSS, residentBytes())
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// done stops sampling and returns the peak growth of the heap and of the
// resident set, in bytes.
func (s *memorySampler) done() (heap, rss uint64) {
	close(s.stop)
	s.wg.Wait()
	return s.peakHeap - s.baseHeap, s.peakRSS - s.baseRSS
}

// residentBytes is the process's resident set size from /proc (0 where
// there is none).
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident uint64
	if _, err := fmt.Sscan(string(b), &size, &resident); err != nil {
		return 0
	}
	return resident * uint64(os.Getpagesize())
}

// BenchmarkListFindings80000 lists the 80,000 open findings of an imported
// 100,000-finding report, most severe first, as the findings tab does.
func BenchmarkListFindings80000(b *testing.B) {
	spec := scangen.Spec{Findings: 100_000}
	_, s, sys := benchScanVault(b, spec)
	if _, err := s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys, Date: "2026-11-20"}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		list, err := s.ListFindings(FindingFilter{Status: FindingOpen})
		if err != nil || len(list) != 80_000 || list[0].Severity != "critical" {
			b.Fatalf("%d findings, %v", len(list), err)
		}
	}
}
