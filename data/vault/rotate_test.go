package vault

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"daumoi/data/blob"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/killtest"

	"filippo.io/age"
)

// oldKeys is what someone who kept a copy of an old header and a credential
// that opened it can derive: the vault key of that epoch and every key and
// identity sealed under it.
type oldKeys struct {
	keys *subkeys
	sec  *headerSecrets
}

// keysFromHeader unlocks a header copy with a credential, as an attacker
// with their own program would.
func keysFromHeader(t *testing.T, hb []byte, unlockWith func(h *header) (*unlocked, error)) oldKeys {
	t.Helper()
	dh, err := decodeHeader(hb)
	if err != nil {
		t.Fatal(err)
	}
	me, err := unlockWith(dh.header)
	if err != nil {
		t.Fatalf("old credential on the old header: %v", err)
	}
	keys := newSubkeys(me.vaultKey, dh.idBytes())
	sec, err := openHeaderSecrets(dh.header, keys)
	if err != nil {
		t.Fatal(err)
	}
	return oldKeys{keys: keys, sec: sec}
}

// assertReadsNothing tries every old key and identity on every file of the
// vault folder as it is now and fails if anything decrypts.
func (o oldKeys) assertReadsNothing(t *testing.T, dir string, backup []byte, blobIDs []string) {
	t.Helper()
	id := o.keys
	snap := mustRead(t, filepath.Join(dir, snapshotFile))
	if _, err := open(id.snapshot, snap[snapshotPrefixSize:], snapshotAD(mustID(t, dir), mustEpoch(t, snap))); err == nil {
		t.Error("old key decrypts the new snapshot")
	}
	if _, err := openSnapshot(id.snapshot, mustID(t, dir), snap); err == nil {
		t.Error("old key decrypts the new snapshot")
	}
	jb := mustRead(t, filepath.Join(dir, journalFile))
	if len(jb) > journalPreambleSize {
		if _, err := scanJournal(id.journal, mustID(t, dir), jb); err == nil {
			t.Error("old key authenticates the new journal")
		}
	}
	oldIDs := append([]age.Identity{}, o.sec.backup, o.sec.notice)
	for _, b := range o.sec.blobIDs {
		oldIDs = append(oldIDs, b)
	}
	for _, b := range blobIDs {
		f, err := os.Open(filepath.Join(dir, blobsDir, b))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := age.Decrypt(f, oldIDs...); err == nil {
			t.Errorf("an old identity decrypts blob %s written after the rotation", b)
		}
		_ = f.Close()
	}
	if backup != nil {
		n := len(backupMagic) + 4
		hl := int(uint32(backup[n-4])<<24 | uint32(backup[n-3])<<16 | uint32(backup[n-2])<<8 | uint32(backup[n-1]))
		if _, err := age.Decrypt(bytes.NewReader(backup[n+hl:]), oldIDs...); err == nil {
			t.Error("an old identity decrypts a backup made after the rotation")
		}
	}
}

func mustID(t *testing.T, dir string) []byte {
	t.Helper()
	dh, err := decodeHeader(mustRead(t, filepath.Join(dir, headerFile)))
	if err != nil {
		t.Fatal(err)
	}
	return dh.idBytes()
}

