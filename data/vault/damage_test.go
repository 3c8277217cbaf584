package vault

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"daumoi/data/blob"
	"daumoi/data/fsx/fsxtest"
)

// damage is one way of breaking a file's bytes.
type damage struct {
	name string
	fn   func(b []byte) []byte
}

// damages returns truncated / bit-flipped / emptied / garbage variants. The
// bit flip hits the byte at 3/4 of the file: inside the last journal
// record, inside the ciphertext of the snapshot, blob and backup payload,
// and inside the header's JSON body.
func damages() []damage {
	return []damage{
		{"truncated", func(b []byte) []byte { return b[:len(b)-7] }},
		{"bit-flipped", func(b []byte) []byte {
			c := bytes.Clone(b)
			c[len(c)*3/4] ^= 0x10
			return c
		}},
		{"emptied", func([]byte) []byte { return nil }},
		{"garbage", func(b []byte) []byte { return randomBytes(len(b)) }},
	}
}

// damageFixture is a closed vault with rows in snapshot and journal, a blob,
// and a backup file beside it.
type damageFixture struct {
	dir, backup string
	blobID      string
}

// newDamageFixture builds a fresh fixture.
func newDamageFixture(t *testing.T) damageFixture {
	v, dir, _ := newTestVault(t)
	blobs := fillVault(t, v)
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, v, `INSERT INTO asset (id, name) VALUES (500, 'in the journal')`)
	mustExec(t, v, `INSERT INTO asset (id, name) VALUES (501, 'also in the journal')`)
	backup := filepath.Join(fsxtest.TempDir(t), "backup.dmv")
	if err := os.WriteFile(backup, backupBytes(t, v), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	f := damageFixture{dir: dir, backup: backup}
	for id := range blobs {
		f.blobID = id
	}
	return f
}

// rewrite applies d to the file at path.
func rewrite(t *testing.T, path string, d damage) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, d.fn(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

// openAndReadBlob unlocks the vault and reads blob id to the end.
func openAndReadBlob(dir, id string) error {
	v, err := unlockErr(dir)
	if err != nil {
		return err
	}
	defer v.Close()
	rc, err := v.OpenBlob(id)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	return err
}

func TestDamagedFiles(t *testing.T) {
	targets := []struct {
		file string
		want map[string]error // by damage name; default ErrCorrupt
	}{
		{headerFile, nil},
		{snapshotFile, nil},
		{journalFile, map[string]error{"truncated": nil}},
		{"blob", map[string]error{"truncated": blob.ErrCorrupt, "bit-flipped": blob.ErrCorrupt, "emptied": blob.ErrCorrupt, "garbage": blob.ErrCorrupt}},
		{"backup", map[string]error{"truncated": ErrBackupCorrupt, "bit-flipped": ErrBackupCorrupt, "emptied": ErrBackupCorrupt, "garbage": ErrBackupCorrupt}},
	}
	for _, tg := range targets {
		for _, d := range damages() {
			t.Run(tg.file+"/"+d.name, func(t *testing.T) {
				f := newDamageFixture(t)
				want := ErrCorrupt
				if w, ok := tg.want[d.name]; ok {
					want = w
				}
				var err error
				switch tg.file {
				case "backup":
					rewrite(t, f.backup, d)
					target := filepath.Join(fsxtest.TempDir(t), "restored")
					b, _ := os.ReadFile(f.backup)
					err = Restore(bytes.NewReader(b), target, Credential{User: testUser, Passphrase: []byte(testPass)})
					if _, serr := os.Stat(target); serr == nil {
						t.Errorf("failed restore left %s", target)
					}
					if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 0 {
						t.Errorf("failed restore left %d entries beside the target", len(entries))
					}
				case "blob":
					rewrite(t, filepath.Join(f.dir, blobsDir, f.blobID), d)
					before := hashTree(t, f.dir)
					err = openAndReadBlob(f.dir, f.blobID)
					assertSameTree(t, before, hashTree(t, f.dir))
				default:
					rewrite(t, filepath.Join(f.dir, tg.file), d)
					before := hashTree(t, f.dir)
					var v *Vault
					v, err = unlockErr(f.dir)
					if want == nil { // a torn tail: dropped at open
						checkTornTailDropped(t, v, err)
						return
					}
					assertSameTree(t, before, hashTree(t, f.dir))
				}
				if !errors.Is(err, want) {
					t.Fatalf("err = %v, want %v", err, want)
				}
			})
		}
	}
}

func TestWrongCredentialsChangeNothing(t *testing.T) {
	v, dir, _ := newTestVault(t)
	secret, err := v.AddSecretSlot("máy này")
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, v, `CREATE TABLE x (a)`)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	wrongSecret := bytes.Clone(secret)
	wrongSecret[0] ^= 1
	cases := []struct {
		name   string
		unlock func(l *Locked) (*Vault, error)
		want   error
	}{
		{"wrong passphrase", func(l *Locked) (*Vault, error) { return l.UnlockPassphrase(testUser, []byte("sai rồi")) }, ErrWrongPassphrase},
		{"unknown user", func(l *Locked) (*Vault, error) { return l.UnlockPassphrase("Lê Văn C", []byte(testPass)) }, ErrNoSuchSlot},
		{"wrong recovery code", func(l *Locked) (*Vault, error) {
			return l.UnlockRecovery(string(formatRecoveryCode(randomBytes(recoveryBytes))))
		}, ErrWrongRecoveryKey},
		{"malformed recovery code", func(l *Locked) (*Vault, error) { return l.UnlockRecovery("XXXX-UUUU") }, ErrRecoveryCodeFormat},
		{"wrong secret", func(l *Locked) (*Vault, error) { return l.UnlockSecret("máy này", wrongSecret) }, ErrWrongSecret},
		{"secret of unknown slot", func(l *Locked) (*Vault, error) { return l.UnlockSecret("máy khác", secret) }, ErrNoSuchSlot},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := hashTree(t, dir)
			l, err := OpenLocked(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			if _, err := c.unlock(l); !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			assertSameTree(t, before, hashTree(t, dir))
		})
	}
}

