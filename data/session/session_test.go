package session

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// fixedClock returns a clock that advances one second per call, so history
// entries are ordered and reproducible.
func fixedClock() Clock {
	t := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

const testPass = "mật khẩu thử nghiệm 2026"

func fastKDF() *vault.KDFParams { k := vault.InsecureFastKDF(); return &k }

// newVault creates a vault with focal "huong" and returns its folder and the
// open session.
func newVault(t *testing.T) (string, *Session, vault.RecoveryCode) {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(fsxtest.TempDir(t), "vault")
	s, code, err := Create(dir, CreateParams{
		Org: "Sở Nội vụ tỉnh Vĩnh Long", ReceivingOffice: "Công an tỉnh Vĩnh Long",
		User:       users.User{Name: "huong", FullName: "Nguyễn Thị Thu Hương", Roles: []users.Role{users.RoleFocal}},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: fixedClock(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return dir, s, code
}

// addReady adds a user with roles and clears their forced reset by signing
// in once and changing the passphrase.
func addReady(t *testing.T, dir string, focal *Session, name string, roles ...users.Role) {
	t.Helper()
	if err := focal.AddUser(users.User{Name: name, FullName: "Người " + name, Roles: roles}, []byte("mật khẩu ban đầu 1")); err != nil {
		t.Fatal(err)
	}
}

// reopen closes s and opens dir as user with pass.
func reopen(t *testing.T, s *Session, dir, user, pass string) *Session {
	t.Helper()
	s.Close()
	s2, err := Open(dir, Credential{User: user, Passphrase: []byte(pass)}, fixedClock())
	if err != nil {
		t.Fatalf("open as %s: %v", user, err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

func TestCreateAndOpen(t *testing.T) {
	dir, s, _ := newVault(t)
	me, err := s.Me()
	if err != nil || me.FullName != "Nguyễn Thị Thu Hương" || !me.Has(users.RoleFocal) {
		t.Fatalf("Me = %+v, %v", me, err)
	}
	s = reopen(t, s, dir, "huong", testPass)
	list, err := s.ListUsers()
	if err != nil || len(list) != 1 {
		t.Fatalf("ListUsers = %v, %v", list, err)
	}
	res, err := s.VerifyHistory()
	if err != nil || res.Entries != 2 {
		t.Errorf("history after create: %+v, %v", res, err)
	}
}

func TestFirstUserMustBeFocal(t *testing.T) {
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	_, _, err := Create(filepath.Join(fsxtest.TempDir(t), "v"), CreateParams{Org: "X", User: users.User{Name: "a", Roles: []users.Role{users.RoleIT}},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: fixedClock()})
	if !errors.Is(err, users.ErrLastFocal) {
		t.Errorf("Create with an IT-only first user = %v", err)
	}
}

func TestWrongPassphraseDelaysAndIsRecorded(t *testing.T) {
	dir, s, _ := newVault(t)
	s.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l, err := OpenLocked(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Unlock(Credential{User: "huong", Passphrase: []byte("sai mật khẩu rồi")}); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if d := l.RetryAfter(); d != time.Second {
		t.Errorf("delay after 1 failure = %v", d)
	}
	if _, err := l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)}); !errors.Is(err, ErrTooSoon) {
		t.Errorf("immediate retry = %v, want ErrTooSoon", err)
	}
	now = now.Add(time.Second)
	if _, err := l.Unlock(Credential{User: "huong", Passphrase: []byte("lại sai nữa rồi")}); err == nil {
		t.Fatal("second wrong passphrase accepted")
	}
	if d := l.RetryAfter(); d != 2*time.Second {
		t.Errorf("delay after 2 failures = %v", d)
	}
	now = now.Add(2 * time.Second)
	s2, err := l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	h, err := s2.History(audit.Filter{Text: "mo khoa sai"})
	if err != nil || len(h) != 1 || !strings.HasPrefix(h[0].Summary, "2 lần mở khóa sai") || h[0].Actor != "" {
		t.Fatalf("failed attempts in history = %+v, %v; want one system entry for 2", h, err)
	}
}

func TestRecoveryForcesReset(t *testing.T) {
	dir, s, code := newVault(t)
	s.Close()
	s2, err := Open(dir, Credential{User: "huong", RecoveryCode: strings.ToLower(string(code))}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.ListUsers(); !errors.Is(err, ErrMustReset) {
		t.Errorf("service before reset = %v, want ErrMustReset", err)
	}
	if err := s2.ChangePassphrase([]byte("mật khẩu mới sau khôi phục")); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.ListUsers(); err != nil {
		t.Errorf("service after reset = %v", err)
	}
	s2.Close()
	// Real time: Open waits out the 1 s owed by the wrong passphrase.
	if _, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Errorf("old passphrase after reset = %v", err)
	}
	s3, err := Open(dir, Credential{User: "huong", Passphrase: []byte("mật khẩu mới sau khôi phục")}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	s3.Close()
}

func TestLastFocalStays(t *testing.T) {
	dir, s, _ := newVault(t)
	_ = dir
	me, _ := s.Me()
	me.Roles = []users.Role{users.RoleManager}
	if err := s.UpdateUser(me); !errors.Is(err, users.ErrLastFocal) {
		t.Errorf("demoting the last focal point = %v", err)
	}
	if err := s.SetDisabled("huong", true); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("disabling oneself = %v", err)
	}
	addReady(t, dir, s, "bao", users.RoleFocal)
	if err := s.UpdateUser(me); err != nil {
		t.Errorf("demoting a focal point when another exists = %v", err)
	}
}

func TestDisabledUserCannotOpen(t *testing.T) {
	dir, s, _ := newVault(t)
	addReady(t, dir, s, "duc", users.RoleIT)
	if err := s.SetDisabled("duc", true); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(dir, Credential{User: "duc", Passphrase: []byte("mật khẩu ban đầu 1")}, fixedClock()); !errors.Is(err, vault.ErrNoSuchSlot) {
		t.Errorf("disabled user's passphrase = %v, want ErrNoSuchSlot (slot removed)", err)
	}
}

// openReady opens as name with the initial passphrase and performs the
// forced change.
func openReady(t *testing.T, dir, name string) *Session {
	t.Helper()
	s, err := Open(dir, Credential{User: name, Passphrase: []byte("mật khẩu ban đầu 1")}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ChangePassphrase([]byte("mật khẩu riêng của tôi")); err != nil {
		t.Fatal(err)
	}
	return s
}

func historyLen(t *testing.T, dir string, s *Session) int64 {
	t.Helper()
	var n int64
	if err := s.v.View(func(tx *vault.ReadTx) error {
		return tx.QueryRow(`SELECT count(*) FROM audit`).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEvidenceRoundTrip(t *testing.T) {
	_, s, _ := newVault(t)
	content := []byte("Biên bản kiểm tra an toàn thông tin — Sở Nội vụ")
	e, err := s.AddEvidence(context.Background(), bytes.NewReader(content), EvidenceMeta{FileName: "../../bien-ban.txt", Title: ""}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.FileName != "bien-ban.txt" || e.Title != "bien-ban.txt" || e.MediaType != "text/plain; charset=utf-8" {
		t.Errorf("evidence = %+v", e)
	}
	var out bytes.Buffer
	if _, err := s.CopyEvidence(context.Background(), e.ID, &out); err != nil || !bytes.Equal(out.Bytes(), content) {
		t.Errorf("copy = %q, %v", out.Bytes(), err)
	}
	if _, _, err := s.OpenEvidence("00000000000000000000000000000000"); !errors.Is(err, ErrNoSuchEvidence) {
		t.Errorf("unknown id = %v", err)
	}
}

// TestTamperedHistory edits a stored history row behind the services' back
// and checks that verification names that entry.
func TestTamperedHistory(t *testing.T) {
	dir, s, _ := newVault(t)
	addReady(t, dir, s, "duc", users.RoleIT)
	addReady(t, dir, s, "bao", users.RoleManager)
	if err := s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`UPDATE audit SET summary = 'đã sửa' WHERE seq = 3`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	res, err := s.VerifyHistory()
	if !errors.Is(err, audit.ErrBroken) || res.BrokenAt != 3 {
		t.Errorf("verify after edit = %+v, %v; want broken at 3", res, err)
	}
}

// TestFailuresCarryOverProcesses: wrong passphrases tried through one
// Locked (another process, e.g. the command line) delay the next Locked and
// reach the history at the next unlock, without plaintext on disk.
func TestFailuresCarryOverProcesses(t *testing.T) {
	dir, s, _ := newVault(t)
	s.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	for range 2 {
		l, err := OpenLocked(dir, clock)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(l.RetryAfter())
		if _, err := l.Unlock(Credential{User: "huong", Passphrase: []byte("đoán mò mật khẩu")}); !errors.Is(err, vault.ErrWrongPassphrase) {
			t.Fatalf("wrong passphrase = %v", err)
		}
		l.Close()
	}
	l, err := OpenLocked(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if d := l.RetryAfter(); d != 2*time.Second {
		t.Errorf("delay carried over = %v, want 2s", d)
	}
	if _, err := l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)}); !errors.Is(err, ErrTooSoon) {
		t.Errorf("unlock inside the delay = %v, want ErrTooSoon", err)
	}
	now = now.Add(2 * time.Second)
	s2, err := l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	h, err := s2.History(audit.Filter{Text: "mo khoa sai"})
	if err != nil || len(h) != 1 || !strings.HasPrefix(h[0].Summary, "2 lần mở khóa sai") {
		t.Fatalf("failures in history = %+v, %v; want one entry for 2", h, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "notices", "*.age")); len(left) != 0 {
		t.Errorf("notices not deleted after being recorded: %v", left)
	}
}
