package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
)

func TestIncidentLogAdvanceAndClose(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildIncidentsScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 720))

	// Log one through the form.
	scr.onAdd()
	form := s.win.Canvas().Overlays().Top()
	entries := objects[*widget.Entry](t, form)
	test.Type(entries[0], "Trang thông tin điện tử bị thay đổi giao diện")
	entries[1].SetText(time.Now().Add(-2 * time.Hour).In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02 15:04"))
	test.Tap(objects[*widget.Check](t, form)[0]) // serious: starts the 24 h clock
	test.Tap(buttonNamed(t, form, "Lưu"))
	if len(scr.list.rows) != 1 {
		t.Fatalf("%d incidents after logging one", len(scr.list.rows))
	}
	in := scr.list.rows[0]
	if in.State != session.IncidentDetected || len(in.Flags) != 1 {
		t.Fatalf("logged incident = %+v", in)
	}
	detail := labelTexts(t, s.win.Canvas().Overlays().Top())
	if !strings.Contains(detail, "Thời hạn thông báo, báo cáo") || !strings.Contains(detail, "còn") {
		t.Errorf("no running clock shown:\n%s", detail)
	}
	capture(t, s.win, "gui-incident")

	// Advance through the states; the closure report waits for the end.
	for _, step := range []string{"Đã thông báo", "Bắt đầu ứng phó"} {
		test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), step))
	}
	if !buttonNamed(t, s.win.Canvas().Overlays().Top(), "Báo cáo kết thúc (Mẫu 04)…").Disabled() {
		t.Error("the closure report is offered before the incident is closed")
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Kết thúc ứng phó"))
	det, err := s.sess.GetIncident(in.ID)
	if err != nil || det.State != session.IncidentClosed {
		t.Fatalf("after closing: %v, %v", det.State, err)
	}
	if buttonNamed(t, s.win.Canvas().Overlays().Top(), "Báo cáo kết thúc (Mẫu 04)…").Disabled() {
		t.Error("the closure report is not offered after closing")
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Sao chép thư thông báo sự cố"))
	if clip := s.app.Clipboard().Content(); !strings.Contains(clip, "[TBSC]") {
		t.Errorf("clipboard = %q", clip)
	}
}

func TestIncidentReportFieldsEdited(t *testing.T) {
	_, s := newTestShell(t)
	in, err := s.sess.AddIncident(session.Incident{Title: "Mã độc trên máy trạm", Type: "malware", Detected: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	scr, content := buildIncidentsScreen(s)
	s.win.SetContent(content)
	done := false
	scr.onEdit(in, func() { done = true })
	form := s.win.Canvas().Overlays().Top()
	entries := objects[*widget.Entry](t, form)
	test.Type(entries[8], "Cách ly máy, quét toàn bộ mạng nội bộ") // measures
	test.Tap(buttonNamed(t, form, "Lưu"))
	det, err := s.sess.GetIncident(in.ID)
	if err != nil || !done || det.Measures != "Cách ly máy, quét toàn bộ mạng nội bộ" {
		t.Errorf("measures = %q (done %v), %v", det.Measures, done, err)
	}
}
