package session

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"daumoi/data/registers"
	"daumoi/data/tabular"
)

// BenchmarkObligations50Systems10000Assets evaluates the obligations of
// the shipped packs for 50 systems (levels 1–4), 10,000 assets, 200
// activities and 20 expiring evidence files (target: < 200 ms).
func BenchmarkObligations50Systems10000Assets(b *testing.B) {
	s := benchVault(b)
	var file bytes.Buffer
	if err := tabular.WriteCSV(&file, registers.AssetHeaders(), benchRows(10_000)); err != nil {
		b.Fatal(err)
	}
	sheet, err := tabular.ReadCSV(bytes.NewReader(file.Bytes()), tabular.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		b.Fatal(err)
	}
	if rep, err := s.ImportAssets(sheet, m, ImportOptions{Strict: true}); err != nil || rep.Imported != 10_000 {
		b.Fatalf("%+v, %v", rep, err)
	}
	for i := range 50 {
		sys := sampleSystem(fmt.Sprintf("Hệ thống số %d", i))
		sys.ProposedLevel, sys.GoLiveDate = 1+i%4, "2024-01-01"
		if _, err := s.SaveSystem(sys); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 200 {
		kind := []string{"vulnerability_scan", "threat_hunt", "drill", "security_inspection"}[i%4]
		a := Activity{Kind: kind, SystemID: int64(1 + i%50), Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3).Format(time.DateOnly)}
		if _, err := s.RecordActivity(a); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 20 {
		e, err := s.AddEvidence(context.Background(), strings.NewReader("chứng thư"), EvidenceMeta{FileName: fmt.Sprintf("ct-%d.pdf", i)}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.SetEvidenceDates(e.ID, "2025-01-01", fmt.Sprintf("2027-%02d-01", 1+i%12)); err != nil {
			b.Fatal(err)
		}
	}
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	var n int
	for b.Loop() {
		list, err := s.Obligations(today)
		if err != nil {
			b.Fatal(err)
		}
		n = len(list)
	}
	b.ReportMetric(float64(n), "obligations")
}

// BenchmarkGetAssessment reads a level-3 assessment of the shipped packs
// (over 100 items), grouped, with progress (target: < 100 ms).
func BenchmarkGetAssessment(b *testing.B) {
	s := benchVault(b)
	sys := sampleSystem("Hệ thống một cửa điện tử")
	sys.ProposedLevel = 3
	sys, err := s.SaveSystem(sys)
	if err != nil {
		b.Fatal(err)
	}
	a, err := s.OpenAssessment(sys.ID, "2026")
	if err != nil {
		b.Fatal(err)
	}
	if a.Progress.Total < 100 {
		b.Fatalf("only %d items", a.Progress.Total)
	}
	for i, g := range a.Groups {
		for _, it := range g.Items {
			if err := s.SetAssessmentItem(a.ID, it.Key(), ItemStatuses()[i%3], "Đã kiểm tra hồ sơ", nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	for b.Loop() {
		if _, err := s.GetAssessment(a.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(a.Progress.Total), "items")
}
