package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// testPass is the first user's passphrase in the tests' vaults.
const testPass = "mật khẩu thử nghiệm 2026"

// newTestApp is a Fyne test app with in-memory preferences, as if the
// operating system were English, with fast key derivation for new vaults.
func newTestApp(t testing.TB) fyne.App {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	return test.NewTempApp(t)
}

// newTestVault creates a vault whose only user is the focal point huong and
// returns its folder and recovery code.
func newTestVault(t *testing.T) (string, vault.RecoveryCode) {
	t.Helper()
	return newTestVaultAt(t, time.Now)
}

// newTestVaultAt is newTestVault with the clock now.
func newTestVaultAt(t *testing.T, now func() time.Time) (string, vault.RecoveryCode) {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(t.TempDir(), "vault")
	s, code, err := session.Create(dir, session.CreateParams{
		Org: "Sở Nội vụ tỉnh Vĩnh Long", ReceivingOffice: "Công an tỉnh Vĩnh Long",
		User:       users.User{Name: "huong", FullName: "Nguyễn Thị Thu Hương", Roles: []users.Role{users.RoleFocal}},
		Passphrase: []byte(testPass), Now: now,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, code
}

// runNow is the tests' Options.Go: background work runs at once, on the
// test's goroutine, so that its result is there when the call returns.
func runNow(work func()) { work() }

// lockClock is an Options.LockClock that moves only when the test says.
type lockClock struct{ at time.Time }

func (c *lockClock) now() time.Time { return c.at }

// advance moves the clock on by d.
func (c *lockClock) advance(d time.Duration) { c.at = c.at.Add(d) }

// openShell opens the main window on the vault folder dir; background work
// runs at once, and the auto-lock's clock stands still, unless opts say
// otherwise.
func openShell(t testing.TB, a fyne.App, opts Options) *Shell {
	t.Helper()
	if opts.Go == nil {
		opts.Go = runNow
	}
	if opts.LockClock == nil {
		opts.LockClock = (&lockClock{at: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}).now
	}
	w := a.NewWindow(windowTitle)
	s := NewShell(a, w, opts)
	t.Cleanup(func() {
		s.closeVault()
		w.Close()
	})
	return s
}

// unlockAs types the passphrase into the unlock screen and waits for the
// result.
func unlockAs(t testing.TB, s *Shell, user, pass string) {
	t.Helper()
	if s.unlock == nil {
		t.Fatalf("no unlock screen; labels:\n%s", labelTexts(t, s.win.Content()))
	}
	s.unlock.user.SetSelected(user)
	s.unlock.pass.SetText("")
	test.Type(s.unlock.pass, pass)
	test.Tap(s.unlock.submit)
	mustHold(t, "the unlock attempt to finish", func() bool { return !s.unlock.working })
}

// newTestShell opens the shell, unlocked by the focal point, on a new vault.
func newTestShell(t *testing.T) (fyne.App, *Shell) {
	t.Helper()
	return newTestShellWith(t, Options{})
}

// newTestShellLate is newTestShell with the vault made and used on
// 1 December 2026, so that tests recording scans, drills and dossier steps
// of November 2026 (not in the future) do not depend on today's date.
func newTestShellLate(t *testing.T) (fyne.App, *Shell) {
	t.Helper()
	return newTestShellWith(t, Options{Now: lateNovember})
}

// lateNovember is the clock of newTestShellLate.
func lateNovember() time.Time {
	return time.Date(2026, 12, 1, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

// newTestShellWith opens the shell with opts on a new vault made with the
// options' clock, unlocked by the focal point.
func newTestShellWith(t *testing.T, opts Options) (fyne.App, *Shell) {
	t.Helper()
	a := newTestApp(t)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	opts.VaultDir, _ = newTestVaultAt(t, now)
	s := openShell(t, a, opts)
	unlockAs(t, s, "huong", testPass)
	if !s.Unlocked() {
		t.Fatalf("not unlocked; labels:\n%s", labelTexts(t, s.win.Content()))
	}
	return a, s
}

// mustHold fails the test unless cond holds: the background work it
// depends on has run, since the tests' Options.Go runs it at once.
func mustHold(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if !cond() {
		t.Fatalf("not done: %s", what)
	}
}

// objects returns every canvas object of type T under o.
func objects[T fyne.CanvasObject](t testing.TB, o fyne.CanvasObject) []T {
	t.Helper()
	var found []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			found = append(found, v)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			r := widgetRenderer(t, c)
			for _, child := range r.Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return found
}

// widgetRenderer is w's renderer, destroyed after a test (a benchmark's
// stays cached, as a shown widget's does).
func widgetRenderer(tb testing.TB, w fyne.Widget) fyne.WidgetRenderer {
	if t, ok := tb.(*testing.T); ok {
		return test.TempWidgetRenderer(t, w)
	}
	return test.WidgetRenderer(w)
}

func labelTexts(t testing.TB, o fyne.CanvasObject) string {
	t.Helper()
	var b strings.Builder
	for _, l := range objects[*widget.Label](t, o) {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestVietnameseByDefaultOnAnEnglishSystem(t *testing.T) {
	_, s := newTestShell(t)
	if got := s.Catalog().Lang(); got != "vi" {
		t.Fatalf("language = %q, want vi", got)
	}
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"Tổng quan", "Hệ thống thông tin", "Tài sản", "Kiểm tra đánh giá", "Minh chứng", "Sự cố",
		"Hoạt động định kỳ", "Nghĩa vụ & hạn", "Báo cáo", "Người dùng", "Cài đặt", "Giới thiệu"} {
		if !strings.Contains(text, want) {
			t.Errorf("sidebar lacks %q; labels:\n%s", want, text)
		}
	}
	if got := lang.L("Cancel"); got != "Hủy" {
		t.Errorf("Fyne's own Cancel = %q, want Hủy", got)
	}
}

func TestFyneStringsFollowTheChoiceWhateverTheOS(t *testing.T) {
	for _, osLang := range []string{"fr_FR.UTF-8", "de_DE.UTF-8", "ja_JP.UTF-8", "vi_VN.UTF-8"} {
		t.Run(osLang, func(t *testing.T) {
			_, s := newTestShell(t)
			t.Setenv("LANG", osLang)
			s.SetLanguage("vi")
			if got := lang.L("Save"); got != "Lưu" {
				t.Errorf("OS %s: Fyne Save = %q, want Lưu", osLang, got)
			}
			s.SetLanguage("en")
			if got := lang.L("Save"); got != "Save" {
				t.Errorf("OS %s: Fyne Save = %q, want Save", osLang, got)
			}
		})
	}
}

func TestLanguageSwitchTakesEffectAtOnce(t *testing.T) {
	a, s := newTestShell(t)
	s.Select(areaSettings)
	radios := objects[*widget.RadioGroup](t, s.win.Content())
	if len(radios) == 0 {
		t.Fatal("settings screen has no language choice")
	}
	radios[0].SetSelected("English")

	if got := a.Preferences().String(prefLanguage); got != "en" {
		t.Errorf("stored language = %q, want en", got)
	}
	text := labelTexts(t, s.win.Content())
	if !strings.Contains(text, "Overview") || strings.Contains(text, "Tổng quan") {
		t.Errorf("sidebar not in English after the switch:\n%s", text)
	}
	if s.CurrentArea() != areaSettings {
		t.Errorf("area after switch = %q, want settings", s.CurrentArea())
	}
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("Fyne Cancel after switch = %q", got)
	}

	// The choice survives a restart.
	s.closeVault()
	if got := openShell(t, a, Options{VaultDir: s.dir}).Catalog().Lang(); got != "en" {
		t.Errorf("language after restart = %q, want en", got)
	}
}

func TestLastAreaAndWindowSizeRemembered(t *testing.T) {
	a, s := newTestShell(t)
	s.Select(areaAssets)
	s.win.Resize(fyne.NewSize(900, 640))
	s.saveWindowSize()

	s.closeVault()
	s2 := openShell(t, a, Options{VaultDir: s.dir})
	unlockAs(t, s2, "huong", testPass)
	if got := s2.CurrentArea(); got != areaAssets {
		t.Errorf("area after restart = %q, want assets", got)
	}
	if got := storedWindowSize(a.Preferences()); got != fyne.NewSize(900, 640) {
		t.Errorf("stored window size = %v", got)
	}
}

func TestEveryAreaOpens(t *testing.T) {
	_, s := newTestShell(t)
	for _, ar := range s.areas {
		s.Select(ar.id)
		if s.CurrentArea() != ar.id {
			t.Errorf("Select(%q) shows %q", ar.id, s.CurrentArea())
		}
		if text := labelTexts(t, s.content); !strings.Contains(text, s.cat.T(ar.titleKey)) {
			t.Errorf("area %q does not show its title; labels:\n%s", ar.id, text)
		}
	}
}

func TestAboutShowsVersionAndLicences(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaAbout)
	text := labelTexts(t, s.content)
	if !strings.Contains(text, "Phiên bản "+buildinfo.Version) {
		t.Errorf("about lacks the version:\n%s", text)
	}
	comps, err := loadComponents()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range comps {
		if c.Name == "" || c.Licence == "" {
			t.Errorf("incomplete licence entry %+v", c)
		}
		names[c.Module] = true
	}
	for _, m := range []string{"fyne.io/fyne/v2", "github.com/mattn/go-sqlite3", "filippo.io/age", "aead.dev/minisign", "github.com/jung-kurt/gofpdf", "github.com/xuri/excelize/v2", "github.com/zalando/go-keyring"} {
		if !names[m] {
			t.Errorf("licence list lacks %s", m)
		}
	}
}

func TestAppearanceChoice(t *testing.T) {
	a, s := newTestShell(t)
	if s.Appearance() != appearanceLight {
		t.Errorf("default appearance = %q, want light", s.Appearance())
	}
	s.SetAppearance(appearanceDark)
	if got := a.Preferences().String(prefAppearance); got != appearanceDark {
		t.Errorf("stored appearance = %q", got)
	}
}

// After one user locks, the next to sign in starts on their own
// dashboard, with nothing of the previous user's screen, dialogs or
// choices; the same user coming back finds the area they left.
func TestAnotherUserStartsAfresh(t *testing.T) {
	_, s := newTestShell(t)
	if err := s.sess.AddUser(users.User{Name: "lan", FullName: "Trần Thị Lan", Roles: []users.Role{users.RoleIT}}, []byte("mật khẩu ban đầu 1")); err != nil {
		t.Fatal(err)
	}
	s.Select(areaAssets)
	test.Tap(buttonNamed(t, s.content, s.cat.T("reg.add")))
	if s.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog open")
	}
	s.pending = systemChoice{id: 1}
	s.Lock()
	unlockAs(t, s, "lan", "mật khẩu ban đầu 1")
	if s.reset == nil {
		t.Fatal("lan was not asked for a new passphrase")
	}
	s.reset.field.entry.SetText("mật khẩu riêng của Lan 2026")
	s.reset.field.confirm.SetText("mật khẩu riêng của Lan 2026")
	test.Tap(s.reset.save)
	mustHold(t, "lan signed in", func() bool { return s.Unlocked() && s.me.Name == "lan" })
	if got := s.CurrentArea(); got != areaDashboard {
		t.Errorf("lan starts on %q, the area huong left, want the dashboard", got)
	}
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("huong's dialog is open for lan:\n%s", labelTexts(t, top))
	}
	if s.pending != nil {
		t.Errorf("huong's pending choice kept for lan: %v", s.pending)
	}
	if text := labelTexts(t, s.win.Content()); strings.Contains(text, "Nguyễn Thị Thu Hương") || !strings.Contains(text, "Trần Thị Lan") {
		t.Errorf("the sidebar does not name lan:\n%s", text)
	}
	s.Select(areaAssets)
	s.Lock()
	unlockAs(t, s, "lan", "mật khẩu riêng của Lan 2026")
	if got := s.CurrentArea(); got != areaAssets {
		t.Errorf("lan, back again, starts on %q, want the assets she left", got)
	}
}
