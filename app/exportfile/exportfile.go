// Package exportfile writes the files the program exports (registers,
// reports, bundles, calendars, backups, keys) in one way: every export has
// the same file mode, its bytes go to a temporary file in the target's
// folder, and the file appears under its final name, complete, in one
// step. Creating a new file never replaces one that appears meanwhile: the
// final name is taken with a hard link (or an exclusive create), not a
// check followed by a rename.
package exportfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Mode is the permission of every exported file: exports hold the
// agency's data unencrypted, so only the user who made them reads them.
const Mode fs.FileMode = 0o600

// File is an export being written. Its bytes go to a temporary file that
// nobody else sees; Publish gives it its final name and Abort drops it.
type File struct {
	tmp     *os.File
	path    string
	replace bool
	done    bool
}

// Create starts a new file at path. It fails with fs.ErrExist if path
// exists, and so does Publish if path has appeared by then.
func Create(path string) (*File, error) { return start(path, false) }

// CreateReplacing starts a file that replaces path when published (the
// user chose to overwrite it, or a save dialog created it empty).
func CreateReplacing(path string) (*File, error) { return start(path, true) }

func start(path string, replace bool) (*File, error) {
	if _, err := os.Lstat(path); err == nil && !replace {
		// Refused early, before any work; Publish decides atomically.
		return nil, &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	if err := tmp.Chmod(Mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{tmp: tmp, path: path, replace: replace}, nil
}

// Path is the final name of the file.
func (f *File) Path() string { return f.path }

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Publish syncs the file and gives it its final name.
func (f *File) Publish() error {
	if f.done {
		return errors.New("exportfile: already published or aborted")
	}
	f.done = true
	defer os.Remove(f.tmp.Name())
	if err := f.tmp.Sync(); err != nil {
		f.tmp.Close()
		return err
	}
	if err := f.tmp.Close(); err != nil {
		return err
	}
	var err error
	if f.replace {
		err = os.Rename(f.tmp.Name(), f.path)
	} else {
		err = publishNew(f.tmp.Name(), f.path, os.Link)
	}
	if err == nil {
		syncDir(filepath.Dir(f.path))
	}
	return err
}

// Abort removes the temporary file; after Publish it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// publishNew gives tmp the name path unless path exists. A hard link fails
// atomically if path exists; where the file system has no hard links
// (FAT, some network shares) an exclusive create reserves the name and the
// rename then replaces only that empty placeholder.
func publishNew(tmp, path string, link func(oldname, newname string) error) error {
	err := link(tmp, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	placeholder, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Mode)
	if err != nil {
		return err
	}
	if err := placeholder.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// syncDir makes the new name durable where the system allows syncing a
// folder (not on Windows, where the rename itself is durable enough).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Write creates the new file path with what write writes; nothing appears
// at path if write fails or path exists.
func Write(path string, write func(w io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	return finish(f, write)
}

// Replace writes path with what write writes, replacing it in one step;
// path keeps its old content if write fails.
func Replace(path string, write func(w io.Writer) error) error {
	f, err := CreateReplacing(path)
	if err != nil {
		return err
	}
	return finish(f, write)
}

func finish(f *File, write func(w io.Writer) error) error {
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Publish()
}
