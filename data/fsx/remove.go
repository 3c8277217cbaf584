// Package fsx holds the file-system helpers the vault needs beyond package
// os, where an operating system (or Wine) makes os fall short.
package fsx

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// RemoveAll removes path and everything below it, like os.RemoveAll. When
// os.RemoveAll fails — under Wine 8 it fails for any folder with files in
// it ("unlinkat …: Invalid function": Wine lacks
// FileDispositionInformationEx, which Go's Windows RemoveAll uses, and Go
// does not fall back) — it removes the entries one by one with os.Remove,
// deepest first, and reports what still cannot be removed.
func RemoveAll(path string) error {
	err := os.RemoveAll(path)
	if err == nil {
		return nil
	}
	if _, statErr := os.Lstat(path); errors.Is(statErr, fs.ErrNotExist) {
		return nil
	}
	var paths []string
	walkErr := filepath.WalkDir(path, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			paths = append(paths, p)
		}
		return nil
	})
	if walkErr != nil {
		return errors.Join(err, walkErr)
	}
	slices.Reverse(paths) // children before their folder
	var errs []error
	for _, p := range paths {
		if e := os.Remove(p); e != nil && !errors.Is(e, fs.ErrNotExist) {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}
