package vault

import (
	"daumoi/data/fsx/fsxtest"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestRecoveryCodeFormat(t *testing.T) {
	raw := randomBytes(recoveryBytes)
	code := formatRecoveryCode(raw).String()
	if len(code) != 39 || strings.Count(code, "-") != 7 {
		t.Fatalf("code %q is not 8 groups of 4", code)
	}
	variants := []string{
		code,
		strings.ToLower(code),
		strings.ReplaceAll(code, "-", ""),
		strings.ReplaceAll(code, "-", " "),
		" " + strings.ReplaceAll(strings.ToLower(code), "-", "  ") + "\n",
		strings.NewReplacer("0", "o", "1", "l").Replace(code),
	}
	for _, s := range variants {
		got, err := parseRecoveryCode(s)
		if err != nil || string(got) != string(raw) {
			t.Errorf("parse %q: %x %v", s, got, err)
		}
	}
	for _, bad := range []string{"", "ABCD", code + "A", strings.Replace(code, code[:1], "U", 1), code[:38] + "!"} {
		if _, err := parseRecoveryCode(bad); !errors.Is(err, ErrRecoveryCodeFormat) {
			t.Errorf("parse %q: %v, want ErrRecoveryCodeFormat", bad, err)
		}
	}
}

func TestSlotLifecycle(t *testing.T) {
	v, dir, code := newTestVault(t)
	mustExec(t, v, `CREATE TABLE x (a)`)
	if err := v.SetPassphrase("Trần Thị Bình", []byte("mật khẩu hai"), fastKDF()); err != nil {
		t.Fatal(err)
	}
	secret, err := v.AddSecretSlot("máy tính cơ quan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddSecretSlot("máy tính cơ quan"); !errors.Is(err, ErrSlotExists) {
		t.Fatalf("duplicate secret slot: %v", err)
	}
	if err := v.SetPassphrase("", []byte("x"), fastKDF()); !errors.Is(err, ErrInvalidSlotID) {
		t.Fatalf("empty user: %v", err)
	}
	if err := v.SetPassphrase("a", nil, fastKDF()); !errors.Is(err, ErrEmptyPassphrase) {
		t.Fatalf("empty passphrase: %v", err)
	}
	if err := v.SetPassphrase("a", []byte("x"), &KDFParams{Time: 0, MemoryKiB: 1, Threads: 1}); !errors.Is(err, ErrInvalidKDF) {
		t.Fatalf("bad KDF: %v", err)
	}
	// Changing a passphrase rotates the vault key: the snapshot is sealed
	// again under the new key (TestRotation* check what old keys can read).
	before := hashTree(t, dir)
	if err := v.SetPassphrase(testUser, []byte("mật khẩu mới"), fastKDF()); err != nil {
		t.Fatal(err)
	}
	if after := hashTree(t, dir); before[snapshotFile] == after[snapshotFile] {
		t.Fatal("snapshot unchanged by a passphrase change: the key was not rotated")
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}

	l, err := OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(l.Slots()); got != 4 {
		t.Fatalf("slots = %d, want 4", got)
	}
	if _, err := l.UnlockPassphrase(testUser, []byte(testPass)); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v", err)
	}
	// The passphrase and the user name typed in NFD (decomposed) still match.
	v2, err := l.UnlockPassphrase(norm.NFD.String(testUser), []byte(norm.NFD.String("mật khẩu mới")))
	if err != nil {
		t.Fatalf("new passphrase in NFD: %v", err)
	}
	for _, id := range []string{"Trần Thị Bình", recoverySlotID} {
		if err := v2.RemoveSlot(id); err != nil {
			t.Fatalf("remove %s: %v", id, err)
		}
	}
	if err := v2.RemoveSlot(testUser); !errors.Is(err, ErrLastSlot) {
		t.Fatalf("remove last passphrase slot: %v", err)
	}
	if err := v2.RemoveSlot("nobody"); !errors.Is(err, ErrNoSuchSlot) {
		t.Fatalf("remove unknown slot: %v", err)
	}
	newCode, err := v2.NewRecoveryCode()
	if err != nil {
		t.Fatal(err)
	}
	if err := v2.Close(); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name   string
		unlock func(l *Locked) (*Vault, error)
		want   error
	}{
		{"old recovery code", func(l *Locked) (*Vault, error) { return l.UnlockRecovery(code.String()) }, ErrWrongRecoveryKey},
		{"removed user", func(l *Locked) (*Vault, error) {
			return l.UnlockPassphrase("Trần Thị Bình", []byte("mật khẩu hai"))
		}, ErrNoSuchSlot},
		{"new recovery code", func(l *Locked) (*Vault, error) { return l.UnlockRecovery(newCode.String()) }, nil},
		{"keyring secret", func(l *Locked) (*Vault, error) { return l.UnlockSecret("máy tính cơ quan", secret) }, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := OpenLocked(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			v, err := c.unlock(l)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if v != nil {
				if n := count(t, v, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'x'`); n != 1 {
					t.Fatal("data missing")
				}
				_ = v.Close()
			}
		})
	}
}

func TestCreateRefusesExistingVault(t *testing.T) {
	v, dir, _ := newTestVault(t)
	_ = v.Close()
	_, _, err := Create(dir, CreateOptions{User: "x", Passphrase: []byte("y"), KDF: fastKDF()})
	if !errors.Is(err, ErrVaultExists) {
		t.Fatalf("err = %v, want ErrVaultExists", err)
	}
	if _, err := OpenLocked(fsxtest.TempDir(t)); !errors.Is(err, ErrNoVault) {
		t.Fatalf("OpenLocked on empty folder: %v, want ErrNoVault", err)
	}
}

func TestInsecureFastKDFEnv(t *testing.T) {
	t.Setenv(InsecureFastKDFEnv, "1")
	if got := defaultKDFFor(nil); got != InsecureFastKDF() {
		t.Fatalf("with %s=1: %+v", InsecureFastKDFEnv, got)
	}
	t.Setenv(InsecureFastKDFEnv, "")
	if got := defaultKDFFor(nil); got != DefaultKDF() {
		t.Fatalf("without env: %+v", got)
	}
}

func TestMigrate(t *testing.T) {
	v, dir, _ := newTestVault(t)
	ms := []Migration{
		{Version: 1, Name: "assets", SQL: []string{`CREATE TABLE asset (id INTEGER PRIMARY KEY, name TEXT)`}},
		{Version: 2, Name: "history", SQL: []string{`CREATE TABLE history (id INTEGER PRIMARY KEY, asset INTEGER REFERENCES asset(id))`, `CREATE INDEX history_asset ON history(asset)`}},
	}
	if err := v.Migrate(ms[:1]); err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate(ms); err != nil {
		t.Fatal(err)
	}
	if err := v.Migrate(ms); err != nil {
		t.Fatalf("re-running migrations: %v", err)
	}
	if n, err := v.SchemaVersion(); err != nil || n != 2 {
		t.Fatalf("version = %d %v", n, err)
	}
	_ = v.Close()
	v2 := unlock(t, dir)
	if err := v2.Migrate(ms[:1]); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("older program: %v, want ErrSchemaTooNew", err)
	}
	for _, bad := range [][]Migration{
		{{Version: 0, Name: "zero", SQL: []string{"SELECT 1"}}},
		{ms[1], ms[0]},
		{{Version: 3, Name: "empty"}},
	} {
		if err := v2.Migrate(bad); !errors.Is(err, ErrMigration) {
			t.Fatalf("bad list %v: %v, want ErrMigration", bad, err)
		}
	}
	failing := append(ms, Migration{Version: 3, Name: "broken", SQL: []string{`CREATE TABLE ok3 (a)`, `NOT SQL`}})
	if err := v2.Migrate(failing); !errors.Is(err, ErrStatementFailed) {
		t.Fatalf("failing migration: %v", err)
	}
	if n := count(t, v2, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'ok3'`); n != 0 {
		t.Fatal("failed migration left part of its changes")
	}
}
