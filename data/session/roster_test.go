package session

import (
	"errors"
	"slices"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// rawEdit is the attack of the review: a key holder's own program, using
// data/vault with their own passphrase, edits the database directly.
func rawEdit(t *testing.T, dir, user, pass string, stmts ...string) {
	t.Helper()
	l, err := vault.OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := l.UnlockPassphrase(user, []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if err := v.Update(func(tx *vault.Tx) error {
		for _, q := range stmts {
			if _, err := tx.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func TestRawRoleEscalationDetected(t *testing.T) {
	dir, focal, _ := newVault(t)
	addReady(t, dir, focal, "binh", users.RoleIT)
	must(t, focal.Close())
	it := openReady(t, dir, "binh")
	must(t, it.Close())

	rawEdit(t, dir, "binh", "mật khẩu riêng của tôi", `UPDATE users SET roles = 'focal,it,manager' WHERE name = 'binh'`)

	s, err := Open(dir, Credential{User: "binh", Passphrase: []byte("mật khẩu riêng của tôi")}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	if p := s.IntegrityProblems(); len(p) != 1 || !errors.Is(p[0], ErrRosterChanged) {
		t.Fatalf("problems at the escalated user's unlock = %v, want ErrRosterChanged", p)
	}
	me, err := s.Me()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(me.Roles, []users.Role{users.RoleIT}) {
		t.Errorf("roles granted = %v, want only it (the signed ones)", me.Roles)
	}
	if _, err := s.ListUsers(); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(users.User{Name: "ke-gian", Roles: []users.Role{users.RoleFocal}}, []byte("mật khẩu ban đầu 1")); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("escalated user adds a focal point: %v, want ErrNotPermitted", err)
	}
	must(t, s.Close())

	// The focal point's next unlock reports it, restores the signed roles
	// and keeps a record of both in the history.
	f, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := f.IntegrityProblems(); len(p) != 1 || !errors.Is(p[0], ErrRosterChanged) {
		t.Fatalf("problems at the focal point's unlock = %v", p)
	}
	list, err := f.ListUsers()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.Name == "binh" && !slices.Equal(u.Roles, []users.Role{users.RoleIT}) {
			t.Errorf("binh's stored roles after the focal unlock = %v, want it", u.Roles)
		}
	}
	actions := historyActions(t, f)
	for _, want := range []string{"integrity.alert", "integrity.restore_roles"} {
		if !slices.Contains(actions, want) {
			t.Errorf("history has no %s entry: %v", want, actions)
		}
	}
}

func TestRawHistoryRemovalDetected(t *testing.T) {
	dir, focal, _ := newVault(t)
	addReady(t, dir, focal, "binh", users.RoleIT)
	must(t, focal.Close())
	it := openReady(t, dir, "binh")
	must(t, it.Close()) // signs the history head

	// Remove the newest entries: the chain still links, as audit.Verify sees it.
	rawEdit(t, dir, "binh", "mật khẩu riêng của tôi", `DELETE FROM audit WHERE seq > (SELECT MAX(seq) - 3 FROM audit)`)

	s, err := Open(dir, Credential{User: "binh", Passphrase: []byte("mật khẩu riêng của tôi")}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p := s.IntegrityProblems(); len(p) != 1 || !errors.Is(p[0], ErrHistoryRewritten) {
		t.Fatalf("problems = %v, want ErrHistoryRewritten", p)
	}
	if _, err := s.VerifyHistory(); !errors.Is(err, audit.ErrBroken) || !errors.Is(err, ErrHistoryRewritten) {
		t.Fatalf("VerifyHistory after a cut: %v, want ErrBroken and ErrHistoryRewritten", err)
	}
}

func TestDeletedSealGrantsNoRoles(t *testing.T) {
	dir, focal, _ := newVault(t)
	addReady(t, dir, focal, "binh", users.RoleIT)
	must(t, focal.Close())
	it := openReady(t, dir, "binh")
	must(t, it.Close())
	rawEdit(t, dir, "binh", "mật khẩu riêng của tôi",
		`DELETE FROM roster_seal`, `UPDATE users SET roles = 'focal,it,manager' WHERE name = 'binh'`)
	s, err := Open(dir, Credential{User: "binh", Passphrase: []byte("mật khẩu riêng của tôi")}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p := s.IntegrityProblems(); len(p) != 1 || !errors.Is(p[0], ErrRosterUnsigned) {
		t.Fatalf("problems = %v, want ErrRosterUnsigned", p)
	}
	if _, err := s.ListUsers(); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("reading with no signed roster: %v, want ErrNotPermitted", err)
	}
}

func TestDisableRevokesAndKeepsRosterSigned(t *testing.T) {
	dir, focal, _ := newVault(t)
	addReady(t, dir, focal, "binh", users.RoleIT)
	must(t, focal.Close())
	it := openReady(t, dir, "binh")
	must(t, it.Close())
	focal = openAsFocal(t, dir)
	must(t, focal.SetDisabled("binh", true))
	if slices.ContainsFunc(focal.v.Slots(), func(s vault.SlotInfo) bool { return s.ID == "binh" }) {
		t.Fatal("disabled user keeps a keyslot")
	}
	must(t, focal.Close())
	if _, err := Open(dir, Credential{User: "binh", Passphrase: []byte("mật khẩu riêng của tôi")}, fixedClock()); err == nil {
		t.Fatal("a disabled user still unlocks")
	}
	later := fixedClock()
	f, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, func() time.Time { return later().Add(time.Hour) })
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := f.IntegrityProblems(); len(p) != 0 {
		t.Fatalf("problems after a legitimate disable = %v", p)
	}
}

func historyActions(t *testing.T, s *Session) []string {
	t.Helper()
	var out []string
	if err := s.v.View(func(tx *vault.ReadTx) error {
		rows, err := tx.Query(`SELECT action FROM audit ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func openAsFocal(t *testing.T, dir string) *Session {
	t.Helper()
	s, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestInterruptedDisableFinishedAtUnlock: the disable was recorded but the
// process died before its keyslots were revoked; the next focal unlock
// revokes them (with a new vault key).
func TestInterruptedDisableFinishedAtUnlock(t *testing.T) {
	dir, focal, _ := newVault(t)
	addReady(t, dir, focal, "binh", users.RoleIT)
	must(t, focal.Close())
	// The state a crash leaves: disabled in the database (and in the seal),
	// keyslot still there.
	f := openAsFocal(t, dir)
	must(t, f.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec(`UPDATE users SET disabled = 1 WHERE name = 'binh'`); err != nil {
			return err
		}
		return f.sealRoster(tx)
	}))
	must(t, f.Close())
	f = openAsFocal(t, dir)
	defer f.Close()
	if slices.ContainsFunc(f.v.Slots(), func(s vault.SlotInfo) bool { return s.ID == "binh" }) {
		t.Fatal("the disabled user's keyslot survived the focal point's unlock")
	}
}
