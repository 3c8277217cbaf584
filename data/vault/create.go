package vault

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"
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
	h, me, code, err := newHeader(hex.EncodeToString(idBytes), keys, user, pass, kdf, now)
	if err != nil {
		keys.wipe()
		return nil, "", err
	}
	if err := writeInitialFiles(dir, h, keys); err != nil {
		keys.wipe()
		me.wipe()
		return nil, "", err
	}
	v, err := openVault(dir, lock, h, keys, me, OpenOptions{})
	if err != nil {
		keys.wipe()
		me.wipe()
		return nil, "", err
	}
	return v, code, nil
}

// newHeader builds the header of a new vault (epoch 1) with its identities,
// its authority key and the first user's passphrase slot and the recovery
// slot, both holding the authority key. It also returns what unlocking the
// first user's slot would give, without running the KDF again.
func newHeader(vaultID string, keys *subkeys, user string, pass []byte, kdf KDFParams, now time.Time) (*header, *unlocked, RecoveryCode, error) {
	h := &header{Version: formatVersion, VaultID: vaultID, Created: now.UTC().Format(time.RFC3339), Epoch: 1}
	anchor, authority, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, nil, "", fmt.Errorf("vault: generate authority key: %w", err)
	}
	k := slotKeys{vaultID: vaultID, epoch: h.Epoch, vaultKey: keys.vault, anchor: anchor, authority: authority}
	ps, pmac, err := passphraseSlot(k, user, pass, kdf, now)
	if err != nil {
		return nil, nil, "", err
	}
	rs, rmac, code, err := recoverySlot(k, now)
	if err != nil {
		return nil, nil, "", err
	}
	h.Slots = []slot{ps, rs}
	hs, err := freshSecrets(map[string][]byte{ps.ID: pmac, rs.ID: rmac}, nil)
	if err != nil {
		return nil, nil, "", err
	}
	if err := hs.sealInto(h, keys); err != nil {
		return nil, nil, "", err
	}
	me := &unlocked{slotID: ps.ID, kind: SlotPassphrase, mac: append([]byte(nil), pmac...), anchor: anchor, authority: authority}
	return h, me, code, nil
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
	snap := sealSnapshot(keys.snapshot, h.idBytes(), h.Epoch, snapshot{DB: image})
	hb, err := encodeHeader(h, keys.headerMAC)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{snapshotFile, snap}, {journalFile, journalPreamble(h.Epoch)}, {headerFile, hb}} {
		if err := writeFileAtomic(dir, f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}
