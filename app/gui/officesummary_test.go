package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/token/tokentest"
	"daumoi/reports/bundle"
	"daumoi/reports/pades"
)

// TestProvinceReportScreen: the office previews the annual consolidated
// report of a received bundle, saves it as PDF, and the head signs and
// exports its bundle, which verifies with the head's key; the screen and
// the passphrase dialog fit 1366×768.
func TestProvinceReportScreen(t *testing.T) {
	in := t.TempDir()
	good, key := agencyBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	s, _ := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key}, good)
	size := fyne.NewSize(1366, 768)
	s.rebuild(areaProvinceReports)
	if s.CurrentArea() != areaProvinceReports {
		t.Fatalf("area %q", s.CurrentArea())
	}
	preview := findButton(t, s.win.Content(), "Xem trước")
	if preview == nil {
		t.Fatal("no preview button")
	}
	test.Tap(preview)
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"TỔNG HỢP", "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ", "Tổng số cơ quan, đơn vị phải báo cáo: 1."} {
		if !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join("..", "..", "artifacts", "office"), 0o755))
	checkFits(t, s, size, "province reports", filepath.Join("..", "..", "artifacts", "office", "gui-province-reports.png"))

	test.Tap(findButton(t, s.win.Content(), "Thông tin cơ quan…"))
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no identity form")
	}
	entries := objects[*widget.Entry](t, top)
	if len(entries) != 6 {
		t.Fatalf("%d fields in the identity form", len(entries))
	}
	entries[2].SetText("Công an tỉnh Vĩnh Long")
	entries[3].SetText("ANM")
	entries[4].SetText("Trưởng phòng")
	checkFits(t, s, size, "office identity", filepath.Join("..", "..", "artifacts", "office", "gui-province-identity.png"))
	test.Tap(buttonNamed(t, top, "Lưu"))
	text = labelTexts(t, s.win.Content())
	for _, want := range []string{"Số: …/BC-ANM", "Công an tỉnh Vĩnh Long"} {
		if !strings.Contains(text, want) {
			t.Errorf("after the identity: the preview lacks %q", want)
		}
	}
	p, _ := buildProvinceReportScreen(s)
	p.recommendations.SetText("Đề nghị đôn đốc các đơn vị chưa gửi báo cáo.")
	req, err := p.request()
	must(err)
	out := t.TempDir()
	pdf := filepath.Join(out, "tonghop.pdf")
	s.saveTo(pdf, p.pdfJob(req, nil))
	data, err := os.ReadFile(pdf)
	must(err)
	if !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("saved %d bytes, not a PDF", len(data))
	}
	dropOverlays(s)

	// The same report signed with a certificate on a SoftHSM2 token.
	tok := tokentest.New(t)
	c := &tokenChoice{module: tok.Module, label: tokentest.Label, keyLabel: tokentest.KeyLabel, chain: tok.ChainPEM, pin: []byte(tokentest.PIN)}
	signedPDF := filepath.Join(out, "tonghop-ky-so.pdf")
	s.saveTo(signedPDF, p.pdfJob(req, c))
	data, err = os.ReadFile(signedPDF)
	must(err)
	if infos, err := pades.Verify(data, tok.Roots()); err != nil || len(infos) != 1 || !infos[0].Valid() {
		t.Fatalf("the signed provincial report: %v %+v", err, infos)
	}
	dropOverlays(s)
	p.onSignPDF()
	if got := overlayText(t, s); !strings.Contains(got, "Mã PIN chỉ dùng cho lần ký này") {
		t.Errorf("the sign-PDF dialog: %q", got)
	}
	dropOverlays(s)

	row := newOfficeKeyRow(s)
	row.onCreate()
	typeSecrets(t, s, "khóa ký của lãnh đạo 2026")
	head, err := s.sess.SigningKey("lan")
	must(err)
	s.rebuild(areaProvinceReports)
	sign := findButton(t, s.win.Content(), "Ký và xuất gói")
	if sign == nil || sign.Disabled() {
		t.Fatal("the head cannot sign")
	}
	test.Tap(sign)
	checkFits(t, s, size, "province reports, signing", filepath.Join("..", "..", "artifacts", "office", "gui-province-reports-sign.png"))
	dropOverlays(s)
	zip := filepath.Join(out, "tonghop.zip")
	s.saveTo(zip, p.bundleJob(req, []byte("khóa ký của lãnh đạo 2026")))
	dropOverlays(s)
	v, err := bundle.VerifyFile(zip, bundle.TrustKey("head", head.PublicKey))
	must(err)
	if v.Kind != "province-annual" {
		t.Errorf("kind %q", v.Kind)
	}
}
