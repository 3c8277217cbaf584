package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
)

func TestActivitiesImportScanAndRecordDrill(t *testing.T) {
	_, s := newTestShell(t)
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
