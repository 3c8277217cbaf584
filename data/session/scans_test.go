package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"daumoi/data/registers"
	"daumoi/data/scanimport"
)

// nessusItem is one finding of a test report.
type nessusItem struct {
	port, severity int
	plugin, name   string
	cve            string
}

// nessusHost is one host of a test report.
type nessusHost struct {
	ip, hostname string
	items        []nessusItem
}

// nessusReport writes a small Nessus v2 report.
func nessusReport(hosts ...nessusHost) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" ?>` + "\n<NessusClientData_v2><Report name=\"Quét định kỳ\">\n")
	for _, h := range hosts {
		fmt.Fprintf(&b, `<ReportHost name="%s"><HostProperties><tag name="host-ip">%s</tag><tag name="hostname">%s</tag></HostProperties>`+"\n", h.ip, h.ip, h.hostname)
		for _, it := range h.items {
			fmt.Fprintf(&b, `<ReportItem port="%d" svc_name="www" protocol="tcp" severity="%d" pluginID="%s" pluginName="%s">`, it.port, it.severity, it.plugin, it.name)
			if it.cve != "" {
				fmt.Fprintf(&b, "<cve>%s</cve>", it.cve)
			}
			b.WriteString("<cvss3_base_score>9.8</cvss3_base_score><solution>Cập nhật bản vá</solution></ReportItem>\n")
		}
		b.WriteString("</ReportHost>\n")
	}
	b.WriteString("</Report></NessusClientData_v2>\n")
	return b.String()
}

// seedScanVault makes a level-3 system with two assets: srv-web01
// (192.168.10.5) and SRV-DB01 (no IP, matched by name).
func seedScanVault(t testing.TB) (string, *Session, registers.System) {
	t.Helper()
	dir, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	sys := systemAt(t, s, "Cổng dịch vụ công", 3, "2025-01-01")
	web := sampleAsset("srv-web01")
	web.IPs, web.Systems = []string{"192.168.10.5"}, []int64{sys.ID}
	_, err := s.SaveAsset(web)
	must(t, err)
	db := sampleAsset("SRV-DB01")
	db.IPs, db.Systems = nil, []int64{sys.ID}
	_, err = s.SaveAsset(db)
	must(t, err)
	return dir, s, sys
}

var (
	critWeb = nessusItem{443, 4, "100001", "Apache Log4Shell", "CVE-2021-44228"}
	medWeb  = nessusItem{22, 2, "187315", "SSH Terrapin", "CVE-2023-48795"}
	highDB  = nessusItem{1433, 3, "200002", "MSSQL lỗi thời", ""}
	infoDB  = nessusItem{0, 0, "19506", "Nessus Scan Information", ""}
	lowOdd  = nessusItem{80, 1, "300003", "HTTP TRACE", ""}
)

