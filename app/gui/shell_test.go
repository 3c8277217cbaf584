package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
)

// newTestShell opens the shell in a Fyne test app with in-memory
// preferences, as if the operating system were English.
func newTestShell(t *testing.T) (fyne.App, *Shell) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	a := test.NewTempApp(t)
	w := a.NewWindow(windowTitle)
	t.Cleanup(w.Close)
	return a, NewShell(a, w)
}

// objects returns every canvas object of type T under o.
func objects[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) []T {
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
			r := test.TempWidgetRenderer(t, c)
			for _, child := range r.Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return found
}

func labelTexts(t *testing.T, o fyne.CanvasObject) string {
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
	w2 := a.NewWindow(windowTitle)
	defer w2.Close()
	if got := NewShell(a, w2).Catalog().Lang(); got != "en" {
		t.Errorf("language after restart = %q, want en", got)
	}
}

func TestLastAreaAndWindowSizeRemembered(t *testing.T) {
	a, s := newTestShell(t)
	s.Select(areaAssets)
	s.win.Resize(fyne.NewSize(900, 640))
	s.saveWindowSize()

	w2 := a.NewWindow(windowTitle)
	defer w2.Close()
	s2 := NewShell(a, w2)
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

func TestUnbuiltAreasSayToHonestly(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaAssets)
	text := labelTexts(t, s.content)
	if !strings.Contains(text, "Chưa có chức năng này") || !strings.Contains(text, "không hiển thị dữ liệu mẫu") {
		t.Errorf("empty state missing:\n%s", text)
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
