package gui

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"daumoi/reports/bundle"
	"daumoi/reports/signing"
)

// writeBundle signs a small bundle and writes it with its public key.
func writeBundle(t *testing.T) (zipPath, pubPath string) {
	t.Helper()
	pub, sec, err := signing.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)
	b := bundle.Bundle{
		Kind: "annual", Agency: bundle.Agency{Name: "Sở Nội vụ tỉnh Vĩnh Long", Code: "SNV"},
		Period:  bundle.Period{From: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)},
		Created: created, AppVersion: "0.1.0", SignerName: "Trần Quốc Bảo",
		AuditHead: bundle.AuditHead{Seq: 1, Hash: strings.Repeat("ab", 32)},
		Files:     []bundle.File{bundle.BytesFile("report/bao-cao.pdf", []byte("%PDF-1.4 báo cáo mẫu"))},
	}
	var buf bytes.Buffer
	if err := bundle.Build(&buf, b, sec); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zipPath, pubPath = filepath.Join(dir, "bao-cao.zip"), filepath.Join(dir, "so-noi-vu.pub")
	text, err := pub.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pubPath, text, 0o600); err != nil {
		t.Fatal(err)
	}
	return zipPath, pubPath
}

func TestVerifyScreen(t *testing.T) {
	a := newTestApp(t)
	w := a.NewWindow(windowTitle)
	defer w.Close()
	s := &Shell{app: a, win: w, opts: Options{Go: runNow}}
	s.setLanguage("vi")
	zipPath, pubPath := writeBundle(t)
	scr, content := buildVerifyScreen(s)
	w.SetContent(content)

	test.Tap(scr.run)
	if !strings.Contains(scr.verdict.Text, "Hãy chọn bộ báo cáo") {
		t.Errorf("verdict without inputs = %q", scr.verdict.Text)
	}

	scr.file.SetText(zipPath)
	scr.trust.SetText(pubPath)
	test.Tap(scr.run)
	mustHold(t, "verification", func() bool { return !scr.working })
	if !strings.Contains(scr.verdict.Text, "Hợp lệ") || !strings.Contains(scr.details.Text, "Sở Nội vụ tỉnh Vĩnh Long") ||
		!strings.Contains(scr.details.Text, "Trần Quốc Bảo") || !strings.Contains(scr.details.Text, "report/bao-cao.pdf") {
		t.Errorf("valid bundle: %q\n%s", scr.verdict.Text, scr.details.Text)
	}
	// The kind by its name, dates and times as a person reads them.
	for _, want := range []string{"Loại: Báo cáo kết quả thực hiện Chỉ thị 11/CT-UBND (năm)", "Kỳ báo cáo: 15/12/2025 đến 14/12/2026", "Lập lúc: 10/12/2026 16:00"} {
		if !strings.Contains(scr.details.Text, want) {
			t.Errorf("valid bundle's details lack %q:\n%s", want, scr.details.Text)
		}
	}
	if m := isoStamp.FindString(scr.details.Text); m != "" {
		t.Errorf("valid bundle's details show %q", m)
	}
	w.Resize(fyne.NewSize(1366, 768))
	capture(t, w, "verify-ok-1366x768")

	// One changed byte: not valid, with the reason in Vietnamese.
	raw, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(raw, []byte("%PDF-1.4"))
	if i < 0 {
		t.Fatal("the stored report was not found in the ZIP")
	}
	raw[i+5] ^= 0x01
	if err := os.WriteFile(zipPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(scr.run)
	mustHold(t, "verification", func() bool { return !scr.working })
	if !strings.Contains(scr.verdict.Text, "Không hợp lệ") || scr.details.Text != "" {
		t.Errorf("tampered bundle: %q / %q", scr.verdict.Text, scr.details.Text)
	}
	if !strings.Contains(scr.verdict.Text, `"report/bao-cao.pdf"`) {
		t.Errorf("the tampered bundle's verdict does not name the changed file: %q", scr.verdict.Text)
	}
	capture(t, w, "verify-tampered-1366x768")
}

// TestSuccessAndHintColoursReadable checks the light theme's success and
// hint colours against white: a contrast of at least 4.5:1 (WCAG AA).
func TestSuccessAndHintColoursReadable(t *testing.T) {
	th := newTheme(appearanceLight)
	for _, name := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNamePlaceHolder} {
		if c := contrastOnWhite(th.Color(name, theme.VariantLight)); c < 4.5 {
			t.Errorf("%s: contrast %.1f:1 on white, want ≥ 4.5:1", name, c)
		}
	}
}

func contrastOnWhite(c color.Color) float64 { return contrast(c, color.White) }