// TestImportScanReport imports a report: findings matched by IP and by
// host name in any case, one host unmatched, informational results not
// stored, due dates from the default table, an activity for the
// obligations; a re-scan without a finding closes it, and a finding of a
// host the re-scan did not cover stays open.
func TestImportScanReport(t *testing.T) {
	_, s, sys := seedScanVault(t)
	first := nessusReport(
		nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb, medWeb}},
		nessusHost{"10.0.0.9", "srv-db01", []nessusItem{highDB, infoDB}},
		nessusHost{"10.9.9.9", "la-may", []nessusItem{lowOdd}},
	)
	res, err := s.ImportScanReport(strings.NewReader(first), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	if res.Hosts != 3 || res.Findings != 4 || res.New != 4 || res.Info != 1 || res.BySeverity["critical"] != 1 {
		t.Fatalf("result = %+v", res)
	}
	if len(res.Matched) != 2 || len(res.Unmatched) != 1 || res.Unmatched[0].Host != "10.9.9.9" {
		t.Fatalf("matched %+v, unmatched %+v", res.Matched, res.Unmatched)
	}
	if res.Scan.ActivityID == 0 || res.Scan.Tool != "Nessus" {
		t.Errorf("scan = %+v", res.Scan)
	}
	acts, err := s.ListActivities(ActivityFilter{Kind: ScanVulnerability, SystemID: sys.ID})
	must(t, err)
	if len(acts) != 1 || acts[0].Date != "2026-11-20" {
		t.Errorf("activities = %+v", acts)
	}
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	wantDue := map[string]string{"critical": "2026-11-27", "high": "2026-12-20", "medium": "2027-02-18", "low": "2027-05-19"}
	for _, f := range list {
		if f.DueDate != wantDue[f.Severity] || f.DueRule == "" || f.Status != FindingOpen {
			t.Errorf("finding %s: due %s (rule %q), status %s", f.Name, f.DueDate, f.DueRule, f.Status)
		}
	}
	if list[0].Severity != "critical" || list[0].AssetID == 0 || list[0].CVEs[0] != "CVE-2021-44228" {
		t.Errorf("first finding = %+v", list[0])
	}

	second := nessusReport(
		nessusHost{"192.168.10.5", "SRV-WEB01", []nessusItem{medWeb}},
		nessusHost{"10.0.0.9", "SRV-DB01", []nessusItem{highDB}},
	)
	res, err = s.ImportScanReport(strings.NewReader(second), ScanImport{Date: "2026-11-24"})
	must(t, err)
	if res.Scan.SystemID != sys.ID || res.New != 0 || res.Seen != 2 || res.Closed != 1 {
		t.Fatalf("re-scan = %+v", res)
	}
	fixed, err := s.ListFindings(FindingFilter{Status: FindingFixed})
	must(t, err)
	if len(fixed) != 1 || fixed[0].Name != critWeb.name || fixed[0].ClosedByScan != res.Scan.ID || fixed[0].ClosedOn != "2026-11-24" {
		t.Errorf("fixed = %+v", fixed)
	}
	open, err := s.ListFindings(FindingFilter{Status: FindingOpen})
	must(t, err)
	if len(open) != 3 {
		t.Errorf("open = %+v", open)
	}

	// A false positive seen again stays one; a fixed finding found again
	// is a new, open finding.
	_, err = s.UpdateFinding(open[0].ID, FindingUpdate{Status: FindingFalsePositive})
	must(t, err)
	res, err = s.ImportScanReport(strings.NewReader(first), ScanImport{SystemID: sys.ID, Date: "2026-11-25"})
	must(t, err)
	if res.New != 1 || res.Seen != 3 || res.Closed != 0 {
		t.Errorf("third scan = new %d, seen %d, closed %d", res.New, res.Seen, res.Closed)
	}
	fp, err := s.ListFindings(FindingFilter{Status: FindingFalsePositive})
	must(t, err)
	if len(fp) != 1 || fp[0].LastSeen != "2026-11-25" {
		t.Errorf("false positives = %+v", fp)
	}
}

// TestImportBadReportChangesNothing feeds malformed, truncated and hostile
// XML: each fails with ErrBadScanReport wrapping the parser's sentinel,
// and the scans, findings, activities, assets and history are unchanged.
func TestImportBadReportChangesNothing(t *testing.T) {
	dir, s, sys := seedScanVault(t)
	good := nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb, medWeb}})
	_, err := s.ImportScanReport(strings.NewReader(good), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	cases := []struct {
		name, body string
		want       error
	}{
		{"truncated", good[:len(good)/2], scanimport.ErrTruncated},
		{"malformed", strings.Replace(good, "</ReportItem>", "</ReportHost>", 1), scanimport.ErrMalformed},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><NessusClientData_v2>&lol2;</NessusClientData_v2>`, scanimport.ErrDoctype},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><NessusClientData_v2>&x;</NessusClientData_v2>`, scanimport.ErrDoctype},
		{"not a report", `<html><body>hello</body></html>`, scanimport.ErrNotScanReport},
		{"empty", ``, scanimport.ErrNotScanReport},
		{"binary", "\x00\x01\x02PK\x03\x04", scanimport.ErrNotScanReport},
	}
	before := snapshotScans(t, dir, s)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.ImportScanReport(strings.NewReader(c.body), ScanImport{SystemID: sys.ID, Date: "2026-11-24"})
			if !errors.Is(err, ErrBadScanReport) || !errors.Is(err, c.want) {
				t.Fatalf("import = %v, want ErrBadScanReport and %v", err, c.want)
			}
			if after := snapshotScans(t, dir, s); after != before {
				t.Errorf("a refused report changed the vault:\n%s\n%s", before, after)
			}
		})
	}
}

