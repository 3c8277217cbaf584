package scansummary

import (
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/session"
)

// TestLines: the date's source, the figures and the three lists of hosts,
// cut after maxHosts.
func TestLines(t *testing.T) {
	cat := i18n.MustLoad(i18n.Vietnamese)
	res := session.ScanImportResult{Scan: session.Scan{ID: 4, SystemID: 1, Date: "2026-11-28"}, DateSource: session.ScanDateGiven,
		ReportDate: "2022-03-15", Format: "nessus", Hosts: 4, Findings: 3, Info: 2,
		BySeverity: map[string]int{"critical": 1, "medium": 2},
		Matched:    []session.HostMatch{{Host: "192.168.10.5", Hostname: "srv-web01", AssetID: 1, AssetName: "Máy chủ web", Findings: 2}},
		Unmatched:  []session.HostMatch{{Host: "10.9.9.10", Findings: 1}, {Host: "10.9.9.11", Findings: 0}},
		Clean:      []session.HostMatch{{Host: "10.9.9.9"}}, New: 3}
	got := strings.Join(Lines(cat, res, "Cổng dịch vụ công", func(d string) string { return d }, 1), "\n")
	for _, want := range []string{
		"Đã nhập báo cáo nessus cho hệ thống Cổng dịch vụ công, ngày quét 2026-11-28 (ngày đã nhập; báo cáo ghi 2022-03-15): 4 máy.",
		"Lỗ hổng đã lưu (đã gộp trùng lặp) 3: nghiêm trọng 1, cao 0, trung bình 2, thấp 0 (thông tin 2, không lưu).",
		"\n  192.168.10.5 srv-web01 → #1 Máy chủ web (2 lỗ hổng)\n",
		"\n  10.9.9.10 (1 lỗ hổng)\n  … và 1 máy khác\n",
		"Máy không khớp tài sản nào, không có lỗ hổng cần gán: 1\n  10.9.9.9",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	res.ReportDate = "2026-11-28"
	if got := Lines(cat, res, "1", func(d string) string { return d }, 0)[0]; !strings.Contains(got, "(ngày bắt đầu quét ghi trong báo cáo)") {
		t.Errorf("given date equal to the report's: %s", got)
	}
}
