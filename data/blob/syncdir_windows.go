//go:build windows

package blob

// syncDir is a no-op on Windows: a folder cannot be opened for FlushFileBuffers
// by os.Open, and NTFS journals the metadata of a rename itself.
func syncDir(dir string) error { return nil }
