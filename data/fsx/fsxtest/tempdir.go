// Package fsxtest gives tests a temporary folder that can be removed under
// Wine too (see fsx.RemoveAll); testing.T.TempDir's clean-up fails there for
// any folder with files in it.
package fsxtest

import (
	"os"
	"testing"

	"daumoi/data/fsx"
)

// TempDir returns a new empty folder removed (with fsx.RemoveAll) when the
// test ends; a folder that cannot be removed fails the test, as with
// t.TempDir.
func TempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "daumoi-test-")
	if err != nil {
		t.Fatalf("TempDir: %v", err)
	}
	t.Cleanup(func() {
		if err := fsx.RemoveAll(dir); err != nil {
			t.Errorf("TempDir clean-up: %v", err)
		}
	})
	return dir
}
