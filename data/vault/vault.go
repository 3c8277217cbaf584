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
	keys   *subkeys       // keys of the header's epoch
	sec    *headerSecrets // the header's sealed parts, opened
	me     *unlocked      // the slot that unlocked the vault (its vault key wiped)
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
	tx := &Tx{ReadTx: ReadTx{q: sqlTx, db: v.db, auth: v.authority()}, tx: sqlTx}
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
	return fn(&ReadTx{q: v.db.conn, db: v.db, auth: v.authority()})
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
	werr := writeFileAtomic(v.dir, journalFile, journalPreamble(v.hdr.Epoch))
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
	return sealSnapshot(v.keys.snapshot, v.hdr.idBytes(), v.hdr.Epoch, snapshot{Seq: v.j.seq, Head: v.j.head, DB: image}), nil
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
	v.me.wipe()
	return errors.Join(jerr, v.lock.Close())
}

// writeHeader authenticates and writes h, then makes it current.
func (v *Vault) writeHeader(h *header) error {
	if err := v.sec.sealInto(h, v.keys); err != nil {
		return err
	}
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

// slotKeys returns what new slots are made with; withAuthority gives them
// the authority key (which the unlocking slot must hold).
func (v *Vault) slotKeys(withAuthority bool) (slotKeys, error) {
	k := slotKeys{vaultID: v.hdr.VaultID, epoch: v.hdr.Epoch, vaultKey: v.keys.vault, anchor: v.me.anchor}
	if withAuthority {
		if v.me.authority == nil {
			return k, ErrNoAuthority
		}
		k.authority = v.me.authority
	}
	return k, nil
}

// SetPassphrase adds user's passphrase slot (kdf nil: the default), or
// replaces it with a new passphrase. Replacing rotates the vault key in the
// same header write (see RotateKey), so that the old passphrase, with a copy
// of the old header, opens nothing written afterwards; the new slot keeps
// the old one's authority key. A new slot has no authority key
// (SetAuthority gives it).
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
	old := v.hdr.slotByID(u)
	if old == nil {
		k, _ := v.slotKeys(false)
		s, mac, err := passphraseSlot(k, u, pass, defaultKDFFor(kdf), time.Now())
		if err != nil {
			return err
		}
		return v.putSlot(s, mac)
	}
	if old.Kind != SlotPassphrase {
		return fmt.Errorf("%w: %q", ErrSlotExists, u)
	}
	if len(pass) == 0 {
		return ErrEmptyPassphrase
	}
	withAuthority := len(old.Authority) > 0
	return v.rotate(func(h *header, hs *headerSecrets, k slotKeys) error {
		if !withAuthority {
			k.authority = nil
		} else if k.authority == nil {
			return ErrNoAuthority
		}
		s, mac, err := passphraseSlot(k, u, pass, defaultKDFFor(kdf), time.Now())
		if err != nil {
			return err
		}
		*h.slotByID(u) = s
		hs.macs[u] = mac
		return nil
	})
}

// putSlot adds the new slot s with its MAC key.
func (v *Vault) putSlot(s slot, mac []byte) error {
	h := v.hdr.clone()
	if h.slotIndex(s.ID) >= 0 {
		return fmt.Errorf("%w: %q", ErrSlotExists, s.ID)
	}
	h.Slots = append(h.Slots, s)
	v.sec.macs[s.ID] = mac
	if err := v.writeHeader(h); err != nil {
		delete(v.sec.macs, s.ID)
		return err
	}
	return nil
}

// AddSecretSlot adds a slot unlocked by a new random 32-byte secret, which
// it returns for the caller to keep in the OS keyring. The slot is for the
// user who unlocked the vault: it holds the authority key if their slot
// does.
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
	k, _ := v.slotKeys(v.me.authority != nil)
	s, mac, secret, err := secretSlot(k, id, time.Now())
	if err != nil {
		return nil, err
	}
	if err := v.putSlot(s, mac); err != nil {
		clear(secret)
		return nil, err
	}
	return secret, nil
}

// RemoveSlot removes a slot without changing the vault key (use RevokeSlots
// when whoever holds the slot's credential must lose access). It refuses to
// remove the last passphrase slot (ErrLastSlot).
func (v *Vault) RemoveSlot(id string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	h := v.hdr.clone()
	if err := removeSlots(h, textnormID(id)); err != nil {
		return err
	}
	return v.writeHeader(h)
}

// removeSlots removes the named slots from h; every one must exist, and at
// least one passphrase slot must remain.
func removeSlots(h *header, ids ...string) error {
	for _, id := range ids {
		i := h.slotIndex(id)
		if i < 0 {
			return fmt.Errorf("%w: %q", ErrNoSuchSlot, id)
		}
		h.Slots = append(h.Slots[:i], h.Slots[i+1:]...)
	}
	if h.countKind(SlotPassphrase) == 0 {
		return ErrLastSlot
	}
	return nil
}

// NewRecoveryCode replaces the recovery slot and returns the new code,
// rotating the vault key in the same header write: the old code, even with
// a copy of the old header or an old backup, opens nothing written
// afterwards. The recovery slot holds the authority key, so only a slot
// that holds it may replace it (ErrNoAuthority).
func (v *Vault) NewRecoveryCode() (RecoveryCode, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return "", err
	}
	var code RecoveryCode
	err := v.rotate(func(h *header, hs *headerSecrets, k slotKeys) error {
		if k.authority == nil {
			return ErrNoAuthority
		}
		s, mac, c, err := recoverySlot(k, time.Now())
		if err != nil {
			return err
		}
		if old := h.slotByID(recoverySlotID); old != nil {
			*old = s
		} else {
			h.Slots = append(h.Slots, s)
		}
		hs.macs[s.ID], code = mac, c
		return nil
	})
	if err != nil {
		return "", err
	}
	return code, nil
}
