//go:build windows

package vault

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive, non-blocking LockFileEx lock on the first
// byte range of f; Windows releases it when the handle closes or the process dies.
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return ErrLocked
	}
	if err != nil {
		return fmt.Errorf("vault: lock: %w", err)
	}
	return nil
}

// syncDir does nothing on Windows: a folder cannot be opened and fsynced
// there. NTFS journals its metadata, so a rename is not lost the way an
// unsynced directory entry can be on Linux; the file contents themselves are
// fsynced before every rename.
func syncDir(string) error { return nil }
