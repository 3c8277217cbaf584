package gui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// capture saves the window as a PNG in artifacts/ for people to look at.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := filepath.Join("..", "..", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func addSystem(t *testing.T, s *Shell, name string, level int) registers.System {
	t.Helper()
	sys, err := s.sess.SaveSystem(registers.System{Name: name, ProposedLevel: level, LevelJustification: "Theo Nghị định 331/2026"})
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

func TestDashboardCountsAndClickThrough(t *testing.T) {
	_, s := newTestShell(t)
	addSystem(t, s, "Hệ thống một cửa điện tử", 3)
	if _, err := s.sess.SaveAsset(registers.Asset{Type: registers.AssetLaptop, Name: "Máy xách tay văn thư", Internet: true, StateSecret: true}); err != nil {
		t.Fatal(err)
	}
	d, content := buildDashboard(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 720))
	if d.Violations != 1 || len(d.Systems) != 1 || d.Assets != 1 {
		t.Fatalf("dashboard counts: violations %d, systems %d, assets %d", d.Violations, len(d.Systems), d.Assets)
	}
	if d.count(obligations.StatusOverdue)+d.count(obligations.StatusDue)+d.count(obligations.StatusUpcoming) == 0 {
		t.Error("a level-3 system has no obligations on the dashboard")
	}
	capture(t, s.win, "gui-dashboard")

	// The violations number opens the assets list filtered to violations.
	s.Select(areaSettings)
	s.Select(areaDashboard)
	test.Tap(buttonNamed(t, s.content, "1"))
	if s.CurrentArea() != areaAssets {
		t.Fatalf("violation card opened %q", s.CurrentArea())
	}
	if text := labelTexts(t, s.content); !strings.Contains(text, "1 mục") {
		t.Errorf("assets after the click-through:\n%s", text)
	}
}

func TestObligationsScreenFilters(t *testing.T) {
	_, s := newTestShell(t)
	addSystem(t, s, "Cổng thông tin điện tử", 2)
	scr, content := buildObligationsScreen(s, obligations.StatusOverdue)
	s.win.SetContent(content)
	for _, o := range scr.list.rows {
		if o.Status != obligations.StatusOverdue {
			t.Fatalf("overdue filter shows %s", o.Status)
		}
	}
	scr.status.SetSelectedIndex(0)
	all := len(scr.list.rows)
	if all == 0 {
		t.Fatal("no applicable obligation for a level-2 system")
	}
	for _, o := range scr.list.rows {
		if o.Status == obligations.StatusNotApplicable {
			t.Fatal("'every applicable' shows a not-applicable obligation")
		}
	}
	capture(t, s.win, "gui-obligations")
}

