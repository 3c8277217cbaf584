package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/demo"
	"daumoi/data/session"
	"daumoi/data/token/tokentest"
	"daumoi/reports/pades"
	"daumoi/reports/pades/padestest"
	"daumoi/reports/pdfdoc"
)

// padesArtifacts is where the screenshots of the PAdES dialogs go.
func padesArtifacts(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "artifacts", "pades")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSigningDialogOffersTheToken opens the bundle signing dialog as the
// manager at 1366×768, ticks "Ký số văn bản bằng chứng thư số" and checks
// that the token fields appear and fit, remembered from the preferences.
func TestSigningDialogOffersTheToken(t *testing.T) {
	s := openDemoAs(t, demo.ManagerUser)
	s.app.Preferences().SetString(prefPKCS11Module, "/usr/lib/softhsm/libsofthsm2.so")
	size := fyne.NewSize(1366, 768)
	s.win.Resize(size)
	s.Select(areaReports)
	test.Tap(findButton(t, s.content, s.cat.T("rep.sign")))
	top := s.win.Canvas().Overlays().Top()
	check := objects[*widget.Check](t, top)
	if len(check) != 1 || check[0].Text != s.cat.T("pades.use") {
		t.Fatalf("signing dialog checks: %v", check)
	}
	test.Tap(check[0])
	var module *widget.Entry
	for _, e := range objects[*widget.Entry](t, top) {
		if e.Visible() && e.Text == "/usr/lib/softhsm/libsofthsm2.so" {
			module = e
		}
	}
	if module == nil {
		t.Error("the module path is not remembered in the dialog")
	}
	checkFits(t, s, size, "pades-sign-dialog", filepath.Join(padesArtifacts(t), "sign-dialog-1366x768.png"))
	// The PIN typed is not remembered with the rest.
	var secrets []*widget.Entry
	for _, e := range objects[*widget.Entry](t, top) {
		if e.Password {
			secrets = append(secrets, e)
		}
	}
	if len(secrets) != 2 {
		t.Fatalf("%d password fields", len(secrets))
	}
	test.Type(secrets[1], "pin-bí-mật-9876")
	test.Tap(buttonNamed(t, top, "Tiếp tục"))
	prefs := s.app.Preferences()
	for _, k := range []string{prefPKCS11Module, prefPKCS11Token, prefPKCS11Key, prefPKCS11Chain} {
		if strings.Contains(prefs.String(k), "9876") {
			t.Errorf("preference %s holds the PIN", k)
		}
	}
	if secrets[1].Text != "" {
		t.Error("the PIN stays in the dialog's field")
	}
}

// TestProfileSignatureImages shows the profile's images part as the focal
// point with images stored, and captures it.
func TestProfileSignatureImages(t *testing.T) {
	s := openDemoAs(t, demo.FocalUser)
	if err := s.sess.SaveSignatureImages(session.SignatureImages{Signature: padestest.SignatureImage(), Seal: padestest.SealImage()}); err != nil {
		t.Fatal(err)
	}
	size := fyne.NewSize(1366, 768)
	s.win.Resize(size)
	s.Select(areaProfile)
	for _, sc := range objects[*container.Scroll](t, s.content) {
		sc.ScrollToBottom()
	}
	if findButton(t, s.content, s.cat.T("pades.choose_seal")) == nil {
		t.Fatal("the profile offers no seal image")
	}
	checkFits(t, s, size, "pades-profile", filepath.Join(padesArtifacts(t), "profile-images-1366x768.png"))
}

