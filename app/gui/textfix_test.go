package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/packs"
	"daumoi/data/session"
)

// openFirstAssessment opens, on the assessment screen, the 2026
// assessment of a new level-2 system and returns the screen.
func openFirstAssessment(t *testing.T, s *Shell) *assessmentScreen {
	t.Helper()
	sys := addSystem(t, s, "Cổng thông tin điện tử", 2)
	scr, content := buildAssessmentScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1366, 768))
	scr.system.SetSelected(sys.Name)
	scr.period.SetText("2026")
	scr.onOpen()
	if scr.current == nil || len(scr.current.Groups) < 2 {
		t.Fatalf("no items opened: %+v", scr.current)
	}
	return scr
}

// storedItem is the item's stored status and note.
func storedItem(t *testing.T, s *Shell, scr *assessmentScreen, key string) session.AssessmentItem {
	t.Helper()
	a, err := s.sess.GetAssessment(scr.current.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range a.Groups {
		for _, it := range g.Items {
			if it.Key() == key {
				return it
			}
		}
	}
	t.Fatalf("no item %s", key)
	return session.AssessmentItem{}
}

// "Không áp dụng" chosen before the reason is typed keeps the choice and
// asks for the reason: saved with it once given; cancelling puts back the
// status stored before, saving nothing.
func TestNotApplicableAsksTheReason(t *testing.T) {
	_, s := newTestShellLate(t)
	scr := openFirstAssessment(t, s)
	first := scr.rows[scr.current.Groups[0].Items[0].Key()]
	second := scr.rows[scr.current.Groups[1].Items[0].Key()]
	na := statusLabel(s, session.ItemNotApplicable)

	first.status.SetSelected(na)
	if first.status.Selected != na {
		t.Fatalf("the choice reverted to %q while the reason is asked", first.status.Selected)
	}
	dlg := s.win.Canvas().Overlays().Top()
	if dlg == nil || !strings.Contains(overlayText(t, s), "Nêu lý do") {
		t.Fatalf("no question for the reason; overlay:\n%s", overlayText(t, s))
	}
	capture(t, s.win, "text-assessment-na-reason")
	var reason *widget.Entry
	for _, e := range objects[*widget.Entry](t, dlg) {
		if e.MultiLine {
			reason = e
		}
	}
	if reason == nil {
		t.Fatal("no reason box")
	}
	reason.SetText("Hệ thống không kết nối Internet")
	test.Tap(buttonNamed(t, dlg, "Lưu"))
	got := storedItem(t, s, scr, first.item.Key())
	if got.Status != session.ItemNotApplicable || got.Note != "Hệ thống không kết nối Internet" {
		t.Errorf("stored %s %q, want not applicable with the reason", got.Status, got.Note)
	}
	if first.status.Selected != na || first.note.Text != "Hệ thống không kết nối Internet" {
		t.Errorf("row shows %q, note %q", first.status.Selected, first.note.Text)
	}

	second.status.SetSelected(na)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Hủy"))
	if want := statusLabel(s, session.ItemNotAssessed); second.status.Selected != want {
		t.Errorf("after cancel the row shows %q, want %q", second.status.Selected, want)
	}
	if got := storedItem(t, s, scr, second.item.Key()); got.Status != session.ItemNotAssessed {
		t.Errorf("cancel stored %s", got.Status)
	}
}

// Before an assessment is open the screen says what to do (add a system
// first, or choose one) and shows no "0%" progress.
func TestAssessmentScreenPromptsBeforeASystem(t *testing.T) {
	_, s := newTestShellLate(t)
	scr, content := buildAssessmentScreen(s)
	s.win.SetContent(content)
	if scr.overall.Visible() {
		t.Error("the progress bar (0%) is shown before an assessment is open")
	}
	if text := labelTexts(t, content); !strings.Contains(text, "Chưa có hệ thống thông tin nào") {
		t.Errorf("no prompt to add a system:\n%s", text)
	}
	addSystem(t, s, "Cổng thông tin điện tử", 2)
	scr, content = buildAssessmentScreen(s)
	s.win.SetContent(content)
	if text := labelTexts(t, content); !strings.Contains(text, "Chọn hệ thống thông tin ở trên") {
		t.Errorf("no prompt to choose a system:\n%s", text)
	}
	scr.system.SetSelectedIndex(0)
	scr.onOpen()
	if !scr.overall.Visible() {
		t.Error("no progress once the assessment is open")
	}
}

// The assessment names groups and items by the legal text, never by the
// pack's ids.
func TestAssessmentNamesItemsByTheirTitles(t *testing.T) {
	_, s := newTestShellLate(t)
	scr := openFirstAssessment(t, s)
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"11/CT-UBND mục 1 điểm b — Hồ sơ đề xuất cấp độ và phương án bảo đảm an toàn — 0/", "Xây dựng Hồ sơ đề xuất cấp độ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen lacks %q:\n%s", want, text)
		}
	}
	for _, id := range []string{"ct11-vinhlong-2023", "ct11-1b-dossier", "(1b)"} {
		if strings.Contains(text, id) {
			t.Errorf("the screen shows %q", id)
		}
	}
	_ = scr
}