func TestAssessmentFillAndApprovedIsReadOnly(t *testing.T) {
	_, s := newTestShell(t)
	scr := openFirstAssessment(t, s)
	total := scr.current.Progress.Total

	var first *itemRow
	for _, g := range scr.current.Groups {
		if len(g.Items) > 0 {
			first = scr.rows[g.Items[0].Key()]
			break
		}
	}
	first.status.SetSelected("Đạt")
	if scr.current.Progress.Done() != 1 {
		t.Errorf("assessed after one item = %d", scr.current.Progress.Done())
	}
	// "Không áp dụng" without a reason is refused and explained.
	first.status.SetSelected("Không áp dụng")
	if !strings.Contains(overlayText(t, s), "lý do") {
		t.Errorf("no explanation for a missing reason; overlay:\n%s", overlayText(t, s))
	}
	capture(t, s.win, "gui-assessment")

	// Once approved (by a manager, through the service here), it is read-only.
	for _, g := range scr.current.Groups {
		for _, it := range g.Items {
			if err := s.sess.SetAssessmentItem(scr.current.ID, it.Key(), session.ItemPass, "", nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	scr.reload()
	if scr.current.Progress.Done() != total {
		t.Fatalf("done %d of %d", scr.current.Progress.Done(), total)
	}
	for _, b := range []string{"Chép kết quả kỳ trước", "Phê duyệt"} {
		buttonNamed(t, s.win.Content(), b)
	}
	if !buttonNamed(t, s.win.Content(), "Phê duyệt").Disabled() {
		t.Error("a focal point (not a manager) may press Approve")
	}
}

func TestManagerApprovesAndTheAssessmentIsReadOnly(t *testing.T) {
	_, s := newTestShell(t)
	me, _ := s.sess.Me()
	me.Roles = append(me.Roles, "manager")
	if err := s.sess.UpdateUser(me); err != nil {
		t.Fatal(err)
	}
	s.me, _ = s.sess.Me()
	sys := addSystem(t, s, "Cổng thông tin điện tử", 2)
	ev, err := s.sess.AddEvidence(context.Background(), strings.NewReader("biên bản"), session.EvidenceMeta{FileName: "bien-ban.txt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	scr, content := buildAssessmentScreen(s)
	s.win.SetContent(content)
	scr.system.SetSelected(sys.Name)
	scr.onOpen()

	// Attach the evidence file to the first item through its dialog.
	var first *itemRow
	for _, g := range scr.current.Groups {
		first = scr.rows[g.Items[0].Key()]
		break
	}
	first.status.SetSelected("Đạt")
	scr.onEvidence(first)
	top := s.win.Canvas().Overlays().Top()
	test.Tap(objects[*widget.Check](t, top)[0])
	test.Tap(buttonNamed(t, top, "Lưu"))
	a, _ := s.sess.GetAssessment(scr.current.ID)
	if got := a.Groups[0].Items[0].EvidenceIDs; len(got) != 1 || got[0] != ev.ID {
		t.Fatalf("item evidence = %v", got)
	}
	if text := labelTexts(t, content); !strings.Contains(text, "Đánh giá bởi huong") {
		t.Error("who assessed is not shown")
	}

	for _, g := range a.Groups {
		for _, it := range g.Items {
			if it.Status == session.ItemNotAssessed {
				if err := s.sess.SetAssessmentItem(a.ID, it.Key(), session.ItemPartial, "", nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	scr.reload()
	approve := buttonNamed(t, s.win.Content(), "Phê duyệt")
	if approve.Disabled() {
		t.Fatal("Approve is disabled for a manager")
	}
	test.Tap(approve)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Có"))
	if scr.current.State != session.AssessmentApproved {
		t.Fatalf("state after approval = %s", scr.current.State)
	}
	for _, r := range scr.rows {
		if !r.status.Disabled() || !r.note.Disabled() {
			t.Fatal("an approved assessment can still be edited")
		}
	}
	buttonNamed(t, s.win.Content(), "Mở lần đánh giá mới")
}

func TestClickThroughFilters(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng thông tin điện tử", 2)
	s.openSystemsInState(registers.DossierSubmitted)
	if s.CurrentArea() != areaSystems {
		t.Fatalf("area = %s", s.CurrentArea())
	}
	if text := labelTexts(t, s.content); !strings.Contains(text, "0 mục") {
		t.Errorf("systems filtered to 'submitted' should be empty:\n%s", text)
	}
	s.openAssessmentOf(sys.ID)
	if s.CurrentArea() != areaAssessments {
		t.Fatalf("area = %s", s.CurrentArea())
	}
	found := false
	for _, sel := range objects[*widget.Select](t, s.content) {
		if sel.Selected == sys.Name {
			found = true
		}
	}
	if !found {
		t.Error("the assessment area did not preselect the system")
	}
}

// TestRemediationObligationOpensFindings opens the demo's overdue
// remediation obligation: its button shows the findings tab filtered to
// that system.
func TestRemediationObligationOpensFindings(t *testing.T) {
	s := openDemoAs(t, "demo-it")
	s.win.Resize(fyne.NewSize(1280, 800))
	scr, _ := buildObligationsScreen(s, obligations.StatusOverdue)
	i := slices.IndexFunc(scr.list.rows, func(o obligations.Obligation) bool { return o.Kind == packs.KindRemediation })
	if i < 0 {
		t.Fatal("no overdue remediation obligation in the demo")
	}
	o := scr.list.rows[i]
	s.openObligations(obligations.StatusOverdue)
	objects[*widget.Table](t, s.content)[0].Select(widget.TableCellID{Row: i, Col: 0})
	dlg := s.win.Canvas().Overlays().Top()
	if text := labelTexts(t, dlg); !strings.Contains(text, "lỗ hổng chưa khắc phục") {
		t.Errorf("obligation detail:\n%s", text)
	}
	capture(t, s.win, "gui-remediation-obligation")
	test.Tap(buttonNamed(t, dlg, "Xem các lỗ hổng của hệ thống"))
	if s.CurrentArea() != areaActivities {
		t.Fatalf("the button opened %q", s.CurrentArea())
	}
	open, err := s.sess.ListFindings(session.FindingFilter{Unresolved: true, SystemID: mustAtoi(t, o.SystemID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != o.OpenFindings {
		t.Errorf("the obligation counts %d findings, the system has %d to fix", o.OpenFindings, len(open))
	}
	if text := labelTexts(t, s.content); !strings.Contains(text, s.cat.T("reg.count", len(open))) {
		t.Errorf("findings after the click-through (want %d):\n%s", len(open), text)
	}
	chosen := slices.ContainsFunc(objects[*widget.Select](t, s.content), func(sel *widget.Select) bool { return sel.Selected == scr.names[o.SystemID] })
	if !chosen {
		t.Errorf("the findings tab does not show %q chosen", scr.names[o.SystemID])
	}
	capture(t, s.win, "gui-remediation-findings")
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDashboardIncidentClocks shows the demo's open incident with its
// reporting deadlines on the dashboard, the overdue 24-hour notice in
// red; a tap on the line shows the incident.
func TestDashboardIncidentClocks(t *testing.T) {
	s := openDemoAs(t, "demo-focal")
	s.win.Resize(fyne.NewSize(1280, 800))
	s.Select(areaDashboard)
	text := labelTexts(t, s.content)
	if !strings.Contains(text, "Sự cố đang xử lý — thời hạn thông báo, báo cáo") {
		t.Fatalf("dashboard without incident clocks:\n%s", text)
	}
	var late *widget.Label
	for _, l := range objects[*widget.Label](t, s.content) {
		if strings.Contains(l.Text, "24 giờ") && strings.Contains(strings.ToLower(l.Text), "quá hạn") {
			late = l
		}
	}
	if late == nil || late.Importance != widget.DangerImportance {
		t.Fatalf("no overdue 24-hour clock in red:\n%s", text)
	}
	capture(t, s.win, "gui-dashboard-clocks")
	test.Tap(tapRowNamed(t, s.content, late.Text))
	if s.CurrentArea() != areaIncidents {
		t.Fatalf("Open showed %q", s.CurrentArea())
	}
	if dlg := s.win.Canvas().Overlays().Top(); dlg == nil || !strings.Contains(labelTexts(t, dlg), "Thời hạn thông báo, báo cáo") {
		t.Error("the incident is not open")
	}
}
