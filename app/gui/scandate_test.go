package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestScanImportConfirmsOldDate imports a Nessus report whose hosts
// started in March 2022: the form shows the date read, the import asks to
// confirm it, "correct the date" goes back to the form, and confirming
// records the scan on 15/03/2022. The clock is 1 December 2026.
func TestScanImportConfirmsOldDate(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	s.win.Resize(fyne.NewSize(1366, 768))
	path := filepath.Join("..", "..", "data", "scanimport", "testdata", "old-host-start.nessus")

	fillForm := func() *widget.Button {
		t.Helper()
		form := s.win.Canvas().Overlays().Top()
		text := labelTexts(t, form)
		if !strings.Contains(text, "Ngày bắt đầu quét ghi trong báo cáo: 15/03/2022") {
			t.Fatalf("import form:\n%s", text)
		}
		var date *widget.Entry
		for _, e := range objects[*widget.Entry](t, form) {
			if e.Text == "15/03/2022" {
				date = e
			}
		}
		if date == nil {
			t.Fatalf("no date entry holding 15/03/2022 in:\n%s", text)
		}
		objects[*widget.Select](t, form)[0].SetSelected(sys.Name)
		if keep := objects[*widget.Check](t, form); len(keep) == 1 && keep[0].Checked {
			test.Tap(keep[0])
		}
		return buttonNamed(t, form, "Nhập")
	}
	a.readReportDate(path, reg)
	capture(t, s.win, "gui-scan-date-form")
	test.Tap(fillForm())
	confirm := overlayText(t, s)
	if !strings.Contains(confirm, "Xác nhận ngày quét") || !strings.Contains(confirm, "15/03/2022 đã hơn một năm trước hôm nay (01/12/2026)") {
		t.Fatalf("confirmation:\n%s", confirm)
	}
	capture(t, s.win, "gui-scan-date-confirm")
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Sửa ngày"))
	if scans, err := s.sess.ListScans(0); err != nil || len(scans) != 0 {
		t.Fatalf("scans before confirming = %+v, %v", scans, err)
	}
	test.Tap(fillForm()) // back in the form with the date read
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Ghi nhận ngày này"))
	mustHold(t, "the import", func() bool { return strings.Contains(overlayText(t, s), "Đã nhập báo cáo") })
	msg := overlayText(t, s)
	if !strings.Contains(msg, "ngày quét 15/03/2022 (ngày bắt đầu quét ghi trong báo cáo)") || !strings.Contains(msg, "Lỗ hổng đã lưu (đã gộp trùng lặp) 2") {
		t.Errorf("result message:\n%s", msg)
	}
	capture(t, s.win, "gui-scan-date-done")
	scans, err := s.sess.ListScans(0)
	if err != nil || len(scans) != 1 || scans[0].Date != "2022-03-15" {
		t.Fatalf("scans = %+v, %v", scans, err)
	}
}

// TestScanImportCorrectedDate: a date typed over the one read, within the
// year, is taken without a confirmation.
func TestScanImportCorrectedDate(t *testing.T) {
	_, s := newTestShellLate(t)
	sys := addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	reg, view := a.scansRegister()
	s.win.SetContent(view)
	a.readReportDate(filepath.Join("..", "..", "data", "scanimport", "testdata", "old-host-start.nessus"), reg)
	form := s.win.Canvas().Overlays().Top()
	for _, e := range objects[*widget.Entry](t, form) {
		if e.Text == "15/03/2022" {
			e.SetText("28/11/2026")
		}
	}
	objects[*widget.Select](t, form)[0].SetSelected(sys.Name)
	test.Tap(objects[*widget.Check](t, form)[0])
	test.Tap(buttonNamed(t, form, "Nhập"))
	mustHold(t, "the import", func() bool { return strings.Contains(overlayText(t, s), "Đã nhập báo cáo") })
	if msg := overlayText(t, s); !strings.Contains(msg, "ngày quét 28/11/2026 (ngày đã nhập; báo cáo ghi 15/03/2022)") {
		t.Errorf("result message:\n%s", msg)
	}
	scans, err := s.sess.ListScans(0)
	if err != nil || len(scans) != 1 || scans[0].Date != "2026-11-28" {
		t.Fatalf("scans = %+v, %v", scans, err)
	}
}
