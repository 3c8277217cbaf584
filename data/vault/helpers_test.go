package vault

import (
	"crypto/sha256"
	"daumoi/data/fsx/fsxtest"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testUser and testPass are the credentials of test vaults.
const (
	testUser = "Nguyễn Văn An"
	testPass = "mật khẩu đúng"
)

// fastKDF returns tiny Argon2id parameters for tests.
func fastKDF() *KDFParams { p := InsecureFastKDF(); return &p }

// testNow is the fixed creation time of test vaults.
func testNow() time.Time { return time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) }

// newTestVault creates a vault in a fresh temporary folder.
func newTestVault(tb testing.TB) (*Vault, string, RecoveryCode) {
	tb.Helper()
	dir := filepath.Join(fsxtest.TempDir(tb), "vault")
	v, code, err := Create(dir, CreateOptions{User: testUser, Passphrase: []byte(testPass), KDF: fastKDF(), Now: testNow()})
	if err != nil {
		tb.Fatalf("Create: %v", err)
	}
	tb.Cleanup(func() { _ = v.Close() })
	return v, dir, code
}

// unlock opens dir with the test passphrase.
func unlock(tb testing.TB, dir string) *Vault {
	tb.Helper()
	v, err := unlockErr(dir)
	if err != nil {
		tb.Fatalf("unlock: %v", err)
	}
	tb.Cleanup(func() { _ = v.Close() })
	return v
}

// unlockErr opens dir with the test passphrase and returns the error.
func unlockErr(dir string) (*Vault, error) {
	l, err := OpenLocked(dir)
	if err != nil {
		return nil, err
	}
	v, err := l.UnlockPassphrase(testUser, []byte(testPass))
	if err != nil {
		_ = l.Close()
		return nil, err
	}
	return v, nil
}

// mustExec runs one statement in its own Update.
func mustExec(tb testing.TB, v *Vault, q string, args ...any) {
	tb.Helper()
	if err := v.Update(func(tx *Tx) error { _, err := tx.Exec(q, args...); return err }); err != nil {
		tb.Fatalf("Update %q: %v", q, err)
	}
}

// count returns SELECT COUNT(*) of q.
func count(tb testing.TB, v *Vault, q string, args ...any) int {
	tb.Helper()
	var n int
	if err := v.View(func(tx *ReadTx) error { return tx.QueryRow(q, args...).Scan(&n) }); err != nil {
		tb.Fatalf("View %q: %v", q, err)
	}
	return n
}

// hashTree returns the SHA-256 of every file under dir, by relative path.
func hashTree(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		tb.Fatalf("hash tree: %v", err)
	}
	return out
}

// assertSameTree fails if two hashTree results differ.
func assertSameTree(tb testing.TB, before, after map[string]string) {
	tb.Helper()
	if !maps.Equal(before, after) {
		tb.Errorf("vault folder changed:\nbefore %v\nafter  %v", before, after)
	}
}

// marker returns a unique marker string.
func marker(prefix string) string {
	return fmt.Sprintf("%s-MARKER-%x", prefix, randomBytes(8))
}
