package session

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"daumoi/data/registers"
	"daumoi/data/tabular"
)

// reportBenchVault is a vault with 50 systems (levels 1–4, each with an
// assessment of 2026) and 2,000 assets spread over them.
func reportBenchVault(b *testing.B) *Session {
	s := benchVault(b)
	names := map[int64]string{}
	for i := range 50 {
		sys := sampleSystem(fmt.Sprintf("Hệ thống thông tin số %02d của Sở", i+1))
		sys.ProposedLevel = 1 + i%4
		saved, err := s.SaveSystem(sys)
		if err != nil {
			b.Fatal(err)
		}
		names[saved.ID] = saved.Name
		if _, err := s.OpenAssessment(saved.ID, "2026"); err != nil {
			b.Fatal(err)
		}
	}
	rows := benchRows(2000)
	for i := range rows {
		a := registers.Asset{Type: registers.AssetWorkstation, Name: fmt.Sprintf("Máy trạm số %d", i), Hostname: fmt.Sprintf("PC-%05d", i),
			Systems: []int64{int64(1 + i%50)}, LAN: true, Internet: i%2 == 0, StateSecret: i%500 == 0, Responsible: "Nguyễn Văn Ấn", Status: registers.StatusInUse}
		rows[i] = registers.AssetRow(a, "", func(id int64) string { return names[id] })
	}
	var file bytes.Buffer
	if err := tabular.WriteCSV(&file, registers.AssetHeaders(), rows); err != nil {
		b.Fatal(err)
	}
	sheet, err := tabular.ReadCSV(&file, tabular.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		b.Fatal(err)
	}
	if rep, err := s.ImportAssets(sheet, m, ImportOptions{}); err != nil || rep.Imported != 2000 {
		b.Fatalf("%+v, %v", rep, err)
	}
	return s
}

// BenchmarkAnnualReport50Systems2000Assets gathers the annual report's
// figures from a vault of 50 systems and 2,000 assets, lays it out and
// renders the PDF (target: < 2 s).
func BenchmarkAnnualReport50Systems2000Assets(b *testing.B) {
	s := reportBenchVault(b)
	for b.Loop() {
		if _, err := s.RenderReport(ReportRequest{Kind: ReportAnnual, Year: 2026}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssetExtract2000 renders the 2,000-asset register extract.
func BenchmarkAssetExtract2000(b *testing.B) {
	s := reportBenchVault(b)
	for b.Loop() {
		if _, err := s.RenderReport(ReportRequest{Kind: ReportAssets}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
