// Package paths says where daumoi keeps its files when the user has not said
// otherwise. The GUI and the command line share these rules.
package paths

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultVaultDir is where the vault lives when nothing says otherwise:
// %AppData%\daumoi\vault on Windows, $XDG_DATA_HOME/daumoi/vault or
// ~/.local/share/daumoi/vault elsewhere. getenv is os.Getenv in the program
// and a fake environment in tests.
func DefaultVaultDir(getenv func(string) string) (string, error) {
	if runtime.GOOS == "windows" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "daumoi", "vault"), nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "daumoi", "vault"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "daumoi", "vault"), nil
}
