package gui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/demo"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// layoutSizes are the screens the layout must fit: the common agency
// laptop (1366×768) and 1280×720 (also what 1920×1080 gives at 150 %),
// each less a taskbar and window frame.
var layoutSizes = []fyne.Size{fyne.NewSize(1366, 768), fyne.NewSize(1280, 720)}

// layoutDialog is a dialog reached from an area by tapping a button.
type layoutDialog struct {
	name   string // the image's name
	area   string
	button string // the button's catalogue key
}

// layoutDialogs are the main dialogs the layout test opens.
func layoutDialogs() []layoutDialog {
	return []layoutDialog{
		{"report-preview", areaReports, "rep.preview"},
		{"signing-key-create", areaReports, "rep.key_create"},
		{"sign-export", areaReports, "rep.sign"},
		{"asset-add", areaAssets, "reg.add"},
		{"system-add", areaSystems, "reg.add"},
		{"incident-add", areaIncidents, "inc.add"},
		{"evidence-add", areaEvidence, "ev.add"},
		{"activity-record", areaActivities, "act.record"},
		{"user-add", areaUsers, "users.add"},
		{"keys-rotate", areaSettings, "keys.rotate"},
		{"keys-new-code", areaSettings, "keys.new_code"},
	}
}

// TestLayoutFitsTheScreen opens every area and the main dialogs for each
// role of the demo vault at 1366×768 and 1280×720, fails when a minimum
// size is larger than the window (the real window would grow past the
// screen, or a dialog would be cut off) and writes each image to
// artifacts/layout/<role>-<size>-<area>.png.
func TestLayoutFitsTheScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("renders about a hundred screens")
	}
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(t.TempDir(), "demo")
	if err := demo.Create(dir, []byte(demoTestPass), time.Now); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{demo.FocalUser, demo.ITUser, demo.ManagerUser} {
		t.Run(user, func(t *testing.T) {
			a := newTestApp(t)
			s := openShell(t, a, Options{VaultDir: dir})
			unlockAs(t, s, user, demoTestPass)
			if !s.Unlocked() {
				t.Fatalf("demo vault not unlocked as %s", user)
			}
			for _, size := range layoutSizes {
				name := fmt.Sprintf("%s-%.0fx%.0f", user, size.Width, size.Height)
				s.win.Resize(size)
				walkLayout(t, s, size, func(part string) string { return filepath.Join(out, name+"-"+part+".png") })
			}
		})
	}
}

// walkLayout shows every area, then every dialog of layoutDialogs whose
// button the user may press, checking and capturing each.
func walkLayout(t *testing.T, s *Shell, size fyne.Size, file func(part string) string) {
	t.Helper()
	for _, a := range s.makeAreas() {
		s.Select(a.id)
		checkFits(t, s, size, a.id, file(a.id))
		if size == layoutSizes[0] {
			walkTabsAndRows(t, s, size, a.id, file)
		}
	}
	for _, d := range layoutDialogs() {
		s.Select(d.area)
		b := findButton(t, s.content, s.cat.T(d.button))
		if b == nil || b.Disabled() {
			continue
		}
		test.Tap(b)
		checkFits(t, s, size, d.name, file(d.name))
		dropOverlays(s)
	}
	s.Select(areaHistory)
	if h := s.historyScr; h != nil && h.list != nil && len(h.list.rows) > 0 {
		h.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
		checkFits(t, s, size, "history-detail", file("history-detail"))
	}
	openAssessment(t, s)
	checkFits(t, s, size, "assessment-open", file("assessment-open"))
	dropOverlays(s)
	if list, err := s.sess.ListIncidents(); err == nil && len(list) > 0 {
		s.openIncident(list[0].ID)
		checkFits(t, s, size, "incident-detail", file("incident-detail"))
		if b := findButton(t, s.win.Canvas().Overlays().Top(), s.cat.T("inc.sign")); b != nil && !b.Disabled() {
			test.Tap(b)
			checkFits(t, s, size, "incident-sign", file("incident-sign"))
		}
		dropOverlays(s)
	}
}

