package session

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/signing"
)

// testAgency is an agency's vault, as the agency side of the app keeps
// it, with a clock the test moves: its bundles are the ones intake gets.
type testAgency struct {
	t    testing.TB
	code string
	name string
	s    *Session
	now  time.Time
	pass []byte // the manager's signing passphrase
}

const agencySigningPass = "khóa ký của lãnh đạo 2026"

// newTestAgency creates an agency vault with code and name whose first
// user is focal point and manager, at the time at.
func newTestAgency(t testing.TB, code, name string, at time.Time) *testAgency {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	a := &testAgency{t: t, code: code, name: name, now: at, pass: []byte(agencySigningPass)}
	clock := func() time.Time {
		a.now = a.now.Add(time.Second)
		return a.now
	}
	dir := filepath.Join(fsxtest.TempDir(t), "agency-"+code)
	s, _, err := Create(dir, CreateParams{
		Org: name, ReceivingOffice: "Công an tỉnh Vĩnh Long",
		User:       users.User{Name: "hung", FullName: "Lê Văn Hùng", Roles: []users.Role{users.RoleFocal, users.RoleManager}},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: clock,
	})
	must(t, err)
	t.Cleanup(func() { s.Close() })
	a.s = s
	p, err := s.Profile()
	must(t, err)
	p.Code = code
	must(t, s.SaveProfile(p))
	a.rotate(at)
	return a
}

// rotate makes the manager a new signing key at the time at and returns
// its public half.
func (a *testAgency) rotate(at time.Time) signing.PublicKey {
	a.t.Helper()
	a.now = at
	k, err := a.s.CreateSigningKey([]byte(agencySigningPass))
	must(a.t, err)
	return k.PublicKey
}

// key is the manager's current public key.
func (a *testAgency) key() signing.PublicKey {
	a.t.Helper()
	k, err := a.s.ManagerSigningKey()
	must(a.t, err)
	return k.PublicKey
}

// annual builds the annual bundle of year at the time at and writes it to
// dir/name.
func (a *testAgency) annual(year int, at time.Time, dir, name string) string {
	a.t.Helper()
	a.now = at
	var out MemOutput
	if _, err := a.s.BuildBundle(BundleRequest{Kind: "annual", Year: year, AppVersion: "test"}, []byte(agencySigningPass), &out); err != nil {
		a.t.Fatal(err)
	}
	return putFile(a.t, dir, name, out.Bytes())
}

// incident records an incident detected at detected and builds its bundle
// at the time at into dir/name; with id not 0, the bundle of that
// incident again.
func (a *testAgency) incident(id int64, detected, at time.Time, dir, name string) (int64, string) {
	a.t.Helper()
	a.now = at
	if id == 0 {
		in, err := a.s.AddIncident(Incident{Title: "Trang chủ bị thay đổi giao diện", Type: "defacement", Detected: detected})
		must(a.t, err)
		id = in.ID
	}
	var out MemOutput
	if _, err := a.s.BuildIncidentBundle(IncidentBundleRequest{IncidentID: id, AppVersion: "test"}, []byte(agencySigningPass), &out); err != nil {
		a.t.Fatal(err)
	}
	return id, putFile(a.t, dir, name, out.Bytes())
}

// putFile writes data to dir/name and returns the path.
func putFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	must(t, os.MkdirAll(dir, 0o700))
	p := filepath.Join(dir, name)
	must(t, os.WriteFile(p, data, 0o600))
	return p
}

// register adds the agency to the office's registry with key valid from
// the day from.
func register(t testing.TB, o *Session, a *testAgency, from time.Time) {
	t.Helper()
	must(t, o.AddAgency(office.Agency{Code: a.code, Name: a.name, Kind: office.KindDepartment}))
	_, err := o.AddAgencyKey(a.code, a.key(), from)
	must(t, err)
}

// intake receives one file and fails on a vault error.
func intake(t testing.TB, o *Session, path string) IntakeResult {
	t.Helper()
	r, err := o.IntakeFile(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("IntakeFile(%s): %v", filepath.Base(path), err)
	}
	return r
}

