package vault

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// OpenOptions change how a vault is opened.
type OpenOptions struct {
	// RepairTornTail is kept for compatibility and has no effect: an
	// incomplete final journal record is always dropped at open (see
	// Vault.DroppedTails).
	RepairTornTail bool
	// Repair, if set, is asked whether to drop damaged journal records
	// (ErrJournalDamaged): it gets the plan, computed after everything
	// kept was checked, and returns true to drop them. Nil: never repair.
	Repair func(RepairPlan) bool
}

// Locked is a vault whose lock is held and whose header was read and
// checked, but which is not unlocked yet.
type Locked struct {
	mu   sync.Mutex
	dir  string
	lock *os.File
	hdr  *decodedHeader
	opts OpenOptions
}

// bg is the context of the vault's own database calls: they never block on
// anything but the in-memory database.
func bg() context.Context { return context.Background() }

// takeLock opens (creating if needed) the lock file and locks it.
func takeLock(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFileName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("vault: open lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// OpenLocked takes the vault's exclusive lock (ErrLocked if another process
// holds it) and reads and checks the header. No key is needed yet.
func OpenLocked(dir string) (*Locked, error) {
	if !Exists(dir) {
		return nil, fmt.Errorf("%w: %s", ErrNoVault, dir)
	}
	lock, err := takeLock(dir)
	if err != nil {
		return nil, err
	}
	b, err := readVaultFile(dir, headerFile)
	if err == nil {
		var h *decodedHeader
		if h, err = decodeHeader(b); err == nil {
			return &Locked{dir: dir, lock: lock, hdr: h}, nil
		}
	}
	_ = lock.Close()
	return nil, err
}

// SetOpenOptions sets the options used by the next Unlock call.
func (l *Locked) SetOpenOptions(o OpenOptions) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.opts = o
}

// Slots lists the keyslots: id, kind and creation time, no secrets.
func (l *Locked) Slots() []SlotInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hdr == nil {
		return nil
	}
	return l.hdr.infos()
}

// UnlockPassphrase unlocks with user's passphrase. Errors: ErrNoSuchSlot,
// ErrWrongPassphrase, ErrCorrupt, ErrJournalDamaged. On error the Locked
// stays usable.
func (l *Locked) UnlockPassphrase(user string, pass []byte) (*Vault, error) {
	return l.unlock(func(h *header) (*unlocked, error) { return h.unlockPassphrase(user, pass) })
}

// UnlockRecovery unlocks with the recovery code. Errors:
// ErrRecoveryCodeFormat, ErrWrongRecoveryKey, ErrCorrupt, ErrJournalDamaged.
func (l *Locked) UnlockRecovery(code string) (*Vault, error) {
	return l.unlock(func(h *header) (*unlocked, error) { return h.unlockRecovery(code) })
}

// UnlockSecret unlocks with a secret slot's secret (from the OS keyring).
// Errors: ErrNoSuchSlot, ErrWrongSecret, ErrCorrupt, ErrJournalDamaged.
func (l *Locked) UnlockSecret(slotID string, secret []byte) (*Vault, error) {
	return l.unlock(func(h *header) (*unlocked, error) { return h.unlockSecret(slotID, secret) })
}

// unlock derives the vault key with keyOf and opens the vault. On success
// the lock moves to the Vault and l is closed.
func (l *Locked) unlock(keyOf func(*header) (*unlocked, error)) (*Vault, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hdr == nil {
		return nil, ErrClosed
	}
	me, err := keyOf(l.hdr.header)
	if err != nil {
		return nil, err
	}
	keys := newSubkeys(me.vaultKey, l.hdr.idBytes())
	clear(me.vaultKey)
	if err := l.hdr.verifyMAC(keys.headerMAC); err != nil {
		keys.wipe()
		me.wipe()
		return nil, err
	}
	v, err := openVault(l.dir, l.lock, l.hdr.header, keys, me, l.opts)
	if err != nil {
		keys.wipe()
		me.wipe()
		return nil, err
	}
	l.hdr, l.lock = nil, nil
	return v, nil
}

// Close releases the lock without unlocking.
func (l *Locked) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hdr = nil
	if l.lock == nil {
		return nil
	}
	err := l.lock.Close()
	l.lock = nil
	return err
}

// loadedState is what reading the snapshot and journal produced.
type loadedState struct {
	db      *memDB
	snap    snapshot
	scan    journalScan
	pending []record
	stale   bool        // the snapshot or journal is of the previous key epoch
	repair  *RepairPlan // confirmed repair to carry out, or nil
}

// epochKeys returns the keys of epoch e for a file named what: the current
// keys, or those of the previous epoch that a rotation seals in the header
// until its compaction has rewritten both files. The caller wipes keys it
// did not pass in.
func epochKeys(h *header, keys *subkeys, e uint32, what string) (*subkeys, error) {
	if e == h.Epoch {
		return keys, nil
	}
	if e+1 == h.Epoch && len(h.Previous) > 0 {
		prev, err := open(keys.previous, h.Previous, previousAD(h.VaultID, e))
		if err != nil {
			return nil, fmt.Errorf("%w: header: previous key cannot be decrypted", ErrCorrupt)
		}
		defer clear(prev)
		return newSubkeys(prev, h.idBytes()), nil
	}
	return nil, fmt.Errorf("%w: %s is of key epoch %d, the header of epoch %d", ErrCorrupt, what, e, h.Epoch)
}

