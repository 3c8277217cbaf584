package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
)

// Golden-markup tests: the key screens render as the files in testdata
// say (a change of layout, text or style shows as a diff). After an
// intended change, check the markup Fyne writes to testdata/failed/ and
// move it over the master.

// goldenSize is the window size of the golden screens.
var goldenSize = fyne.NewSize(1180, 720)

// goldenDay is the fixed clock of the golden vaults.
func goldenDay() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) }

// hidePath replaces the vault folder, a temporary one, in every label
// under o by a fixed name.
func hidePath(t *testing.T, s *Shell, o fyne.CanvasObject) {
	t.Helper()
	for _, l := range objects[*widget.Label](t, o) {
		if strings.Contains(l.Text, s.dir) {
			l.SetText(strings.ReplaceAll(l.Text, s.dir, "/kho"))
		}
	}
}

func TestGoldenUnlockScreen(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVaultAt(t, goldenDay)
	s := openShell(t, a, Options{VaultDir: dir, Now: goldenDay})
	s.win.Resize(goldenSize)
	// What the operating system's keyring says depends on the machine.
	s.unlock.remember.Disable()
	s.unlock.rememberWhy.SetText("(kho khóa của hệ điều hành)")
	hidePath(t, s, s.win.Content())
	test.AssertRendersToMarkup(t, "unlock.xml", s.win.Canvas())
}

// goldenShell is the main window on a vault made and used at goldenDay:
// one level-3 system and one asset that is a violation.
func goldenShell(t *testing.T) *Shell {
	t.Helper()
	a := newTestApp(t)
	dir, _ := newTestVaultAt(t, goldenDay)
	s := openShell(t, a, Options{VaultDir: dir, Now: goldenDay})
	unlockAs(t, s, "huong", testPass)
	if !s.Unlocked() {
		t.Fatal("not unlocked")
	}
	s.win.Resize(goldenSize)
	addSystem(t, s, "Hệ thống một cửa điện tử", 3)
	if _, err := s.sess.SaveAsset(registers.Asset{Type: registers.AssetLaptop, Name: "Máy xách tay văn thư", Internet: true, StateSecret: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGoldenDashboard(t *testing.T) {
	s := goldenShell(t)
	s.Select(areaSettings)
	s.Select(areaDashboard)
	test.AssertRendersToMarkup(t, "dashboard.xml", s.win.Canvas())
}

func TestGoldenSettings(t *testing.T) {
	s := goldenShell(t)
	s.Select(areaSettings)
	hidePath(t, s, s.win.Content())
	test.AssertRendersToMarkup(t, "settings.xml", s.win.Canvas())
}
