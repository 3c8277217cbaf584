package vault

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"daumoi/data/blob"
)

// Automatic compaction thresholds, checked after each commit.
const (
	autoCompactBytes   = 8 << 20
	autoCompactRecords = 10000
)

// Vault is an unlocked vault. Its methods are safe for concurrent use; write
// transactions run one at a time.
type Vault struct {
	mu     sync.Mutex
	dir    string
	id     string
	lock   *os.File
	hdr    *header
	keys   *subkeys
	db     *memDB
	j      *journal
	blobs  *blob.Store
	closed bool
	broken error
}

// ID returns the vault's random id (32 hex digits).
func (v *Vault) ID() string { return v.id }

// Slots lists the keyslots without secrets.
func (v *Vault) Slots() []SlotInfo {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.hdr.infos()
}

// usable returns why the vault cannot be used, if it cannot.
func (v *Vault) usable() error {
	if v.closed {
		return ErrClosed
	}
	return v.broken
}

// Update runs fn in one write transaction. If fn returns nil and every
// statement succeeded, the statements are appended to the journal as one
// record and fsynced before the in-memory commit: when Update returns nil
// the change survives a crash or power cut. Otherwise nothing changes.
// fn must not call other methods of v (they would wait for Update).
func (v *Vault) Update(fn func(tx *Tx) error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	if err := v.update(fn); err != nil {
		return err
	}
	if v.j.size > autoCompactBytes || v.j.since >= autoCompactRecords {
		// The commit is durable; a failed compaction leaves a valid journal
		// and is retried after the next commit, so it is not reported here.
		_ = v.compact()
	}
	return nil
}

// update is Update with v.mu held.
func (v *Vault) update(fn func(tx *Tx) error) error {
	sqlTx, err := v.db.conn.BeginTx(bg(), nil)
	if err != nil {
		return fmt.Errorf("vault: begin: %w", err)
	}
	tx := &Tx{ReadTx: ReadTx{q: sqlTx, db: v.db}, tx: sqlTx}
	defer func() {
		if !tx.done { // fn panicked: roll back so the connection stays usable
			_ = sqlTx.Rollback()
		}
	}()
	err = fn(tx)
	tx.done = true
	if err == nil {
		err = tx.err
	}
	if err != nil || len(tx.stmts) == 0 {
		return errors.Join(err, v.finishTx(sqlTx, err == nil))
	}
	undo, err := v.j.appendRecord(tx.stmts)
	if err != nil {
		v.noteBroken(err)
		return errors.Join(err, v.finishTx(sqlTx, false))
	}
	if err := v.finishTx(sqlTx, true); err != nil {
		uerr := undo()
		v.noteBroken(uerr)
		return errors.Join(err, uerr)
	}
	return nil
}

// finishTx commits or rolls back. A failed COMMIT (a deferred constraint)
// leaves SQLite's transaction open, so it is rolled back explicitly.
func (v *Vault) finishTx(tx interface {
	Commit() error
	Rollback() error
}, commit bool) error {
	if !commit {
		_ = tx.Rollback()
		return nil
	}
	if err := tx.Commit(); err != nil {
		_, _ = v.db.conn.ExecContext(bg(), "ROLLBACK")
		return fmt.Errorf("%w: commit: %w", ErrStatementFailed, err)
	}
	return nil
}

// noteBroken marks the vault unusable when err is ErrBroken.
func (v *Vault) noteBroken(err error) {
	if errors.Is(err, ErrBroken) {
		v.broken = err
	}
}

// View runs fn with read-only access to the database. fn must not call
// other methods of v.
func (v *Vault) View(fn func(tx *ReadTx) error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	return fn(&ReadTx{q: v.db.conn, db: v.db})
}

// Compact writes a new snapshot of the database and restarts the journal.
// Each step is atomic (temporary file, fsync, rename, fsync folder); a crash
// between them leaves a snapshot and a journal that still open correctly.
func (v *Vault) Compact() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	return v.compact()
}

