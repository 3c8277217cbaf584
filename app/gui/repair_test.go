package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"daumoi/data/audit"
	"daumoi/data/session"
)

// damageLastRecord adds one change to the vault and then flips a byte of
// its journal record, as a power cut on a file system that persists the
// size before the data can.
func damageLastRecord(t *testing.T, dir string) {
	t.Helper()
	s, err := session.Open(dir, session.Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvidence(context.Background(), strings.NewReader("biên bản"), session.EvidenceMeta{FileName: "a.txt"}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, "db.journal")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-5] ^= 0x20
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestUnlockOffersRepairOfADamagedJournal(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	damageLastRecord(t, dir)
	before, err := os.ReadFile(filepath.Join(dir, "db.journal"))
	if err != nil {
		t.Fatal(err)
	}
	s := openShell(t, a, Options{VaultDir: dir})
	if !s.unlock.repair.Hidden {
		t.Fatal("repair offered before any attempt")
	}
	unlockAs(t, s, "huong", testPass)
	if s.Unlocked() || s.unlock.repair.Hidden || !strings.Contains(s.unlock.message.Text, "Sổ ghi thay đổi của kho dữ liệu bị hỏng từ một bản ghi") {
		t.Fatalf("damaged journal: unlocked %v, repair hidden %v, message %q", s.Unlocked(), s.unlock.repair.Hidden, s.unlock.message.Text)
	}
	capture(t, s.win, "gui-unlock-damaged")
	s.unlock.pass.SetText(testPass)
	test.Tap(s.unlock.repair)
	mustHold(t, "the repair plan", func() bool { return !s.unlock.working && s.unlock.repairDialog != nil })
	if text := overlayText(t, s); !strings.Contains(text, "Sửa sẽ bỏ") || !strings.Contains(text, "(1 bản ghi)") {
		t.Fatalf("confirm dialog does not explain the drop:\n%s", text)
	}
	capture(t, s.win, "gui-repair-confirm")
	if after, _ := os.ReadFile(filepath.Join(dir, "db.journal")); string(after) != string(before) {
		t.Fatal("showing the plan changed the journal")
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Bỏ phần hỏng"))
	if s.unlock.repairDialog != nil {
		t.Error("dialog still remembered after the answer")
	}
	mustHold(t, "the repaired unlock", func() bool { return !s.unlock.working })
	if !s.Unlocked() {
		t.Fatalf("not unlocked after the repair: %q", s.unlock.message.Text)
	}
	got, err := s.sess.History(audit.Filter{Text: session.ActionRepaired})
	if err != nil || len(got) != 1 || got[0].Actor != "huong" {
		t.Fatalf("repair in the history: %+v, %v", got, err)
	}
}
