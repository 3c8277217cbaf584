package vault

import (
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// fillVault adds rows and two blobs to v and returns the blob contents by id.
func fillVault(t *testing.T, v *Vault) map[string][]byte {
	t.Helper()
	mustExec(t, v, `CREATE TABLE asset (id INTEGER PRIMARY KEY, name TEXT)`)
	for i := range 50 {
		mustExec(t, v, `INSERT INTO asset (id, name) VALUES (?, ?)`, i, "Máy chủ số "+string(rune('A'+i%26)))
	}
	blobs := map[string][]byte{}
	for i := range 2 {
		data := blobContent(i)
		info, err := v.PutBlob(context.Background(), bytes.NewReader(data), nil)
		if err != nil {
			t.Fatal(err)
		}
		blobs[info.ID] = data
	}
	return blobs
}

// backupBytes returns a backup of v.
func backupBytes(t *testing.T, v *Vault) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := v.Backup(&buf); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	return buf.Bytes()
}

// checkRestored opens a restored vault and compares rows and blobs.
func checkRestored(t *testing.T, dir string, blobs map[string][]byte) {
	t.Helper()
	v := unlock(t, dir)
	if n := count(t, v, `SELECT COUNT(*) FROM asset`); n != 50 {
		t.Fatalf("restored rows = %d, want 50", n)
	}
	for id, want := range blobs {
		rc, err := v.OpenBlob(id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("restored blob %s differs (%v)", id, err)
		}
	}
	mustExec(t, v, `INSERT INTO asset (id, name) VALUES (1000, 'after restore')`)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM asset`); n != 51 {
		t.Fatalf("rows after commit on restored vault = %d, want 51", n)
	}
}

func TestBackupRestore(t *testing.T) {
	v, _, code := newTestVault(t)
	blobs := fillVault(t, v)
	backup := backupBytes(t, v)
	root := fsxtest.TempDir(t)

	byPass := filepath.Join(root, "by-pass")
	if err := Restore(bytes.NewReader(backup), byPass, Credential{User: testUser, Passphrase: []byte(testPass)}); err != nil {
		t.Fatalf("Restore with passphrase: %v", err)
	}
	checkRestored(t, byPass, blobs)

	byCode := filepath.Join(root, "by-code")
	if err := os.Mkdir(byCode, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Restore(bytes.NewReader(backup), byCode, Credential{RecoveryCode: code.String()}); err != nil {
		t.Fatalf("Restore into an empty folder with the recovery code: %v", err)
	}
	checkRestored(t, byCode, blobs)

	err := Restore(bytes.NewReader(backup), byPass, Credential{User: testUser, Passphrase: []byte(testPass)})
	if !errors.Is(err, ErrTargetNotEmpty) {
		t.Fatalf("Restore over a vault: %v, want ErrTargetNotEmpty", err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Fatalf("restores left %d entries in the parent folder, want 2", len(entries))
	}
}

func TestRestoreCredentialErrors(t *testing.T) {
	v, _, _ := newTestVault(t)
	fillVault(t, v)
	backup := backupBytes(t, v)
	cases := []struct {
		name string
		cred Credential
		want error
	}{
		{"wrong passphrase", Credential{User: testUser, Passphrase: []byte("sai")}, ErrWrongPassphrase},
		{"unknown user", Credential{User: "Trần Thị B", Passphrase: []byte(testPass)}, ErrNoSuchSlot},
		{"wrong recovery code", Credential{RecoveryCode: string(formatRecoveryCode(make([]byte, recoveryBytes)))}, ErrWrongRecoveryKey},
		{"malformed recovery code", Credential{RecoveryCode: "ABCD-EFGH"}, ErrRecoveryCodeFormat},
		{"no credential", Credential{}, ErrNoCredential},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := fsxtest.TempDir(t)
			err := Restore(bytes.NewReader(backup), filepath.Join(root, "v"), c.cred)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if entries, _ := os.ReadDir(root); len(entries) != 0 {
				t.Fatalf("failed restore left %d entries", len(entries))
			}
		})
	}
}

func TestBackupHeaderCopyDamaged(t *testing.T) {
	v, _, _ := newTestVault(t)
	backup := backupBytes(t, v)
	for _, off := range []int{3, len(backupMagic) + 2, len(backupMagic) + 40} {
		damaged := bytes.Clone(backup)
		damaged[off] ^= 0x01
		root := fsxtest.TempDir(t)
		err := Restore(bytes.NewReader(damaged), filepath.Join(root, "r"), Credential{User: testUser, Passphrase: []byte(testPass)})
		if !errors.Is(err, ErrBackupCorrupt) {
			t.Fatalf("flip at %d: %v, want ErrBackupCorrupt", off, err)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 0 {
			t.Fatalf("flip at %d: failed restore left files", off)
		}
	}
}
