package session

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"daumoi/data/obligations"
)

// reportFile reads a real-shaped report of the parser's testdata.
func reportFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../scanimport/testdata/" + name)
	must(t, err)
	return string(data)
}

// startedReport is a one-host Nessus report whose host started at the
// Unix time ts.
func startedReport(ts int64) string {
	return fmt.Sprintf(`<NessusClientData_v2><Report name="r"><ReportHost name="192.168.10.5"><HostProperties>
<tag name="host-ip">192.168.10.5</tag><tag name="HOST_START_TIMESTAMP">%d</tag></HostProperties>
<ReportItem port="443" protocol="tcp" severity="2" pluginID="1" pluginName="TLS yếu"></ReportItem></ReportHost></Report></NessusClientData_v2>`, ts)
}

// TestScanDateFromReport: a Nessus report whose hosts started in March
// 2022 is refused without confirmation (nothing stored), then recorded on
// 15/03/2022 (Vietnam day of the earliest host start), so the six-monthly
// scan obligation stays unmet; the same report given today's date meets it.
func TestScanDateFromReport(t *testing.T) {
	_, s, sys := seedScanVault(t) // clock 2026-11-25
	onlyTestPack(t, s)
	old := reportFile(t, "old-host-start.nessus")
	_, err := s.ImportScanReport(strings.NewReader(old), ScanImport{SystemID: sys.ID})
	if !errors.Is(err, ErrScanDateUnusual) || !strings.Contains(err.Error(), `"2022-03-15"`) {
		t.Fatalf("old report without confirmation: %v", err)
	}
	if scans, _ := s.ListScans(0); len(scans) != 0 || stagedRows(t, s) != 0 {
		t.Fatalf("refused import stored %d scans, %d staged rows", len(scans), stagedRows(t, s))
	}
	res, err := s.ImportScanReport(strings.NewReader(old), ScanImport{SystemID: sys.ID, ConfirmDate: true})
	must(t, err)
	if res.Scan.Date != "2022-03-15" || res.DateSource != ScanDateReport || res.ReportDate != "2022-03-15" {
		t.Fatalf("scan date %s from %s (report %s)", res.Scan.Date, res.DateSource, res.ReportDate)
	}
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	for _, f := range list {
		if f.FirstSeen != "2022-03-15" {
			t.Errorf("finding %q first seen %s", f.Name, f.FirstSeen)
		}
	}
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	scanDue := func() obligations.Obligation {
		t.Helper()
		obs, err := s.Obligations(today)
		must(t, err)
		got := find(obs, "scan", fmt.Sprint(sys.ID))
		if len(got) != 1 {
			t.Fatalf("scan obligations: %+v", got)
		}
		return got[0]
	}
	if o := scanDue(); o.Status == obligations.StatusDone {
		t.Errorf("a 2022 report meets the scan obligation: %+v", o)
	}
	res, err = s.ImportScanReport(strings.NewReader(old), ScanImport{SystemID: sys.ID, Date: "2026-11-25"})
	must(t, err)
	if res.Scan.Date != "2026-11-25" || res.DateSource != ScanDateGiven || res.ReportDate != "2022-03-15" {
		t.Fatalf("given date: %s from %s (report %s)", res.Scan.Date, res.DateSource, res.ReportDate)
	}
	if o := scanDue(); o.Status != obligations.StatusDone {
		t.Errorf("a scan today does not meet the obligation: %+v", o)
	}
}

