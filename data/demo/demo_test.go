package demo

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/vault"
)

const testPass = "mật khẩu bản demo 2026"

func fixedNow() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }

func build(t *testing.T) string {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(t.TempDir(), "demo")
	if err := Create(dir, []byte(testPass), fixedNow); err != nil {
		t.Fatal(err)
	}
	return dir
}

func open(t *testing.T, dir, user string) *session.Session {
	t.Helper()
	s, err := session.Open(dir, session.Credential{User: user, Passphrase: []byte(testPass)}, fixedNow)
	if err != nil {
		t.Fatalf("open as %s: %v", user, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDemoContent(t *testing.T) {
	dir := build(t)
	for _, u := range []string{ITUser, ManagerUser} {
		s := open(t, dir, u)
		me, err := s.Me()
		if err != nil || me.MustReset {
			t.Errorf("%s: %+v, %v; want no forced reset", u, me, err)
		}
		s.Close()
	}
	s := open(t, dir, FocalUser)
	p, err := s.Profile()
	if err != nil || p.Name != Agency || p.OwnerAuthority != "UBND tỉnh Vĩnh Long" || len(p.FocalPoints) != 2 {
		t.Errorf("profile = %+v, %v", p, err)
	}
	// A receiving office can register the demo agency under its code.
	if _, err := office.Normalize(office.Agency{Code: p.Code, Name: p.Name}); err != nil {
		t.Errorf("the demo's code %q cannot be registered at an office: %v", p.Code, err)
	}
	systems, err := s.ListSystems(session.SystemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	levels, states, shared := map[int]bool{}, map[registers.DossierState]int{}, 0
	for _, sys := range systems {
		levels[sys.Level()] = true
		states[sys.Dossier.State]++
		if sys.ProvinceOwned {
			shared++
		}
	}
	for l := 1; l <= 4; l++ {
		if !levels[l] {
			t.Errorf("no system of level %d", l)
		}
	}
	for _, st := range registers.DossierStates() {
		if states[st] == 0 {
			t.Errorf("no dossier %s", st)
		}
	}
	if shared < 2 {
		t.Errorf("%d province-owned systems, want 2", shared)
	}
	assets, err := s.ListAssets(session.AssetFilter{})
	if err != nil || len(assets) < 45 || len(assets) > 60 {
		t.Fatalf("%d assets, %v", len(assets), err)
	}
	v, err := s.Violations()
	if err != nil || len(v) != 1 || v[0].Hostname != "LT-MAT-02" {
		t.Errorf("violations = %+v, %v", v, err)
	}
	secret, err := s.ListAssets(session.AssetFilter{Text: "soan thao van ban mat"})
	if err != nil || len(secret) != 1 || !secret[0].StateSecret || secret[0].Internet || secret[0].LAN {
		t.Errorf("standalone secret PC = %+v, %v", secret, err)
	}
	disposed, err := s.ListAssets(session.AssetFilter{Status: registers.StatusDisposed})
	if err != nil || len(disposed) != 1 {
		t.Fatalf("disposed = %+v, %v", disposed, err)
	}
	d, err := s.GetAsset(disposed[0].ID)
	if err != nil || len(d.Sanitisations) != 1 || d.Sanitisations[0].EvidenceID == "" {
		t.Errorf("disposed asset record = %+v, %v", d, err)
	}
	ev, err := s.ListEvidence()
	if err != nil || len(ev) < 3 {
		t.Errorf("evidence = %d, %v", len(ev), err)
	}
	res, err := s.VerifyHistory()
	if err != nil || res.Entries < 80 {
		t.Errorf("history = %+v, %v", res, err)
	}
}

// TestDemoDeterministic checks that two demos built at the same time hold
// the same registers.
func TestDemoDeterministic(t *testing.T) {
	export := func(dir string) []byte {
		s := open(t, dir, FocalUser)
		defer s.Close()
		var b bytes.Buffer
		if _, err := s.ExportAssets(&b, session.FormatJSON); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ExportSystems(&b, session.FormatJSON); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := export(build(t)), export(build(t))
	if !bytes.Equal(stripEvidenceIDs(a), stripEvidenceIDs(b)) {
		t.Error("two demos built at the same time differ")
	}
}

// stripEvidenceIDs blanks evidence ids, which are random.
func stripEvidenceIDs(b []byte) []byte {
	out := bytes.Clone(b)
	for _, key := range [][]byte{[]byte(`"evidence_id": "`)} {
		for i := bytes.Index(out, key); i >= 0; {
			start := i + len(key)
			end := start + bytes.IndexByte(out[start:], '"')
			for j := start; j < end; j++ {
				out[j] = 'x'
			}
			next := bytes.Index(out[end:], key)
			if next < 0 {
				break
			}
			i = end + next
		}
	}
	return out
}

func TestDemoRefusesExistingVault(t *testing.T) {
	dir := build(t)
	if err := Create(dir, []byte(testPass), fixedNow); !errors.Is(err, vault.ErrVaultExists) {
		t.Errorf("second demo in the same folder = %v, want ErrVaultExists", err)
	}
	if err := Create(filepath.Join(t.TempDir(), "x"), []byte(testPass), nil); !errors.Is(err, ErrNoClock) {
		t.Errorf("no clock = %v", err)
	}
}
