package session

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
)

// BenchmarkProvinceAnnualPDF200 builds and renders the annual consolidated
// report of a province of 200 agencies (each with an annual bundle
// received) as PDF. Must stay under 3 s. Run: go test ./data/session
// -run '^$' -bench ProvinceAnnualPDF200 -benchtime 3x
func BenchmarkProvinceAnnualPDF200(b *testing.B) {
	in := filepath.Join(fsxtest.TempDir(b), "in")
	_, o := newOfficeVault(b)
	for i, a := range registerSynthetic(b, o, 200) {
		a.writeSynthetic(b, in, fmt.Sprintf("goi-%03d.zip", i), 2026, 0)
	}
	if _, err := o.IntakeFiles(context.Background(), []string{in}, nil); err != nil {
		b.Fatal(err)
	}
	req := SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-18")}
	var size int
	for b.Loop() {
		var pdf bytes.Buffer
		start := time.Now()
		if _, err := o.RenderProvinceSummary(req, &pdf); err != nil {
			b.Fatal(err)
		}
		if d := time.Since(start); d > 3*time.Second {
			b.Errorf("200 agencies: %v, want < 3 s", d)
		}
		size = pdf.Len()
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}