func mustEpoch(t *testing.T, snap []byte) uint32 {
	t.Helper()
	e, err := snapshotEpoch(snap)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// putBlob stores content and returns its id.
func putBlob(t *testing.T, v *Vault, content string) string {
	t.Helper()
	b, err := v.PutBlob(context.Background(), bytes.NewReader([]byte(content)), nil)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

// readBlob reads blob id through the vault.
func readBlob(v *Vault, id string) ([]byte, error) {
	rc, err := v.OpenBlob(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// TestRotationRevokesOldCredentials performs the attack of the review: an
// old header copy (or an old backup) and an old credential, after each kind
// of rotation, must open nothing written afterwards; the vault itself keeps
// every row and every blob, old and new.
func TestRotationRevokesOldCredentials(t *testing.T) {
	const other, otherPass = "Trần Thị Bình", "mật khẩu của Bình"
	cases := []struct {
		name   string
		rotate func(t *testing.T, v *Vault)
		old    func(code RecoveryCode) func(h *header) (*unlocked, error)
	}{
		{"rotate-key, old passphrase", func(t *testing.T, v *Vault) { must(t, v.RotateKey()) },
			func(RecoveryCode) func(h *header) (*unlocked, error) {
				return func(h *header) (*unlocked, error) { return h.unlockPassphrase(testUser, []byte(testPass)) }
			}},
		{"passphrase changed", func(t *testing.T, v *Vault) {
			must(t, v.SetPassphrase(other, []byte("mật khẩu mới của Bình"), fastKDF()))
		}, func(RecoveryCode) func(h *header) (*unlocked, error) {
			return func(h *header) (*unlocked, error) { return h.unlockPassphrase(other, []byte(otherPass)) }
		}},
		{"user disabled", func(t *testing.T, v *Vault) { must(t, v.RevokeSlots(other)) },
			func(RecoveryCode) func(h *header) (*unlocked, error) {
				return func(h *header) (*unlocked, error) { return h.unlockPassphrase(other, []byte(otherPass)) }
			}},
		{"recovery code replaced", func(t *testing.T, v *Vault) {
			if _, err := v.NewRecoveryCode(); err != nil {
				t.Fatal(err)
			}
		}, func(code RecoveryCode) func(h *header) (*unlocked, error) {
			return func(h *header) (*unlocked, error) { return h.unlockRecovery(string(code)) }
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, dir, code := newTestVault(t)
			must(t, v.SetPassphrase(other, []byte(otherPass), fastKDF()))
			mustExec(t, v, `CREATE TABLE note (n INTEGER PRIMARY KEY, text TEXT)`)
			mustExec(t, v, `INSERT INTO note VALUES (1, 'trước')`)
			before := putBlob(t, v, "minh chứng trước khi đổi khóa")
			oldHeader := mustRead(t, filepath.Join(dir, headerFile))
			oldBackup := backupBytes(t, v)

			c.rotate(t, v)
			mustExec(t, v, `INSERT INTO note VALUES (2, 'sau')`)
			after := putBlob(t, v, "minh chứng sau khi đổi khóa")
			newBackup := backupBytes(t, v)

			// The attacker's view: old header, old credential.
			ok := keysFromHeader(t, oldHeader, c.old(code))
			ok.assertReadsNothing(t, dir, newBackup, []string{after})
			// The old header put back into the folder opens nothing either.
			attack := filepath.Join(fsxtest.TempDir(t), "attack")
			copyTree(t, dir, attack)
			must(t, os.WriteFile(filepath.Join(attack, headerFile), oldHeader, 0o600))
			if l, err := OpenLocked(attack); err == nil {
				if _, err := l.UnlockPassphrase(testUser, []byte(testPass)); err == nil {
					t.Error("old header in the current folder still opens")
				}
				_ = l.Close()
			}
			// An old backup restores only what it held.
			restored := filepath.Join(fsxtest.TempDir(t), "restored")
			must(t, Restore(bytes.NewReader(oldBackup), restored, Credential{User: testUser, Passphrase: []byte(testPass)}))
			rv := unlockDir(t, restored)
			if n := count(t, rv, `SELECT COUNT(*) FROM note`); n != 1 {
				t.Errorf("old backup holds %d notes, want 1", n)
			}

			// The vault itself reads everything, after a reopen too.
			must(t, v.Close())
			v2 := unlock(t, dir)
			if n := count(t, v2, `SELECT COUNT(*) FROM note`); n != 2 {
				t.Errorf("notes after rotation = %d, want 2", n)
			}
			for _, id := range []string{before, after} {
				if _, err := readBlob(v2, id); err != nil {
					t.Errorf("blob %s after rotation: %v", id, err)
				}
			}
		})
	}
}

// TestRotatedVaultOpensWithEveryRemainingSlot checks that a rotation keeps
// the other users, the keyring secret and the recovery code working.
func TestRotatedVaultOpensWithEveryRemainingSlot(t *testing.T) {
	v, dir, code := newTestVault(t)
	must(t, v.SetPassphrase("Bình", []byte("pass-b"), fastKDF()))
	secret, err := v.AddSecretSlot("máy cơ quan")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		must(t, v.RotateKey())
	}
	must(t, v.Close())
	for name, try := range map[string]func(l *Locked) (*Vault, error){
		"passphrase": func(l *Locked) (*Vault, error) { return l.UnlockPassphrase("Bình", []byte("pass-b")) },
		"secret":     func(l *Locked) (*Vault, error) { return l.UnlockSecret("máy cơ quan", secret) },
		"recovery":   func(l *Locked) (*Vault, error) { return l.UnlockRecovery(string(code)) },
	} {
		l, err := OpenLocked(dir)
		if err != nil {
			t.Fatal(err)
		}
		v, err := try(l)
		if err != nil {
			t.Fatalf("%s after 3 rotations: %v", name, err)
		}
		must(t, v.Close())
	}
}

// TestForgedBlobRefused performs the attack of the review: content of the
// same size encrypted to the blob store's recipient (which needs no key)
// replaces a blob. Every read path must refuse it.
func TestForgedBlobRefused(t *testing.T) {
	v, dir, _ := newTestVault(t)
	id := putBlob(t, v, "biên bản thật")
	forged := encryptTo(t, v.sec.blobIDs[0].Recipient(), "biên bản giả")
	must(t, os.WriteFile(filepath.Join(dir, blobsDir, id), forged, 0o600))

	if _, err := readBlob(v, id); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("OpenBlob of a forged blob: %v, want blob.ErrCorrupt", err)
	}
	if err := v.Backup(io.Discard); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("Backup with a forged blob: %v, want blob.ErrCorrupt", err)
	}
	// A longer forgery fails as soon as it passes the recorded size.
	must(t, os.WriteFile(filepath.Join(dir, blobsDir, id), encryptTo(t, v.sec.blobIDs[0].Recipient(), "biên bản thật và thêm"), 0o600))
	if _, err := readBlob(v, id); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("OpenBlob of a longer forged blob: %v, want blob.ErrCorrupt", err)
	}
	// The public notice key is not the blob store's recipient.
	must(t, v.PublishNoticeKey())
	pub := mustRead(t, filepath.Join(dir, noticeKeyFile))
	if bytes.Contains(pub, []byte(v.sec.blobIDs[0].Recipient().String())) {
		t.Error("notice.pub publishes the blob store's recipient")
	}
}