// previousAD binds the sealed previous vault key to its vault and epoch.
func previousAD(vaultID string, epoch uint32) []byte {
	return fmt.Appendf(nil, "daumoi vault v2 previous\x00%s\x00%d", vaultID, epoch)
}

// readEpochFile reads a snapshot or journal file and the keys of its epoch.
func readEpochFile(dir, name string, h *header, keys *subkeys, epochOf func([]byte) (uint32, error)) ([]byte, *subkeys, error) {
	b, err := readVaultFile(dir, name)
	if err != nil {
		return nil, nil, err
	}
	e, err := epochOf(b)
	if err != nil {
		return nil, nil, err
	}
	k, err := epochKeys(h, keys, e, name)
	if err != nil {
		return nil, nil, err
	}
	return b, k, nil
}

// loadState decrypts the snapshot and the journal, checks them and builds
// the in-memory database. It changes no file.
func loadState(dir string, h *header, keys *subkeys, opts OpenOptions) (*loadedState, error) {
	sb, sk, err := readEpochFile(dir, snapshotFile, h, keys, snapshotEpoch)
	if err != nil {
		return nil, err
	}
	snap, err := openSnapshot(sk.snapshot, h.idBytes(), sb)
	if sk != keys {
		sk.wipe()
	}
	if err != nil {
		return nil, err
	}
	jb, jk, err := readEpochFile(dir, journalFile, h, keys, journalEpoch)
	if err != nil {
		return nil, err
	}
	scan, err := scanJournal(jk.journal, h.idBytes(), jb)
	var plan *RepairPlan
	if err != nil {
		scan, plan, err = planRepair(dir, jk.journal, h.idBytes(), jb, scan, err)
	}
	stale := sk != keys || jk != keys
	if jk != keys {
		jk.wipe()
	}
	if err != nil {
		return nil, err
	}
	pending, err := scan.pending(snap)
	if err != nil {
		return nil, err
	}
	db, err := newMemDB()
	if err != nil {
		return nil, err
	}
	if err := db.load(snap.DB); err != nil {
		db.close()
		return nil, err
	}
	if err := replay(db, pending); err != nil {
		db.close()
		return nil, err
	}
	if err := plan.confirm(opts); err != nil {
		db.close()
		return nil, err
	}
	return &loadedState{db: db, snap: snap, scan: scan, pending: pending, repair: plan, stale: stale}, nil
}

// replay applies the records in order.
func replay(db *memDB, recs []record) error {
	if len(recs) == 0 {
		return nil
	}
	for _, r := range recs {
		if err := replayRecord(db, r); err != nil {
			return fmt.Errorf("%w: replaying journal record %d: %v", ErrCorrupt, r.Seq, err)
		}
	}
	return nil
}

// replayRecord applies one record in its own transaction, exactly as it
// was committed (deferred constraints and pragmas behave the same).
func replayRecord(db *memDB, r record) error {
	tx, err := db.conn.BeginTx(bg(), nil)
	if err != nil {
		return err
	}
	for _, s := range r.Stmts {
		if _, err := tx.ExecContext(bg(), s.Query, s.Args...); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// openVault loads an unlocked vault and, once everything checked out,
// repairs a torn tail if asked, finishes an interrupted key rotation and
// removes leftovers of interrupted work.
func openVault(dir string, lock *os.File, h *header, keys *subkeys, me *unlocked, opts OpenOptions) (*Vault, error) {
	sec, err := openHeaderSecrets(h, keys)
	if err != nil {
		return nil, err
	}
	st, err := loadState(dir, h, keys, opts)
	if err != nil {
		return nil, err
	}
	v := &Vault{dir: dir, id: h.VaultID, lock: lock, hdr: h, keys: keys, sec: sec, me: me, db: st.db}
	if err := v.finishOpen(st); err != nil {
		st.db.close()
		_ = v.j.close()
		return nil, err
	}
	return v, nil
}

// finishOpen opens the blob store and the journal for appending.
func (v *Vault) finishOpen(st *loadedState) error {
	blobs, err := openBlobStore(v.dir, v.sec)
	if err != nil {
		return err
	}
	v.blobs = blobs
	seq, head := st.snap.Seq, st.snap.Head
	if err := cutTail(v.dir, st); err != nil {
		return err
	}
	if n := len(st.scan.Records); n > 0 && st.scan.Records[n-1].Seq >= seq {
		seq, head = st.scan.Records[n-1].Seq, st.scan.Records[n-1].Hash
	}
	if v.j, err = openJournalAppend(v.dir, seq, head, len(st.pending), v.keys.journal, v.hdr.idBytes()); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(v.dir, tmpDir), 0o700); err != nil {
		return fmt.Errorf("vault: create tmp folder: %w", err)
	}
	if st.stale {
		// A rotation committed its header but was interrupted before its
		// compaction: nothing may be appended under the previous key.
		if err := v.compact(); err != nil {
			return fmt.Errorf("vault: finish key rotation: %w", err)
		}
	}
	// Leftovers are ciphertext; failing to remove them now is harmless and
	// retried at the next open, so it does not fail the open.
	_ = v.removeStaleTemps()
	_ = cleanTmp(v.dir)
	_ = v.removeOrphanBlobs()
	return nil
}

// truncateFile cuts path to size and fsyncs it.
func truncateFile(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("vault: repair journal: %w", err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		return fmt.Errorf("vault: repair journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("vault: repair journal: %w", err)
	}
	return nil
}