// TestScanDateBounds: a start ten months ago is taken as it is; one in the
// future needs confirmation and is then recorded on its day; a report
// without a time is dated today; a given date in the future is refused
// unless confirmed.
func TestScanDateBounds(t *testing.T) {
	_, s, sys := seedScanVault(t) // clock 2026-11-25 08:00 UTC
	tenMonths := time.Date(2026, 1, 26, 9, 0, 0, 0, time.UTC).Unix()
	res, err := s.ImportScanReport(strings.NewReader(startedReport(tenMonths)), ScanImport{SystemID: sys.ID})
	must(t, err)
	if res.Scan.Date != "2026-01-26" || res.DateSource != ScanDateReport {
		t.Errorf("ten months ago: %s from %s", res.Scan.Date, res.DateSource)
	}
	future := time.Date(2026, 12, 24, 20, 0, 0, 0, time.UTC).Unix() // 25/12 in Vietnam
	if _, err := s.ImportScanReport(strings.NewReader(startedReport(future)), ScanImport{SystemID: sys.ID}); !errors.Is(err, ErrScanDateUnusual) {
		t.Fatalf("future report: %v", err)
	}
	res, err = s.ImportScanReport(strings.NewReader(startedReport(future)), ScanImport{SystemID: sys.ID, ConfirmDate: true})
	must(t, err)
	if res.Scan.Date != "2026-12-25" {
		t.Errorf("confirmed future report dated %s", res.Scan.Date)
	}
	res, err = s.ImportScanReport(strings.NewReader(nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{medWeb}})),
		ScanImport{SystemID: sys.ID})
	must(t, err)
	if res.Scan.Date != "2026-11-25" || res.DateSource != ScanDateToday || res.ReportDate != "" {
		t.Errorf("report without a time: %s from %s (%q)", res.Scan.Date, res.DateSource, res.ReportDate)
	}
	if _, err := s.ImportScanReport(strings.NewReader(startedReport(tenMonths)), ScanImport{SystemID: sys.ID, Date: "2026-12-01"}); !errors.Is(err, ErrBadDate) {
		t.Errorf("given future date: %v", err)
	}
	if _, err := s.ImportScanReport(strings.NewReader(startedReport(tenMonths)), ScanImport{SystemID: sys.ID, Date: "2026-13-01", ConfirmDate: true}); !errors.Is(err, ErrBadDate) {
		t.Errorf("bad date confirmed: %v", err)
	}
	if !ScanDateUnusual("2025-11-24", time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)) ||
		ScanDateUnusual("2025-11-25", time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)) ||
		!ScanDateUnusual("2026-11-26", time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)) ||
		ScanDateUnusual("2026-11-26", time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)) { // 26/11 01:00 in Vietnam
		t.Error("ScanDateUnusual bounds")
	}
}

// TestReadScanReportDate reads the day a report's scan started without
// storing anything.
func TestReadScanReportDate(t *testing.T) {
	for name, want := range map[string]string{"old-host-start.nessus": "2022-03-15", "openvas-multiline.xml": "2023-05-10",
		"duplicates.nessus": "2026-11-22"} {
		got, err := ReadScanReportDate(t.Context(), strings.NewReader(reportFile(t, name)), nil)
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %s", name, got, err, want)
		}
	}
	if got, err := ReadScanReportDate(t.Context(), strings.NewReader(nessusReport()), nil); err != nil || got != "" {
		t.Errorf("report without a time: %q, %v", got, err)
	}
	if _, err := ReadScanReportDate(t.Context(), strings.NewReader("<html/>"), nil); !errors.Is(err, ErrBadScanReport) {
		t.Errorf("not a report: %v", err)
	}
}

