package vault

import (
	"daumoi/data/fsx"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Names of the files and folders in a vault folder.
const (
	headerFile   = "vault.header"
	snapshotFile = "db.snapshot"
	journalFile  = "db.journal"
	lockFileName = "vault.lock"
	blobsDir     = "blobs"
	tmpDir       = "tmp"
)

// Exists reports whether dir contains a vault header.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, headerFile))
	return err == nil
}

// writeFileAtomic writes data to dir/name through a temporary file in
// dir/tmp: write, fsync, rename, fsync the folder. Only ciphertext is ever
// passed here.
func writeFileAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Join(dir, tmpDir), name+".*.tmp")
	if err != nil {
		return fmt.Errorf("vault: write %s: %w", name, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("vault: write %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("vault: sync %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("vault: close %s: %w", name, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("vault: rename %s: %w", name, err)
	}
	ok = true
	return syncDir(dir)
}

// readVaultFile reads dir/name; a missing file is corruption (every vault
// file exists from Create on).
func readVaultFile(dir, name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s is missing", ErrCorrupt, name)
	}
	if err != nil {
		return nil, fmt.Errorf("vault: read %s: %w", name, err)
	}
	return b, nil
}

// cleanTmp removes leftovers of interrupted writes from dir/tmp.
func cleanTmp(dir string) error {
	entries, err := os.ReadDir(filepath.Join(dir, tmpDir))
	if err != nil {
		return fmt.Errorf("vault: clean tmp: %w", err)
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, fsx.RemoveAll(filepath.Join(dir, tmpDir, e.Name())))
	}
	return errors.Join(errs...)
}