// TestForgedSlotRefused: an outsider who can write the folder replaces a
// slot's wrapped key with one of their own (the recipient is public). The
// slot's tag, under a MAC key sealed with the credential, refuses it.
func TestForgedSlotRefused(t *testing.T) {
	v, dir, _ := newTestVault(t)
	must(t, v.Close())
	hb := mustRead(t, filepath.Join(dir, headerFile))
	dh, err := decodeHeader(hb)
	if err != nil {
		t.Fatal(err)
	}
	h := dh.header
	fake := randomBytes(keySize)
	s := h.slotByID(testUser)
	if s.Wrapped, err = ageSeal(fake, s.Recipient); err != nil {
		t.Fatal(err)
	}
	forged, err := encodeHeader(h, newSubkeys(fake, h.idBytes()).headerMAC)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, headerFile), forged, 0o600))
	if _, err := unlockErr(dir); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("forged slot: %v, want ErrCorrupt", err)
	}
}

func encryptTo(t *testing.T, r *age.X25519Recipient, content string) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := age.Encrypt(&out, r)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte(content))
	must(t, w.Close())
	return out.Bytes()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// unlockDir opens dir with the test passphrase, closed at clean-up.
func unlockDir(t *testing.T, dir string) *Vault { return unlock(t, dir) }

// copyTree copies the regular files of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	must(t, err)
}

// rotateChildStep is the child side of the rotation crash tests: one insert,
// then the rotation of mode.
func rotateChildStep(v *Vault, mode string, i int, insert func() error) (string, error) {
	if err := insert(); err != nil {
		return "", err
	}
	var err error
	switch mode {
	case "rotate":
		err = v.RotateKey()
	case "passphrase":
		err = v.SetPassphrase(testUser, []byte(testPass), fastKDF())
	case "recovery":
		_, err = v.NewRecoveryCode()
	case "revoke":
		if err = v.SetPassphrase("tạm "+strconv.Itoa(i), []byte("x"), fastKDF()); err == nil {
			err = v.RevokeSlots("tạm " + strconv.Itoa(i))
		}
	case "repair":
	default:
		return "", errors.New("unknown child mode " + mode)
	}
	return strconv.Itoa(i), err
}

func TestCrashRotateKey(t *testing.T)        { crashTest(t, "rotate", 30, checkRows) }
func TestCrashPassphraseChange(t *testing.T) { crashTest(t, "passphrase", 30, checkRows) }
func TestCrashRecoveryReplace(t *testing.T)  { crashTest(t, "recovery", 30, checkRows) }
func TestCrashRevoke(t *testing.T)           { crashTest(t, "revoke", 30, checkRows) }

