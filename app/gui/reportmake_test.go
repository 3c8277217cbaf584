package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/demo"
)

const demoTestPass = "mật khẩu kho mẫu 2026"

// openDemoAs opens the demo vault in the shell as user.
func openDemoAs(t *testing.T, user string) *Shell {
	t.Helper()
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if err := demo.Create(dir, []byte(demoTestPass), time.Now); err != nil {
		t.Fatal(err)
	}
	s := openShell(t, a, Options{VaultDir: dir})
	unlockAs(t, s, user, demoTestPass)
	if !s.Unlocked() {
		t.Fatalf("demo vault not unlocked as %s", user)
	}
	return s
}

func TestReportPreviewAndSigningKey(t *testing.T) {
	s := openDemoAs(t, "demo-manager")
	m, content := buildReportMaker(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 720))
	// The demo vault comes with the manager's key.
	before := m.keyInfo.Text
	if !strings.Contains(before, "Khóa ký hiện tại") {
		t.Errorf("key info of the demo manager = %q", before)
	}
	m.onPreview()
	text := labelTexts(t, m.preview)
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Sở Nội vụ tỉnh Vĩnh Long", "BÁO CÁO"} {
		if !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
			t.Errorf("preview lacks %q", want)
		}
	}
	capture(t, s.win, "gui-report-preview")

	// The manager creates a new signing key through the passphrase dialog.
	m.onCreateKey()
	top := s.win.Canvas().Overlays().Top()
	var secrets []*widget.Entry
	for _, e := range objects[*widget.Entry](t, top) {
		if e.Password {
			secrets = append(secrets, e)
		}
	}
	if len(secrets) != 2 {
		t.Fatalf("%d passphrase fields in the key dialog", len(secrets))
	}
	for _, e := range secrets {
		test.Type(e, "khóa ký của lãnh đạo 2026")
	}
	test.Tap(buttonNamed(t, top, "Tiếp tục"))
	mustHold(t, "the key", func() bool { return !m.working })
	if !strings.Contains(m.keyInfo.Text, "Khóa ký hiện tại") || m.keyInfo.Text == before {
		t.Errorf("key info after creation = %q (before %q)", m.keyInfo.Text, before)
	}
}

func TestOnlyManagersSign(t *testing.T) {
	s := openDemoAs(t, "demo-it")
	_, content := buildReportMaker(s)
	for _, name := range []string{"Ký và xuất bộ báo cáo năm…", "Tạo khóa ký"} {
		if !buttonNamed(t, content, name).Disabled() {
			t.Errorf("%q is enabled for IT staff", name)
		}
	}
}

func TestAssessmentReportPreview(t *testing.T) {
	s := openDemoAs(t, "demo-focal")
	m, content := buildReportMaker(s)
	s.win.SetContent(content)
	if len(m.assessed) == 0 {
		t.Fatal("the demo vault has no assessment")
	}
	m.kind.SetSelectedIndex(len(reportKinds()) - 1)
	if !m.which.Visible() {
		t.Fatal("no assessment choice for an assessment report")
	}
	m.which.SetSelectedIndex(0)
	m.onPreview()
	if text := labelTexts(t, m.preview); !strings.Contains(text, m.assessed[0].SystemName) {
		t.Errorf("assessment report preview lacks the system name:\n%s", text)
	}
}
