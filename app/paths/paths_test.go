package paths

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestDefaultVaultDirFollowsXDG(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("XDG_DATA_HOME is not used on Windows")
	}
	env := map[string]string{"XDG_DATA_HOME": "/srv/data"}
	got, err := DefaultVaultDir(func(k string) string { return env[k] })
	if err != nil || got != filepath.Join("/srv/data", "daumoi", "vault") {
		t.Errorf("DefaultVaultDir = %q, %v", got, err)
	}
	t.Setenv("HOME", "/home/an")
	got, err = DefaultVaultDir(func(string) string { return "" })
	if err != nil || got != filepath.Join("/home/an", ".local", "share", "daumoi", "vault") {
		t.Errorf("DefaultVaultDir without XDG = %q, %v", got, err)
	}
}
