package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/office"
)

// openWarnings opens the office vault on the register of warnings.
func openWarnings(t *testing.T) (*Shell, *officeWarningsScreen) {
	t.Helper()
	s, _ := openOffice(t)
	s.Select(areaOfficeWarnings)
	if s.warningsScr == nil {
		t.Fatal("no warnings screen")
	}
	return s, s.warningsScr
}

func TestOfficeWarningAddedIsListedAndFound(t *testing.T) {
	s, scr := openWarnings(t)
	if len(scr.list.rows) != 0 || !strings.Contains(labelTexts(t, s.win.Content()), "Chưa có cảnh báo nào trong sổ") {
		t.Fatalf("a new register lists %d warnings", len(scr.list.rows))
	}
	test.Tap(scr.add)
	f := scr.form
	if f == nil || f.received.Text != "01/12/2026" {
		t.Fatalf("the form opens without today as the day received: %+v", f)
	}
	f.received.SetText("")
	test.Type(f.received, "28/11/2026")
	test.Type(&f.source.Entry, "Cục An toàn thông tin (NCSC)")
	test.Type(f.number, "1234/CATTT-NCSC")
	test.Type(f.subject, "Lỗ hổng nghiêm trọng trong Microsoft Exchange Server")
	f.severity.SetSelected("Nghiêm trọng")
	test.Type(f.relayed, "2026-11-29")
	test.Tap(buttonNamed(t, f.pick, "Xã, phường, đặc khu (1)"))
	if strings.Join(f.to.Selected, ",") != "UBND phường Long Châu" {
		t.Errorf("the communes' button checked %q", f.to.Selected)
	}
	capture(t, s.win, "gui-office-warning-add")
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Lưu"))
	if scr.form != nil {
		t.Fatalf("the form stayed open:\n%s", overlayText(t, s))
	}

	list, err := s.sess.OfficeWarnings(time.Time{}, time.Time{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored: %+v, %v", list, err)
	}
	w := list[0]
	if !w.Received.Equal(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) || w.Severity != office.SeverityCritical ||
		strings.Join(w.RelayedTo, ",") != "000.00.31.H62" || w.RelayedToAll {
		t.Errorf("stored %+v", w)
	}
	if len(scr.list.rows) != 1 || scr.chosen != w.ID {
		t.Fatalf("listed %d, chosen %d", len(scr.list.rows), scr.chosen)
	}
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"28/11/2026", "1234/CATTT-NCSC", "Nghiêm trọng", "29/11/2026, 1 đơn vị", "Đơn vị nhận: UBND phường Long Châu"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen lacks %q:\n%s", want, text)
		}
	}
	scr.search.SetText("lo hong exchange")
	if len(scr.list.rows) != 1 {
		t.Errorf("search without diacritics found %d", len(scr.list.rows))
	}
	scr.search.SetText("fortinet")
	if len(scr.list.rows) != 0 {
		t.Errorf("search for another found %d", len(scr.list.rows))
	}
	scr.search.SetText("")
	capture(t, s.win, "gui-office-warnings")

	// Edit: relayed to every agency; a bad day is refused, nothing saved.
	scr.openForm(w, false)
	scr.form.toAll.SetChecked(true)
	if !scr.form.to.Disabled() || !scr.form.pick.Objects[0].(*widget.Button).Disabled() {
		t.Error("the agencies stay choosable with every agency checked")
	}
	scr.form.relayed.SetText("31/02/2026")
	scr.form.save()
	if !strings.Contains(overlayText(t, s), "không hợp lệ: cần ngày nhận") {
		t.Errorf("bad day: %s", overlayText(t, s))
	}
	if got, _ := s.sess.OfficeWarning(w.ID); got.RelayedToAll {
		t.Error("a refused edit was saved")
	}
	dropOverlays(s)
	scr.openForm(w, false)
	scr.form.toAll.SetChecked(true)
	scr.form.save()
	if got, _ := s.sess.OfficeWarning(w.ID); !got.RelayedToAll || !strings.Contains(labelTexts(t, scr.detail), "mọi đơn vị") {
		t.Errorf("edited %+v:\n%s", got, labelTexts(t, scr.detail))
	}

	// Remove, after confirming.
	test.Tap(buttonNamed(t, scr.detail, "Xóa khỏi sổ"))
	if scr.confirm == nil || !strings.Contains(overlayText(t, s), "Chỉ xóa khi ghi nhầm") {
		t.Fatalf("no confirmation: %s", overlayText(t, s))
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Có"))
	if list, _ := s.sess.OfficeWarnings(time.Time{}, time.Time{}); len(list) != 0 || len(scr.list.rows) != 0 {
		t.Errorf("after removal: %d stored, %d listed", len(list), len(scr.list.rows))
	}
}

// seedOfficeWarnings registers two warnings, one relayed to every agency.
func seedOfficeWarnings(t *testing.T, s *Shell) {
	t.Helper()
	for _, w := range []office.Warning{
		{Received: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), Issued: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), Source: warningSources[0],
			Number: "1234/CATTT-NCSC", Subject: "Lỗ hổng bảo mật nghiêm trọng trong Microsoft Exchange Server cho phép thực thi mã từ xa",
			Severity: office.SeverityCritical, Relayed: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC), RelayedToAll: true, RelayNumber: "56/ANM",
			Note: "Đề nghị các đơn vị rà soát, cập nhật bản vá trước ngày 10/11/2026 và báo cáo kết quả."},
		{Received: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Source: warningSources[1], Number: "777/A05-P3",
			Subject: "Chiến dịch mã độc tống tiền nhắm vào cơ quan nhà nước", Severity: office.SeverityHigh,
			Relayed: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), RelayedTo: []string{"000.00.31.H62"}},
	} {
		if _, err := s.sess.AddOfficeWarning(w); err != nil {
			t.Fatal(err)
		}
	}
}

// checkOfficeWarningsFit shows the register of warnings with one in
// detail, its form to add and to edit and the removal's confirmation
// (office-<size>-warning-*.png).
func checkOfficeWarningsFit(t *testing.T, s *Shell, size fyne.Size, file func(string) string) {
	t.Helper()
	s.Select(areaOfficeWarnings)
	scr := s.warningsScr
	scr.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	checkFits(t, s, size, "warning-detail", file("warning-detail"))
	w := scr.list.rows[0]
	for _, st := range []struct {
		name string
		open func()
	}{
		{"warning-add", func() { test.Tap(scr.add) }},
		{"warning-edit", func() { scr.openForm(w, false) }},
		{"warning-remove", func() { scr.confirmRemove(w) }},
	} {
		st.open()
		checkFits(t, s, size, st.name, file(st.name))
		dropOverlays(s)
	}
}
