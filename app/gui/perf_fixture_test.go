package gui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"daumoi/data/demo"
	"daumoi/data/registers"
	"daumoi/data/scanimport/scangen"
	"daumoi/data/session"
	"daumoi/data/tabular"
	"daumoi/data/vault"
)

// perfScale is the size of a vault for the speed checks: the demo vault
// with this many more assets, open scan findings, systems, incidents and
// evidence files.
type perfScale struct {
	Assets, Findings, Systems, Incidents, Evidence int
}

// Two sizes: the (10,000 assets, 80,000 findings) for the
// benchmarks, and a smaller one, as many assets but a tenth of the
// findings, that the plain test builds in a few seconds.
var (
	perfFull  = perfScale{Assets: 10_000, Findings: 80_000, Systems: 30, Incidents: 200, Evidence: 200}
	perfSmall = perfScale{Assets: 10_000, Findings: 8_000, Systems: 30, Incidents: 50, Evidence: 50}
)

// perfNow is the clock of the speed vaults: they and their screens are
// made and used on 25 November 2026, whatever today is.
func perfNow() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }

// perfVaults caches the speed vaults, built once per test binary run
// (building the full one takes about a minute) in a folder that TestMain
// removes at the end. It is test-only state: each vault is only read
// after it is built (opening it adds sign-in entries to its history,
// nothing a screen counts on).
var perfVaults struct {
	sync.Mutex
	root string
	dirs map[perfScale]string
}

// TestMain runs the tests, then removes the speed vaults.
func TestMain(m *testing.M) {
	code := m.Run()
	if perfVaults.root != "" {
		os.RemoveAll(perfVaults.root)
	}
	os.Exit(code)
}

// perfVault returns the folder of the speed vault of size sc, building it
// the first time. The demo's users and passphrase open it.
func perfVault(tb testing.TB, sc perfScale) string {
	tb.Helper()
	perfVaults.Lock()
	defer perfVaults.Unlock()
	if dir, ok := perfVaults.dirs[sc]; ok {
		return dir
	}
	if perfVaults.root == "" {
		root, err := os.MkdirTemp("", "daumoi-perf-")
		if err != nil {
			tb.Fatal(err)
		}
		perfVaults.root, perfVaults.dirs = root, map[perfScale]string{}
	}
	dir := filepath.Join(perfVaults.root, fmt.Sprintf("vault-%d-%d", sc.Assets, sc.Findings))
	start := time.Now()
	if err := buildPerfVault(dir, sc); err != nil {
		tb.Fatalf("building the speed vault: %v", err)
	}
	tb.Logf("speed vault %+v built in %s", sc, time.Since(start).Round(time.Millisecond))
	perfVaults.dirs[sc] = dir
	return dir
}

// buildPerfVault makes the demo vault in dir and adds, as its IT officer,
// sc's systems, assets (one transaction, as an import of a workbook),
// incidents and evidence files, and one scan report whose hosts are the
// first assets.
func buildPerfVault(dir string, sc perfScale) error {
	os.Setenv(vault.InsecureFastKDFEnv, "1")
	if err := demo.Create(dir, []byte(demoTestPass), perfNow); err != nil {
		return err
	}
	s, err := session.Open(dir, session.Credential{User: demo.ITUser, Passphrase: []byte(demoTestPass)}, perfNow)
	if err != nil {
		return err
	}
	defer s.Close()
	systems, err := s.ListSystems(session.SystemFilter{})
	if err != nil || len(systems) == 0 {
		return fmt.Errorf("demo systems: %d, %w", len(systems), err)
	}
	for i := range sc.Systems {
		sys := systems[i%len(systems)]
		sys.ID, sys.Name = 0, fmt.Sprintf("%s — đơn vị %d", sys.Name, i+1)
		if _, err := s.SaveSystem(sys); err != nil {
			return fmt.Errorf("system %d: %w", i, err)
		}
	}
	spec := scangen.Spec{Findings: sc.Findings * 5 / 4, PerHost: max(1, sc.Findings/80)}
	if err := importPerfAssets(s, sc.Assets, spec); err != nil {
		return err
	}
	if err := addPerfRecords(s, sc, systems[0].ID); err != nil {
		return err
	}
	res, err := s.ImportScanReport(scangen.Nessus(spec), session.ScanImport{SystemID: systems[0].ID, Date: "2026-11-20"})
	if err != nil {
		return fmt.Errorf("scan import: %w", err)
	}
	if res.New != sc.Findings {
		return fmt.Errorf("scan import: %d new findings, want %d", res.New, sc.Findings)
	}
	return nil
}