func TestPackWords(t *testing.T) {
	_, s := newTestShellLate(t)
	w := newPackWords(s.cat, s.sess)
	if got := w.itemKeyText("ct11-vinhlong-2023/ct11-1b-dossier"); !strings.HasPrefix(got, "Xây dựng Hồ sơ đề xuất cấp độ") ||
		!strings.HasSuffix(got, "(11/CT-UBND mục 1 điểm b)") {
		t.Errorf("item by key = %q", got)
	}
	if got := w.itemKeyText("tt12-2022/QL-1.2"); got != "Thiết lập chính sách an toàn thông tin — Xây dựng và công bố (12/2022/TT-BTTTT Phụ lục I, II, III, IV, V — mục I. Yêu cầu quản lý)" {
		t.Errorf("tt12 item by key = %q", got)
	}
	mixed := session.AssessmentGroup{PackID: "tt12-2022", Group: "management", Items: []session.AssessmentItem{
		{PackID: "tt12-2022", ItemID: "QL-1.1", TextVI: "Chính sách an toàn thông tin", Source: packs.SourceRef{Source: "tt12", Ref: "A"}},
		{PackID: "tt12-2022", ItemID: "QL-1.2", TextVI: "Xây dựng và công bố", Source: packs.SourceRef{Source: "tt12", Ref: "B"}},
	}}
	if got := w.groupTitle(mixed); !strings.HasSuffix(got, "(Thông tư 12/2022/TT-BTTTT) — Yêu cầu quản lý") {
		t.Errorf("group of mixed places = %q", got)
	}
	if got := w.groupItemText(mixed, mixed.Items[1]); got != "Thiết lập chính sách an toàn thông tin — Xây dựng và công bố (12/2022/TT-BTTTT B)" {
		t.Errorf("item of a mixed group = %q", got)
	}
}

// Activities show and take days as dd/mm/yyyy (ISO still accepted), and
// the chosen row's cut cells can be read in full under the table.
func TestActivitiesDaysAndFullText(t *testing.T) {
	_, s := newTestShellLate(t)
	long := "Diễn tập ứng cứu sự cố tấn công mã độc tống tiền vào hệ thống một cửa điện tử của tỉnh, có sự tham gia của các sở"
	if _, err := s.sess.RecordDrill(session.Drill{Date: "2026-11-05", Scenario: long}); err != nil {
		t.Fatal(err)
	}
	a, tabs := buildActivitiesArea(s)
	s.win.SetContent(tabs)
	s.win.Resize(fyne.NewSize(1366, 768))
	tabs.SelectIndex(2)
	var table *widget.Table
	for _, tbl := range objects[*widget.Table](t, s.win.Content()) {
		table = tbl
	}
	if table == nil {
		t.Fatal("no drills table")
	}
	text := strings.Join(shownTexts(t, s.win.Content()), "\n")
	if !strings.Contains(text, "05/11/2026") || strings.Contains(text, "2026-11-05") {
		t.Errorf("drill day not as dd/mm/yyyy:\n%s", text)
	}
	table.Select(widget.TableCellID{Row: 0, Col: 1})
	if text := labelTexts(t, s.win.Content()); !strings.Contains(text, long) {
		t.Errorf("the long scenario is not shown in full:\n%s", text)
	}
	test.Tap(buttonNamed(t, s.win.Content(), s.cat.T("act.record")))
	form := s.win.Canvas().Overlays().Top()
	var date *widget.Entry
	for _, e := range objects[*widget.Entry](t, form) {
		if e.Text == "01/12/2026" {
			date = e
		}
	}
	if date == nil {
		t.Fatalf("the form's day is not today as dd/mm/yyyy:\n%s", strings.Join(shownTexts(t, form), "\n"))
	}
	for _, in := range []string{"28/11/2026", "2026-11-28"} {
		if err := date.Validator(in); err != nil || normalizeDay(in) != "2026-11-28" {
			t.Errorf("%q refused or read as %q (%v)", in, normalizeDay(in), err)
		}
	}
	_ = a
}

// Times are shown in Vietnam time whatever the zone they come in.
func TestEvidenceAddedInVietnamTime(t *testing.T) {
	_, s := newTestShellLate(t)
	scr := &evidenceScreen{shell: s, svc: s.sess}
	at := time.Date(2026, 12, 2, 13, 36, 45, 0, time.UTC)
	for _, c := range scr.columns() {
		if c.title == s.cat.T("col.added_at") {
			if got := c.text(session.Evidence{AddedAt: at}); got != "02/12/2026 20:36" {
				t.Errorf("added at %v shown %q, want 02/12/2026 20:36", at, got)
			}
			return
		}
	}
	t.Fatal("no added-at column")
}
