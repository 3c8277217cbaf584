package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/audit"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// overlayText returns the labels of the topmost dialog.
func overlayText(t *testing.T, s *Shell) string {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return labelTexts(t, top)
}

// buttonNamed finds the button with the given text under o.
func buttonNamed(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range objects[*widget.Button](t, o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func pressEnter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestWizardCreatesTheVault(t *testing.T) {
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	s := openShell(t, a, Options{VaultDir: dir})
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"Chào mừng", "Thư mục kho dữ liệu: " + dir} {
		if !strings.Contains(text, want) {
			t.Errorf("first-run screen lacks %q:\n%s", want, text)
		}
	}
	test.Tap(buttonNamed(t, s.win.Content(), "Tạo kho dữ liệu mới"))
	w := s.wizard
	if w == nil || w.step != stepAgency {
		t.Fatal("the wizard did not open on the agency step")
	}

	// Agency: required; Enter moves on.
	test.Tap(w.next)
	if w.step != stepAgency || w.message.Text != "Hãy nhập tên cơ quan, đơn vị" {
		t.Errorf("empty agency accepted (step %d, message %q)", w.step, w.message.Text)
	}
	test.Type(w.org, "Sở Nội vụ tỉnh Vĩnh Long")
	test.Type(w.office, "Công an tỉnh Vĩnh Long")
	pressEnter(w.office)
	if w.step != stepUser {
		t.Fatalf("Enter on the agency step: step %d", w.step)
	}

	// First user: a bad login name is refused with the catalogue's message.
	test.Type(w.login, "thu hương")
	test.Type(w.fullName, "Nguyễn Thị Thu Hương")
	test.Type(w.position, "Chuyên viên")
	test.Tap(w.roleMgr)
	test.Tap(w.next)
	if w.step != stepUser || !strings.Contains(w.message.Text, "Tên đăng nhập chỉ gồm") {
		t.Errorf("bad login accepted (step %d, message %q)", w.step, w.message.Text)
	}
	if !w.roleFocal.Checked || !w.roleFocal.Disabled() {
		t.Error("the focal-point role is not forced on the first user")
	}
	w.login.SetText("huong")
	test.Tap(w.next)
	if w.step != stepPassphrase {
		t.Fatalf("user step refused: %q", w.message.Text)
	}

	// Passphrase: the meter moves, a weak one is refused with the rule.
	test.Type(w.pass.entry, "abc")
	if w.pass.word.Text != "Rất yếu" {
		t.Errorf("meter for abc = %q", w.pass.word.Text)
	}
	test.Type(w.pass.confirm, "abc")
	test.Tap(w.next)
	if w.step != stepPassphrase || !strings.Contains(w.pass.problem.Text, "Mật khẩu quá yếu") {
		t.Errorf("weak passphrase accepted (step %d, problem %q)", w.step, w.pass.problem.Text)
	}
	if vault.Exists(dir) {
		t.Fatal("a vault was created with a weak passphrase")
	}
	w.pass.entry.SetText(testPass)
	if w.pass.word.Text == "Rất yếu" {
		t.Errorf("meter for a long passphrase = %q", w.pass.word.Text)
	}
	w.pass.confirm.SetText(testPass + "x")
	test.Tap(w.next)
	if w.pass.problem.Text != "Hai lần nhập mật khẩu không giống nhau" {
		t.Errorf("mismatch not reported: %q", w.pass.problem.Text)
	}
	w.pass.confirm.SetText(testPass)
	test.Tap(w.next)
	mustHold(t, "the vault to be created", func() bool { return !w.working })
	if w.step != stepRecovery {
		t.Fatalf("creation failed: %q", w.message.Text)
	}
	if !vault.Exists(dir) {
		t.Fatal("no vault on disk after the passphrase step")
	}

	// Recovery: shown once, grouped; finishing needs a confirmation.
	if !strings.Contains(w.code.Text, w.firstGroup()) || strings.Count(w.code.Text, "\n") != 1 {
		t.Errorf("recovery code display %q", w.code.Text)
	}
	if !w.next.Disabled() {
		t.Error("finish enabled before the recovery code was confirmed")
	}
	test.Tap(w.next)
	if s.Unlocked() {
		t.Fatal("finished without confirming the recovery code")
	}
	test.Type(w.confirmGroup, "ZZZZ")
	if !w.next.Disabled() {
		t.Error("a wrong first group confirms")
	}
	w.confirmGroup.SetText(strings.ToLower(w.firstGroup()))
	if w.next.Disabled() {
		t.Error("the right first group does not confirm")
	}
	pdf := filepath.Join(t.TempDir(), "ma-khoi-phuc.pdf")
	s.saveTo(pdf, w.pdfJob())
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã lưu mã khôi phục vào "+pdf) {
		t.Errorf("after saving the recovery sheet: %q", msg)
	}
	if raw, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(raw, []byte("%PDF")) {
		t.Errorf("recovery sheet: %v, %.8q", err, raw)
	}
	code := w.recover
	test.Tap(w.next)
	if w.step != stepDone || w.recover != "" {
		t.Fatalf("after the recovery step: step %d", w.step)
	}
	test.Tap(w.next)
	if !s.Unlocked() || s.CurrentArea() != areaDashboard {
		t.Fatalf("not in the main window after finishing (area %q)", s.CurrentArea())
	}
	if !s.me.Has(users.RoleFocal) || !s.me.Has(users.RoleManager) || s.me.Has(users.RoleIT) {
		t.Errorf("first user's roles = %v", s.me.Roles)
	}
	if got := a.Preferences().String(prefVaultDir); got != dir {
		t.Errorf("vault folder not remembered: %q", got)
	}

	// The code shown opens the vault.
	s.closeVault()
	sess, err := session.Open(dir, session.Credential{User: "huong", RecoveryCode: code.String()}, time.Now)
	if err != nil {
		t.Fatalf("the recovery code shown does not open the vault: %v", err)
	}
	sess.Close()
}