// importPerfAssets imports n assets with Vietnamese names and people, the
// first of them at the scanned hosts' addresses.
func importPerfAssets(s *session.Session, n int, spec scangen.Spec) error {
	people := []string{"Nguyễn Văn Ấn", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Mỹ Duyên", "Võ Thành Nhân", "Đặng Quốc Việt"}
	offices := []string{"Văn phòng Sở", "Phòng Tổ chức", "Phòng Công chức, viên chức", "Chi cục Văn thư - Lưu trữ", "Ban Thi đua - Khen thưởng"}
	types := registers.AssetTypes()
	rows := make([][]string, 0, n)
	for i := range n {
		a := registers.Asset{Type: types[i%len(types)], Name: fmt.Sprintf("Máy trạm %s số %d", offices[i%len(offices)], i),
			Hostname: fmt.Sprintf("PC-%05d", i), IPs: []string{fmt.Sprintf("10.30.%d.%d", i/250, i%250+1)},
			MACs: []string{fmt.Sprintf("00:1A:2B:%02X:%02X:%02X", i/65536, (i/256)%256, i%256)}, OS: "Windows 11 Pro", OSVersion: "23H2",
			Serial: fmt.Sprintf("SN%07d", i), Location: offices[i%len(offices)], Responsible: people[i%len(people)], Supplier: "VNPT Vĩnh Long",
			LAN: true, Internet: i%2 == 0, Status: registers.StatusInUse}
		if i < spec.Hosts() {
			a.IPs = []string{spec.HostIP(i)}
		}
		rows = append(rows, registers.AssetRow(a, "", func(int64) string { return "" }))
	}
	var file bytes.Buffer
	if err := tabular.WriteCSV(&file, registers.AssetHeaders(), rows); err != nil {
		return err
	}
	sheet, err := tabular.ReadCSV(&file, tabular.ReadOptions{})
	if err != nil {
		return err
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		return err
	}
	rep, err := s.ImportAssets(sheet, m, session.ImportOptions{Strict: true})
	if err != nil {
		return fmt.Errorf("asset import: %w", err)
	}
	if rep.Imported != n {
		return fmt.Errorf("asset import: %d imported, want %d", rep.Imported, n)
	}
	return nil
}

// addPerfRecords adds sc's incidents (detected over the past year) and
// small evidence files.
func addPerfRecords(s *session.Session, sc perfScale, system int64) error {
	detected := perfNow().AddDate(-1, 0, 0)
	for i := range sc.Incidents {
		in := session.Incident{Title: fmt.Sprintf("Máy trạm PC-%05d nhiễm mã độc", i), Type: "malware", SystemID: system,
			Detected: detected.Add(time.Duration(i) * 40 * time.Hour), DetectedHow: "Phần mềm diệt virus cảnh báo",
			Description: "Phát hiện tệp đáng ngờ, đã cách ly máy khỏi mạng"}
		if _, err := s.AddIncident(in); err != nil {
			return fmt.Errorf("incident %d: %w", i, err)
		}
	}
	for i := range sc.Evidence {
		title := fmt.Sprintf("Biên bản kiểm tra định kỳ số %d", i+1)
		if _, err := s.AddEvidence(context.Background(), bytes.NewReader([]byte(title)),
			session.EvidenceMeta{Title: title, FileName: fmt.Sprintf("bien-ban-%03d.txt", i+1)}, nil); err != nil {
			return fmt.Errorf("evidence %d: %w", i, err)
		}
	}
	return nil
}
