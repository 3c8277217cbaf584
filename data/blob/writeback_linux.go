//go:build linux

package blob

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the kernel to start writing the given range of f to
// disk now, without waiting (sync_file_range with SYNC_FILE_RANGE_WRITE).
// Disk writes then overlap with encryption and the final fsync has little
// left to do. It is only a hint: errors are ignored, fsync still decides.
func startWriteback(f *os.File, off, n int64) {
	_ = unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}
