package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
)

// writeFile writes content to a new file named name in a temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// addLibraryFile adds a file to the evidence library directly.
func addLibraryFile(t *testing.T, s *Shell, title, name, content string) session.Evidence {
	t.Helper()
	e, err := s.sess.AddEvidence(context.Background(), strings.NewReader(content), session.EvidenceMeta{Title: title, FileName: name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// onlyPicker is the one evidence picker under o.
func onlyPicker(t *testing.T, o fyne.CanvasObject) *evidencePicker {
	t.Helper()
	pickers := objects[*evidencePicker](t, o)
	if len(pickers) != 1 {
		t.Fatalf("%d evidence pickers, want 1", len(pickers))
	}
	return pickers[0]
}

// waitAdded waits for a file added through a picker.
func waitAdded(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the evidence file was not added within 30 s")
	}
}

// vaultContent decrypts an evidence file in memory.
func vaultContent(t *testing.T, s *Shell, id string) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.sess.CopyEvidence(context.Background(), id, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestDrillRecordedWithANewEvidenceFile records a drill whose report is
// added from disk through the picker in the form: the file is encrypted
// into the library, chosen, and named by the drill and the drills table.
func TestDrillRecordedWithANewEvidenceFile(t *testing.T) {
	_, s := newTestShellLate(t)
	addSystem(t, s, "Hệ thống thư điện tử", 3)
	older := addLibraryFile(t, s, "Kế hoạch diễn tập 2026", "ke-hoach.pdf", "kế hoạch")
	a, _ := buildActivitiesArea(s)
	drills := a.drillsTab()
	s.win.SetContent(drills)
	s.win.Resize(fyne.NewSize(1180, 720))

	test.Tap(buttonNamed(t, drills, "Ghi nhận"))
	form := s.win.Canvas().Overlays().Top()
	test.Type(objects[*widget.Entry](t, form)[1], "Mã độc tống tiền trên máy chủ thư")
	picker := onlyPicker(t, form)
	if picker.chosen() != "" || picker.sel.Selected != "— không có —" || len(picker.sel.Options) != 2 {
		t.Fatalf("new picker: chosen %q, shows %q of %q", picker.chosen(), picker.sel.Selected, picker.sel.Options)
	}
	report := "Biên bản diễn tập ứng cứu sự cố ngày 20/11/2026"
	waitAdded(t, picker.addFile(writeFile(t, "bien-ban-dien-tap.txt", report)))
	if picker.chosen() == "" || picker.chosen() == older.ID || picker.sel.Selected != "bien-ban-dien-tap.txt" {
		t.Fatalf("after adding: chosen %q, shows %q", picker.chosen(), picker.sel.Selected)
	}
	if picker.Validate() != nil || picker.bar.Visible() {
		t.Errorf("picker still busy after adding: %v", picker.Validate())
	}
	capture(t, s.win, "gui-drill-evidence")
	test.Tap(buttonNamed(t, form, "Lưu"))

	list, err := s.sess.ListDrills()
	if err != nil || len(list) != 1 || list[0].EvidenceID != picker.chosen() {
		t.Fatalf("drills = %+v, %v (picker chose %q)", list, err, picker.chosen())
	}
	if got := vaultContent(t, s, list[0].EvidenceID); got != report {
		t.Errorf("evidence content = %q", got)
	}
	if got := a.evidenceText(list[0].EvidenceID); got != "bien-ban-dien-tap.txt" {
		t.Errorf("drills table names the evidence %q", got)
	}
	capture(t, s.win, "gui-drills-with-evidence")
}

// TestPickerRefusesAFolderAndStaysUsable adds a folder: the picker says
// why, nothing is added, and it is no longer busy.
func TestPickerRefusesAFolderAndStaysUsable(t *testing.T) {
	_, s := newTestShell(t)
	s.win.Resize(fyne.NewSize(1000, 700))
	picker := newEvidencePicker(s, s.sess, "")
	s.win.SetContent(picker.view)
	validations := []error{}
	picker.SetOnValidationChanged(func(err error) { validations = append(validations, err) })

	waitAdded(t, picker.addFile(t.TempDir()))
	if files, err := s.sess.ListEvidence(); err != nil || len(files) != 0 {
		t.Errorf("library after adding a folder = %+v, %v", files, err)
	}
	if overlayText(t, s) == "" {
		t.Error("no error shown for a folder")
	}
	if len(validations) != 2 || validations[0] == nil || validations[1] != nil {
		t.Errorf("validation changes = %v, want busy then fine", validations)
	}
	if picker.chosen() != "" || picker.sel.Disabled() || picker.add.Disabled() {
		t.Errorf("picker after the failure: chosen %q, select disabled %v, add disabled %v", picker.chosen(), picker.sel.Disabled(), picker.add.Disabled())
	}
}

// TestRecordFormsAttachALibraryFile records a scan, a response plan and an
// awareness session, each choosing a file already in the library.
func TestRecordFormsAttachALibraryFile(t *testing.T) {
	_, s := newTestShellLate(t)
	addSystem(t, s, "Cổng dịch vụ công", 3)
	file := addLibraryFile(t, s, "Tài liệu", "tai-lieu.pdf", "nội dung")
	a, _ := buildActivitiesArea(s)
	s.win.Resize(fyne.NewSize(1180, 720))
	tests := []struct {
		name     string
		tab      func() fyne.CanvasObject
		fill     func(entries []*widget.Entry)
		evidence func() (string, error)
	}{
		{"scan", a.scansTab, func([]*widget.Entry) {}, func() (string, error) {
			l, err := s.sess.ListScans(0)
			return lastOf(l, func(x session.Scan) string { return x.EvidenceID }), err
		}},
		{"plan", a.plansTab, func(e []*widget.Entry) {
			test.Type(e[0], "Phương án ứng cứu sự cố")
			test.Type(e[1], "1.0")
			test.Type(e[2], "2026-11-01")
		},
			func() (string, error) {
				l, err := s.sess.ListResponsePlans(0)
				return lastOf(l, func(x session.ResponsePlan) string { return x.EvidenceID }), err
			}},
		{"awareness", a.awarenessTab, func(e []*widget.Entry) { test.Type(e[1], "Nhận diện thư lừa đảo"); test.Type(e[3], "40") },
			func() (string, error) {
				l, err := s.sess.ListAwareness()
				return lastOf(l, func(x session.AwarenessSession) string { return x.EvidenceID }), err
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view := tc.tab()
			s.win.SetContent(view)
			test.Tap(buttonNamed(t, view, "Ghi nhận"))
			form := s.win.Canvas().Overlays().Top()
			tc.fill(objects[*widget.Entry](t, form))
			for _, sel := range objects[*widget.Select](t, form) {
				if sel.SelectedIndex() < 0 {
					sel.SetSelectedIndex(0) // the system
				}
			}
			picker := onlyPicker(t, form)
			picker.sel.SetSelected(picker.sel.Options[1])
			capture(t, s.win, "gui-evidence-pick-"+tc.name)
			test.Tap(buttonNamed(t, form, "Lưu"))
			if top := s.win.Canvas().Overlays().Top(); top != nil {
				t.Fatalf("after saving:\n%s", labelTexts(t, top))
			}
			got, err := tc.evidence()
			if err != nil || got != file.ID {
				t.Errorf("evidence id = %q, %v; want %q", got, err, file.ID)
			}
		})
	}
}

func lastOf[T any](list []T, id func(T) string) string {
	if len(list) == 0 {
		return ""
	}
	return id(list[len(list)-1])
}

// TestScanImportKeepsTheReport imports a report with "keep the report"
// ticked (the default): the report is encrypted into the library and the
// scan names it.
func TestScanImportKeepsTheReport(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	s.win.Resize(fyne.NewSize(1180, 720))
	path := writeGeneratedReport(t, 200)

	a.showImportForm(path, "", "", reg)
	form := s.win.Canvas().Overlays().Top()
	keep := objects[*widget.Check](t, form)
	if len(keep) != 1 || !keep[0].Checked || keep[0].Text != "Lưu tệp báo cáo vào kho minh chứng" {
		t.Fatalf("keep-report check: %+v", keep)
	}
	objects[*widget.Select](t, form)[0].SetSelected(sys.Name)
	capture(t, s.win, "gui-scan-import-keep")
	test.Tap(buttonNamed(t, form, "Nhập"))
	mustHold(t, "the import", func() bool { return strings.Contains(overlayText(t, s), "Đã nhập báo cáo") })

	scans, err := s.sess.ListScans(0)
	if err != nil || len(scans) != 1 {
		t.Fatalf("scans = %+v, %v", scans, err)
	}
	files, err := s.sess.ListEvidence()
	if err != nil || len(files) != 1 || files[0].FileName != "quet.nessus" || scans[0].EvidenceID != files[0].ID {
		t.Fatalf("evidence = %+v, %v; scan names %q", files, err, scans[0].EvidenceID)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := vaultContent(t, s, files[0].ID); got != string(want) {
		t.Errorf("stored report differs from the file (%d against %d bytes)", len(got), len(want))
	}
}

// TestScanImportWithoutKeepingTheReport unticks the check: nothing is
// added to the library.
func TestScanImportWithoutKeepingTheReport(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	a.showImportForm(writeGeneratedReport(t, 20), "", "", reg)
	form := s.win.Canvas().Overlays().Top()
	test.Tap(objects[*widget.Check](t, form)[0])
	objects[*widget.Select](t, form)[0].SetSelected(sys.Name)
	test.Tap(buttonNamed(t, form, "Nhập"))
	mustHold(t, "the import", func() bool { return strings.Contains(overlayText(t, s), "Đã nhập báo cáo") })
	scans, err := s.sess.ListScans(0)
	if err != nil || len(scans) != 1 || scans[0].EvidenceID != "" {
		t.Fatalf("scans = %+v, %v", scans, err)
	}
	if files, err := s.sess.ListEvidence(); err != nil || len(files) != 0 {
		t.Errorf("evidence = %+v, %v", files, err)
	}
}

// TestFindingFixEvidence opens a finding from the findings table: the
// detail shows its host, asset and due date; a fix evidence file is
// chosen and saved, and the due date's pack rule is kept.
func TestFindingFixEvidence(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	fix := addLibraryFile(t, s, "Ảnh chụp bản vá", "ban-va.png", "png")
	a, _ := buildActivitiesArea(s)
	sample := filepath.Join("..", "..", "data", "scanimport", "testdata", "sample.nessus")
	if _, err := a.importFile(sample, session.ScanImport{SystemID: sys.ID, Date: "2026-11-20"}); err != nil {
		t.Fatal(err)
	}
	before, err := s.sess.ListFindings(session.FindingFilter{})
	if err != nil || len(before) == 0 {
		t.Fatalf("findings = %d, %v", len(before), err)
	}
	findings := a.findingsTab()
	s.win.SetContent(findings)
	s.win.Resize(fyne.NewSize(1180, 720))
	objects[*widget.Table](t, findings)[0].Select(widget.TableCellID{Row: 0, Col: 0})
	form := s.win.Canvas().Overlays().Top()
	detail := labelTexts(t, form)
	for _, want := range []string{"Máy: ", "Tài sản: ", "Hạn khắc phục: "} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	picker := onlyPicker(t, form)
	picker.sel.SetSelected(picker.sel.Options[1])
	capture(t, s.win, "gui-finding-fix-evidence")
	test.Tap(buttonNamed(t, form, "Lưu"))

	after, err := s.sess.ListFindings(session.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var updated []session.Finding
	for _, f := range after {
		if f.FixEvidenceID != "" {
			updated = append(updated, f)
		}
	}
	if len(updated) != 1 || updated[0].FixEvidenceID != fix.ID {
		t.Fatalf("findings with fix evidence = %+v", updated)
	}
	i := slices.IndexFunc(before, func(f session.Finding) bool { return f.ID == updated[0].ID })
	if updated[0].DueDate != before[i].DueDate || updated[0].DueRule != before[i].DueRule {
		t.Errorf("due %q (%q) became %q (%q) on saving", before[i].DueDate, before[i].DueRule, updated[0].DueDate, updated[0].DueRule)
	}
	if !strings.Contains(detail, updated[0].Name) {
		t.Errorf("the detail is not the saved finding's:\n%s", detail)
	}
	if want := a.findingDetail(updated[0]); before[i].DueRule != "" && !strings.Contains(want, "theo gói/quy tắc "+before[i].DueRule) {
		t.Errorf("detail does not name the due rule %q:\n%s", before[i].DueRule, want)
	}

	// Choosing "none" again removes the evidence of the fix.
	a.onFinding(updated[0], &registerTab[session.Finding]{count: widget.NewLabel(""), list: newListTable[session.Finding](nil, "", nil),
		load: func() ([]session.Finding, error) { return nil, nil }})
	form = s.win.Canvas().Overlays().Top()
	picker = onlyPicker(t, form)
	picker.sel.SetSelectedIndex(0)
	test.Tap(buttonNamed(t, form, "Lưu"))
	cleared, err := s.sess.ListFindings(session.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cleared {
		if f.FixEvidenceID != "" {
			t.Errorf("finding %d keeps fix evidence %q", f.ID, f.FixEvidenceID)
		}
	}
}

// TestIncidentLinksEvidence links a library file and a file added from
// disk to an incident from its dialog; both are listed after.
func TestIncidentLinksEvidence(t *testing.T) {
	_, s := newTestShell(t)
	in, err := s.sess.AddIncident(session.Incident{Title: "Tấn công từ chối dịch vụ cổng thông tin", Type: "dos", Detected: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	logs := addLibraryFile(t, s, "Nhật ký tường lửa", "firewall.log", "DROP 203.0.113.7")
	scr, content := buildIncidentsScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 800))
	scr.onOpen(in)
	dlg := s.win.Canvas().Overlays().Top()
	if !strings.Contains(labelTexts(t, dlg), "Chưa gắn tệp minh chứng nào.") {
		t.Errorf("no empty evidence text:\n%s", labelTexts(t, dlg))
	}
	picker := onlyPicker(t, dlg)
	picker.sel.SetSelected("Nhật ký tường lửa — firewall.log")
	test.Tap(buttonNamed(t, dlg, "Gắn"))

	dlg = s.win.Canvas().Overlays().Top()
	picker = onlyPicker(t, dlg)
	waitAdded(t, picker.addFile(writeFile(t, "mau-goi-tin.pcap", "pcap")))
	test.Tap(buttonNamed(t, dlg, "Gắn"))

	det, err := s.sess.GetIncident(in.ID)
	if err != nil || len(det.EvidenceIDs) != 2 || !slices.Contains(det.EvidenceIDs, logs.ID) {
		t.Fatalf("incident evidence = %v, %v", det.EvidenceIDs, err)
	}
	text := labelTexts(t, s.win.Canvas().Overlays().Top())
	for _, want := range []string{"Nhật ký tường lửa — firewall.log", "• mau-goi-tin.pcap (4 B)"} {
		if !strings.Contains(text, want) {
			t.Errorf("dialog lacks %q:\n%s", want, text)
		}
	}
	capture(t, s.win, "gui-incident-evidence")
}

// TestScanImportKeptReportOfBadFile keeps a report that then cannot be
// read: the error says why and that the file stays in the library, and no
// scan is stored.
func TestScanImportKeptReportOfBadFile(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	path := filepath.Join(t.TempDir(), "cut.nessus")
	if err := os.WriteFile(path, []byte(`<NessusClientData_v2><Report name="r"><ReportHost name="10.1.1.1">`), 0o600); err != nil {
		t.Fatal(err)
	}
	waitDone(t, a.runImport(path, session.ScanImport{SystemID: sys.ID}, reg, true))
	msg := overlayText(t, s)
	if !strings.Contains(msg, "bị cắt cụt") || !strings.Contains(msg, "vẫn được lưu trong kho minh chứng") {
		t.Errorf("message:\n%s", msg)
	}
	if scans, err := s.sess.ListScans(0); err != nil || len(scans) != 0 {
		t.Errorf("scans = %+v, %v", scans, err)
	}
}
