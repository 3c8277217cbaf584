package vault

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
)

// CreateOptions are the parameters of a new vault.
type CreateOptions struct {
	User       string     // first user's name, which is also the id of their passphrase slot
	Passphrase []byte     // first user's passphrase (normalised to NFC before use)
	KDF        *KDFParams // nil: DefaultKDF, or InsecureFastKDF when DAUMOI_INSECURE_FAST_KDF=1
	Now        time.Time  // creation time recorded in the header (zero: time.Now)
}

// internalSchema creates the vault's own tables.
func internalSchema() []string {
	return []string{
		`CREATE TABLE vault_blobs (id TEXT PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT NOT NULL, created TEXT NOT NULL)`,
		`CREATE TABLE vault_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`,
	}
}

// Create makes a new vault in dir (created if needed) with one passphrase
// slot and a recovery slot, and returns it open with the recovery code to
// show once. It returns ErrVaultExists if dir already holds a vault.
func Create(dir string, opts CreateOptions) (*Vault, RecoveryCode, error) {
	user, err := normalizeUser(opts.User)
	if err != nil {
		return nil, "", err
	}
	kdf := defaultKDFFor(opts.KDF)
	if err := kdf.validate(); err != nil {
		return nil, "", err
	}
	if len(opts.Passphrase) == 0 {
		return nil, "", ErrEmptyPassphrase
	}
	if Exists(dir) {
		return nil, "", fmt.Errorf("%w: %s", ErrVaultExists, dir)
	}
	for _, d := range []string{dir, filepath.Join(dir, tmpDir), filepath.Join(dir, blobsDir)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, "", fmt.Errorf("vault: create folder: %w", err)
		}
	}
	if err := syncDir(filepath.Dir(filepath.Clean(dir))); err != nil {
		return nil, "", err
	}
	lock, err := takeLock(dir)
	if err != nil {
		return nil, "", err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	v, code, err := create(dir, lock, user, opts.Passphrase, kdf, now)
	if err != nil {
		_ = lock.Close()
		return nil, "", err
	}
	return v, code, nil
}

// create writes the files of a new vault; the header comes last, so a
// crash before it leaves a folder that is not (yet) a vault.
func create(dir string, lock *os.File, user string, pass []byte, kdf KDFParams, now time.Time) (*Vault, RecoveryCode, error) {
	if Exists(dir) {
		return nil, "", fmt.Errorf("%w: %s", ErrVaultExists, dir)
	}
	vaultKey := randomBytes(keySize)
	defer clear(vaultKey)
	idBytes := randomBytes(vaultIDSize)
	keys := newSubkeys(vaultKey, idBytes)
	h, code, err := newHeader(hex.EncodeToString(idBytes), keys, user, pass, kdf, now)
	if err != nil {
		keys.wipe()
		return nil, "", err
	}
	if err := writeInitialFiles(dir, h, keys); err != nil {
		keys.wipe()
		return nil, "", err
	}
	v, err := openVault(dir, lock, h, keys, OpenOptions{})
	if err != nil {
		keys.wipe()
		return nil, "", err
	}
	return v, code, nil
}

// newHeader builds the header of a new vault with its identities and slots.
func newHeader(vaultID string, keys *subkeys, user string, pass []byte, kdf KDFParams, now time.Time) (*header, RecoveryCode, error) {
	h := &header{Version: formatVersion, VaultID: vaultID, Created: now.UTC().Format(time.RFC3339)}
	for _, target := range []struct {
		dst     *[]byte
		key     []byte
		purpose string
	}{{&h.BlobIdentity, keys.blobIdentity, purposeBlobIdentity}, {&h.BackupIdentity, keys.backup, purposeBackup}} {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, "", fmt.Errorf("vault: generate identity: %w", err)
		}
		*target.dst = sealIdentity(target.key, vaultID, target.purpose, id)
	}
	ps, err := passphraseSlot(vaultID, user, pass, kdf, keys.vault, now)
	if err != nil {
		return nil, "", err
	}
	rs, code := recoverySlot(vaultID, keys.vault, now)
	h.Slots = []slot{ps, rs}
	return h, code, nil
}

// identityAD binds a sealed identity to its vault and purpose.
func identityAD(vaultID, purpose string) []byte {
	return []byte("daumoi vault v1 identity\x00" + vaultID + "\x00" + purpose)
}

// sealIdentity encrypts an age identity under key.
func sealIdentity(key []byte, vaultID, purpose string, id *age.X25519Identity) []byte {
	return seal(key, []byte(id.String()), identityAD(vaultID, purpose))
}

// openIdentity decrypts an identity sealed by sealIdentity.
func openIdentity(key []byte, vaultID, purpose string, sealed []byte) (*age.X25519Identity, error) {
	pt, err := open(key, sealed, identityAD(vaultID, purpose))
	if err != nil {
		return nil, fmt.Errorf("%w: header: %s cannot be decrypted", ErrCorrupt, purpose)
	}
	defer clear(pt)
	id, err := age.ParseX25519Identity(string(pt))
	if err != nil {
		return nil, fmt.Errorf("%w: header: %s: %v", ErrCorrupt, purpose, err)
	}
	return id, nil
}

// writeInitialFiles writes the empty database snapshot, the empty journal
// and finally the header.
func writeInitialFiles(dir string, h *header, keys *subkeys) error {
	db, err := newMemDB()
	if err != nil {
		return err
	}
	defer db.close()
	for _, q := range internalSchema() {
		if _, err := db.conn.ExecContext(bg(), q); err != nil {
			return fmt.Errorf("vault: create schema: %w", err)
		}
	}
	image, err := db.serialize()
	if err != nil {
		return err
	}
	snap := sealSnapshot(keys.snapshot, h.idBytes(), snapshot{DB: image})
	hb, err := encodeHeader(h, keys.headerMAC)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{snapshotFile, snap}, {journalFile, []byte(journalMagic)}, {headerFile, hb}} {
		if err := writeFileAtomic(dir, f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}
