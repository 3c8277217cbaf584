package users

import (
	"errors"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestParseRoles(t *testing.T) {
	cases := []struct {
		in   string
		want string
		err  error
	}{
		{"focal,it,manager", "focal,it,manager", nil},
		{" manager , focal ,focal", "focal,manager", nil},
		{"IT", "it", nil},
		{"", "", ErrNoRole},
		{"focal,boss", "", ErrUnknownRole},
	}
	for _, c := range cases {
		got, err := ParseRoles(c.in)
		if !errors.Is(err, c.err) {
			t.Errorf("ParseRoles(%q) error = %v, want %v", c.in, err, c.err)
			continue
		}
		if err == nil && FormatRoles(got) != c.want {
			t.Errorf("ParseRoles(%q) = %q, want %q", c.in, FormatRoles(got), c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	u, err := Normalize(User{Name: " huong.nt ", FullName: norm.NFD.String("Nguyễn Thị Thu Hương"), Roles: []Role{RoleIT, RoleFocal, RoleIT}})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "huong.nt" || u.FullName != "Nguyễn Thị Thu Hương" || FormatRoles(u.Roles) != "focal,it" {
		t.Errorf("Normalize = %+v", u)
	}
	bad := []struct {
		u   User
		err error
	}{
		{User{Name: "", Roles: []Role{RoleIT}}, ErrInvalidName},
		{User{Name: "a b", Roles: []Role{RoleIT}}, ErrInvalidName},
		{User{Name: "../x", Roles: []Role{RoleIT}}, ErrInvalidName},
		{User{Name: "ok", Roles: nil}, ErrNoRole},
		{User{Name: "ok", Roles: []Role{"root"}}, ErrUnknownRole},
		{User{Name: "ok", FullName: string(make([]rune, 300)), Roles: []Role{RoleIT}}, ErrFieldTooLong},
	}
	for _, b := range bad {
		if _, err := Normalize(b.u); !errors.Is(err, b.err) {
			t.Errorf("Normalize(%+v) = %v, want %v", b.u, err, b.err)
		}
	}
}

func TestCheckPassphrase(t *testing.T) {
	for _, p := range []string{"", "short", "aaaaaaaaaaaaaa", "         x"} {
		if err := CheckPassphrase([]byte(p)); !errors.Is(err, ErrWeakPassphrase) {
			t.Errorf("CheckPassphrase(%q) = %v, want ErrWeakPassphrase", p, err)
		}
	}
	for _, p := range []string{"mật khẩu dài 2026", "correct horse battery"} {
		if err := CheckPassphrase([]byte(p)); err != nil {
			t.Errorf("CheckPassphrase(%q) = %v", p, err)
		}
	}
}

func TestStrengthGrows(t *testing.T) {
	prev := -1
	for _, p := range []string{"abc", "abcdefgh12", "Vinh Long 2026 !", "Sở Nội vụ tỉnh Vĩnh Long — phòng CNTT 2026"} {
		s := Strength(p)
		if s < prev {
			t.Errorf("Strength(%q) = %d, less than a weaker passphrase's %d", p, s, prev)
		}
		prev = s
	}
	if Strength("abc") != 0 || Strength("Sở Nội vụ tỉnh Vĩnh Long — phòng CNTT 2026") != 4 {
		t.Errorf("extremes: %d %d", Strength("abc"), Strength("Sở Nội vụ tỉnh Vĩnh Long — phòng CNTT 2026"))
	}
}

// TestPermissionTable pins who may do what: changing a grant must change
// this table too.
func TestPermissionTable(t *testing.T) {
	want := map[Permission]string{
		PermRead:           "focal it manager receiver head",
		PermManageUsers:    "focal receiver",
		PermEditProfile:    "focal receiver",
		PermEditRegisters:  "focal it",
		PermAddEvidence:    "focal it manager",
		PermAssess:         "focal it",
		PermApprove:        "manager",
		PermSign:           "manager",
		PermBackup:         "focal receiver",
		PermViewHistory:    "focal manager receiver head",
		PermManagePacks:    "focal receiver",
		PermExportEvidence: "focal it manager",
		PermManageKeys:     "focal receiver",
		PermReceive:        "receiver",
		PermOfficeSign:     "head",
	}
	if len(want) != len(AllPermissions()) {
		t.Fatalf("table has %d permissions, code has %d", len(want), len(AllPermissions()))
	}
	for _, p := range AllPermissions() {
		got := ""
		for _, r := range KnownRoles() {
			if (User{Roles: []Role{r}}).Can(p) {
				if got != "" {
					got += " "
				}
				got += string(r)
			}
		}
		if got != want[p] {
			t.Errorf("%s: roles %q, want %q", p, got, want[p])
		}
		if (User{Roles: KnownRoles(), Disabled: true}).Can(p) {
			t.Errorf("%s: a disabled user may do it", p)
		}
	}
}
