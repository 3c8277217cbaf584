package session

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// newOfficeVault creates a receiving office's vault whose first user
// "lan" holds every office role.
func newOfficeVault(t testing.TB) (string, *Session) {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(fsxtest.TempDir(t), "office")
	s, _, err := Create(dir, CreateParams{
		Org: "Phòng An ninh mạng, Công an tỉnh Vĩnh Long", Kind: KindOffice,
		User:       users.User{Name: "lan", FullName: "Trần Thị Lan"},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: fixedClock(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return dir, s
}

// newPublicKey makes a fresh signing key and returns its public half.
func newPublicKey(t testing.TB) signing.PublicKey {
	t.Helper()
	pub, _, err := signing.GenerateKey()
	must(t, err)
	return pub
}

func vnDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOfficeVaultKindAndRoles(t *testing.T) {
	dir, s := newOfficeVault(t)
	if k, err := s.Kind(); err != nil || k != KindOffice {
		t.Fatalf("Kind = %q, %v", k, err)
	}
	me, err := s.Me()
	must(t, err)
	if !me.Has(users.RoleReceiver) || !me.Has(users.RoleHead) || me.Has(users.RoleFocal) {
		t.Errorf("first office user's roles = %v, want receiver and head", me.Roles)
	}
	if err := s.AddUser(users.User{Name: "it", Roles: []users.Role{users.RoleIT}}, []byte("mật khẩu ban đầu 1")); !errors.Is(err, users.ErrRoleNotForKind) {
		t.Errorf("adding an agency role to an office vault = %v, want ErrRoleNotForKind", err)
	}
	addReady(t, dir, s, "head", users.RoleHead)
	if err := s.UpdateUser(users.User{Name: "lan", Roles: []users.Role{users.RoleHead}}); !errors.Is(err, users.ErrLastFocal) {
		t.Errorf("demoting the last receiving officer = %v, want ErrLastFocal", err)
	}

	_, agency, _ := newVault(t)
	if k, _ := agency.Kind(); k != KindAgency {
		t.Errorf("agency vault kind = %q", k)
	}
	if err := agency.AddUser(users.User{Name: "rcv", Roles: []users.Role{users.RoleReceiver}}, []byte("mật khẩu ban đầu 1")); !errors.Is(err, users.ErrRoleNotForKind) {
		t.Errorf("adding an office role to an agency vault = %v, want ErrRoleNotForKind", err)
	}
	if err := agency.AddAgency(office.Agency{Code: "X", Name: "Y"}); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("an agency's focal point registering an agency = %v, want ErrNotPermitted", err)
	}
	if _, _, err := Create(filepath.Join(fsxtest.TempDir(t), "v"), CreateParams{Org: "X", Kind: "province",
		User: users.User{Name: "a"}, Passphrase: []byte(testPass), KDF: fastKDF(), Now: fixedClock()}); !errors.Is(err, ErrUnknownVaultKind) {
		t.Errorf("unknown kind = %v", err)
	}
}

func TestOfficeRolesPermissions(t *testing.T) {
	dir, s := newOfficeVault(t)
	addReady(t, dir, s, "head", users.RoleHead)
	s.Close()
	head := openReady(t, dir, "head")
	if err := head.AddAgency(office.Agency{Code: "X", Name: "Y"}); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("office head registering an agency = %v, want ErrNotPermitted (receiving officers keep the registry)", err)
	}
	if _, err := head.Agencies(); err != nil {
		t.Errorf("office head reading the registry: %v", err)
	}
	if err := head.AddUser(users.User{Name: "x", Roles: []users.Role{users.RoleHead}}, []byte("mật khẩu ban đầu 1")); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("office head adding a user = %v, want ErrNotPermitted", err)
	}
}

