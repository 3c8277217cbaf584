package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/audit"
	"daumoi/data/users"
)

// lastEntry is the newest history entry.
func lastEntry(t *testing.T, s *Session) audit.Entry {
	t.Helper()
	list, err := s.History(audit.Filter{})
	must(t, err)
	if len(list) == 0 {
		t.Fatal("empty history")
	}
	newest := list[0]
	for _, e := range list {
		if e.Seq > newest.Seq {
			newest = e
		}
	}
	return newest
}

// TestRotateKeyAndRecoveryCodeRecorded: each is one history entry; the new
// recovery code opens the vault and is not in the history.
func TestRotateKeyAndRecoveryCodeRecorded(t *testing.T) {
	dir, s, old := newVault(t)
	must(t, s.RotateKey())
	if e := lastEntry(t, s); e.Action != "vault.rotate_key" || e.Actor != "huong" {
		t.Errorf("after RotateKey: %+v", e)
	}
	code, err := s.NewRecoveryCode()
	must(t, err)
	if code == "" || code == old {
		t.Fatalf("new code %q (old %q)", code, old)
	}
	e := lastEntry(t, s)
	if e.Action != "vault.new_recovery_code" || strings.Contains(e.Summary, code.String()) {
		t.Errorf("after NewRecoveryCode: %+v", e)
	}
	must(t, s.Close())
	s2, err := Open(dir, Credential{User: "huong", RecoveryCode: code.String()}, fixedClock())
	must(t, err)
	s2.Close()
}

// TestDisableRotatesKey disables a user: their slots go, and the vault key
// rotates in the same call, with a history entry saying so.
func TestDisableRotatesKey(t *testing.T) {
	dir, s, _ := newVault(t)
	addReady(t, dir, s, "duc", users.RoleIT)
	must(t, s.SetDisabled("duc", true))
	e := lastEntry(t, s)
	if e.Action != "vault.rotate_key" || !strings.Contains(e.Summary, "vô hiệu hóa duc") {
		t.Errorf("last entry after disabling: %+v", e)
	}
	for _, sl := range s.v.Slots() {
		if sl.ID == "duc" || sl.ID == keyringSlotID("duc") {
			t.Errorf("slot %q left", sl.ID)
		}
	}
}

// TestDisabledUserOldHeaderOpensNothingNew performs the attack: a user
// keeps a copy of vault.header from before being disabled, puts it back
// into the vault folder later and opens with their old passphrase. They
// must not read what was written after the disabling.
func TestDisabledUserOldHeaderOpensNothingNew(t *testing.T) {
	dir, s, _ := newVault(t)
	addReady(t, dir, s, "duc", users.RoleIT)
	header := filepath.Join(dir, "vault.header")
	kept, err := os.ReadFile(header)
	must(t, err)
	must(t, s.SetDisabled("duc", true))
	secret := sampleAsset("may-sau-khi-vo-hieu")
	_, err = s.SaveAsset(secret)
	must(t, err)
	must(t, s.Close())

	must(t, os.WriteFile(header, kept, 0o600))
	thief, err := Open(dir, Credential{User: "duc", Passphrase: []byte("mật khẩu ban đầu 1")}, fixedClock())
	if err != nil {
		return // opens nothing at all
	}
	defer thief.Close()
	assets, err := thief.ListAssets(AssetFilter{})
	if err != nil {
		return
	}
	for _, a := range assets {
		if a.Hostname == secret.Hostname {
			t.Fatal("the old header and the old passphrase read an asset written after the user was disabled")
		}
	}
}
