package session

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"daumoi/data/vault"
)

// FuzzImportScanReport feeds arbitrary bytes to the staged import of one
// vault: a report is either stored (with its scan) or refused with
// ErrBadScanReport (or, for a date read from it a year old or in the
// future, ErrScanDateUnusual) leaving no scan behind; either way no staged
// row is left and nothing panics. A stored report's figures add up: its
// findings are those by severity, its hosts those matched, unmatched and
// clean. Seeds: the reports of data/scanimport, whole and cut in half.
func FuzzImportScanReport(f *testing.F) {
	for _, name := range []string{"sample.nessus", "sample-openvas.xml", "sample-gmp.xml",
		"old-host-start.nessus", "openvas-multiline.xml", "duplicates.nessus"} {
		b, err := os.ReadFile(filepath.Join("..", "scanimport", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte(`<NessusClientData_v2><Report name="r"><ReportHost name="10.1.1.1"><ReportItem port="1" severity="4" pluginID="1" pluginName="a"/><ReportItem port="1" severity="4" pluginID="1" pluginName="a"/></ReportHost></Report></NessusClientData_v2>`))
	_, s, sys := seedScanVault(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		scansBefore := countRows(t, s, "scans")
		imp := ScanImport{SystemID: sys.ID, Date: "2026-11-20"}
		if len(data)%2 == 1 {
			imp.Date = "" // the report's date
		}
		res, err := s.ImportScanReport(bytes.NewReader(data), imp)
		scansAfter := countRows(t, s, "scans")
		total := 0
		for _, n := range res.BySeverity {
			total += n
		}
		switch {
		case err != nil && !errors.Is(err, ErrBadScanReport) && !(imp.Date == "" && errors.Is(err, ErrScanDateUnusual)):
			t.Fatalf("import failed with %v, want ErrBadScanReport", err)
		case err == nil && (total != res.Findings || res.Hosts != len(res.Matched)+len(res.Unmatched)+len(res.Clean)):
			t.Fatalf("figures do not add up: %+v", res)
		case err != nil && scansAfter != scansBefore:
			t.Fatalf("a refused report added a scan")
		case err == nil && (scansAfter != scansBefore+1 || res.Findings != res.New+res.Seen):
			t.Fatalf("stored report: scans %d → %d, result %+v", scansBefore, scansAfter, res)
		}
		if n := countRows(t, s, "scan_staging_findings") + countRows(t, s, "scan_staging_hosts"); n != 0 {
			t.Fatalf("%d staged rows left", n)
		}
	})
}

// countRows counts the rows of a table.
func countRows(t *testing.T, s *Session, table string) int {
	t.Helper()
	var n int
	if err := s.v.View(func(tx *vault.ReadTx) error { return tx.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n) }); err != nil {
		t.Fatal(err)
	}
	return n
}
