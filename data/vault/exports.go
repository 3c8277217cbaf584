package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Registrations of files written outside the vault folder (exports,
// backups): tmp/<exportPrefix><nanos>-<hex>, each the sealed absolute path
// of a temporary file. A registration is written before the file is
// created and removed after it was renamed into place, so a crash leaves a
// registration that the next open follows to delete the file.
const (
	exportPrefix  = "export."
	exportPurpose = "temp-register"
	exportADMagic = "DMVTMPX\x01"
)

// exportKey is the key that seals registrations.
func (v *Vault) exportKey() []byte {
	return deriveKey(v.keys.vault, v.hdr.idBytes(), exportPurpose)
}

// RegisterTemp records, durably and sealed, that path (a temporary file of
// an export or backup outside the vault folder) is about to be created.
// release forgets it once the file was renamed into place or removed. If
// the program dies in between, the next open of the vault deletes path.
func (v *Vault) RegisterTemp(path string) (release func() error, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("vault: register temporary file: %w", err)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("%s%d-%x", exportPrefix, time.Now().UnixNano(), randomBytes(6))
	key := v.exportKey()
	defer clear(key)
	sealed := seal(key, []byte(abs), append([]byte(exportADMagic), v.hdr.idBytes()...))
	reg := filepath.Join(v.dir, tmpDir, name)
	if err := errors.Join(writeSynced(reg, bytesReader(sealed)), syncDir(filepath.Dir(reg))); err != nil {
		_ = os.Remove(reg)
		return nil, fmt.Errorf("vault: register temporary file: %w", err)
	}
	return func() error { return os.Remove(reg) }, nil
}

// removeStaleTemps deletes the files named by registrations left in tmp/
// by a crash. Registrations that do not open are left to cleanTmp.
func (v *Vault) removeStaleTemps() error {
	entries, err := os.ReadDir(filepath.Join(v.dir, tmpDir))
	if err != nil {
		return fmt.Errorf("vault: clean exports: %w", err)
	}
	key := v.exportKey()
	defer clear(key)
	var errs []error
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), exportPrefix) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(v.dir, tmpDir, e.Name()))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		path, err := open(key, b, append([]byte(exportADMagic), v.hdr.idBytes()...))
		if err != nil || !filepath.IsAbs(string(path)) {
			continue
		}
		if err := os.Remove(string(path)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
