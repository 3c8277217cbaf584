package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"

	"github.com/rogpeppe/go-internal/testscript"
)

// fixturePass is the passphrase of the vaults office-fixture makes (the
// scripts set $DAUMOI_PASSPHRASE to it) and the agencies' signing one.
const (
	fixturePass        = "mật khẩu thử nghiệm 2026"
	fixtureSigningPass = "khóa ký của lãnh đạo 2026"
)

// memOutput is a bundle written in memory.
type memOutput struct{ bytes.Buffer }

// Publish does nothing: the fixture writes the bytes itself.
func (*memOutput) Publish() error { return nil }

// fixtureAgency is an agency's vault with a clock the fixture sets.
type fixtureAgency struct {
	s   *session.Session
	now time.Time
}

// newFixtureAgency creates an agency vault in dir whose user "hung" is
// focal point and manager with a signing key.
func newFixtureAgency(ts *testscript.TestScript, dir, code, name string) *fixtureAgency {
	a := &fixtureAgency{now: time.Date(2025, 1, 5, 1, 0, 0, 0, time.UTC)}
	kdf := vault.InsecureFastKDF()
	s, _, err := session.Create(dir, session.CreateParams{Org: name, Passphrase: []byte(fixturePass), KDF: &kdf,
		User: users.User{Name: "hung", FullName: "Lê Văn Hùng", Roles: []users.Role{users.RoleFocal, users.RoleManager}},
		Now:  func() time.Time { a.now = a.now.Add(time.Second); return a.now }})
	ts.Check(err)
	a.s = s
	p, err := s.Profile()
	ts.Check(err)
	p.Code = code
	ts.Check(s.SaveProfile(p))
	_, err = s.CreateSigningKey([]byte(fixtureSigningPass))
	ts.Check(err)
	return a
}

// annual writes the annual bundle of year built at the time at to path.
func (a *fixtureAgency) annual(ts *testscript.TestScript, year int, at time.Time, path string) {
	a.now = at
	var out memOutput
	_, err := a.s.BuildBundle(session.BundleRequest{Kind: "annual", Year: year, AppVersion: "test"}, []byte(fixtureSigningPass), &out)
	ts.Check(err)
	ts.Check(os.WriteFile(path, out.Bytes(), 0o600))
}

// cmdOfficeFixture is the script command "office-fixture": it makes an
// office vault "office" (user lan, receiver and head) registering Sở Nội
// vụ (000.00.12.H62) and Sở Y tế (000.00.15.H62) with their keys, and in
// folder "in" bundles the agency side built: noivu-2025.zip, its
// correction noivu-2025-sua.zip (built three days later), yte-mao.zip
// (Sở Y tế's key, claiming Sở Nội vụ's code), noivu-hong.zip (a byte of
// the first changed) and ghichu.txt (not a bundle).
func cmdOfficeFixture(ts *testscript.TestScript, neg bool, _ []string) {
	if neg {
		ts.Fatalf("office-fixture does not fail")
	}
	ts.Check(os.Setenv(vault.InsecureFastKDFEnv, "1"))
	in := ts.MkAbs("in")
	ts.Check(os.MkdirAll(in, 0o700))
	a := newFixtureAgency(ts, ts.MkAbs("agency-a"), "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	defer a.s.Close()
	b := newFixtureAgency(ts, ts.MkAbs("agency-b"), "000.00.12.H62", "Sở Y tế tỉnh Vĩnh Long")
	defer b.s.Close()
	a.annual(ts, 2025, time.Date(2025, 12, 5, 2, 0, 0, 0, time.UTC), filepath.Join(in, "noivu-2025.zip"))
	a.annual(ts, 2025, time.Date(2025, 12, 8, 2, 0, 0, 0, time.UTC), filepath.Join(in, "noivu-2025-sua.zip"))
	b.annual(ts, 2025, time.Date(2025, 12, 6, 2, 0, 0, 0, time.UTC), filepath.Join(in, "yte-mao.zip"))
	data, err := os.ReadFile(filepath.Join(in, "noivu-2025.zip"))
	ts.Check(err)
	data[len(data)/3] ^= 1
	ts.Check(os.WriteFile(filepath.Join(in, "noivu-hong.zip"), data, 0o600))
	ts.Check(os.WriteFile(filepath.Join(in, "ghichu.txt"), []byte("không phải gói"), 0o600))

	kdf := vault.InsecureFastKDF()
	o, _, err := session.Create(ts.MkAbs("office"), session.CreateParams{Org: "Phòng An ninh mạng, Công an tỉnh Vĩnh Long", Kind: session.KindOffice,
		User: users.User{Name: "lan", FullName: "Trần Thị Lan"}, Passphrase: []byte(fixturePass), KDF: &kdf,
		Now: func() time.Time { return time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC) }})
	ts.Check(err)
	defer o.Close()
	for _, ag := range []struct {
		code, name string
		s          *session.Session
	}{{"000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long", a.s}, {"000.00.15.H62", "Sở Y tế tỉnh Vĩnh Long", b.s}} {
		ts.Check(o.AddAgency(office.Agency{Code: ag.code, Name: ag.name, Kind: office.KindDepartment}))
		key, err := ag.s.ManagerSigningKey()
		ts.Check(err)
		_, err = o.AddAgencyKey(ag.code, key.PublicKey, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		ts.Check(err)
	}
}