func TestUnlockWrongThenRight(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	s := openShell(t, a, Options{VaultDir: dir})
	if s.Unlocked() || s.unlock == nil {
		t.Fatal("no unlock screen for an existing vault")
	}
	if !slices.Equal(s.unlock.user.Options, []string{"huong"}) {
		t.Errorf("users offered: %v", s.unlock.user.Options)
	}
	// "Remember on this computer" follows what the keyring says, asked off
	// the UI thread: disabled with the reason when it cannot work.
	mustHold(t, "the keyring check", func() bool {
		return s.unlock.rememberWhy.Text != "Đang kiểm tra kho khóa của hệ điều hành…"
	})
	if unavailable := strings.HasPrefix(s.unlock.rememberWhy.Text, "Không ghi nhớ được: "); unavailable != s.unlock.remember.Disabled() {
		t.Errorf("remember checkbox disabled=%v but the note says %q", s.unlock.remember.Disabled(), s.unlock.rememberWhy.Text)
	}
	// The countdown after the failure runs as background work, kept until
	// the checks of the delay are done.
	q := &workQueue{}
	s.opts.Go = q.Go
	s.unlock.user.SetSelected("huong")
	test.Type(s.unlock.pass, "không phải mật khẩu")
	test.Tap(s.unlock.submit)
	q.work[0]() // the unlock attempt; it queues the countdown
	q.work = q.work[1:]
	if s.Unlocked() {
		t.Fatal("unlocked with a wrong passphrase")
	}
	if !strings.Contains(s.unlock.message.Text, "Sai mật khẩu") {
		t.Errorf("message after a wrong passphrase: %q", s.unlock.message.Text)
	}
	if s.unlock.pass.Text != "" {
		t.Errorf("the wrong passphrase stays in the field: %q", s.unlock.pass.Text)
	}
	if !s.unlock.submit.Disabled() || !strings.Contains(s.unlock.countdown.Text, "giây") {
		t.Errorf("button not held during the delay (disabled %v, countdown %q)", s.unlock.submit.Disabled(), s.unlock.countdown.Text)
	}
	q.run() // the countdown, to the end of the delay
	s.opts.Go = runNow
	mustHold(t, "the delay to end", func() bool { return !s.unlock.submit.Disabled() })
	if s.unlock.countdown.Text != "" {
		t.Errorf("countdown left after the delay: %q", s.unlock.countdown.Text)
	}
	s.unlock.pass.SetText(testPass)
	pressEnter(s.unlock.pass)
	mustHold(t, "the main window", func() bool { return !s.unlock.working })
	text := labelTexts(t, s.win.Content())
	for _, want := range []string{"Nguyễn Thị Thu Hương", "Cán bộ đầu mối", "Tổng quan", "Lịch sử thay đổi"} {
		if !strings.Contains(text, want) {
			t.Errorf("main window lacks %q:\n%s", want, text)
		}
	}
	failed, err := s.sess.History(audit.Filter{Text: "unlock.failed"})
	if err != nil || len(failed) != 1 {
		t.Errorf("failed attempt in the history: %v, %v", failed, err)
	}
	// It is a report written by the program, not by a user: the history
	// shows the system as its actor.
	s.Select(areaHistory)
	for _, e := range s.historyScr.list.rows {
		if e.Action == "unlock.failed" {
			if got := s.historyScr.list.cols[2].text(e); got != "(hệ thống)" {
				t.Errorf("actor of the reported failure shown as %q", got)
			}
		}
	}

	// Locking drops the main screens and shows the unlock screen.
	test.Tap(buttonNamed(t, s.win.Content(), "Khóa"))
	if s.Unlocked() || s.unlock == nil || s.CurrentArea() != "" {
		t.Fatal("the lock button did not lock")
	}
	if text := labelTexts(t, s.win.Content()); strings.Contains(text, "Tổng quan") || !strings.Contains(text, "Mở khóa kho dữ liệu") {
		t.Errorf("after locking:\n%s", text)
	}
}

