package vault

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"daumoi/data/blob"
	"daumoi/data/fsx"

	"filippo.io/age"
)

// backupMagic starts a backup file.
const backupMagic = "DMVBACK\x01"

// maxBackupHeader bounds the header copy in a backup.
const maxBackupHeader = maxHeaderBody + 256

// Credential unlocks a backup: a user's passphrase, or the recovery code.
type Credential struct {
	User         string
	Passphrase   []byte
	RecoveryCode string
}

// Backup writes one file holding everything: backupMagic, the header (a
// copy of the keyslots, u32 length first), then an age stream encrypted to
// the vault's backup recipient containing a tar of a fresh snapshot and
// every recorded blob file. Writers wait while it runs.
func (v *Vault) Backup(w io.Writer) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	hb, err := readVaultFile(v.dir, headerFile)
	if err != nil {
		return err
	}
	id := v.sec.backup
	prefix := binary.BigEndian.AppendUint32([]byte(backupMagic), uint32(len(hb)))
	if _, err := w.Write(append(prefix, hb...)); err != nil {
		return fmt.Errorf("vault: write backup: %w", err)
	}
	aw, err := age.Encrypt(w, id.Recipient())
	if err != nil {
		return fmt.Errorf("vault: write backup: %w", err)
	}
	if err := v.writeBackupTar(aw); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return fmt.Errorf("vault: write backup: %w", err)
	}
	return nil
}

// writeBackupTar writes the snapshot and the blob files as a tar.
func (v *Vault) writeBackupTar(w io.Writer) error {
	snap, err := v.sealedSnapshot()
	if err != nil {
		return err
	}
	tw := tar.NewWriter(w)
	if err := tarEntry(tw, snapshotFile, int64(len(snap)), bytes.NewReader(snap)); err != nil {
		return err
	}
	known, err := recordedBlobs(&ReadTx{q: v.db.conn, db: v.db})
	if err != nil {
		return err
	}
	for _, b := range known {
		if err := v.tarBlob(tw, b); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("vault: write backup: %w", err)
	}
	return nil
}

// tarBlob checks blob b against the vault's record (a damaged or
// substituted file fails the backup with blob.ErrCorrupt) and adds its
// ciphertext. The check and the copy read the same open file.
func (v *Vault) tarBlob(tw *tar.Writer, b BlobInfo) error {
	name := path.Join(blobsDir, b.ID)
	f, err := os.Open(filepath.Join(v.dir, blobsDir, b.ID))
	if err != nil {
		return fmt.Errorf("vault: backup %s: %w", name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("vault: backup %s: %w", name, err)
	}
	if err := v.blobs.VerifyFile(io.NewSectionReader(f, 0, st.Size()), blob.Info{ID: b.ID, Size: b.Size, SHA256: b.SHA256}); err != nil {
		return fmt.Errorf("vault: backup %s: %w", name, err)
	}
	return tarEntry(tw, name, st.Size(), io.NewSectionReader(f, 0, st.Size()))
}

// tarEntry adds one regular file with fixed metadata.
func tarEntry(tw *tar.Writer, name string, size int64, r io.Reader) error {
	hdr := &tar.Header{Name: name, Size: size, Mode: 0o600, Typeflag: tar.TypeReg, ModTime: time.Unix(0, 0), Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("vault: backup %s: %w", name, err)
	}
	if _, err := io.Copy(tw, r); err != nil {
		return fmt.Errorf("vault: backup %s: %w", name, err)
	}
	return nil
}

// Restore recreates a vault in dir (which must not exist or be empty,
// ErrTargetNotEmpty) from a backup, unlocking it with cred. Everything is
// decrypted and verified in a staging folder beside dir (the snapshot loads,
// every blob decrypts and matches its SHA-256) before the staging folder is
// renamed to dir; on any failure nothing is left behind. Errors:
// ErrBackupCorrupt, ErrWrongPassphrase, ErrNoSuchSlot, ErrWrongRecoveryKey,
// ErrRecoveryCodeFormat, ErrNoCredential, ErrUnsupportedVersion.
func Restore(r io.Reader, dir string, cred Credential) error {
	if err := checkRestoreTarget(dir); err != nil {
		return err
	}
	hb, h, keys, err := readBackupHeader(r, cred)
	if err != nil {
		return err
	}
	defer keys.wipe()
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return fmt.Errorf("vault: restore: %w", err)
	}
	staging, err := os.MkdirTemp(parent, "."+base+".restore-*")
	if err != nil {
		return fmt.Errorf("vault: restore: %w", err)
	}
	if err := restoreInto(r, staging, hb, h, keys); err != nil {
		_ = fsx.RemoveAll(staging)
		return err
	}
	if err := moveIntoPlace(staging, dir, parent); err != nil {
		_ = fsx.RemoveAll(staging)
		return err
	}
	return nil
}

// checkRestoreTarget accepts a missing folder or an empty one.
func checkRestoreTarget(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil || len(entries) > 0 {
		return fmt.Errorf("%w: %s", ErrTargetNotEmpty, dir)
	}
	return nil
}

// backupCorrupt wraps err as a damaged backup.
func backupCorrupt(err error) error {
	if errors.Is(err, ErrUnsupportedVersion) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrBackupCorrupt, err)
}

