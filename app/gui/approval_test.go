package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/obligations"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// reviewDay is the fixed clock of the approval and obligation tests.
func reviewDay() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) }

// The passphrases of the users reviewVault adds.
const (
	itPass      = "mật khẩu của Lan 2026"
	managerPass = "mật khẩu của Minh 2026"
)

// reviewVault makes a vault on reviewDay with focal huong, IT staff lan
// and manager minh, a level-2 system whose 2026 assessment lan filled (the
// first item resting on an evidence file), and returns its folder and the
// assessment's id.
func reviewVault(t *testing.T) (string, int64) {
	t.Helper()
	dir, _ := newTestVaultAt(t, reviewDay)
	open := func(name, pass string) *session.Session {
		s, err := session.Open(dir, session.Credential{User: name, Passphrase: []byte(pass)}, reviewDay)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	focal := open("huong", testPass)
	for _, u := range []users.User{{Name: "lan", FullName: "Trần Thị Lan", Roles: []users.Role{users.RoleIT}},
		{Name: "minh", FullName: "Lê Văn Minh", Roles: []users.Role{users.RoleManager}}} {
		if err := focal.AddUser(u, []byte("mật khẩu ban đầu 1")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := focal.SaveSystem(registers.System{Name: "Cổng thông tin điện tử", ProposedLevel: 2, LevelJustification: "Theo Nghị định 331/2026"}); err != nil {
		t.Fatal(err)
	}
	focal.Close()
	for name, pass := range map[string]string{"minh": managerPass, "lan": itPass} {
		s := open(name, "mật khẩu ban đầu 1")
		if err := s.ChangePassphrase([]byte(pass)); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	lan := open("lan", itPass)
	defer lan.Close()
	a, err := lan.OpenAssessment(1, "2026")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := lan.AddEvidence(context.Background(), strings.NewReader("Biên bản kiểm tra ngày 20/11/2026"), session.EvidenceMeta{Title: "Biên bản kiểm tra", FileName: "bien-ban.txt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range a.Groups {
		for j, it := range g.Items {
			var evidence []string
			if i == 0 && j == 0 {
				evidence = []string{ev.ID}
			}
			if err := lan.SetAssessmentItem(a.ID, it.Key(), session.ItemPass, "Đã kiểm tra", evidence); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir, a.ID
}

// shellAs opens the shell on dir at reviewDay, signed in as name.
func shellAs(t *testing.T, dir, name, pass string) *Shell {
	t.Helper()
	s := openShell(t, newTestApp(t), Options{VaultDir: dir, Now: reviewDay})
	unlockAs(t, s, name, pass)
	if !s.Unlocked() {
		t.Fatalf("%s not signed in; labels:\n%s", name, labelTexts(t, s.win.Content()))
	}
	s.win.Resize(fyne.NewSize(1366, 768))
	return s
}

// The blocker of issue 15: the manager, who does not fill checklists, sees
// the assessment waiting on the dashboard, opens it read-only with its
// evidence and approves it.
func TestManagerApprovesFromTheDashboard(t *testing.T) {
	dir, id := reviewVault(t)
	s := shellAs(t, dir, "minh", managerPass)
	s.Select(areaDashboard)
	text := labelTexts(t, s.content)
	if !strings.Contains(text, "Chờ phê duyệt") || !strings.Contains(text, "Cổng thông tin điện tử — kỳ 2026, lần 1") {
		t.Fatalf("the dashboard does not show the assessment waiting:\n%s", text)
	}
	capture(t, s.win, "gui15-manager-dashboard")
	test.Tap(tapRowNamed(t, s.content, "Cổng thông tin điện tử — kỳ 2026, lần 1"))
	if s.CurrentArea() != areaAssessments {
		t.Fatalf("the waiting line opened %q", s.CurrentArea())
	}
	if overlay := s.win.Canvas().Overlays().Top(); overlay != nil {
		t.Fatalf("opening the assessment shows a dialog:\n%s", overlayText(t, s))
	}
	text = labelTexts(t, s.content)
	if !strings.Contains(text, "chờ lãnh đạo phê duyệt") {
		t.Errorf("the header does not say it waits for approval:\n%s", text)
	}
	for _, sel := range objects[*widget.Select](t, s.content) {
		if len(sel.Options) == len(session.ItemStatuses()) && !sel.Disabled() {
			t.Fatal("the manager can change an item's status")
		}
	}
	capture(t, s.win, "gui15-manager-assessment")

	// Its evidence opens read-only, with the file's text.
	test.Tap(buttonNamed(t, s.content, "Minh chứng (1)"))
	if got := overlayText(t, s); !strings.Contains(got, "Biên bản kiểm tra ngày 20/11/2026") {
		t.Errorf("the evidence dialog does not show the file:\n%s", got)
	}
	capture(t, s.win, "gui15-manager-evidence")
	s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())

	test.Tap(buttonNamed(t, s.content, "Phê duyệt"))
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Có"))
	a, err := s.sess.GetAssessment(id)
	if err != nil || a.State != session.AssessmentApproved || a.ApprovedBy != "minh" {
		t.Fatalf("after approving: %+v, %v", a.AssessmentSummary, err)
	}
	// Menu choice, system and period also open it (no "Không được phép").
	s.Select(areaSettings)
	s.pending = systemChoice{a.SystemID}
	s.Select(areaAssessments)
	test.Tap(buttonNamed(t, s.content, "Mở phiếu đánh giá"))
	if got := overlayText(t, s); got != "" {
		t.Errorf("opening as manager: %s", got)
	}
	if !strings.Contains(labelTexts(t, s.content), "đã phê duyệt bởi minh") {
		t.Errorf("approved header:\n%s", labelTexts(t, s.content))
	}
}

// The manager returns an assessment with a comment; IT staff see it above
// the items, and it no longer waits for approval.
func TestManagerReturnsAndITSeesTheComment(t *testing.T) {
	dir, id := reviewVault(t)
	s := shellAs(t, dir, "minh", managerPass)
	s.openAssessment(id)
	test.Tap(buttonNamed(t, s.content, "Trả lại…"))
	top := s.win.Canvas().Overlays().Top()
	comment := objects[*widget.Entry](t, top)[0]
	capture(t, s.win, "gui15-return-dialog")
	test.Tap(buttonNamed(t, top, "Trả lại"))
	if got := overlayText(t, s); !strings.Contains(got, "Hãy ghi nhận xét") {
		t.Errorf("an empty comment is not refused: %q", got)
	}
	s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
	test.Tap(buttonNamed(t, s.content, "Trả lại…"))
	top = s.win.Canvas().Overlays().Top()
	comment = objects[*widget.Entry](t, top)[0]
	test.Type(comment, "Bổ sung biên bản kiểm tra cho tiêu chí thứ hai")
	test.Tap(buttonNamed(t, top, "Trả lại"))
	a, _ := s.sess.GetAssessment(id)
	if a.ReturnComment != "Bổ sung biên bản kiểm tra cho tiêu chí thứ hai" || a.AwaitingApproval() {
		t.Fatalf("after returning: %+v", a.AssessmentSummary)
	}
	s.closeVault()

	it := shellAs(t, dir, "lan", itPass)
	it.openAssessment(id)
	text := labelTexts(t, it.content)
	if !strings.Contains(text, "Lãnh đạo minh trả lại lúc 02/12/2026 09:00: Bổ sung biên bản kiểm tra cho tiêu chí thứ hai") {
		t.Errorf("IT staff do not see the comment:\n%s", text)
	}
	capture(t, it.win, "gui15-it-sees-comment")
}

// IT staff record an overdue obligation as done, with a new evidence file
// added from the record dialog; the obligation turns done at once.
func TestITRecordsAnObligationWithANewFile(t *testing.T) {
	dir, _ := reviewVault(t)
	s := shellAs(t, dir, "lan", itPass)
	scr, content := buildObligationsScreen(s, "")
	s.win.SetContent(content)
	var target obligations.Obligation
	for _, o := range scr.all {
		if strings.HasSuffix(o.RuleID, "vulnerability-scan") && o.SystemID == "1" && (o.Status == obligations.StatusOverdue || o.Status == obligations.StatusDue) {
			target = o
			break
		}
	}
	if target.ID == "" {
		t.Fatalf("no open vulnerability scan obligation among %d", len(scr.all))
	}
	scr.onOpen(target)
	top := s.win.Canvas().Overlays().Top()
	if got := overlayText(t, s); !strings.Contains(got, "Hệ thống: Cổng thông tin điện tử") {
		t.Errorf("obligation dialog: %s", got)
	}
	capture(t, s.win, "gui15-obligation-detail")
	test.Tap(buttonNamed(t, top, "Ghi nhận đã thực hiện…"))
	top = s.win.Canvas().Overlays().Top()
	picker := onlyPicker(t, top)
	waitAdded(t, picker.addFile(writeFile(t, "ket-qua-ra-quet.txt", "Kết quả rà quét ngày 01/12/2026")))
	if picker.chosen() == "" {
		t.Fatal("the new file is not chosen")
	}
	date := objects[*widget.Entry](t, top)[0]
	date.SetText("01/12/2026")
	capture(t, s.win, "gui15-obligation-record")
	test.Tap(buttonNamed(t, top, "Lưu"))
	if got := overlayText(t, s); got != "" {
		t.Fatalf("recording refused: %s", got)
	}
	for _, o := range scr.all {
		if o.ID == target.ID && o.Status != obligations.StatusDone {
			t.Fatalf("after recording, %s is %s", o.ID, o.Status)
		}
	}
	acts, _ := s.sess.ListActivities(session.ActivityFilter{SystemID: 1})
	if len(acts) != 1 || acts[0].EvidenceID != picker.chosen() || acts[0].Date != "2026-12-01" || acts[0].Kind != "vulnerability_scan" {
		t.Errorf("activities = %+v", acts)
	}
}

// An obligation marked not applicable with a reason shows so at once.
func TestMarkObligationNotApplicable(t *testing.T) {
	dir, _ := reviewVault(t)
	s := shellAs(t, dir, "lan", itPass)
	scr, content := buildObligationsScreen(s, "")
	s.win.SetContent(content)
	var target obligations.Obligation
	for _, o := range scr.all {
		if o.Status == obligations.StatusOverdue {
			target = o
			break
		}
	}
	scr.onOpen(target)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Không áp dụng…"))
	top := s.win.Canvas().Overlays().Top()
	test.Type(objects[*widget.Entry](t, top)[0], "Sở TT&TT thực hiện thay")
	capture(t, s.win, "gui15-obligation-not-applicable")
	test.Tap(buttonNamed(t, top, "Lưu"))
	for _, o := range scr.all {
		if o.ID == target.ID && (o.Status != obligations.StatusNotApplicable || o.Note != "Sở TT&TT thực hiện thay") {
			t.Fatalf("after marking: %+v", o)
		}
	}
}

// The dashboard groups the same obligation of several systems into one
// line naming them; the line opens a list of the systems.
func TestDashboardGroupsObligationsBySystem(t *testing.T) {
	_, s := newTestShellWith(t, Options{Now: reviewDay})
	s.win.Resize(fyne.NewSize(1366, 768))
	for _, name := range []string{"Cổng thông tin điện tử", "Hệ thống một cửa điện tử", "Thư điện tử công vụ"} {
		if _, err := s.sess.SaveSystem(registers.System{Name: name, ProposedLevel: 3, LevelJustification: "Theo Nghị định 331/2026",
			GoLiveDate: "2022-01-10"}); err != nil {
			t.Fatal(err)
		}
	}
	d, content := buildDashboard(s)
	s.win.SetContent(content)
	text := labelTexts(t, content)
	if !strings.Contains(text, "3 hệ thống: Cổng thông tin điện tử, Hệ thống một cửa điện tử, Thư điện tử công vụ") {
		t.Fatalf("no grouped line:\n%s", text)
	}
	capture(t, s.win, "gui15-dashboard-grouped")
	var group *obligationGroup
	for _, want := range []obligations.Status{obligations.StatusOverdue, obligations.StatusDue} {
		var list []obligations.Obligation
		for _, o := range d.Obligations {
			if o.Status == want {
				list = append(list, o)
			}
		}
		for _, g := range groupObligations(list) {
			if len(g.items) == 3 && group == nil {
				group = g
			}
		}
	}
	d.openGroup(group)
	top := s.win.Canvas().Overlays().Top()
	test.Tap(buttonNamed(t, top, "Thư điện tử công vụ"))
	if got := overlayText(t, s); !strings.Contains(got, "Hệ thống: Thư điện tử công vụ") {
		t.Errorf("the system's obligation: %s", got)
	}
	capture(t, s.win, "gui15-dashboard-group-detail")
}

// The item's evidence dialog adds a new file to the library, ticked.
func TestAssessmentEvidenceAddsANewFile(t *testing.T) {
	dir, id := reviewVault(t)
	s := shellAs(t, dir, "lan", itPass)
	s.openAssessment(id)
	scr := &assessmentScreen{shell: s, svc: s.sess}
	a, _ := s.sess.GetAssessment(id)
	row := &itemRow{item: a.Groups[0].Items[0]}
	c := scr.evidenceChooser(row)
	waitAdded(t, c.addFile(writeFile(t, "quy-che.txt", "Quy chế bảo đảm an toàn")))
	if got := c.chosen(); len(got) != 2 {
		t.Fatalf("ticked after adding = %v (want the old and the new file)", got)
	}
	buttonNamed(t, s.win.Canvas().Overlays().Top(), "Thêm tệp…")
	capture(t, s.win, "gui15-assessment-evidence-add")
}

// The wizard's last step asks what the agency already did; the answers
// are recorded so those obligations are not overdue in the new vault. The
// login-name hint says what the check accepts.
func TestWizardAlreadyDone(t *testing.T) {
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	s := openShell(t, a, Options{VaultDir: dir, Now: reviewDay})
	s.win.Resize(fyne.NewSize(1366, 768))
	test.Tap(buttonNamed(t, s.win.Content(), "Tạo kho dữ liệu mới"))
	w := s.wizard
	test.Type(w.org, "Sở Nội vụ tỉnh Vĩnh Long")
	test.Tap(w.next)
	if strings.Contains(w.login.PlaceHolder, "không dấu") {
		t.Errorf("the hint asks for no diacritics, which the check does not: %q", w.login.PlaceHolder)
	}
	w.login.SetText("hương")
	w.fullName.SetText("Nguyễn Thị Thu Hương")
	test.Tap(w.next)
	if w.step != stepPassphrase {
		t.Fatalf("a login name the hint allows is refused: %q", w.message.Text)
	}
	w.pass.entry.SetText(testPass)
	w.pass.confirm.SetText(testPass)
	test.Tap(w.next)
	mustHold(t, "the vault to be created", func() bool { return !w.working })
	test.Tap(w.confirmCheck)
	test.Tap(w.next)
	if w.step != stepDone || len(w.doneRows) == 0 {
		t.Fatalf("no 'already done' step (step %d, %d rows)", w.step, len(w.doneRows))
	}
	answers := map[string]string{"ct11-implementation-plan": "20/08/2023", "ct11-awareness": "15/06/2025"}
	var ids []string
	for _, r := range w.doneRows {
		if date, ok := answers[r.o.RuleID]; ok && r.o.Status == obligations.StatusOverdue {
			test.Tap(r.done)
			r.date.SetText(date)
			ids = append(ids, r.o.ID)
		}
	}
	if len(ids) != 2 {
		t.Fatalf("rows answered = %v of %d rows", ids, len(w.doneRows))
	}
	// A ticked row needs its date.
	extra := w.doneRows[len(w.doneRows)-1]
	if !extra.done.Checked {
		test.Tap(extra.done)
		test.Tap(w.next)
		if s.Unlocked() || !strings.Contains(w.message.Text, "Hãy ghi ngày thực hiện") {
			t.Fatalf("a ticked row without a date: unlocked %v, %q", s.Unlocked(), w.message.Text)
		}
		test.Tap(extra.done)
	}
	capture(t, s.win, "gui15-wizard-already-done")
	test.Tap(w.next)
	if !s.Unlocked() {
		t.Fatalf("not finished: %q", w.message.Text)
	}
	list, err := s.sess.Obligations(reviewDay())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list {
		for _, id := range ids {
			if o.ID == id && o.Status != obligations.StatusDone {
				t.Errorf("%s answered in the wizard is %s", id, o.Status)
			}
		}
	}
}

// From the dashboard's list, IT staff record an agency-wide obligation as
// done; the dashboard shows one overdue obligation less at once.
func TestDashboardRecordsAnObligation(t *testing.T) {
	dir, _ := reviewVault(t)
	s := shellAs(t, dir, "lan", itPass)
	s.Select(areaDashboard)
	overdue := func() string { return objects[*widget.Button](t, s.content)[0].Text }
	before := overdue()
	d, _ := buildDashboard(s)
	var plan *obligationGroup
	for _, g := range groupObligations(d.Obligations) {
		if g.items[0].RuleID == "ct11-implementation-plan" {
			plan = g
		}
	}
	if plan == nil || plan.items[0].Status != obligations.StatusOverdue {
		t.Fatalf("no overdue implementation plan on the dashboard: %+v", plan)
	}
	d.openGroup(plan)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Ghi nhận đã thực hiện…"))
	top := s.win.Canvas().Overlays().Top()
	objects[*widget.Entry](t, top)[0].SetText("20/08/2023")
	test.Tap(buttonNamed(t, top, "Lưu"))
	if got := overlayText(t, s); got != "" {
		t.Fatalf("recording refused: %s", got)
	}
	if after := overdue(); mustAtoi(t, after) != mustAtoi(t, before)-1 {
		t.Errorf("overdue on the dashboard: %s before, %s after", before, after)
	}
}

// The obligations screen can group the same obligation of several systems
// into one row naming them; the row opens the list of its systems.
func TestObligationsScreenGroupsSystems(t *testing.T) {
	_, s := newTestShellWith(t, Options{Now: reviewDay})
	s.win.Resize(fyne.NewSize(1366, 768))
	for _, name := range []string{"Cổng thông tin điện tử", "Thư điện tử công vụ"} {
		if _, err := s.sess.SaveSystem(registers.System{Name: name, ProposedLevel: 3, LevelJustification: "Theo Nghị định 331/2026"}); err != nil {
			t.Fatal(err)
		}
	}
	scr, content := buildObligationsScreen(s, obligations.StatusOverdue)
	s.win.SetContent(content)
	all := len(scr.list.rows)
	test.Tap(scr.grouped)
	if len(scr.list.rows) >= all {
		t.Fatalf("grouping: %d rows, %d before", len(scr.list.rows), all)
	}
	var row obligations.Obligation
	for _, o := range scr.list.rows {
		if _, ok := scr.groups[o.ID]; ok {
			row = o
		}
	}
	if got := scr.systemText(row); got != "2 hệ thống: Cổng thông tin điện tử, Thư điện tử công vụ" {
		t.Errorf("grouped system cell = %q", got)
	}
	capture(t, s.win, "gui15-obligations-grouped")
	scr.onOpen(row)
	buttonNamed(t, s.win.Canvas().Overlays().Top(), "Thư điện tử công vụ")
}