// walkTabsAndRows shows each tab of the area's tabs (the first is shown
// already) and, on each tab, opens the first row of its lists: the dialog
// it opens, or the detail line it shows, is checked and captured.
func walkTabsAndRows(t *testing.T, s *Shell, size fyne.Size, area string, file func(part string) string) {
	t.Helper()
	openRows := func(part string) {
		for i, tbl := range objects[*widget.Table](t, s.content) {
			if rows, _ := tbl.Length(); rows == 0 || tbl.OnSelected == nil {
				continue
			}
			name := fmt.Sprintf("%s-row%d", part, i)
			tbl.Select(widget.TableCellID{Row: 0, Col: 0})
			checkFits(t, s, size, name, file(name))
			dropOverlays(s)
		}
	}
	openRows(area)
	for _, tabs := range objects[*container.AppTabs](t, s.content) {
		for i := 1; i < len(tabs.Items); i++ {
			tabs.SelectIndex(i)
			name := fmt.Sprintf("%s-tab%d", area, i)
			checkFits(t, s, size, name, file(name))
			openRows(name)
		}
		tabs.SelectIndex(0)
	}
}

// checkFits fails when the window's content or the top dialog needs more
// room than the window has, and writes the window's image to path.
func checkFits(t *testing.T, s *Shell, size fyne.Size, what, path string) {
	t.Helper()
	c := s.win.Canvas()
	min := s.win.Content().MinSize()
	if s.win.Padded() {
		min = min.Add(fyne.NewSquareSize(2 * theme.Padding()))
	}
	if min.Width > size.Width || min.Height > size.Height {
		t.Errorf("%s at %v: the window's content needs %v", what, size, min)
	}
	// The area's screen, whose minimum the shell bounds (boundedMin), must
	// fit the room it has: else it would be cut.
	if s.content != nil && len(s.content.Objects) == 1 {
		if frame, ok := s.content.Objects[0].(*fyne.Container); ok && len(frame.Objects) == 1 {
			need, room := frame.Objects[0].MinSize(), s.content.Size()
			if need.Width > room.Width+0.5 || need.Height > room.Height+0.5 {
				t.Errorf("%s at %v: the screen needs %v, it has %v", what, size, need, room)
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		if m := top.MinSize(); m.Width > size.Width || m.Height > size.Height {
			t.Errorf("%s at %v: the dialog needs %v", what, size, m)
		}
		if title := dialogTitle(top); endsLikeAButton(title) {
			t.Errorf("%s: the dialog's title %q ends in …", what, title)
		}
	}
	// Lay out again, as the real window does each frame for containers
	// whose children's minimum size changed (a wrapped label's height
	// depends on the width it was last given): the test driver does not.
	s.win.Resize(size.SubtractWidthHeight(1, 1))
	s.win.Resize(size)
	if top := c.Overlays().Top(); top != nil {
		checkRoomy(t, top, what, size)
	}
	newTextScan(t, s.sess).check(t, s.win, what)
	// Text wraps between words (a word longer than the line, such as a
	// path, is still broken where it must be).
	for _, l := range objects[*widget.Label](t, s.win.Content()) {
		if l.Wrapping == fyne.TextWrapBreak {
			t.Errorf("%s: %q wraps inside words", what, l.Text)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, c.Capture()); err != nil {
		t.Fatal(err)
	}
}

// findButton is the button with text under o, or nil.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range objects[*widget.Button](t, o) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// dropOverlays closes every dialog.
func dropOverlays(s *Shell) {
	overlays := s.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
}

// checkRoomy fails when a dialog's entries are too narrow to type in or
// its prose is squeezed into a column that breaks words.
func checkRoomy(t *testing.T, dlg fyne.CanvasObject, what string, size fyne.Size) {
	t.Helper()
	for _, e := range objects[*widget.Entry](t, dlg) {
		if e.Visible() && e.Size().Width < 200 {
			t.Errorf("%s at %v: an entry is %.0f px wide", what, size, e.Size().Width)
		}
	}
	for _, l := range objects[*widget.Label](t, dlg) {
		if l.Visible() && l.Wrapping != fyne.TextWrapOff && len([]rune(l.Text)) > 40 && l.Size().Width < 240 {
			t.Errorf("%s at %v: %q is wrapped %.0f px wide", what, size, l.Text, l.Size().Width)
		}
	}
}

func TestFitWidths(t *testing.T) {
	set := []float32{50, 140, 140, 200, 150, 520} // the history's columns
	sum := func(ws []float32) (n float32) {
		for _, w := range ws {
			n += w
		}
		return n
	}
	// Narrow: only the parts above the floor give way.
	got := fitWidths(set, 1000)
	if sum(got) > 1000 || sum(got) < 980 {
		t.Errorf("fitted to 1000: %v (sum %.0f)", got, sum(got))
	}
	for i, w := range got[:3] {
		if w != set[i] {
			t.Errorf("column %d shrank to %.0f", i, w)
		}
	}
	if got[3] < columnFloor || got[5] >= 520 {
		t.Errorf("wide columns fitted to %v", got)
	}
	// Very narrow: the floors, and the table scrolls.
	got = fitWidths(set, 400)
	if want := []float32{50, 140, 140, 140, 140, 140}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("fitted to 400: %v, want %v", got, want)
	}
	// Wide: all grow alike, never past the room.
	got = fitWidths(set, 1500)
	if sum(got) > 1500 || got[0] <= 50 || got[5]/got[0] != 520.0/50 {
		t.Errorf("fitted to 1500: %v (sum %.0f)", got, sum(got))
	}
}

// openAssessment opens the demo's first assessment in the assessments
// area, as a person would: system, period, "Mở phiếu đánh giá".
func openAssessment(t *testing.T, s *Shell) {
	t.Helper()
	list, err := s.sess.ListAssessments(0)
	if err != nil || len(list) == 0 {
		t.Fatalf("no assessment in the demo vault (%v)", err)
	}
	s.Select(areaDashboard)
	s.Select(areaAssessments)
	for _, sel := range objects[*widget.Select](t, s.content) {
		if sel.PlaceHolder == s.cat.T("as.choose_system") {
			sel.SetSelected(list[0].SystemName)
		}
	}
	for _, e := range objects[*widget.Entry](t, s.content) {
		if e.Text == strconv.Itoa(s.now().Year()) {
			e.SetText(list[0].Period)
		}
	}
	if b := findButton(t, s.content, s.cat.T("as.open")); b != nil && !b.Disabled() {
		test.Tap(b)
	}
}

func TestHistoryShowsTheChosenEntryInFull(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaHistory)
	scr := s.historyScr
	if scr == nil || len(scr.list.rows) == 0 {
		t.Fatal("history screen empty")
	}
	if scr.list.detail.Visible() {
		t.Errorf("detail line shown before a row is chosen: %q", scr.list.detail.Text)
	}
	scr.list.table.Select(widget.TableCellID{Row: 0, Col: 5})
	row := scr.list.rows[0]
	want := scr.words.summary(row.Summary)
	if !scr.list.detail.Visible() || !strings.Contains(scr.list.detail.Text, want) || !strings.Contains(scr.list.detail.Text, "Nội dung: ") {
		t.Errorf("detail line = %q (visible %v), want the summary %q", scr.list.detail.Text, scr.list.detail.Visible(), want)
	}
	scr.list.setRows(scr.list.rows)
	if scr.list.detail.Visible() {
		t.Error("detail line kept after the rows changed")
	}
}

func TestHeaderTitlesAreCutNotOverlapping(t *testing.T) {
	lt := newListTable([]listColumn[string]{{title: "Kích thước (byte) của tệp minh chứng", width: 60, text: func(r string) string { return r }}}, "", nil)
	header := lt.table.CreateHeader()
	lt.updateHeader(widget.TableCellID{Row: -1, Col: 0}, header)
	labels := objects[*widget.Label](t, header)
	if len(labels) != 1 || labels[0].Truncation != fyne.TextTruncateEllipsis || labels[0].Text != "Kích thước (byte) của tệp minh chứng" {
		t.Fatalf("header labels: %+v", labels)
	}
	if w := header.MinSize().Width; w > 60 {
		t.Errorf("a header needs %.0f px, wider than its 60 px column", w)
	}
}

// TestLayoutBeforeUnlock checks the screens before a session at both
// sizes: the first-run screen, the wizard's first page, the demo screen
// and the unlock screen (artifacts/layout/locked-<size>-<screen>.png).
func TestLayoutBeforeUnlock(t *testing.T) {
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	s := openShell(t, a, Options{VaultDir: dir})
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range layoutSizes {
		file := func(part string) string {
			return filepath.Join(out, fmt.Sprintf("locked-%.0fx%.0f-%s.png", size.Width, size.Height, part))
		}
		s.win.Resize(size)
		s.showFirstRun()
		checkFits(t, s, size, "start", file("start"))
		s.showWizard()
		checkFits(t, s, size, "wizard", file("wizard"))
		s.showDemo()
		checkFits(t, s, size, "demo", file("demo"))
		s.showFirstRun()
	}
	if err := demo.Create(dir, []byte(demoTestPass), time.Now); err != nil {
		t.Fatal(err)
	}
	s.useFolder(dir)
	for _, size := range layoutSizes {
		s.win.Resize(size)
		checkFits(t, s, size, "unlock", filepath.Join(out, fmt.Sprintf("locked-%.0fx%.0f-unlock.png", size.Width, size.Height)))
	}
}

// TestLayoutOfficeFitsTheScreen opens a receiving office's areas and its
// dialogs (agency form, new key and its fingerprint, revocation, key
// import, user form) at 1366×768 and 1280×720, as TestLayoutFitsTheScreen
// does for an agency (artifacts/layout/office-<size>-<part>.png).
func TestLayoutOfficeFitsTheScreen(t *testing.T) {
	s, scr := openOffice(t)
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pub, _, _ := signing.GenerateKey()
	pubText, _ := pub.MarshalText()
	seedOfficeWarnings(t, s)
	for _, size := range layoutSizes {
		file := func(part string) string {
			return filepath.Join(out, fmt.Sprintf("office-%.0fx%.0f-%s.png", size.Width, size.Height, part))
		}
		s.win.Resize(size)
		for _, a := range s.makeAreas() {
			s.Select(a.id)
			checkFits(t, s, size, a.id, file(a.id))
		}
		s.Select(areaOfficeAgencies)
		scr = s.agenciesScr
		scr.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
		checkFits(t, s, size, "agency-detail", file("agency-detail"))
		steps := []struct {
			name string
			open func()
		}{
			{"agency-add", func() { scr.openForm(office.Agency{Kind: office.KindCommune}, true) }},
			{"key-add", func() { r, _ := scr.row("000.00.12.H62"); scr.openKeyAdd(r.a) }},
			{"key-fingerprint", func() {
				r, _ := scr.row("000.00.31.H62")
				scr.openKeyAdd(r.a)
				scr.keyAdd.text.SetText(string(pubText))
				test.Tap(scr.keyAdd.next)
			}},
			{"key-revoke", func() { r, _ := scr.row("000.00.12.H62"); scr.openRevoke(r) }},
			{"keys-import", scr.onImportKeys},
			{"user-add", func() { s.newUserForm(users.User{}, true, func(*userForm) bool { return false }) }},
		}
		for _, st := range steps {
			st.open()
			checkFits(t, s, size, st.name, file(st.name))
			dropOverlays(s)
		}
		checkOfficeWarningsFit(t, s, size, file)
	}
}

// TestLayoutWizardOfficeChoice shows the wizard's first two pages with the
// receiving office chosen, at both sizes.
func TestLayoutWizardOfficeChoice(t *testing.T) {
	a := newTestApp(t)
	s := openShell(t, a, Options{VaultDir: filepath.Join(t.TempDir(), "vault")})
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range layoutSizes {
		file := func(part string) string {
			return filepath.Join(out, fmt.Sprintf("locked-%.0fx%.0f-%s.png", size.Width, size.Height, part))
		}
		s.win.Resize(size)
		s.showWizard()
		w := s.wizard
		w.kind.SetSelected(s.cat.T("office.registry.wizard_office"))
		checkFits(t, s, size, "wizard-office", file("wizard-office"))
		w.org.SetText("Phòng An ninh mạng, Công an tỉnh Vĩnh Long")
		w.onNext()
		checkFits(t, s, size, "wizard-office-user", file("wizard-office-user"))
		s.showFirstRun()
	}
}

// TestLayoutFileChooser renders the chooser (open, save, folder) at both
// sizes (artifacts/layout/chooser-<size>-<mode>.png).
func TestLayoutFileChooser(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range layoutSizes {
		s.win.Resize(size)
		for _, c := range []struct {
			name string
			req  fileRequest
		}{
			{"open", fileRequest{mode: chooseOpen, exts: []string{".csv", ".xlsx"}, title: s.cat.T("reg.import")}},
			{"save", fileRequest{mode: chooseSave, name: "bao-cao-nam-2026.pdf", exts: []string{".pdf"}}},
			{"folder", fileRequest{mode: chooseFolder}},
		} {
			p, _ := openChooser(t, s, dir, c.req)
			if c.name == "open" {
				p.path.SetText(filepath.Join(dir, "khong-co.csv"))
				pressEnter(p.path)
			}
			checkFits(t, s, size, "chooser-"+c.name, filepath.Join(out, fmt.Sprintf("chooser-%.0fx%.0f-%s.png", size.Width, size.Height, c.name)))
			dropOverlays(s)
		}
	}
}