// snapshotScans summarises what an import could change.
func snapshotScans(t *testing.T, dir string, s *Session) string {
	t.Helper()
	scans, err := s.ListScans(0)
	must(t, err)
	findings, err := s.ListFindings(FindingFilter{})
	must(t, err)
	acts, err := s.ListActivities(ActivityFilter{})
	must(t, err)
	assets, err := s.ListAssets(AssetFilter{})
	must(t, err)
	return fmt.Sprintf("scans %v findings %v activities %d assets %v history %d", scans, findings, len(acts), assets, historyLen(t, dir, s))
}

// TestFindingRemediation sets owner, due date, status and evidence of the
// fix; unknown statuses and findings fail with their sentinels.
func TestFindingRemediation(t *testing.T) {
	_, s, sys := seedScanVault(t)
	_, err := s.ImportScanReport(strings.NewReader(nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb}})),
		ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	f, err := s.UpdateFinding(1, FindingUpdate{Owner: "Phạm Văn Sơn", Status: FindingInProgress, DueDate: "2026-12-01"})
	must(t, err)
	if f.Owner != "Phạm Văn Sơn" || f.DueDate != "2026-12-01" || f.DueRule != "" || f.ClosedOn != "" {
		t.Errorf("in progress = %+v", f)
	}
	f, err = s.UpdateFinding(1, FindingUpdate{Status: FindingAcceptedRisk})
	must(t, err)
	if f.ClosedOn != "2026-11-25" {
		t.Errorf("accepted risk closed on %q", f.ClosedOn)
	}
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("ảnh chụp bản vá"), EvidenceMeta{FileName: "ban-va.txt"}, nil)
	must(t, err)
	if f, err = s.UpdateFinding(1, FindingUpdate{FixEvidenceID: ev.ID}); err != nil || f.FixEvidenceID != ev.ID {
		t.Errorf("fix evidence = %q, %v", f.FixEvidenceID, err)
	}
	if f, err = s.UpdateFinding(1, FindingUpdate{Owner: "Lê Minh Đức"}); err != nil || f.FixEvidenceID != ev.ID {
		t.Errorf("an update without evidence dropped it: %q, %v", f.FixEvidenceID, err)
	}
	if f, err = s.UpdateFinding(1, FindingUpdate{ClearFixEvidence: true}); err != nil || f.FixEvidenceID != "" {
		t.Errorf("cleared fix evidence = %q, %v", f.FixEvidenceID, err)
	}
	for _, c := range []struct {
		id   int64
		u    FindingUpdate
		want error
	}{
		{1, FindingUpdate{Status: "done"}, ErrBadFindingStatus},
		{1, FindingUpdate{DueDate: "1/12/2026"}, ErrBadDate},
		{1, FindingUpdate{FixEvidenceID: "khong-co"}, ErrNoSuchEvidence},
		{1, FindingUpdate{FixEvidenceID: "x", ClearFixEvidence: true}, ErrInvalidInput},
		{9, FindingUpdate{Status: FindingFixed}, ErrNoSuchFinding},
	} {
		if _, err := s.UpdateFinding(c.id, c.u); !errors.Is(err, c.want) {
			t.Errorf("UpdateFinding(%d, %+v) = %v, want %v", c.id, c.u, err, c.want)
		}
	}
	if _, err := s.ListFindings(FindingFilter{Status: "x"}); !errors.Is(err, ErrBadFindingStatus) {
		t.Errorf("filter by unknown status = %v", err)
	}
}
