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
	"errors"
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
}

// Write writes path with write's output: the file appears complete or not
// at all.
func Write(path string, o Options, write func(w io.Writer) error) error {
	if o.Perm == 0 {
		o.Perm = 0o600
	}
	f, err := openUnnamed(filepath.Dir(path), o.Perm)
	if err == nil {
		return writeUnnamed(f, path, o, write)
	}
	return writeNamed(path, o, write)
}

// writeUnnamed fills an unnamed file and gives it its name.
func writeUnnamed(f *os.File, path string, o Options, write func(w io.Writer) error) error {
	defer f.Close()
	if err := fill(f, o.Perm, write); err != nil {
		return err
	}
	if !o.Replace {
		return errors.Join(linkUnnamed(f, path), syncDir(filepath.Dir(path)))
	}
	tmp := tempName(path)
	release, err := register(o.Registrar, tmp)
	if err != nil {
		return err
	}
	defer release()
	if err := linkUnnamed(f, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return syncDir(filepath.Dir(path))
}

// writeNamed writes through a registered temporary file beside path.
func writeNamed(path string, o Options, write func(w io.Writer) error) error {
	tmp := tempName(path)
	release, err := register(o.Registrar, tmp)
	if err != nil {
		return err
	}
	defer release()
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, o.Perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	err = fill(f, o.Perm, write)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if o.Replace {
		err = os.Rename(tmp, path)
	} else {
		err = os.Link(tmp, path) // fails if path exists: no check-then-rename
	}
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// fill sets the mode, writes and syncs f.
func fill(f *os.File, perm fs.FileMode, write func(w io.Writer) error) error {
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := write(f); err != nil {
		return err
	}
	return f.Sync()
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