func TestAgencyRegistry(t *testing.T) {
	_, s := newOfficeVault(t)
	a := office.Agency{Code: "000.00.12.H62", Name: "Sở Nội vụ tỉnh Vĩnh Long", Parent: "UBND tỉnh Vĩnh Long", Kind: office.KindDepartment,
		ContactName: "Nguyễn Thị Thu Hương", ContactPhone: "0270 3822 123", ContactEmail: "snv@vinhlong.gov.vn"}
	must(t, s.AddAgency(a))
	if err := s.AddAgency(a); !errors.Is(err, ErrAgencyExists) {
		t.Errorf("registering twice = %v, want ErrAgencyExists", err)
	}
	a.ContactPhone = "0270 3822 999"
	must(t, s.UpdateAgency(a))
	must(t, s.AddAgency(office.Agency{Code: "000.00.31.H62", Name: "UBND phường Long Châu", Kind: office.KindCommune}))

	first, second, third := newPublicKey(t), newPublicKey(t), newPublicKey(t)
	k1, err := s.AddAgencyKey(a.Code, first, vnDay("2025-01-01"))
	must(t, err)
	if k1.Fingerprint != first.Fingerprint() || k1.KeyID != first.KeyID() {
		t.Errorf("added key = %+v", k1)
	}
	if _, err := s.AddAgencyKey("000.00.31.H62", first, vnDay("2025-01-01")); !errors.Is(err, ErrKeyOfOther) {
		t.Errorf("another agency's key = %v, want ErrKeyOfOther", err)
	}
	if _, err := s.AddAgencyKey(a.Code, first, vnDay("2025-02-01")); !errors.Is(err, ErrKeyExists) {
		t.Errorf("the same key twice = %v, want ErrKeyExists", err)
	}
	if _, err := s.AddAgencyKey("none", second, vnDay("2025-02-01")); !errors.Is(err, ErrNoSuchAgency) {
		t.Errorf("key of an unknown agency = %v, want ErrNoSuchAgency", err)
	}
	_, err = s.AddAgencyKey(a.Code, second, vnDay("2026-07-01")) // rotation mid-year
	must(t, err)
	_, keys, err := s.Agency(a.Code)
	must(t, err)
	if len(keys) != 2 || !keys[0].Until.Equal(vnDay("2026-07-01")) || keys[0].Revoked || !keys[1].Until.IsZero() {
		t.Fatalf("after rotation: %+v", keys)
	}
	if _, err := office.KeyFor(keys, first.KeyID(), vnDay("2026-06-30")); err != nil {
		t.Errorf("old key before rotation: %v", err)
	}
	if _, err := office.KeyFor(keys, first.KeyID(), vnDay("2026-07-01")); !errors.Is(err, office.ErrKeyReplaced) {
		t.Errorf("old key after rotation: %v", err)
	}

	must(t, s.RevokeAgencyKey(a.Code, second.KeyID(), vnDay("2026-11-15"), "máy tính bị nhiễm mã độc"))
	_, err = s.AddAgencyKey(a.Code, third, vnDay("2026-11-16"))
	must(t, err)
	_, keys, err = s.Agency(a.Code)
	must(t, err)
	if _, err := office.KeyFor(keys, second.KeyID(), vnDay("2026-11-15")); !errors.Is(err, office.ErrKeyRevoked) {
		t.Errorf("revoked key on the day of revocation: %v", err)
	}
	if _, err := office.KeyFor(keys, second.KeyID(), vnDay("2026-11-14")); err != nil {
		t.Errorf("revoked key the day before: %v", err)
	}
	if err := s.RevokeAgencyKey(a.Code, second.KeyID(), vnDay("2026-11-20"), ""); !errors.Is(err, office.ErrKeyRevoked) {
		t.Errorf("revoking twice = %v", err)
	}

	list, err := s.Agencies()
	must(t, err)
	if len(list) != 2 || list[0].Code != "000.00.12.H62" || list[0].ContactPhone != "0270 3822 999" {
		t.Errorf("Agencies = %+v", list)
	}
	var actions []string
	entries, err := s.History(audit.Filter{})
	must(t, err)
	for _, e := range entries {
		if e.EntityType == "reporting_agency" {
			actions = append(actions, e.Action)
		}
	}
	want := []string{"registry.agency_add", "registry.agency_update", "registry.agency_add", "registry.key_add", "registry.key_replace", "registry.key_add", "registry.key_revoke", "registry.key_add"}
	if len(actions) != len(want) {
		t.Fatalf("history = %v, want %v", actions, want)
	}
}
