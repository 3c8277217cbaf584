package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
)

// tapRowNamed is the tappable line under o whose text contains text; the
// test fails when there is none.
func tapRowNamed(t *testing.T, o fyne.CanvasObject, text string) *tapRow {
	t.Helper()
	var lines []string
	for _, r := range objects[*tapRow](t, o) {
		if strings.Contains(r.label.Text, text) {
			return r
		}
		lines = append(lines, r.label.Text)
	}
	t.Fatalf("no line %q to tap; lines:\n%s", text, strings.Join(lines, "\n"))
	return nil
}

// The dashboard's obligation lines name their system, show the title in
// full (wrapped, not cut) and open the obligation when tapped anywhere.
func TestDashboardObligationLinesOpenWhenTapped(t *testing.T) {
	_, s := newTestShellWith(t, Options{Now: reviewDay})
	s.win.Resize(fyne.NewSize(1366, 768))
	if _, err := s.sess.SaveSystem(registers.System{Name: "Hệ thống một cửa điện tử", ProposedLevel: 3, LevelJustification: "Theo Nghị định 331/2026",
		GoLiveDate: "2022-01-10"}); err != nil {
		t.Fatal(err)
	}
	s.Select(areaSettings)
	s.Select(areaDashboard)
	row := tapRowNamed(t, s.content, " — Hệ thống một cửa điện tử")
	parts := strings.Split(row.label.Text, " — ")
	if len(parts) != 3 || len([]rune(parts[1])) < 20 || strings.HasSuffix(parts[1], "…") {
		t.Fatalf("the line is not date — full title — system: %q", row.label.Text)
	}
	want := parts[1]
	if row.label.Wrapping != fyne.TextWrapWord || row.label.Truncation != fyne.TextTruncateOff {
		t.Errorf("the line is cut, not wrapped: %q", row.label.Text)
	}
	test.Tap(row)
	if got := overlayText(t, s); !strings.Contains(got, want) || !strings.Contains(got, "Hệ thống: Hệ thống một cửa điện tử") {
		t.Errorf("the tap did not open the obligation:\n%s", got)
	}
	capture(t, s.win, "minor-dashboard-obligation")
}

// A new vault's dashboard points to adding an information system first;
// once there is one, to assessing it.
func TestDashboardNextStepFollowsTheVault(t *testing.T) {
	_, s := newTestShell(t)
	s.win.Resize(fyne.NewSize(1366, 768))
	s.Select(areaDashboard)
	text := labelTexts(t, s.content)
	if !strings.Contains(text, s.cat.T("minor.dash.no_system")) || strings.Contains(text, s.cat.T("dash.no_assessment")) {
		t.Fatalf("a vault without systems is told:\n%s", text)
	}
	capture(t, s.win, "minor-dashboard-new-vault")
	test.Tap(buttonNamed(t, s.content, s.cat.T("minor.dash.add_system")))
	if s.CurrentArea() != areaSystems {
		t.Fatalf("the next step opened %q", s.CurrentArea())
	}
	addSystem(t, s, "Cổng thông tin điện tử", 2)
	s.Select(areaDashboard)
	text = labelTexts(t, s.content)
	if strings.Contains(text, s.cat.T("minor.dash.no_system")) || !strings.Contains(text, s.cat.T("dash.no_assessment")) {
		t.Fatalf("a vault with a system not assessed is told:\n%s", text)
	}
	test.Tap(buttonNamed(t, s.content, s.cat.T("minor.dash.assess")))
	if s.CurrentArea() != areaAssessments {
		t.Errorf("the next step opened %q", s.CurrentArea())
	}
}

// Each compliance figure on the dashboard says, in full, what it counts
// (items met of those assessed, how many assessed of those applicable)
// and of which assessment — period and revision — so that it can be
// told from another revision's figure on the assessment screen.
func TestDashboardComplianceStatesItsDefinition(t *testing.T) {
	dir, id := reviewVault(t)
	s := shellAs(t, dir, "huong", testPass)
	s.Select(areaSettings)
	s.Select(areaDashboard)
	a, err := s.sess.GetAssessment(id)
	if err != nil {
		t.Fatal(err)
	}
	want := "Cổng thông tin điện tử — kỳ 2026, lần 1 — " + complianceText(s, a.Progress.Compliance())
	var found bool
	for _, l := range objects[*widget.Label](t, s.content) {
		if strings.Contains(l.Text, want) {
			found = true
			if l.Truncation != fyne.TextTruncateOff || l.Wrapping != fyne.TextWrapWord {
				t.Errorf("the compliance line is cut: %q", l.Text)
			}
		}
	}
	if !found {
		t.Errorf("no compliance line %q:\n%s", want, labelTexts(t, s.content))
	}
	capture(t, s.win, "minor-dashboard-compliance")
}
