//go:build !linux

package exportfile

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
)

// errNoUnnamed: this system has no unnamed files; Write uses a registered
// temporary file.
var errNoUnnamed = errors.New("exportfile: unnamed files not supported")

func openUnnamed(string, fs.FileMode) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(*os.File, string) error { return errNoUnnamed }

// syncDir fsyncs a folder (not possible, nor needed, on Windows).
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
