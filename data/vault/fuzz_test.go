package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"daumoi/data/fsx"
	"daumoi/data/fsx/fsxtest"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// updateFixture regenerates testdata/fixture and the fuzz seed corpus.
var updateFixture = flag.Bool("update-fixture", false, "regenerate testdata/fixture and testdata/fuzz seeds")

// fixtureDir holds a small vault (fast KDF, user testUser, passphrase
// testPass) and its backup, used as fuzz seeds: keys are random, so the
// seeds must come from one fixed vault.
const fixtureDir = "testdata/fixture"

// fixtureBackup is the backup of the fixture vault.
const fixtureBackup = "testdata/fixture.backup"

// buildFixture writes the fixture vault: rows in the snapshot and in the
// journal, one blob, and its backup.
func buildFixture(t *testing.T) {
	_ = fsx.RemoveAll(fixtureDir)
	v, _, err := Create(fixtureDir, CreateOptions{User: testUser, Passphrase: []byte(testPass), KDF: fastKDF(), Now: testNow()})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	mustExec(t, v, `CREATE TABLE asset (id INTEGER PRIMARY KEY, name TEXT, data BLOB, score REAL, ok BOOLEAN)`)
	mustExec(t, v, `INSERT INTO asset VALUES (1, 'Máy chủ', X'00ff', 1.5, 1)`)
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, v, `INSERT INTO asset VALUES (?, ?, ?, ?, ?)`, 2, "Tường lửa", []byte{1, 2}, 2.5, false)
	mustExec(t, v, `INSERT INTO asset VALUES (?, ?, ?, ?, ?)`, 3, nil, nil, nil, nil)
	if _, err := v.PutBlob(context.Background(), bytes.NewReader([]byte("bằng chứng")), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixtureBackup, backupBytes(t, v), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeSeed writes one seed in Go's fuzz corpus format.
func writeSeed(t *testing.T, fuzzName, name string, data []byte) {
	dir := filepath.Join("testdata", "fuzz", fuzzName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fuzzTargets maps each file-level fuzz test to the file it replaces.
func fuzzTargets() map[string]string {
	return map[string]string{
		"FuzzOpenHeader":   filepath.Join(fixtureDir, headerFile),
		"FuzzOpenSnapshot": filepath.Join(fixtureDir, snapshotFile),
		"FuzzOpenJournal":  filepath.Join(fixtureDir, journalFile),
		"FuzzRestore":      fixtureBackup,
	}
}

// TestFixture checks the committed fixture opens and restores as expected;
// with -update-fixture it first rebuilds it and the seed corpus.
func TestFixture(t *testing.T) {
	if *updateFixture {
		buildFixture(t)
		for name, path := range fuzzTargets() {
			orig := mustRead(t, path)
			for _, d := range damages() {
				writeSeed(t, name, d.name, d.fn(orig))
			}
			writeSeed(t, name, "original", orig)
		}
	}
	dir := copyFixture(t)
	v := unlock(t, dir)
	if n := count(t, v, `SELECT COUNT(*) FROM asset`); n != 3 {
		t.Fatalf("fixture rows = %d, want 3", n)
	}
	if n := count(t, v, `SELECT COUNT(*) FROM vault_blobs`); n != 1 {
		t.Fatalf("fixture blobs = %d, want 1", n)
	}
	target := filepath.Join(fsxtest.TempDir(t), "r")
	if err := Restore(bytes.NewReader(mustRead(t, fixtureBackup)), target, Credential{User: testUser, Passphrase: []byte(testPass)}); err != nil {
		t.Fatalf("restore fixture backup: %v", err)
	}
}

// copyFixture copies the fixture vault into a temporary folder.
func copyFixture(tb testing.TB) string {
	dir := filepath.Join(fsxtest.TempDir(tb), "v")
	if err := os.CopyFS(dir, os.DirFS(fixtureDir)); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// expectedOpenError reports whether err is one of the failures a damaged
// vault file may legitimately produce.
func expectedOpenError(err error) bool {
	for _, s := range []error{ErrCorrupt, ErrJournalTornTail, ErrUnsupportedVersion, ErrWrongPassphrase, ErrNoSuchSlot} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// fuzzOpenWith replaces one fixture file with data and opens the vault: it
// must either open or fail with an expected sentinel, changing nothing.
func fuzzOpenWith(f *testing.F, name string) {
	f.Add(mustReadF(f, filepath.Join(fixtureDir, name)))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := copyFixture(t)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		before := hashTree(t, dir)
		v, err := unlockErr(dir)
		if err == nil {
			_ = v.Close()
			return
		}
		if !expectedOpenError(err) {
			t.Fatalf("unexpected error: %v", err)
		}
		assertSameTree(t, before, hashTree(t, dir))
	})
}

// mustReadF reads a file for a fuzz seed.
func mustReadF(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func FuzzOpenHeader(f *testing.F)   { fuzzOpenWith(f, headerFile) }
func FuzzOpenSnapshot(f *testing.F) { fuzzOpenWith(f, snapshotFile) }
func FuzzOpenJournal(f *testing.F)  { fuzzOpenWith(f, journalFile) }

func FuzzRestore(f *testing.F) {
	f.Add(mustReadF(f, fixtureBackup))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := fsxtest.TempDir(t)
		target := filepath.Join(root, "r")
		err := Restore(bytes.NewReader(data), target, Credential{User: testUser, Passphrase: []byte(testPass)})
		if err == nil {
			return
		}
		if !errors.Is(err, ErrBackupCorrupt) && !expectedOpenError(err) {
			t.Fatalf("unexpected error: %v", err)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 0 {
			t.Fatalf("failed restore left %d entries", len(entries))
		}
	})
}

func FuzzDecodeStatements(f *testing.F) {
	f.Add(encodeStatements(nil, []statement{{Query: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", Args: []any{nil, int64(-1), 2.5, true, "Hương", []byte{0}}}}))
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		stmts, err := decodeStatements(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error does not wrap ErrCorrupt: %v", err)
			}
			return
		}
		if again := encodeStatements(nil, stmts); !bytes.Equal(again, data) {
			t.Fatalf("decode/encode is not the identity: %x -> %x", data, again)
		}
	})
}

func FuzzParseRecoveryCode(f *testing.F) {
	f.Add(string(formatRecoveryCode(make([]byte, recoveryBytes))))
	f.Add("abcd efgh jkmn pqrs tvwx yz01 2345 6789")
	f.Fuzz(func(t *testing.T, s string) {
		raw, err := parseRecoveryCode(s)
		if err != nil {
			if !errors.Is(err, ErrRecoveryCodeFormat) {
				t.Fatalf("error does not wrap ErrRecoveryCodeFormat: %v", err)
			}
			return
		}
		again, err := parseRecoveryCode(formatRecoveryCode(raw).String())
		if err != nil || !bytes.Equal(again, raw) {
			t.Fatalf("round trip of %q failed: %v", s, err)
		}
	})
}

// Example of the printed form, kept as documentation of the format.
func ExampleRecoveryCode() {
	fmt.Println(formatRecoveryCode(make([]byte, recoveryBytes)))
	// Output: 0000-0000-0000-0000-0000-0000-0000-0000
}

// withChecksum frames body as a header with a valid checksum and a zero
// MAC, so the fuzzer reaches the JSON parsing and field checks.
func withChecksum(body []byte) []byte {
	b := binary.BigEndian.AppendUint32([]byte(headerMagic), uint32(len(body)))
	b = append(b, body...)
	b = append(b, make([]byte, sha256.Size)...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

func FuzzDecodeHeaderBody(f *testing.F) {
	hb := mustReadF(f, filepath.Join(fixtureDir, headerFile))
	n := binary.BigEndian.Uint32(hb[len(headerMagic):])
	f.Add(hb[len(headerMagic)+4 : len(headerMagic)+4+int(n)])
	f.Add([]byte(`{"version":2}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		h, err := decodeHeader(withChecksum(body))
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		for _, s := range h.Slots {
			if s.Kind == SlotPassphrase && s.KDF.validate() != nil {
				t.Fatalf("accepted out-of-range KDF %+v", *s.KDF)
			}
		}
		// A header that decodes must not unlock with a zero MAC.
		if err := h.verifyMAC(make([]byte, keySize)); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("zero MAC verified: %v", err)
		}
	})
}