// readBackupHeader reads the header copy and unlocks it with cred.
func readBackupHeader(r io.Reader, cred Credential) ([]byte, *header, *subkeys, error) {
	prefix := make([]byte, len(backupMagic)+4)
	if _, err := io.ReadFull(r, prefix); err != nil || string(prefix[:len(backupMagic)]) != backupMagic {
		return nil, nil, nil, fmt.Errorf("%w: not a vault backup", ErrBackupCorrupt)
	}
	n := binary.BigEndian.Uint32(prefix[len(backupMagic):])
	if n > maxBackupHeader {
		return nil, nil, nil, fmt.Errorf("%w: header too large", ErrBackupCorrupt)
	}
	hb := make([]byte, n)
	if _, err := io.ReadFull(r, hb); err != nil {
		return nil, nil, nil, backupCorrupt(err)
	}
	dh, err := decodeHeader(hb)
	if err != nil {
		return nil, nil, nil, backupCorrupt(err)
	}
	me, err := credentialKey(dh.header, cred)
	if err != nil {
		return nil, nil, nil, err
	}
	keys := newSubkeys(me.vaultKey, dh.idBytes())
	me.wipe()
	if err := dh.verifyMAC(keys.headerMAC); err != nil {
		keys.wipe()
		return nil, nil, nil, backupCorrupt(err)
	}
	return hb, dh.header, keys, nil
}

// credentialKey unwraps the vault key with a passphrase or recovery code.
func credentialKey(h *header, cred Credential) (*unlocked, error) {
	switch {
	case cred.RecoveryCode != "":
		return h.unlockRecovery(cred.RecoveryCode)
	case cred.User != "":
		return h.unlockPassphrase(cred.User, cred.Passphrase)
	}
	return nil, ErrNoCredential
}

// restoreInto unpacks the backup stream into staging and verifies it all.
func restoreInto(r io.Reader, staging string, hb []byte, h *header, keys *subkeys) error {
	for _, d := range []string{tmpDir, blobsDir} {
		if err := os.Mkdir(filepath.Join(staging, d), 0o700); err != nil {
			return fmt.Errorf("vault: restore: %w", err)
		}
	}
	sec, err := openHeaderSecrets(h, keys)
	if err != nil {
		return backupCorrupt(err)
	}
	ar, err := age.Decrypt(r, sec.backup)
	if err != nil {
		return backupCorrupt(err)
	}
	if err := unpackTar(ar, staging); err != nil {
		return err
	}
	if _, err := io.Copy(io.Discard, ar); err != nil {
		return backupCorrupt(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{journalFile, journalPreamble(h.Epoch)}, {headerFile, hb}, {lockFileName, nil}} {
		if err := writeSynced(filepath.Join(staging, f.name), bytesReader(f.data)); err != nil {
			return err
		}
	}
	if err := verifyRestored(staging, h, keys, sec); err != nil {
		return err
	}
	return errors.Join(syncDir(filepath.Join(staging, blobsDir)), syncDir(staging))
}

// unpackTar writes the snapshot and blob entries into staging.
func unpackTar(r io.Reader, staging string) error {
	tr := tar.NewReader(r)
	seen := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return backupCorrupt(err)
		}
		if !validBackupEntry(hdr) || seen[hdr.Name] {
			return fmt.Errorf("%w: unexpected entry %q", ErrBackupCorrupt, hdr.Name)
		}
		seen[hdr.Name] = true
		if err := writeSynced(filepath.Join(staging, filepath.FromSlash(hdr.Name)), tr); err != nil {
			return backupCorrupt(err)
		}
	}
	if !seen[snapshotFile] {
		return fmt.Errorf("%w: no snapshot", ErrBackupCorrupt)
	}
	return nil
}

// validBackupEntry accepts the snapshot and blob files, nothing else.
func validBackupEntry(hdr *tar.Header) bool {
	if hdr.Typeflag != tar.TypeReg {
		return false
	}
	if hdr.Name == snapshotFile {
		return true
	}
	dir, name := path.Split(hdr.Name)
	return dir == blobsDir+"/" && blob.ValidID(name)
}

// bytesReader returns a reader of b.
func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// writeSynced creates path with r's content and fsyncs it.
func writeSynced(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("vault: restore: %w", err)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// verifyRestored loads the restored database and checks every blob.
func verifyRestored(staging string, h *header, keys *subkeys, sec *headerSecrets) error {
	st, err := loadState(staging, h, keys, OpenOptions{})
	if err != nil {
		return backupCorrupt(err)
	}
	defer st.db.close()
	known, err := recordedBlobs(&ReadTx{q: st.db.conn, db: st.db})
	if err != nil {
		return backupCorrupt(err)
	}
	store, err := openBlobStore(staging, sec)
	if err != nil {
		return fmt.Errorf("vault: restore: %w", err)
	}
	files, err := store.List()
	if err != nil {
		return fmt.Errorf("vault: restore: %w", err)
	}
	if len(files) != len(known) {
		return fmt.Errorf("%w: %d blob files for %d recorded blobs", ErrBackupCorrupt, len(files), len(known))
	}
	for id, b := range known {
		if err := store.Verify(id, blob.Info{ID: id, Size: b.Size, SHA256: b.SHA256}); err != nil {
			return backupCorrupt(err)
		}
	}
	return nil
}

// moveIntoPlace renames staging to dir, replacing an empty dir.
func moveIntoPlace(staging, dir, parent string) error {
	if err := os.Rename(staging, dir); err != nil {
		if checkRestoreTarget(dir) != nil {
			return fmt.Errorf("%w: %s", ErrTargetNotEmpty, dir)
		}
		if rmErr := os.Remove(dir); rmErr != nil {
			return fmt.Errorf("vault: restore: %w", err)
		}
		if err := os.Rename(staging, dir); err != nil {
			_ = os.Mkdir(dir, 0o700)
			return fmt.Errorf("vault: restore: %w", err)
		}
	}
	return syncDir(parent)
}