// TestImportSummaryFromStored: a report listing one host twice with the
// same findings (merged), a host with informational results only and an
// unknown host with a finding. The figures are those stored: 3 hosts, 3
// findings (critical 1, not 2), and the unmatched host with findings is
// the one ListUnmatchedHosts shows and AssignHost takes; the one without
// findings is not offered.
func TestImportSummaryFromStored(t *testing.T) {
	_, s, sys := seedScanVault(t)
	res, err := s.ImportScanReport(strings.NewReader(reportFile(t, "duplicates.nessus")), ScanImport{SystemID: sys.ID})
	must(t, err)
	if res.Scan.Date != "2026-11-22" || res.Hosts != 3 || res.Findings != 3 || res.New != 3 || res.Info != 1 {
		t.Fatalf("result: %+v", res)
	}
	if res.BySeverity["critical"] != 1 || res.BySeverity["medium"] != 1 || res.BySeverity["low"] != 1 || res.BySeverity["high"] != 0 {
		t.Errorf("by severity: %v", res.BySeverity)
	}
	if res.Scan.Summary != "3 máy, 3 lỗ hổng (nghiêm trọng 1, cao 0, trung bình 1, thấp 1)" {
		t.Errorf("scan summary %q", res.Scan.Summary)
	}
	if len(res.Matched) != 1 || res.Matched[0].Host != "192.168.10.5" || res.Matched[0].Findings != 2 || res.Matched[0].AssetName == "" {
		t.Errorf("matched: %+v", res.Matched)
	}
	if len(res.Unmatched) != 1 || res.Unmatched[0].Host != "10.9.9.10" || res.Unmatched[0].Findings != 1 {
		t.Errorf("unmatched: %+v", res.Unmatched)
	}
	if len(res.Clean) != 1 || res.Clean[0].Host != "10.9.9.9" || len(res.Matched)+len(res.Unmatched)+len(res.Clean) != res.Hosts {
		t.Errorf("clean: %+v", res.Clean)
	}
	stored, err := s.ListFindings(FindingFilter{})
	must(t, err)
	if len(stored) != res.Findings {
		t.Errorf("%d findings stored, summary says %d", len(stored), res.Findings)
	}
	hosts, err := s.ListUnmatchedHosts(sys.ID)
	must(t, err)
	if len(hosts) != len(res.Unmatched) || hosts[0].Host != res.Unmatched[0].Host || hosts[0].Open != res.Unmatched[0].Findings {
		t.Errorf("finding hosts: %+v; summary: %+v", hosts, res.Unmatched)
	}
	web := stored[0].AssetID
	n, err := s.AssignHost(HostAssignment{SystemID: sys.ID, Host: res.Unmatched[0].Host, AssetID: web})
	if err != nil || n != res.Unmatched[0].Findings {
		t.Errorf("assign: %d, %v", n, err)
	}
	if _, err := s.AssignHost(HostAssignment{SystemID: sys.ID, Host: res.Clean[0].Host, AssetID: web}); !errors.Is(err, ErrNoUnmatchedHost) {
		t.Errorf("assign a host without findings: %v", err)
	}
}

// TestImportOpenVASNamesAcrossLines: names and solutions wrapped over
// lines with 24 spaces are stored on one line; a host only its finding
// names counts among the hosts.
func TestImportOpenVASNamesAcrossLines(t *testing.T) {
	_, s, sys := seedScanVault(t)
	res, err := s.ImportScanReport(strings.NewReader(reportFile(t, "openvas-multiline.xml")), ScanImport{SystemID: sys.ID, ConfirmDate: true})
	must(t, err)
	if res.Scan.Date != "2023-05-10" || res.Hosts != 2 || res.Findings != 3 || len(res.Matched) != 1 || len(res.Unmatched) != 1 {
		t.Fatalf("result: %+v", res)
	}
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	names := map[string]bool{}
	for _, f := range list {
		names[f.Name] = true
		if strings.ContainsAny(f.Name+f.Solution, "\n\r\t") || strings.Contains(f.Name+f.Solution, "  ") {
			t.Errorf("finding not on one line: %q / %q", f.Name, f.Solution)
		}
	}
	if !names["SSL/TLS: Report Weak Cipher Suites"] || !names["OpenSSH 'ssh-agent' Remote Code Execution Vulnerability"] {
		t.Errorf("names: %v", names)
	}
}

// TestOldReportImportedLate: a 2022 report imported after a scan of
// November 2026 closes nothing that scan found and does not move a
// finding's last sighting back.
func TestOldReportImportedLate(t *testing.T) {
	_, s, sys := seedScanVault(t)
	_, err := s.ImportScanReport(strings.NewReader(reportFile(t, "duplicates.nessus")), ScanImport{SystemID: sys.ID})
	must(t, err)
	res, err := s.ImportScanReport(strings.NewReader(reportFile(t, "old-host-start.nessus")), ScanImport{SystemID: sys.ID, ConfirmDate: true})
	must(t, err)
	if res.Closed != 0 || res.Seen != 1 || res.New != 1 {
		t.Errorf("old report: new %d, seen %d, closed %d", res.New, res.Seen, res.Closed)
	}
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	for _, f := range list {
		if f.Status != FindingOpen {
			t.Errorf("%q is %s after an older report", f.Name, f.Status)
		}
		if strings.Contains(f.Name, "Log4Shell") && (f.LastSeen != "2026-11-22" || f.FirstSeen != "2026-11-22") {
			t.Errorf("Log4Shell first seen %s, last seen %s", f.FirstSeen, f.LastSeen)
		}
	}
}
