package exportfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"daumoi/data/killtest"
	"daumoi/data/vault"
)

// Child processes: the test binary re-executes itself with childEnv set to
// "unnamed DIR" or "named DIR" and writes an export that never finishes.
const childEnv = "DAUMOI_EXPORTFILE_CHILD"

// marker is the child's plaintext; no part of it may remain after a kill.
const marker = "BẢN-XUẤT-CHƯA-XONG "

const (
	testUser = "huong"
	testPass = "mật khẩu thử nghiệm"
)

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		mode, dir, _ := strings.Cut(v, " ")
		os.Exit(runChild(mode, dir))
	}
	os.Exit(m.Run())
}

// blockingWrite writes 1 MiB of marker text, says "ready" and blocks.
func blockingWrite(w io.Writer) error {
	if _, err := w.Write(bytes.Repeat([]byte(marker), (1<<20)/len(marker))); err != nil {
		return err
	}
	fmt.Println("ready")
	select {}
}

// runChild writes dir/out/export.csv, registered in the vault dir/vault
// when mode is "named" (the path used where unnamed files do not exist).
func runChild(mode, dir string) int {
	target := filepath.Join(dir, "out", "export.csv")
	var err error
	if mode == "named" {
		v, uerr := unlockTest(filepath.Join(dir, "vault"))
		if uerr != nil {
			fmt.Fprintln(os.Stderr, uerr)
			return 2
		}
		err = Write(target, Options{Perm: 0o600, Registrar: v, named: true}, blockingWrite)
	} else {
		err = Write(target, Options{Perm: 0o600}, blockingWrite)
	}
	fmt.Fprintln(os.Stderr, "write returned:", err)
	return 3
}

// unlockTest opens a test vault.
func unlockTest(dir string) (*vault.Vault, error) {
	l, err := vault.OpenLocked(dir)
	if err != nil {
		return nil, err
	}
	return l.UnlockPassphrase(testUser, []byte(testPass))
}

// newTestVault creates a closed vault in dir.
func newTestVault(t *testing.T, dir string) {
	kdf := vault.InsecureFastKDF()
	v, _, err := vault.Create(dir, vault.CreateOptions{User: testUser, Passphrase: []byte(testPass), KDF: &kdf})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
}

// killMidExport runs a child in mode, waits until it wrote 1 MiB and kills it.
func killMidExport(t *testing.T, mode, dir string) {
	t.Helper()
	cmd := killtest.Child(childEnv + "=" + mode + " " + dir)
	out, stderr := killtest.Start(t, cmd)
	line, err := bufio.NewReader(out).ReadString('\n')
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if err != nil || line != "ready\n" {
		t.Fatalf("child said %q, %v; stderr:\n%s", line, err, stderr.String())
	}
}

// filesWithMarker lists the files under dir holding the marker.
func filesWithMarker(t *testing.T, dir string) []string {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(marker)) {
			found = append(found, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestKilledExportLeavesNothing: with unnamed files (Linux), a SIGKILL in
// the middle of an export leaves no file at all.
func TestKilledExportLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("unnamed files are Linux-only; see TestKilledExportRemovedAtNextOpen")
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o700); err != nil {
		t.Fatal(err)
	}
	killMidExport(t, "unnamed", dir)
	if entries, _ := os.ReadDir(filepath.Join(dir, "out")); len(entries) != 0 {
		t.Fatalf("a killed export left %v", entries)
	}
}

// TestKilledExportRemovedAtNextOpen: where a named temporary file is used,
// a SIGKILL leaves it (partial plaintext), registered in the vault, and the
// next open of the vault deletes it.
func TestKilledExportRemovedAtNextOpen(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o700); err != nil {
		t.Fatal(err)
	}
	newTestVault(t, filepath.Join(dir, "vault"))
	killMidExport(t, "named", dir)
	if left := filesWithMarker(t, filepath.Join(dir, "out")); len(left) != 1 {
		t.Fatalf("expected the killed export's temporary file, found %v", left)
	}
	if left := filesWithMarker(t, filepath.Join(dir, "vault")); len(left) != 0 {
		t.Fatalf("the export's path or content in clear in the vault: %v", left)
	}
	v, err := unlockTest(filepath.Join(dir, "vault"))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if left := filesWithMarker(t, dir); len(left) != 0 {
		t.Fatalf("partial plaintext left after the next open: %v", left)
	}
}

func TestWriteRefusesToReplaceAtomically(t *testing.T) {
	for name, named := range map[string]bool{"unnamed": false, "named": true} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.csv")
			write := func(w io.Writer) error { _, err := io.WriteString(w, "mới"); return err }
			do := func(o Options) error {
				o.named = named
				return Write(path, o, write)
			}
			if err := os.WriteFile(path, []byte("cũ"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := do(Options{}); !errors.Is(err, fs.ErrExist) {
				t.Fatalf("replacing without Replace: %v, want ErrExist", err)
			}
			if b, _ := os.ReadFile(path); string(b) != "cũ" {
				t.Fatalf("existing file changed to %q", b)
			}
			if err := do(Options{Replace: true, Perm: 0o644}); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if b, _ := os.ReadFile(path); string(b) != "mới" || err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o644) {
				t.Fatalf("replaced file: %q, %v, %v", b, st.Mode(), err)
			}
			failing := func(w io.Writer) error { _, _ = io.WriteString(w, "nửa"); return errors.New("hỏng giữa chừng") }
			if err := Write(filepath.Join(dir, "b.csv"), Options{}, failing); err == nil {
				t.Fatal("a failing write succeeded")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("a failed write left %v", entries)
			}
		})
	}
}