func TestJournalDamage(t *testing.T) {
	setup := func(t *testing.T) (string, journalScan) {
		v, dir, _ := newTestVault(t)
		mustExec(t, v, `CREATE TABLE j (n INTEGER)`)
		for i := range 4 {
			mustExec(t, v, `INSERT INTO j VALUES (?)`, i)
		}
		keys := v.keys
		scan, err := scanJournal(keys.journal, v.hdr.idBytes(), mustRead(t, filepath.Join(dir, journalFile)))
		if err != nil || len(scan.Records) != 5 {
			t.Fatalf("scan: %v, %d records", err, len(scan.Records))
		}
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
		return dir, scan
	}
	frame := func(s journalScan, i int) (int64, int64) {
		start := int64(journalPreambleSize)
		if i > 0 {
			start = s.Records[i-1].End
		}
		return start, s.Records[i].End
	}
	cases := []struct {
		name   string
		mutate func(b []byte, s journalScan) []byte
		want   error
	}{
		{"middle record removed", func(b []byte, s journalScan) []byte {
			a, e := frame(s, 2)
			return append(bytes.Clone(b[:a]), b[e:]...)
		}, ErrCorrupt},
		{"two records swapped", func(b []byte, s journalScan) []byte {
			a1, e1 := frame(s, 1)
			_, e2 := frame(s, 2)
			out := bytes.Clone(b[:a1])
			out = append(out, b[e1:e2]...)
			out = append(out, b[a1:e1]...)
			return append(out, b[e2:]...)
		}, ErrCorrupt},
		{"record duplicated", func(b []byte, s journalScan) []byte {
			a, e := frame(s, 4)
			return append(bytes.Clone(b), b[a:e]...)
		}, ErrCorrupt},
		{"zero-filled tail", func(b []byte, _ journalScan) []byte { return append(bytes.Clone(b), make([]byte, 100)...) }, nil},
		{"half a frame header", func(b []byte, _ journalScan) []byte { return append(bytes.Clone(b), 0, 0, 1) }, nil},
		{"garbage appended", func(b []byte, _ journalScan) []byte { return append(bytes.Clone(b), randomBytes(200)...) }, ErrJournalDamaged},
		{"last record bit-flipped", func(b []byte, s journalScan) []byte {
			c := bytes.Clone(b)
			c[s.Records[4].End-3] ^= 1
			return c
		}, ErrJournalDamaged},
		{"middle record bit-flipped", func(b []byte, s journalScan) []byte {
			c := bytes.Clone(b)
			c[s.Records[2].End-3] ^= 1
			return c
		}, ErrJournalDamaged},
		{"magic only (records lost)", func(b []byte, _ journalScan) []byte { return journalPreamble(1) }, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, scan := setup(t)
			path := filepath.Join(dir, journalFile)
			if err := os.WriteFile(path, c.mutate(mustRead(t, path), scan), 0o600); err != nil {
				t.Fatal(err)
			}
			before := hashTree(t, dir)
			v, err := unlockErr(dir)
			if c.want == nil {
				// A torn tail is dropped; dropping whole records at the end
				// cannot be detected without state outside the folder
				// (documented in FORMAT.md): the vault opens at the snapshot.
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				_ = v.Close()
				return
			}
			if !errors.Is(err, c.want) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want %v (and ErrCorrupt)", err, c.want)
			}
			assertSameTree(t, before, hashTree(t, dir))
		})
	}
}

func TestStaleSnapshotOrForeignJournal(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE j (n INTEGER)`)
	old := mustRead(t, filepath.Join(dir, snapshotFile))
	mustExec(t, v, `INSERT INTO j VALUES (1)`)
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, v, `INSERT INTO j VALUES (2)`)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, snapshotFile), old, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := unlockErr(dir); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("stale snapshot: %v, want ErrCorrupt", err)
	}

	other, otherDir, _ := newTestVault(t)
	mustExec(t, other, `CREATE TABLE j (n INTEGER)`)
	_ = other.Close()
	_, dir2, _ := newTestVaultClosed(t)
	if err := os.WriteFile(filepath.Join(dir2, journalFile), mustRead(t, filepath.Join(otherDir, journalFile)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := unlockErr(dir2); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("journal of another vault: %v, want ErrCorrupt", err)
	}
}

// mustRead reads a file or fails.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