// compact is Compact with v.mu held.
func (v *Vault) compact() error {
	sealed, err := v.sealedSnapshot()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.dir, snapshotFile, sealed); err != nil {
		return err
	}
	// The journal handle is closed before the rename (Windows cannot
	// replace an open file) and reopened on whichever file is in place.
	old := *v.j
	_ = v.j.close()
	werr := writeFileAtomic(v.dir, journalFile, []byte(journalMagic))
	j, err := openJournalAppend(v.dir, old.seq, old.head, old.since, v.keys.journal, v.hdr.idBytes())
	if err != nil {
		v.broken = fmt.Errorf("%w: reopen journal: %w", ErrBroken, err)
		return v.broken
	}
	v.j = j
	return werr
}

// sealedSnapshot serialises and seals the database at the journal head.
func (v *Vault) sealedSnapshot() ([]byte, error) {
	image, err := v.db.serialize()
	if err != nil {
		return nil, err
	}
	defer clear(image)
	return sealSnapshot(v.keys.snapshot, v.hdr.idBytes(), snapshot{Seq: v.j.seq, Head: v.j.head, DB: image}), nil
}

// Close closes the database, zeroes the keys as far as Go allows and
// releases the lock. The in-memory database's pages are freed by SQLite but
// not zeroed.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil
	}
	v.closed = true
	jerr := v.j.close()
	v.db.close()
	v.keys.wipe()
	return errors.Join(jerr, v.lock.Close())
}

// writeHeader authenticates and writes h, then makes it current.
func (v *Vault) writeHeader(h *header) error {
	b, err := encodeHeader(h, v.keys.headerMAC)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.dir, headerFile, b); err != nil {
		return err
	}
	v.hdr = h
	return nil
}

// SetPassphrase adds user's passphrase slot or rewraps it with a new
// passphrase (kdf nil: the default). Only the slot changes; no data is
// re-encrypted.
func (v *Vault) SetPassphrase(user string, pass []byte, kdf *KDFParams) error {
	u, err := normalizeUser(user)
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	s, err := passphraseSlot(v.hdr.VaultID, u, pass, defaultKDFFor(kdf), v.keys.vault, time.Now())
	if err != nil {
		return err
	}
	return v.putSlot(s, true)
}

// putSlot adds s, or replaces the slot with the same id when replace is set
// and its kind matches.
func (v *Vault) putSlot(s slot, replace bool) error {
	h := v.hdr.clone()
	switch i := h.slotIndex(s.ID); {
	case i < 0:
		h.Slots = append(h.Slots, s)
	case replace && h.Slots[i].Kind == s.Kind:
		h.Slots[i] = s
	default:
		return fmt.Errorf("%w: %q", ErrSlotExists, s.ID)
	}
	return v.writeHeader(h)
}

// AddSecretSlot adds a slot unlocked by a new random 32-byte secret, which
// it returns for the caller to keep in the OS keyring.
func (v *Vault) AddSecretSlot(id string) ([]byte, error) {
	id, err := normalizeUser(id)
	if err != nil {
		return nil, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return nil, err
	}
	s, secret := secretSlot(v.hdr.VaultID, id, v.keys.vault, time.Now())
	if err := v.putSlot(s, false); err != nil {
		clear(secret)
		return nil, err
	}
	return secret, nil
}

// RemoveSlot removes a slot. It refuses to remove the last passphrase slot
// (ErrLastSlot).
func (v *Vault) RemoveSlot(id string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	h := v.hdr.clone()
	i := h.slotIndex(textnormID(id))
	if i < 0 {
		return fmt.Errorf("%w: %q", ErrNoSuchSlot, id)
	}
	if h.Slots[i].Kind == SlotPassphrase && h.countKind(SlotPassphrase) == 1 {
		return ErrLastSlot
	}
	h.Slots = append(h.Slots[:i], h.Slots[i+1:]...)
	return v.writeHeader(h)
}

// NewRecoveryCode replaces the recovery slot and returns the new code; the
// old code stops working.
func (v *Vault) NewRecoveryCode() (RecoveryCode, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return "", err
	}
	s, code := recoverySlot(v.hdr.VaultID, v.keys.vault, time.Now())
	if err := v.putSlot(s, true); err != nil {
		return "", err
	}
	return code, nil
}
