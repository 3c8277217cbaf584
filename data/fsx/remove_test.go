package fsx

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveAll(t *testing.T) {
	// Not t.TempDir: its own clean-up is what fails under Wine.
	dir, err := os.MkdirTemp("", "fsx-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(dir)
	root := filepath.Join(dir, "kho dữ liệu")
	for _, p := range []string{"a/b/c", "a/d", "e"} {
		if err := os.MkdirAll(filepath.Join(root, p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p, "tệp.bin"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s still there: %v", root, err)
	}
	if err := RemoveAll(root); err != nil {
		t.Fatalf("removing what is gone: %v", err)
	}
}