// officeCounts is what the office stores: received bundles, blob records
// and blob files.
type officeCounts struct{ rows, blobs, files int }

func countOffice(t testing.TB, dir string, o *Session) officeCounts {
	t.Helper()
	var c officeCounts
	must(t, o.v.View(func(tx *vault.ReadTx) error {
		if err := tx.QueryRow(`SELECT count(*) FROM office_bundles`).Scan(&c.rows); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT count(*) FROM vault_blobs`).Scan(&c.blobs)
	}))
	entries, err := os.ReadDir(filepath.Join(dir, "blobs"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			c.files++
		}
	}
	return c
}

// tamper rewrites the bundle at path with edit applied to its bytes, into
// a new file.
func tamper(t testing.TB, path, name string, edit func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	return putFile(t, filepath.Dir(path), name, edit(bytes.Clone(data)))
}

// syntheticAgency is an agency of the registry with a key made here, for
// tests that need many bundles quickly (crash safety, benchmark): its
// bundles are built by bundle.Build as the agency side builds them, with a
// small valid data.json and evidence of the size asked for.
type syntheticAgency struct {
	code string
	sec  signing.SecretKey
}

// registerSynthetic registers n agencies, each with a new key valid from
// 01/01/2020.
func registerSynthetic(t testing.TB, o *Session, n int) []syntheticAgency {
	t.Helper()
	var list []syntheticAgency
	for i := range n {
		pub, sec, err := signing.GenerateKey()
		must(t, err)
		a := syntheticAgency{code: fmt.Sprintf("000.00.%03d.H62", i), sec: sec}
		must(t, o.AddAgency(office.Agency{Code: a.code, Name: fmt.Sprintf("Đơn vị số %d", i), Kind: office.KindCommune}))
		_, err = o.AddAgencyKey(a.code, pub, vnDay("2020-01-01"))
		must(t, err)
		list = append(list, a)
	}
	return list
}

// writeSynthetic writes the agency's annual bundle of year, with evidence
// bytes of incompressible data (streamed, not held in memory), to
// dir/name.
func (a syntheticAgency) writeSynthetic(t testing.TB, dir, name string, year int, evidence int64) string {
	t.Helper()
	from, to := DefaultAnnualPeriod(year)
	data := fmt.Sprintf(`{"schema": %q, "agency": {"name": "Đơn vị %s"}, "year": %d, "period": {"from": %q, "to": %q}, "figures": {"systems": 1}}`,
		docs.DataSchema, a.code, year, from.Format(time.DateOnly), to.Format(time.DateOnly))
	b := bundle.Bundle{
		Kind: "annual", Agency: bundle.Agency{Name: "Đơn vị " + a.code, Code: a.code}, Period: bundle.Period{From: from, To: to},
		Created: vnTime(fmt.Sprintf("%d-12-05 09:00", year)), AppVersion: "test", AuditHead: bundle.AuditHead{Seq: 1, Hash: strings.Repeat("ab", 32)},
		SignerName: "Lãnh đạo " + a.code,
		Files: []bundle.File{bundle.BytesFile("data/data.json", []byte(data)), {Path: "evidence/scan.bin", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(io.LimitReader(rand.NewChaCha8([32]byte{byte(year), byte(len(a.code))}), evidence)), nil
		}}},
	}
	must(t, os.MkdirAll(dir, 0o700))
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	must(t, err)
	defer f.Close()
	must(t, bundle.Build(f, b, a.sec))
	return p
}

// needTool fails the test when a Linux tool the check relies on is
// missing, and skips it under Wine (packaging/wine/test-data.sh sets
// DAUMOI_UNDER_WINE), where a Windows process cannot start it: make test
// runs the check on Linux. (The same as the external tests' needTool.)
func needTool(t *testing.T, tool, pkg string) {
	t.Helper()
	if os.Getenv("DAUMOI_UNDER_WINE") != "" {
		t.Skipf("%s is a Linux program; a Windows test under Wine cannot run it (make test runs this check on Linux)", tool)
	}
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is required (apt-get install %s)", tool, pkg)
	}
}