func TestUnlockRefusedWhileInUse(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	l, err := session.OpenLocked(dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s := openShell(t, a, Options{VaultDir: dir})
	if text := labelTexts(t, s.win.Content()); !strings.Contains(text, "đang được mở bởi một chương trình khác") {
		t.Errorf("in-use vault not explained:\n%s", text)
	}
}

func TestNewUserMustChooseAPassphrase(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	focal, err := session.Open(dir, session.Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := focal.AddUser(users.User{Name: "lan", FullName: "Trần Thị Lan", Roles: []users.Role{users.RoleIT}}, []byte("mật khẩu ban đầu 1")); err != nil {
		t.Fatal(err)
	}
	focal.Close()

	s := openShell(t, a, Options{VaultDir: dir})
	unlockAs(t, s, "lan", "mật khẩu ban đầu 1")
	if s.reset == nil {
		t.Fatal("no forced passphrase dialog for a new user")
	}
	if s.CurrentArea() != "" || s.nav != nil {
		t.Error("main screens built before the passphrase change")
	}
	if text := overlayText(t, s); !strings.Contains(text, "Đặt mật khẩu mới") {
		t.Errorf("dialog:\n%s", text)
	}
	f := s.reset
	test.Type(f.field.entry, "ngắn")
	test.Type(f.field.confirm, "ngắn")
	test.Tap(f.save)
	if s.reset == nil || !strings.Contains(f.field.problem.Text, "Mật khẩu quá yếu") {
		t.Errorf("weak passphrase accepted: %q", f.field.problem.Text)
	}
	f.field.entry.SetText("mật khẩu riêng của Lan 2026")
	f.field.confirm.SetText("mật khẩu riêng của Lan 2026")
	test.Tap(f.save)
	mustHold(t, "the passphrase change", func() bool { return s.reset == nil })
	if s.CurrentArea() == "" {
		t.Fatal("not in the main window after the change")
	}
	s.closeVault()
	sess, err := session.Open(dir, session.Credential{User: "lan", Passphrase: []byte("mật khẩu riêng của Lan 2026")}, time.Now)
	if err != nil {
		t.Fatalf("new passphrase does not open: %v", err)
	}
	sess.Close()
}

func TestForcedResetLocksAfterInactivity(t *testing.T) {
	a := newTestApp(t)
	dir, code := newTestVault(t)
	clock := &lockClock{at: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	s := openShell(t, a, Options{VaultDir: dir, AutoLock: 5 * time.Minute, LockClock: clock.now})
	test.Tap(s.unlock.switchMode)
	test.Type(s.unlock.recovery, code.String())
	test.Tap(s.unlock.submit)
	mustHold(t, "the recovery unlock", func() bool { return !s.unlock.working })
	if s.reset == nil {
		t.Fatal("no forced reset")
	}
	s.monitor.check() // sees the dialog's field focused
	clock.advance(5 * time.Minute)
	s.monitor.check()
	mustHold(t, "the auto-lock", func() bool { return !s.Unlocked() })
	if s.win.Canvas().Overlays().Top() != nil {
		t.Error("the passphrase dialog survived the auto-lock")
	}
}

func TestRecoveryCodeForcesANewPassphrase(t *testing.T) {
	a := newTestApp(t)
	dir, code := newTestVault(t)
	s := openShell(t, a, Options{VaultDir: dir})
	test.Tap(s.unlock.switchMode)
	if !s.unlock.codeItem.Visible() || s.unlock.passItem.Visible() {
		t.Fatal("the recovery code field is not shown")
	}
	test.Type(s.unlock.recovery, code.String())
	test.Tap(s.unlock.submit)
	mustHold(t, "the recovery unlock", func() bool { return !s.unlock.working })
	if s.reset == nil {
		t.Fatalf("no forced reset after a recovery unlock; message %q", s.unlock.message.Text)
	}
}

func TestUsersScreen(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaUsers)
	scr := s.usersScr
	if scr == nil || len(scr.list.rows) != 1 {
		t.Fatal("users screen not showing the focal point")
	}
	test.Tap(scr.add)
	f := scr.form
	test.Type(f.login, "lan")
	test.Type(f.fullName, "Trần Thị Lan")
	test.Type(f.position, "Kỹ thuật viên")
	test.Type(f.pass.entry, "mật khẩu ban đầu 1")
	test.Type(f.pass.confirm, "mật khẩu ban đầu 1")
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Lưu"))
	mustHold(t, "the user to be added", func() bool { return !scr.working })
	cell := func(row, col int) string { return scr.list.cols[col].text(scr.list.rows[row]) }
	if len(scr.list.rows) != 2 || cell(1, 0) != "lan" || cell(1, 3) != "Cán bộ kỹ thuật" || cell(1, 4) != "Chờ đổi mật khẩu" {
		t.Fatalf("after adding: %+v", scr.list.rows)
	}

	// Change lan's roles.
	scr.selectUser("lan")
	test.Tap(scr.edit)
	test.Tap(scr.form.roleMgr)
	scr.form.submit()
	if got := cell(1, 3); got != "Cán bộ kỹ thuật, Lãnh đạo" {
		t.Errorf("roles after edit = %q", got)
	}

	// The last focal point cannot be demoted: the error is shown.
	scr.selectUser("huong")
	test.Tap(scr.edit)
	test.Tap(scr.form.roleFocal)
	test.Tap(scr.form.roleIT)
	scr.form.submit()
	if text := overlayText(t, s); !strings.Contains(text, "Phải luôn còn ít nhất một người quản trị kho") {
		t.Errorf("no last-focal error shown:\n%s", text)
	}
	if me, _ := s.sess.Me(); !me.Has(users.RoleFocal) {
		t.Error("the last focal point was demoted")
	}

	// Disable (confirmed, off the UI thread: the vault key changes too)
	// and enable lan.
	scr.selectUser("lan")
	test.Tap(scr.toggle)
	if scr.disableDialog == nil || !strings.Contains(overlayText(t, s), "khóa kho dữ liệu sẽ được đổi") {
		t.Fatalf("no confirmation before disabling:\n%s", overlayText(t, s))
	}
	capture(t, s.win, "gui-user-disable-confirm")
	scr.disableDialog.Confirm()
	mustHold(t, "the user to be disabled", func() bool { return !scr.working })
	if e := lastHistoryEntry(t, s); e.Action != "vault.rotate_key" || !strings.Contains(e.Summary, "vô hiệu hóa lan") {
		t.Errorf("last history entry after disabling: %+v", e)
	}
	if cell(1, 4) != "Đã vô hiệu hóa" || scr.toggle.Text != "Kích hoạt lại" {
		t.Errorf("after disabling: %q, button %q", cell(1, 4), scr.toggle.Text)
	}
	test.Tap(scr.toggle)
	if cell(1, 4) != "Chờ đổi mật khẩu" {
		t.Errorf("after enabling: %q", cell(1, 4))
	}

	// Reset lan's passphrase: the new one opens the vault.
	test.Tap(scr.resetPw)
	test.Type(scr.resetField.entry, "mật khẩu mới cho Lan 1")
	test.Type(scr.resetField.confirm, "mật khẩu mới cho Lan 1")
	scr.resetDialog.Confirm()
	mustHold(t, "the reset", func() bool { return !scr.working })
	dir := s.dir
	s.closeVault()
	lan, err := session.Open(dir, session.Credential{User: "lan", Passphrase: []byte("mật khẩu mới cho Lan 1")}, time.Now)
	if err != nil {
		t.Fatalf("reset passphrase does not open: %v", err)
	}
	lan.Close()
}

// shellAsIT opens the shell unlocked by lan, an IT officer added by the
// focal point, who has chosen her own passphrase.
func shellAsIT(t *testing.T) *Shell {
	t.Helper()
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	focal, err := session.Open(dir, session.Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := focal.AddUser(users.User{Name: "lan", Roles: []users.Role{users.RoleIT}}, []byte("mật khẩu ban đầu 1")); err != nil {
		t.Fatal(err)
	}
	focal.Close()
	lan, err := session.Open(dir, session.Credential{User: "lan", Passphrase: []byte("mật khẩu ban đầu 1")}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := lan.ChangePassphrase([]byte("mật khẩu của Lan 2026")); err != nil {
		t.Fatal(err)
	}
	lan.Close()
	s := openShell(t, a, Options{VaultDir: dir})
	unlockAs(t, s, "lan", "mật khẩu của Lan 2026")
	return s
}

func TestUsersScreenExplainsToOthers(t *testing.T) {
	s := shellAsIT(t)
	for _, area := range []string{areaUsers, areaHistory} {
		s.Select(area)
		if text := labelTexts(t, s.content); !strings.Contains(text, "Chỉ cán bộ đầu mối") {
			t.Errorf("%s: no explanation for IT staff:\n%s", area, text)
		}
	}
}

func TestHistoryScreen(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaHistory)
	scr := s.historyScr
	if scr == nil || len(scr.entries) < 2 {
		t.Fatal("history screen empty")
	}
	test.Type(scr.text, "tao kho du lieu")
	if len(scr.entries) != 1 || !strings.Contains(scr.entries[0].Summary, "Tạo kho dữ liệu") {
		t.Errorf("text filter without diacritics: %+v", scr.entries)
	}
	if scr.count.Text != "1 mục" {
		t.Errorf("count = %q", scr.count.Text)
	}
	scr.text.SetText("")

	test.Type(scr.from, "31/02/2026")
	if scr.fromErr.Text != "Ngày không hợp lệ" {
		t.Errorf("bad date message = %q", scr.fromErr.Text)
	}
	scr.from.SetText("2000-01-01")
	scr.to.SetText("01/01/2001")
	if scr.fromErr.Text != "" || scr.toErr.Text != "" || len(scr.entries) != 0 {
		t.Errorf("date range 2000: %d entries, messages %q %q", len(scr.entries), scr.fromErr.Text, scr.toErr.Text)
	}
	scr.from.SetText("")
	scr.to.SetText("")
	scr.entity.SetSelected("Người dùng")
	if len(scr.entries) != 1 || scr.entries[0].Action != "user.add" {
		t.Errorf("entity filter: %+v", scr.entries)
	}
	scr.entity.SetSelected(scr.all)

	test.Tap(buttonNamed(t, s.content, "Kiểm tra tính toàn vẹn"))
	if !strings.Contains(scr.verdict.Text, "toàn vẹn") {
		t.Errorf("verdict = %q", scr.verdict.Text)
	}
	csv := filepath.Join(t.TempDir(), "history.csv")
	s.saveTo(csv, scr.exportJob())
	if msg := overlayText(t, s); !strings.Contains(msg, "vào "+csv) {
		t.Errorf("after the export: %q", msg)
	}
	raw, err := os.ReadFile(csv)
	if err != nil || !strings.Contains(string(raw), "Tạo kho dữ liệu") || !strings.Contains(string(raw), "Thời điểm") {
		t.Errorf("CSV: %v\n%s", err, raw)
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"", "0001-01-01", true},
		{"2026-11-25", "2026-11-25", true},
		{"25/11/2026", "2026-11-25", true},
		{"5/1/2026", "2026-01-05", true},
		{"31/02/2026", "", false},
		{"hôm qua", "", false},
	} {
		got, err := parseDay(c.in)
		if (err == nil) != c.ok || (c.ok && got.Format("2006-01-02") != c.want) {
			t.Errorf("parseDay(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestAutoLockAfterInactivity(t *testing.T) {
	clock := &lockClock{at: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	_, s := newTestShellWith(t, Options{AutoLock: 5 * time.Minute, LockClock: clock.now})
	clock.advance(5*time.Minute - time.Second)
	s.monitor.check()
	if !s.Unlocked() {
		t.Fatal("locked before the delay")
	}
	clock.advance(time.Second)
	s.monitor.check()
	mustHold(t, "the auto-lock", func() bool { return !s.Unlocked() })
	if s.unlock == nil {
		t.Fatal("no unlock screen after the auto-lock")
	}
	if text := labelTexts(t, s.win.Content()); strings.Contains(text, "Tổng quan") {
		t.Errorf("main screens left after the auto-lock:\n%s", text)
	}
}

func TestLockDropsOpenDialogs(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaUsers)
	test.Tap(s.usersScr.add)
	if s.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog open")
	}
	s.Lock()
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog survived locking:\n%s", labelTexts(t, top))
	}
	if s.usersScr != nil || s.content != nil {
		t.Error("screens kept after locking")
	}
}

func TestActivityKeepsTheSessionOpen(t *testing.T) {
	clock := &lockClock{at: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)}
	_, s := newTestShellWith(t, Options{AutoLock: 4 * time.Minute, LockClock: clock.now})
	layer, ok := s.win.Content().(*activityLayer)
	if !ok {
		t.Fatalf("content is %T, not watched", s.win.Content())
	}
	// Each step is a minute, the whole far longer than the delay, and the
	// monitor looks after each: activity at every step keeps it open.
	// Mouse moves: the driver asks the layer for its cursor.
	for range 12 {
		clock.advance(time.Minute)
		layer.Cursor()
		s.monitor.check()
	}
	if !s.Unlocked() {
		t.Fatal("locked while the mouse moved")
	}
	// Typing into a focused entry.
	s.Select(areaHistory)
	entry := s.historyScr.text
	s.win.Canvas().Focus(entry)
	for range 12 {
		clock.advance(time.Minute)
		test.Type(entry, "a")
		s.monitor.check()
	}
	if !s.Unlocked() {
		t.Fatal("locked while the user typed")
	}
	clock.advance(4 * time.Minute)
	s.monitor.check()
	mustHold(t, "the auto-lock once idle", func() bool { return !s.Unlocked() })
}

func TestAutoLockSetting(t *testing.T) {
	a, s := newTestShell(t)
	s.Select(areaSettings)
	var sel *widget.Select
	for _, o := range objects[*widget.Select](t, s.content) {
		if slices.Contains(o.Options, "30 phút") {
			sel = o
		}
	}
	if sel == nil {
		t.Fatal("no auto-lock choice in Settings")
	}
	if sel.Selected != "10 phút" {
		t.Errorf("default auto-lock = %q", sel.Selected)
	}
	sel.SetSelected("5 phút")
	if got := a.Preferences().Int(prefAutoLock); got != 5 {
		t.Errorf("stored auto-lock = %d", got)
	}
	if s.monitor.delay != 5*time.Minute {
		t.Errorf("running monitor delay = %v", s.monitor.delay)
	}
}

func TestRestoreFromBackup(t *testing.T) {
	a := newTestApp(t)
	src, _ := newTestVault(t)
	sess, err := session.Open(src, session.Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.daumoi")
	var buf bytes.Buffer
	if err := sess.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	sess.Close()
	if err := os.WriteFile(backup, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	s := openShell(t, a, Options{VaultDir: filepath.Join(t.TempDir(), "none")})
	test.Tap(buttonNamed(t, s.win.Content(), "Khôi phục từ bản sao lưu"))
	r := s.restore
	test.Tap(r.restoreBtn)
	if !strings.Contains(r.message.Text, "Hãy chọn tệp sao lưu") {
		t.Errorf("missing fields not reported: %q", r.message.Text)
	}
	target := filepath.Join(t.TempDir(), "restored")
	r.setFile(backup)
	r.setFolder(target)
	test.Type(r.user, "huong")
	test.Type(r.pass, "sai mật khẩu rồi")
	test.Tap(r.restoreBtn)
	mustHold(t, "the restore", func() bool { return !r.working })
	if r.message.Text != "Sai mật khẩu" {
		t.Errorf("wrong passphrase message = %q", r.message.Text)
	}
	r.pass.SetText(testPass)
	pressEnter(r.pass)
	mustHold(t, "the restore", func() bool { return !r.working })
	if s.dir != target || !vault.Exists(target) {
		t.Fatalf("not switched to the restored vault (%s)", s.dir)
	}
	unlockAs(t, s, "huong", testPass)
	if !s.Unlocked() {
		t.Fatal("restored vault does not unlock")
	}
}

func TestDemoVault(t *testing.T) {
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	s := openShell(t, a, Options{VaultDir: dir})
	test.Tap(buttonNamed(t, s.win.Content(), "Tạo kho dữ liệu mẫu"))
	d := s.demo
	if d == nil {
		t.Fatal("no demo screen")
	}
	test.Type(d.pass.entry, "mật khẩu kho mẫu 2026")
	test.Type(d.pass.confirm, "mật khẩu kho mẫu 2026")
	test.Tap(d.create)
	mustHold(t, "the demo vault", func() bool { return !d.working })
	if s.unlock == nil || s.dir != dir+"-mau" || vault.Exists(dir) {
		t.Fatalf("not on the demo vault's unlock screen (folder %s)", s.dir)
	}
	if got := s.unlock.user.Selected; got != "demo-focal" {
		t.Errorf("user chosen = %q", got)
	}
	if got := a.Preferences().String(prefVaultDir); got != "" {
		t.Errorf("the demo folder was remembered: %q", got)
	}
	unlockAs(t, s, "demo-focal", "mật khẩu kho mẫu 2026")
	if !s.Unlocked() {
		t.Fatalf("demo vault does not unlock: %q", s.unlock.message.Text)
	}
}