// TestTokenSignerHook signs a report PDF through the GUI's SignPDF hook on
// a real SoftHSM2 token with the vault's images.
func TestTokenSignerHook(t *testing.T) {
	tok := tokentest.New(t)
	c := &tokenChoice{module: tok.Module, label: tokentest.Label, keyLabel: tokentest.KeyLabel, chain: tok.ChainPEM, pin: []byte(tokentest.PIN)}
	if cert, err := c.certificate(); err != nil || !pades.NameMatches(cert, tokentest.SignerName) {
		t.Fatalf("certificate: %v", err)
	}
	s := openDemoAs(t, demo.ManagerUser)
	r, err := s.sess.ReportDocument(session.ReportRequest{Kind: session.ReportAnnual, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	l, err := pdfdoc.RenderLayout(r.Document, &buf)
	if err != nil {
		t.Fatal(err)
	}
	hook := c.signer(session.SignatureImages{Signature: padestest.SignatureImage(), Seal: padestest.SealImage()},
		func() time.Time { return time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC) })
	signed, err := hook(buf.Bytes(), l)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := pades.Verify(signed, tok.Roots())
	if err != nil || !infos[0].Valid() {
		t.Fatalf("signed through the hook: %v %+v", err, infos)
	}
	for _, b := range c.pin {
		if b != 0 {
			t.Fatal("the PIN is still in memory after signing")
		}
	}
}

// TestChooseKeyOnTheToken lists the keys of a real SoftHSM2 token in the
// signing dialog's key chooser and puts the chosen label in the form.
func TestChooseKeyOnTheToken(t *testing.T) {
	tok := tokentest.New(t)
	s := openDemoAs(t, demo.ManagerUser)
	m, content := buildReportMaker(s)
	s.win.SetContent(content)
	size := fyne.NewSize(1366, 768)
	s.win.Resize(size)
	f := m.newTokenForm()
	f.module.SetText(tok.Module)
	f.label.SetText(tokentest.Label)
	f.keyLabel.SetText("")
	test.Type(f.pin, tokentest.PIN)
	m.chooseKey(f)
	mustHold(t, "the token's keys", func() bool { return !m.working })
	top := s.win.Canvas().Overlays().Top()
	radios := objects[*widget.RadioGroup](t, top)
	if len(radios) != 1 || len(radios[0].Options) != 1 {
		t.Fatalf("key chooser: %v", radios)
	}
	radios[0].SetSelected(radios[0].Options[0])
	capture(t, s.win, filepath.Join("pades", "choose-key-1366x768"))
	test.Tap(buttonNamed(t, top, "Tiếp tục"))
	if f.keyLabel.Text != tokentest.KeyLabel {
		t.Errorf("key label after choosing = %q", f.keyLabel.Text)
	}
	// A wrong PIN says so.
	f.pin.SetText("")
	test.Type(f.pin, "0000")
	m.chooseKey(f)
	mustHold(t, "the wrong PIN", func() bool { return !m.working })
	if text := labelTexts(t, s.win.Canvas().Overlays().Top()); !strings.Contains(text, "Mã PIN của thiết bị ký số không đúng") {
		t.Errorf("wrong PIN message: %s", text)
	}
}

// TestSignedPDFOfAnyReport saves the systems list — not the annual
// bundle — as a PDF signed on a real SoftHSM2 token through "Ký số PDF…"'s
// job: the file verifies with the test chain; the dialog fits.
func TestSignedPDFOfAnyReport(t *testing.T) {
	tok := tokentest.New(t)
	s := openDemoAs(t, demo.ManagerUser)
	s.win.Resize(fyne.NewSize(1366, 768))
	m, content := buildReportMaker(s)
	s.win.SetContent(content)
	c := &tokenChoice{module: tok.Module, label: tokentest.Label, keyLabel: tokentest.KeyLabel, chain: tok.ChainPEM, pin: []byte(tokentest.PIN)}
	path := filepath.Join(t.TempDir(), "danh-muc-he-thong.pdf")
	s.saveTo(path, m.pdfJob(session.ReportRequest{Kind: session.ReportSystems, Year: 2026}, c))
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := pades.Verify(doc, tok.Roots())
	if err != nil || len(infos) != 1 || !infos[0].Valid() || infos[0].SignerName != tokentest.SignerName {
		t.Fatalf("signed systems list: %v %+v", err, infos)
	}
	dropOverlays(s)
	m.kind.SetSelectedIndex(0)
	m.onSignPDF()
	if got := overlayText(t, s); !strings.Contains(got, "Mã PIN chỉ dùng cho lần ký này") {
		t.Errorf("the sign-PDF dialog: %q", got)
	}
	checkFits(t, s, fyne.NewSize(1366, 768), "sign-pdf", filepath.Join(padesArtifacts(t), "sign-pdf-1366x768.png"))
}
