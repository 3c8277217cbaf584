package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"daumoi/data/session"
)

// TestProvinceReportScreenOfficeDue: the province's reports screen shows
// the office's own deadlines from the packs (the annual consolidated
// report due 20/12, the monthly report due the 5th), and once the head
// signs and exports the annual bundle, that one says it was sent; the
// screen fits 1366×768 and 1280×720.
func TestProvinceReportScreenOfficeDue(t *testing.T) {
	in := t.TempDir()
	good, key := agencyBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	s, _ := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key}, good)
	p, content := buildProvinceReportScreen(s)
	s.win.SetContent(content)
	before := p.due.Text
	for _, want := range []string{"Hạn báo cáo của đơn vị", "Tổng hợp, báo cáo UBND tỉnh kết quả thực hiện Chỉ thị hằng năm — hạn 20/12/2026: ",
		"Báo cáo Chủ tịch UBND tỉnh tình hình an toàn thông tin mạng hằng tháng — hạn 05/01/2027: "} {
		if !strings.Contains(before, want) {
			t.Errorf("before the bundle, the deadlines lack %q:\n%s", want, before)
		}
	}
	if strings.Contains(before, "đã gửi") || strings.Contains(before, "provincial_") {
		t.Errorf("before the bundle:\n%s", before)
	}
	dir := filepath.Join("..", "..", "artifacts", "office")
	checkFits(t, s, fyne.NewSize(1366, 768), "province reports, deadlines", filepath.Join(dir, "gui-province-due.png"))

	row := newOfficeKeyRow(s)
	row.onCreate()
	typeSecrets(t, s, "khóa ký của lãnh đạo 2026")
	dropOverlays(s)
	req, err := p.request()
	if err != nil {
		t.Fatal(err)
	}
	s.saveTo(filepath.Join(t.TempDir(), "tonghop.zip"), p.bundleJob(req, []byte("khóa ký của lãnh đạo 2026")))
	dropOverlays(s)
	after := p.due.Text
	if !strings.Contains(after, "hằng năm — hạn 20/12/2026: đã gửi ngày 10/12/2026") {
		t.Errorf("after the annual bundle:\n%s", after)
	}
	if !strings.Contains(after, "hằng tháng — hạn 05/01/2027: ") || strings.Contains(after, "hằng tháng — hạn 05/01/2027: đã gửi") {
		t.Errorf("the annual bundle met the monthly report:\n%s", after)
	}
	checkFits(t, s, fyne.NewSize(1280, 720), "province reports, deadlines met", filepath.Join(dir, "gui-province-due-done.png"))
}
