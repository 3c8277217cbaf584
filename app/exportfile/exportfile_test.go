package exportfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestWriteMode writes an export: it has Mode whatever the umask allows,
// and no temporary file is left.
func TestWriteMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tai-san.csv")
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	onlyFiles(t, dir, "tai-san.csv")
}

// TestCreateRefusesFileThatAppearsMeanwhile creates the target while the
// export is being written (after any check a check-then-rename would do):
// publishing refuses, and the other file keeps its content.
func TestCreateRefusesFileThatAppearsMeanwhile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bao-cao.pdf")
	err := Write(path, func(w io.Writer) error {
		if err := os.WriteFile(path, []byte("của người khác"), 0o644); err != nil {
			return err
		}
		_, err := io.WriteString(w, "%PDF-")
		return err
	})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "của người khác" {
		t.Errorf("the other file was replaced: %q", b)
	}
	onlyFiles(t, dir, "bao-cao.pdf")
}

// TestPublishWithoutHardLinks takes the exclusive-create path of a file
// system without hard links: a new name is published, an existing one is
// refused.
func TestPublishWithoutHardLinks(t *testing.T) {
	noLink := func(string, string) error { return &os.LinkError{Op: "link", Err: errors.ErrUnsupported} }
	dir := t.TempDir()
	tmp, path := filepath.Join(dir, "tmp"), filepath.Join(dir, "out")
	if err := os.WriteFile(tmp, []byte("mới"), Mode); err != nil {
		t.Fatal(err)
	}
	if err := publishNew(tmp, path, noLink); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mới" {
		t.Errorf("published %q", b)
	}
	if err := os.WriteFile(tmp, []byte("khác"), Mode); err != nil {
		t.Fatal(err)
	}
	if err := publishNew(tmp, path, noLink); !errors.Is(err, fs.ErrExist) {
		t.Errorf("err = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mới" {
		t.Errorf("replaced: %q", b)
	}
}

// TestFailedWriteLeavesNothing: a failing writer leaves no file and no
// temporary file; Replace keeps the old content.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	fail := func(w io.Writer) error { _, _ = io.WriteString(w, "một nửa"); return boom }
	if err := Write(filepath.Join(dir, "a.csv"), fail); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	old := filepath.Join(dir, "b.csv")
	if err := os.WriteFile(old, []byte("cũ"), Mode); err != nil {
		t.Fatal(err)
	}
	if err := Replace(old, fail); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "cũ" {
		t.Errorf("old content lost: %q", b)
	}
	onlyFiles(t, dir, "b.csv")
}

func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("files %v, want %v", got, want)
		}
	}
}