// TestRotationCrashWindow puts the vault in the state a crash between the
// header's replacement and the compaction leaves (new header, snapshot and
// journal of the previous epoch, or a new snapshot and an old journal): it
// opens with every row and is rewritten under the new key at once.
func TestRotationCrashWindow(t *testing.T) {
	for _, keepNewSnapshot := range []bool{false, true} {
		v, dir, _ := newTestVault(t)
		mustExec(t, v, `CREATE TABLE note (n INTEGER PRIMARY KEY)`)
		must(t, v.Compact())
		mustExec(t, v, `INSERT INTO note VALUES (1)`)
		oldSnap := mustRead(t, filepath.Join(dir, snapshotFile))
		oldJournal := mustRead(t, filepath.Join(dir, journalFile))
		must(t, v.RotateKey())
		must(t, v.Close())
		if !keepNewSnapshot {
			must(t, os.WriteFile(filepath.Join(dir, snapshotFile), oldSnap, 0o600))
		}
		must(t, os.WriteFile(filepath.Join(dir, journalFile), oldJournal, 0o600))
		v2 := unlock(t, dir)
		if n := count(t, v2, `SELECT COUNT(*) FROM note`); n != 1 {
			t.Fatalf("rows after the crash window = %d, want 1", n)
		}
		for name, epochOf := range map[string]func([]byte) (uint32, error){snapshotFile: snapshotEpoch, journalFile: journalEpoch} {
			if e, _ := epochOf(mustRead(t, filepath.Join(dir, name))); e != 2 {
				t.Errorf("%s epoch after reopen = %d, want 2 (rotation not finished)", name, e)
			}
		}
		mustExec(t, v2, `INSERT INTO note VALUES (2)`)
	}
}

// BenchmarkRotateKey measures RotateKey on a vault of 10,000 asset-like and
// 100,000 history-like rows, 10 users and 1 GiB of evidence (16 blobs of
// 64 MiB). What is re-encrypted: the header (every slot's wrapped key) and
// the database snapshot; blobs are not touched, so the evidence's size
// does not matter (the benchmark shows it).
func BenchmarkRotateKey(b *testing.B) {
	v, _, _ := buildBenchVault(b, 10000, 100000)
	defer v.Close()
	for i := range 9 {
		if err := v.SetPassphrase("người dùng "+strconv.Itoa(i), []byte("x"), fastKDF()); err != nil {
			b.Fatal(err)
		}
	}
	chunk := make([]byte, 64<<20)
	for i := range 16 {
		chunk[0] = byte(i)
		if _, err := v.PutBlob(context.Background(), bytes.NewReader(chunk), nil); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := v.RotateKey(); err != nil {
			b.Fatal(err)
		}
	}
}

// childUnlock opens the vault for a child: with every repair confirmed in
// the "repair" mode, as a person answering yes would.
func childUnlock(mode, dir string) (*Vault, error) {
	if mode != "repair" {
		return unlockErr(dir)
	}
	return unlockRepairing(dir)
}

// unlockRepairing opens dir with the test passphrase, confirming any repair.
func unlockRepairing(dir string) (*Vault, error) {
	l, err := OpenLocked(dir)
	if err != nil {
		return nil, err
	}
	l.SetOpenOptions(OpenOptions{Repair: func(RepairPlan) bool { return true }})
	v, err := l.UnlockPassphrase(testUser, []byte(testPass))
	if err != nil {
		_ = l.Close()
	}
	return v, err
}

// TestCrashRepair damages the journal's last records before each run (a
// complete frame that fails authentication: the damage a person must
// confirm), then kills a child that repairs at open and goes on
// committing. The vault must always open (repairing again if the kill came
// before the cut) and keep every acknowledged row.
func TestCrashRepair(t *testing.T) {
	kills := crashKills(t, 30)
	_, dir, _ := newTestVaultClosed(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	next, total := 0, 0
	for k := range kills {
		garbage := append(binary.BigEndian.AppendUint32(nil, 200), 0, 0, 0, 0)
		binary.BigEndian.PutUint32(garbage[4:], frameCRC(garbage[:4]))
		garbage = append(garbage, randomBytes(200)...)
		f, err := os.OpenFile(filepath.Join(dir, journalFile), os.O_WRONLY|os.O_APPEND, 0)
		must(t, err)
		_, err = f.Write(garbage)
		must(t, errors.Join(err, f.Close()))
		if v, err := unlockErr(dir); !errors.Is(err, ErrJournalDamaged) {
			if v != nil {
				_ = v.Close()
			}
			t.Fatalf("kill %d: damaged journal opened without repair: %v", k, err)
		}
		// Every other kill counts its delay from the start, so that it can
		// fall in the repair at unlock; the others from the child's Ready
		// line (repaired and unlocked), so that they fall among the
		// commits however slowly a child starts (under Wine, on a busy
		// machine, kills from the start all fell before the first commit).
		delay := time.Duration(1+rng.IntN(80)) * time.Millisecond
		kill := killtest.KillAfter
		if k%2 == 1 {
			kill = killtest.KillAfterReady
		}
		printed := kill(t, childCmd("repair", dir, next), delay)
		total += len(printed)
		v, err := unlockRepairing(dir)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", k, err)
		}
		next = checkRows(t, v, printed)
		must(t, v.Close())
	}
	t.Logf("repair: %d kills, %d acknowledged operations", kills, total)
	if total == 0 {
		t.Fatal("children never acknowledged an operation; the test proves nothing")
	}
}
