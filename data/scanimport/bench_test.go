package scanimport

import (
	"io"
	"testing"

	"daumoi/data/scanimport/scangen"
)

// benchFindings is the size of the generated reports: 100,000 findings of
// about 1 KB each, about 100 MB.
const benchFindings = 100_000

// benchReports are the generated reports, as fresh readers.
var benchReports = []struct {
	name   string
	reader func() io.Reader
}{
	{"nessus", func() io.Reader { return scangen.Nessus(scangen.Spec{Findings: benchFindings}) }},
	{"openvas", func() io.Reader { return scangen.OpenVAS(scangen.Spec{Findings: benchFindings, Network: "10.30"}) }},
}

// BenchmarkParse100MB parses generated reports of 100,000 findings (about
// 100 MB) with callbacks that do nothing, and reports the peak heap growth
// sampled with runtime.ReadMemStats while parsing.
func BenchmarkParse100MB(b *testing.B) {
	for _, rep := range benchReports {
		b.Run(rep.name, func(b *testing.B) {
			size, err := io.Copy(io.Discard, rep.reader())
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			heap := sampleHeap()
			for b.Loop() {
				sum, err := Parse(rep.reader(), Options{}, func(Host) error { return nil }, func(Finding) error { return nil })
				if err != nil || sum.Findings != benchFindings || sum.Hosts != (scangen.Spec{Findings: benchFindings}).Hosts() {
					b.Fatalf("err %v, summary %+v", err, sum)
				}
			}
			b.ReportMetric(float64(heap.done())/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(size)/1e6, "MB/report")
		})
	}
}
