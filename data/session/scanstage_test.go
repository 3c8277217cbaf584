package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/scanimport"
	"daumoi/data/scanimport/scangen"
	"daumoi/data/vault"
)

// stagedRows counts the rows left in the staging tables.
func stagedRows(t *testing.T, s *Session) int {
	t.Helper()
	var n int
	must(t, s.v.View(func(tx *vault.ReadTx) error {
		return tx.QueryRow(`SELECT (SELECT COUNT(*) FROM scan_staging_findings) + (SELECT COUNT(*) FROM scan_staging_hosts)`).Scan(&n)
	}))
	return n
}

// TestImportTruncatedAfterBatches cuts a 6,000-finding report (staged in
// several transactions) near its end: the import fails with ErrTruncated,
// the staged rows are deleted and nothing else changed.
func TestImportTruncatedAfterBatches(t *testing.T) {
	dir, s, sys := seedScanVault(t)
	spec := scangen.Spec{Findings: 6000, PerHost: 2000}
	size, err := io.Copy(io.Discard, scangen.Nessus(spec))
	must(t, err)
	before := snapshotScans(t, dir, s)
	_, err = s.ImportScanReport(io.LimitReader(scangen.Nessus(spec), size*9/10), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	if !errors.Is(err, ErrBadScanReport) || !errors.Is(err, scanimport.ErrTruncated) {
		t.Fatalf("import = %v, want ErrBadScanReport and ErrTruncated", err)
	}
	if after := snapshotScans(t, dir, s); after != before {
		t.Errorf("a truncated report changed the vault:\n%s\n%s", before, after)
	}
	if n := stagedRows(t, s); n != 0 {
		t.Errorf("%d staged rows left", n)
	}
}

// TestImportCancelled cancels an import once it has read 1 MB: it stops
// with the context's error and leaves nothing behind.
func TestImportCancelled(t *testing.T) {
	dir, s, sys := seedScanVault(t)
	before := snapshotScans(t, dir, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var last int64
	_, err := s.ImportScanReport(scangen.Nessus(scangen.Spec{Findings: 20000}), ScanImport{SystemID: sys.ID, Context: ctx,
		Progress: func(n int64) {
			last = n
			if n > 1<<20 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import = %v, want context.Canceled", err)
	}
	if last < 1<<20 || last > 4<<20 {
		t.Errorf("progress stopped at %d bytes", last)
	}
	if after := snapshotScans(t, dir, s); after != before {
		t.Errorf("a cancelled import changed the vault:\n%s\n%s", before, after)
	}
	if n := stagedRows(t, s); n != 0 {
		t.Errorf("%d staged rows left", n)
	}
}

// TestImportProgressAndBatches imports 4,500 findings (three staging
// transactions) and checks the counts and that progress ends at the
// report's size.
func TestImportProgressAndBatches(t *testing.T) {
	_, s, sys := seedScanVault(t)
	spec := scangen.Spec{Findings: 4500, PerHost: 1500, Network: "192.168"}
	size, err := io.Copy(io.Discard, scangen.Nessus(spec))
	must(t, err)
	var calls int
	var last int64
	res, err := s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys.ID, Date: "2026-11-20",
		Progress: func(n int64) { calls++; last = n }})
	must(t, err)
	if res.New != 3600 || res.Findings != 3600 || res.Info != 900 || res.Hosts != 3 {
		t.Errorf("result = new %d findings %d info %d hosts %d", res.New, res.Findings, res.Info, res.Hosts)
	}
	if last != size || calls < 10 || int64(calls) > size/(64<<10)+2 {
		t.Errorf("progress: %d calls, last %d of %d bytes", calls, last, size)
	}
	list, err := s.ListFindings(FindingFilter{SystemID: sys.ID})
	must(t, err)
	if len(list) != 3600 || stagedRows(t, s) != 0 {
		t.Errorf("%d findings stored, %d staged rows left", len(list), stagedRows(t, s))
	}
}

// TestImportLateHostMatchesAsset imports an OpenVAS report whose results
// name only an address the register does not know; the host described
// after the results carries a host name that matches an asset, so the
// findings belong to that asset. A finding repeated in the report is
// stored once.
func TestImportLateHostMatchesAsset(t *testing.T) {
	_, s, sys := seedScanVault(t)
	result := `<result id="%s"><name>SSH yếu</name><host>10.7.7.7</host><port>22/tcp</port>` +
		`<nvt oid="1.3.6.1.4.1.25623.1.0.42"><name>SSH yếu</name><cvss_base>5.0</cvss_base></nvt><severity>5.0</severity></result>`
	report := `<?xml version="1.0" encoding="UTF-8"?><report id="a"><report id="a"><results>` +
		strings.ReplaceAll(result, "%s", "r1") + strings.ReplaceAll(result, "%s", "r2") +
		`</results><host><ip>10.7.7.7</ip><detail><name>hostname</name><value>srv-db01.tinh.vn</value></detail></host></report></report>`
	res, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	if res.New != 1 || len(res.Matched) != 1 || !strings.HasSuffix(res.Matched[0].AssetName, "SRV-DB01") {
		t.Fatalf("result = %+v", res)
	}
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	if len(list) != 1 || list[0].AssetID != res.Matched[0].AssetID {
		t.Errorf("findings = %+v", list)
	}
}

// TestLeftoverStagingClearedOnUnlock stages rows as an import interrupted
// by a crash would leave them; the next unlock deletes them.
func TestLeftoverStagingClearedOnUnlock(t *testing.T) {
	dir, s, _ := seedScanVault(t)
	st := newScanStager(s, assetIndex{byIP: map[string]int64{}, byName: map[string]int64{}, names: map[int64]string{}})
	spool, err := newScanSpool(dir)
	must(t, err)
	defer spool.close()
	st.spool = spool
	_, err = scanimport.Parse(scangen.Nessus(scangen.Spec{Findings: 50}), scanimport.Options{}, st.onHost, st.onFinding)
	must(t, err)
	must(t, st.flush())
	must(t, st.flushHosts())
	if n := stagedRows(t, s); n != 41 {
		t.Fatalf("%d staged rows, want 40 findings and 1 host", n)
	}
	s = reopen(t, s, dir, "huong", testPass)
	if n := stagedRows(t, s); n != 0 {
		t.Errorf("%d staged rows left after unlock", n)
	}
}

// TestImportReplaysOnReopen imports a report staged in several
// transactions (enough for the vault to compact in between), then a re-scan of the same hosts with other findings, and
// reopens the vault: replaying the
// journal (staging inserts, then the final statements that move the rows)
// gives the same findings.
func TestImportReplaysOnReopen(t *testing.T) {
	dir, s, sys := seedScanVault(t)
	spec := scangen.Spec{Findings: 30000, PerHost: 10000, Network: "192.168"}
	_, err := s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	spec.PluginBase = 200000 // other findings on the same hosts: the first ones are fixed
	_, err = s.ImportScanReport(scangen.Nessus(spec), ScanImport{SystemID: sys.ID, Date: "2026-11-24"})
	must(t, err)
	before, err := s.ListFindings(FindingFilter{})
	must(t, err)
	if fi, err := os.Stat(filepath.Join(dir, "db.snapshot")); err != nil || fi.Size() < 1<<20 {
		t.Fatalf("no compaction during the imports (snapshot %v, %v)", fi, err)
	}
	s = reopen(t, s, dir, "huong", testPass)
	after, err := s.ListFindings(FindingFilter{})
	must(t, err)
	if fmt.Sprint(before) != fmt.Sprint(after) || len(after) != 48000 {
		t.Fatalf("after reopening: %d findings, equal %v", len(after), fmt.Sprint(before) == fmt.Sprint(after))
	}
	fixed, err := s.ListFindings(FindingFilter{Status: FindingFixed})
	must(t, err)
	if len(fixed) != 24000 {
		t.Errorf("%d fixed after the re-scan, want 24000", len(fixed))
	}
}

// TestFailedImportLeavesJournalAlone imports reports that fail after many
// more findings than one staging batch: cut short, and cancelled while
// being read. Neither adds a byte to the vault's journal, nothing is
// staged, and the spool leaves no file in the vault's tmp/.
func TestFailedImportLeavesJournalAlone(t *testing.T) {
	dir, s, sys := seedScanVault(t)
	spec := scangen.Spec{Findings: 5 * stageBatch, PerHost: 1000}
	full, err := io.ReadAll(scangen.Nessus(spec))
	must(t, err)
	journal := filepath.Join(dir, "db.journal")
	before, err := os.ReadFile(journal)
	must(t, err)

	cut := bytes.NewReader(full[:len(full)*4/5])
	_, err = s.ImportScanReport(cut, ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	if !errors.Is(err, ErrBadScanReport) || !errors.Is(err, scanimport.ErrTruncated) {
		t.Fatalf("truncated report: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = s.ImportScanReport(bytes.NewReader(full), ScanImport{SystemID: sys.ID, Date: "2026-11-20", Context: ctx,
		Progress: func(n int64) {
			if n > int64(len(full))*3/4 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}

	after, err := os.ReadFile(journal)
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Errorf("the journal grew by %d bytes after failed imports", len(after)-len(before))
	}
	if n := stagedRows(t, s); n != 0 {
		t.Errorf("%d staged rows", n)
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) != 0 {
		t.Errorf("left in tmp/: %v", left)
	}
	// The whole report still imports.
	res, err := s.ImportScanReport(bytes.NewReader(full), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	if res.New != spec.Findings*4/5 {
		t.Errorf("imported %d new findings", res.New)
	}
}
