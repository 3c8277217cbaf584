package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"daumoi/data/audit"
	"daumoi/data/session"
)

// lastHistoryEntry is the newest entry of the shell's session history.
func lastHistoryEntry(t *testing.T, s *Shell) audit.Entry {
	t.Helper()
	list, err := s.sess.History(audit.Filter{})
	if err != nil || len(list) == 0 {
		t.Fatalf("history: %d entries, %v", len(list), err)
	}
	newest := list[0]
	for _, e := range list {
		if e.Seq > newest.Seq {
			newest = e
		}
	}
	return newest
}

// confirmTop confirms the confirmation dialog on top of the window.
func confirmTop(t *testing.T, s *Shell, button string) {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog on screen")
	}
	test.Tap(buttonNamed(t, top, button))
}

// TestSettingsRotateKeyAndNewRecoveryCode changes the vault key and makes
// a new recovery code from Settings: each asks first, runs off the UI
// thread and is recorded; the new code is shown once, opens the vault, and
// is forgotten when its dialog closes.
func TestSettingsRotateKeyAndNewRecoveryCode(t *testing.T) {
	_, s := newTestShell(t)
	s.Select(areaSettings)
	k := s.keysSection
	if k == nil {
		t.Fatal("no vault key section for the focal point")
	}
	capture(t, s.win, "gui-settings-vault-keys")
	test.Tap(k.rotate)
	if text := overlayText(t, s); !strings.Contains(text, "khóa mới") {
		t.Fatalf("no explanation before rotating:\n%s", text)
	}
	capture(t, s.win, "gui-rotate-key-confirm")
	confirmTop(t, s, "Đổi khóa")
	mustHold(t, "the rotation", func() bool { return !k.working })
	if e := lastHistoryEntry(t, s); e.Action != "vault.rotate_key" {
		t.Errorf("after rotating: %+v", e)
	}
	if text := overlayText(t, s); !strings.Contains(text, "Đã đổi khóa kho dữ liệu") {
		t.Errorf("no result shown:\n%s", text)
	}

	test.Tap(k.newCode)
	if text := overlayText(t, s); !strings.Contains(text, "không còn mở được kho") {
		t.Fatalf("no warning before replacing the code:\n%s", text)
	}
	capture(t, s.win, "gui-new-recovery-confirm")
	confirmTop(t, s, "Tạo mã mới")
	mustHold(t, "the new code", func() bool { return !k.working })
	if k.codeDialog == nil || k.codeLabel == nil {
		t.Fatal("the new code is not shown")
	}
	capture(t, s.win, "gui-new-recovery-code")
	code := k.codeLabel.Text
	if strings.Count(code, "  ") != 6 {
		t.Fatalf("code shown %q", code)
	}
	buttonNamed(t, s.win.Canvas().Overlays().Top(), "Lưu thành PDF / In") // the printable sheet, as in the wizard
	if e := lastHistoryEntry(t, s); e.Action != "vault.new_recovery_code" || strings.Contains(e.Summary, strings.Fields(code)[0]) {
		t.Errorf("after the new code: %+v", e)
	}
	label := k.codeLabel
	k.codeDialog.Hide()
	if label.Text != "" || k.codeDialog != nil {
		t.Errorf("the code stays after closing: %q", label.Text)
	}
	dir := s.dir
	s.closeVault()
	sess, err := session.Open(dir, session.Credential{User: "huong", RecoveryCode: code}, time.Now)
	if err != nil {
		t.Fatalf("the new code does not open the vault: %v", err)
	}
	sess.Close()
}

// TestSettingsKeysOnlyForFocal: an IT officer sees no key section.
func TestSettingsKeysOnlyForFocal(t *testing.T) {
	s := shellAsIT(t)
	s.Select(areaSettings)
	if s.keysSection != nil || strings.Contains(labelTexts(t, s.win.Content()), "Đổi khóa kho dữ liệu") {
		t.Error("the key section is offered to an IT officer")
	}
}
