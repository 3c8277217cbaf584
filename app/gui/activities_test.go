package gui

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/scanimport/scangen"
	"daumoi/data/session"
)

func TestActivitiesImportScanAndRecordDrill(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Hệ thống giải quyết thủ tục hành chính", 3)
	a, tabs := buildActivitiesArea(s)
	s.win.SetContent(tabs)
	s.win.Resize(fyne.NewSize(1180, 720))

	// A Nessus report, read and stored as the import dialog would.
	sample := filepath.Join("..", "..", "data", "scanimport", "testdata", "sample.nessus")
	res, err := a.importFile(sample, session.ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Hosts == 0 || res.Findings == 0 {
		t.Fatalf("import result = %+v", res)
	}
	if msg := a.describeImport(res); !strings.Contains(msg, "Đã nhập báo cáo") || !strings.Contains(msg, "Máy không khớp") {
		t.Errorf("import message:\n%s", msg)
	}
	open, err := s.sess.ListFindings(session.FindingFilter{Status: session.FindingOpen})
	if err != nil || len(open) == 0 {
		t.Fatalf("open findings = %d, %v", len(open), err)
	}
	// The findings tab lists them.
	tabs.SelectIndex(1)
	findings := a.findingsTab()
	s.win.SetContent(findings)
	if text := labelTexts(t, findings); !strings.Contains(text, "Đang mở") {
		t.Errorf("findings tab:\n%s", text)
	}

	// A live-fire drill through the form.
	tabs.SelectIndex(2)
	drills := a.drillsTab()
	s.win.SetContent(drills)
	test.Tap(buttonNamed(t, drills, "Ghi nhận"))
	form := s.win.Canvas().Overlays().Top()
	entries := objects[*widget.Entry](t, form)
	test.Type(entries[1], "Tấn công mã hóa dữ liệu trên máy chủ một cửa")
	for _, c := range objects[*widget.Check](t, form) {
		test.Tap(c) // the system and "live-fire"
	}
	test.Tap(buttonNamed(t, form, "Lưu"))
	list, err := s.sess.ListDrills()
	if err != nil || len(list) != 1 || !list[0].LiveFire || len(list[0].SystemIDs) != 1 {
		t.Fatalf("drills = %+v, %v", list, err)
	}
	capture(t, s.win, "gui-activities")
}

// writeGeneratedReport writes a generated Nessus report of n findings to a
// temporary file.
func writeGeneratedReport(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quet.nessus")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, scangen.Nessus(scangen.Spec{Findings: n})); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitDone waits for an import started by runImport.
func waitDone(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the import did not finish within 60 s")
	}
}

// TestScanImportShowsProgress imports a 5 MB report through the dialog:
// a progress bar with the bytes read is shown while it runs, it ends full,
// and the scans list and the result message follow.
func TestScanImportShowsProgress(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	s.win.Resize(fyne.NewSize(1180, 720))
	path := writeGeneratedReport(t, 5000)

	q := &workQueue{}
	s.opts.Go = q.Go // the import waits until the dialog is checked
	done := a.runImport(path, session.ScanImport{SystemID: sys.ID, Date: "2026-11-20"}, reg, false)
	dlg := s.win.Canvas().Overlays().Top()
	bars := objects[*widget.ProgressBar](t, dlg)
	if len(bars) != 1 || !strings.Contains(labelTexts(t, dlg), "MB") {
		t.Fatalf("progress dialog: %d bars, text %q", len(bars), labelTexts(t, dlg))
	}
	capture(t, s.win, "gui-scan-import-progress")
	q.run()
	waitDone(t, done)
	if bars[0].Value != 1 {
		t.Errorf("progress ended at %v", bars[0].Value)
	}
	if msg := labelTexts(t, s.win.Canvas().Overlays().Top()); !strings.Contains(msg, "Đã nhập báo cáo nessus cho hệ thống Cổng dịch vụ công, ngày quét 20/11/2026 (ngày đã nhập): 5 máy.") || !strings.Contains(msg, "Lỗ hổng đã lưu (đã gộp trùng lặp) 4000:") {
		t.Errorf("result message:\n%s", msg)
	}
	if got := reg.count.Text; got != s.cat.T("reg.count", 1) {
		t.Errorf("scans count = %q", got)
	}
	capture(t, s.win, "gui-scan-import-done")
}

// TestScanImportCancel cancels an import from its progress dialog: the
// user is told nothing changed, and nothing did.
func TestScanImportCancel(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	path := writeGeneratedReport(t, 50000)

	q := &workQueue{}
	s.opts.Go = q.Go // the import waits until the user has cancelled
	done := a.runImport(path, session.ScanImport{SystemID: sys.ID}, reg, false)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Hủy"))
	q.run()
	waitDone(t, done)
	if msg := labelTexts(t, s.win.Canvas().Overlays().Top()); !strings.Contains(msg, "không thay đổi") {
		t.Errorf("message after cancel:\n%s", msg)
	}
	scans, err := s.sess.ListScans(0)
	if err != nil || len(scans) != 0 {
		t.Errorf("scans after cancel = %+v, %v", scans, err)
	}
}

// TestAssignUnmatchedHostInGUI imports a report with a host that matches
// no asset, opens the list from the findings tab, searches for the asset
// and gives it the host's findings; the address is remembered.
func TestAssignUnmatchedHostInGUI(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	asset, err := s.sess.SaveAsset(registers.Asset{Type: registers.AssetServer, Name: "Máy chủ cơ sở dữ liệu", Systems: []int64{sys.ID}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := buildActivitiesArea(s)
	sample := filepath.Join("..", "..", "data", "scanimport", "testdata", "sample.nessus")
	res, err := a.importFile(sample, session.ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	if err != nil || len(res.Unmatched) == 0 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	host := res.Unmatched[0].Host
	findings := a.findingsTab()
	s.win.SetContent(findings)
	s.win.Resize(fyne.NewSize(1180, 720))
	button := buttonNamed(t, findings, s.cat.T("act.unmatched_button", len(res.Unmatched)))
	test.Tap(button)
	list := s.win.Canvas().Overlays().Top()
	capture(t, s.win, "gui-unmatched-hosts")
	tables := objects[*widget.Table](t, list)
	tables[0].Select(widget.TableCellID{Row: indexOfHost(t, s, host), Col: 0})

	assign := s.win.Canvas().Overlays().Top()
	test.Type(objects[*widget.Entry](t, assign)[0], "co so du lieu")
	lists := objects[*widget.List](t, assign)
	if lists[0].Length() != 1 {
		t.Fatalf("search found %d assets", lists[0].Length())
	}
	lists[0].Select(0)
	capture(t, s.win, "gui-assign-host")
	test.Tap(buttonNamed(t, assign, "Gán"))
	if msg := labelTexts(t, s.win.Canvas().Overlays().Top()); !strings.Contains(msg, "cho tài sản") {
		t.Errorf("message after assigning:\n%s", msg)
	}
	got, err := s.sess.GetAsset(asset.ID)
	if err != nil || !slices.Contains(got.IPs, host) {
		t.Errorf("asset after assigning = %+v, %v", got.IPs, err)
	}
	left, err := s.sess.ListUnmatchedHosts(0)
	if err != nil || len(left) != len(res.Unmatched)-1 {
		t.Errorf("unmatched left = %+v, %v", left, err)
	}
}

// indexOfHost is the row of host in the unmatched list (sorted by system
// and host).
func indexOfHost(t *testing.T, s *Shell, host string) int {
	t.Helper()
	hosts, err := s.sess.ListUnmatchedHosts(0)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hosts {
		if h.Host == host {
			return i
		}
	}
	t.Fatalf("host %s not listed", host)
	return 0
}

// TestWarningEditRefreshesTheList changes a warning's status from its
// dialog: the list already shown says the new status at once.
func TestWarningEditRefreshesTheList(t *testing.T) {
	_, s := newTestShell(t)
	if _, err := s.sess.RecordWarning(session.Warning{Number: "123/CATTT-NCSC", Date: "2026-11-20", Source: "Cục An toàn thông tin",
		CVEs: []string{"CVE-2026-1234"}}); err != nil {
		t.Fatal(err)
	}
	a, _ := buildActivitiesArea(s)
	reg, view := a.warningsRegister()
	s.win.SetContent(view)
	reg.reload(s)
	if len(reg.list.rows) != 1 || reg.list.rows[0].Status != session.WarningOpen {
		t.Fatalf("warnings listed: %+v", reg.list.rows)
	}
	reg.list.onSelect(reg.list.rows[0]) // a click on the row
	top := s.win.Canvas().Overlays().Top()
	objects[*widget.Select](t, top)[0].SetSelected("Đã xử lý xong")
	test.Tap(buttonNamed(t, top, "Lưu"))
	if got := reg.list.rows[0].Status; got != session.WarningClosed {
		t.Errorf("the list still shows status %q after the edit", got)
	}
}
