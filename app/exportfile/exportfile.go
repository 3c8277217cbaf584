// Package exportfile writes files the user asked for (exports, reports,
// backups) so that a crash or SIGKILL never leaves a partial file behind:
// the content goes to a file with no name (Linux O_TMPFILE) that gets its
// name only once complete and synced, or, where that is not available, to
// a temporary file whose path was first registered in the vault, which
// deletes it at the next open if the program died.
package exportfile

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Registrar records a temporary file's path before it is created (for
// example vault.Vault.RegisterTemp via session.Session.RegisterTemp).
type Registrar interface {
	RegisterTemp(path string) (release func() error, err error)
}

// Options change how Write places the file.
type Options struct {
	Perm fs.FileMode
	// Replace allows replacing an existing file (the user confirmed it);
	// otherwise Write fails with fs.ErrExist, atomically.
	Replace bool
	// Registrar, if set, registers every named temporary file before it
	// is created.
	Registrar Registrar
	// named forces the registered temporary file (tests of the path used
	// where unnamed files do not exist).
	named bool
}

// Write writes path with write's output: the file appears complete or not
// at all.
func Write(path string, o Options, write func(w io.Writer) error) error {
	f, err := Create(path, o)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return err
	}
	return f.Publish()
}

// File is an export being written whose caller decides when it appears:
// Publish gives it its name (complete and synced), Abort discards it. It
// lets a writer such as a signed bundle record what it wrote before the
// file is published. Everything that can block on the vault (registering
// the temporary file) happens in Create.
type File struct {
	f       *os.File
	path    string
	o       Options
	tmp     string // named temporary file, or "" for an unnamed one
	release func()
}

// Create starts an export to path (Options as for Write).
func Create(path string, o Options) (*File, error) {
	if o.Perm == 0 {
		o.Perm = 0o600
	}
	ef := &File{path: path, o: o, release: func() {}}
	if f, err := openUnnamed(filepath.Dir(path), o.Perm); err == nil && !o.named {
		ef.f = f
	} else {
		if f != nil {
			_ = f.Close()
		}
		ef.tmp = tempName(path)
		if ef.release, err = register(o.Registrar, ef.tmp); err != nil {
			return nil, err
		}
		if ef.f, err = os.OpenFile(ef.tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, o.Perm); err != nil {
			ef.release()
			return nil, err
		}
	}
	if err := ef.f.Chmod(o.Perm); err != nil {
		ef.Abort()
		return nil, err
	}
	return ef, nil
}

// Write writes p to the export.
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Publish syncs the file and gives it its name; without Options.Replace it
// fails, atomically, if the name exists. On failure nothing is left.
func (f *File) Publish() error {
	err := f.f.Sync()
	if err == nil {
		err = f.name()
	}
	if err != nil {
		f.Abort()
		return err
	}
	_ = f.f.Close()
	f.release()
	f.release = func() {}
	return syncDir(filepath.Dir(f.path))
}

// name links or renames the synced file to its path.
func (f *File) name() error {
	if f.tmp == "" && !f.o.Replace {
		return linkUnnamed(f.f, f.path)
	}
	if f.tmp == "" { // replacing: through a registered name, then rename
		f.tmp = tempName(f.path)
		release, err := register(f.o.Registrar, f.tmp)
		if err != nil {
			f.tmp = ""
			return err
		}
		prev := f.release
		f.release = func() { release(); prev() }
		if err := linkUnnamed(f.f, f.tmp); err != nil {
			f.tmp = ""
			return err
		}
	}
	var err error
	if f.o.Replace {
		err = os.Rename(f.tmp, f.path)
	} else {
		err = os.Link(f.tmp, f.path) // fails if path exists: no check-then-rename
		_ = os.Remove(f.tmp)
	}
	if err == nil {
		f.tmp = ""
	}
	return err
}

// Abort discards the export; nothing appears under its name.
func (f *File) Abort() {
	_ = f.f.Close()
	if f.tmp != "" {
		_ = os.Remove(f.tmp)
		f.tmp = ""
	}
	f.release()
	f.release = func() {}
}

// register registers tmp with r, if any.
func register(r Registrar, tmp string) (func(), error) {
	if r == nil {
		return func() {}, nil
	}
	release, err := r.RegisterTemp(tmp)
	if err != nil {
		return nil, fmt.Errorf("exportfile: %w", err)
	}
	return func() { _ = release() }, nil
}

// tempName is a fresh hidden name beside path.
func tempName(path string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(b))
}
