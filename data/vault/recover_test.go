package vault

import (
	"bytes"
	"daumoi/data/fsx"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// checkTornTailDropped checks that an open succeeded by dropping a torn
// tail that is now kept in dropped/.
func checkTornTailDropped(t *testing.T, v *Vault, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("torn tail: open failed: %v", err)
	}
	defer v.Close()
	drops, err := v.DroppedTails()
	if err != nil || len(drops) != 1 || drops[0].Repaired {
		t.Fatalf("dropped tails = %+v, %v; want one automatic drop", drops, err)
	}
}

// journalWithTwoRows returns a closed vault whose journal's last record
// (starting at start) inserts row 2 into j.
func journalWithTwoRows(t *testing.T) (dir string, full []byte, start int64) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE j (n INTEGER)`)
	mustExec(t, v, `INSERT INTO j VALUES (1)`)
	start = v.j.size
	mustExec(t, v, `INSERT INTO j VALUES (2)`)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, mustRead(t, filepath.Join(dir, journalFile)), start
}

// TestTornTailAtEveryOffset simulates a crash at every byte of the last
// record's write (and a zero-filled, never-written tail): opening drops
// exactly that record without being asked, keeps its bytes in dropped/ and
// loses no complete record.
func TestTornTailAtEveryOffset(t *testing.T) {
	dir, full, start := journalWithTwoRows(t)
	path := filepath.Join(dir, journalFile)
	lastLen := len(full) - int(start)
	tails := map[string][]byte{"zero-filled": append(bytes.Clone(full[:start]), make([]byte, lastLen)...)}
	for cut := int(start) + 1; cut < len(full); cut++ {
		tails["cut at "+strconv.Itoa(cut)] = full[:cut]
	}
	for name, b := range tails {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := fsx.RemoveAll(filepath.Join(dir, droppedDir)); err != nil {
			t.Fatal(err)
		}
		v, err := unlockErr(dir)
		if err != nil {
			t.Fatalf("%s: %v, want the torn tail dropped", name, err)
		}
		if count(t, v, `SELECT COUNT(*) FROM j WHERE n = 1`) != 1 || count(t, v, `SELECT COUNT(*) FROM j`) != 1 {
			t.Fatalf("%s: lost a complete record or kept the torn one", name)
		}
		drops, err := v.DroppedTails()
		if err != nil || len(drops) != 1 {
			t.Fatalf("%s: dropped tails %+v, %v", name, drops, err)
		}
		d := drops[0]
		kept := mustRead(t, filepath.Join(dir, d.File))
		if d.Offset != start || d.Bytes != int64(len(b))-start || !bytes.Equal(kept, b[start:]) || d.Repaired || d.Modified.IsZero() {
			t.Fatalf("%s: drop %+v does not describe the %d bytes cut at %d", name, d, len(b)-int(start), start)
		}
		if got := int64(len(mustRead(t, path))); got != start {
			t.Fatalf("%s: journal is %d bytes after the drop, want %d", name, got, start)
		}
		_ = v.Close()
	}
	commitAfterDrop(t, unlock(t, dir), 2)
}

// commitAfterDrop commits one more row into j after a drop, reopens and
// checks that j has want rows.
func commitAfterDrop(t *testing.T, v *Vault, want int) {
	t.Helper()
	mustExec(t, v, `INSERT INTO j VALUES (99)`)
	dir := v.dir
	_ = v.Close()
	v = unlock(t, dir)
	if n := count(t, v, `SELECT COUNT(*) FROM j`); n != want {
		t.Fatalf("rows after a drop and a commit = %d, want %d", n, want)
	}
}

// TestTornTailDropIsIdempotent: a crash after the tail was kept but before
// the journal was cut drops it again into the same file.
func TestTornTailDropIsIdempotent(t *testing.T) {
	dir, full, start := journalWithTwoRows(t)
	path := filepath.Join(dir, journalFile)
	torn := full[:len(full)-3]
	if err := os.WriteFile(path, torn, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	name := dropName(droppedTornPrefix, st.ModTime(), start, 1)
	if err := keepDropped(dir, name, torn[start:]); err != nil {
		t.Fatal(err)
	}
	v := unlock(t, dir)
	drops, err := v.DroppedTails()
	if err != nil || len(drops) != 1 || drops[0].File != droppedDir+"/"+name {
		t.Fatalf("dropped tails = %+v, %v; want only %s", drops, err, name)
	}
}

// bitFlipRecord flips a byte inside journal record i (0-based) of a closed
// vault with a table j and n rows, and returns the record's start offset.
func bitFlipRecord(t *testing.T, n, i int) (dir string, start int64) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE j (n INTEGER)`)
	for k := range n {
		mustExec(t, v, `INSERT INTO j VALUES (?)`, k)
	}
	scan, err := scanJournal(v.keys.journal, v.hdr.idBytes(), mustRead(t, filepath.Join(dir, journalFile)))
	if err != nil {
		t.Fatal(err)
	}
	_ = v.Close()
	start = int64(journalPreambleSize)
	if i > 0 {
		start = scan.Records[i-1].End
	}
	path := filepath.Join(dir, journalFile)
	b := mustRead(t, path)
	b[scan.Records[i].End-5] ^= 0x40
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, start
}

// unlockRepair opens dir with a Repair callback that records the plan and
// answers yes.
func unlockRepair(dir string, yes bool) (*Vault, []RepairPlan, error) {
	l, err := OpenLocked(dir)
	if err != nil {
		return nil, nil, err
	}
	var plans []RepairPlan
	l.SetOpenOptions(OpenOptions{Repair: func(p RepairPlan) bool { plans = append(plans, p); return yes }})
	v, err := l.UnlockPassphrase(testUser, []byte(testPass))
	if err != nil {
		_ = l.Close()
	}
	return v, plans, err
}

func TestRepairDamagedLastRecord(t *testing.T) {
	// Records: CREATE TABLE, then inserts 0..4; the last (index 5) is bad,
	// as after a power cut on a file system that persists size first.
	dir, start := bitFlipRecord(t, 5, 5)
	size := int64(len(mustRead(t, filepath.Join(dir, journalFile))))
	before := hashTree(t, dir)
	if _, err := unlockErr(dir); !errors.Is(err, ErrJournalDamaged) || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("plain open: %v, want ErrJournalDamaged and ErrCorrupt", err)
	}
	_, plans, err := unlockRepair(dir, false)
	if !errors.Is(err, ErrJournalDamaged) || len(plans) != 1 {
		t.Fatalf("declined repair: %v, %d plans", err, len(plans))
	}
	assertSameTree(t, before, hashTree(t, dir))
	p := plans[0]
	if p.Offset != start || p.Bytes != size-start || p.FileSize != size || p.Records != 1 ||
		p.KeptRecords != 5 || p.LastGoodSeq == 0 || p.Modified.IsZero() {
		t.Fatalf("plan = %+v, want offset %d, %d bytes, 1 record, 5 kept", p, start, size-start)
	}
	v, _, err := unlockRepair(dir, true)
	if err != nil {
		t.Fatalf("confirmed repair: %v", err)
	}
	if n := count(t, v, `SELECT COUNT(*) FROM j`); n != 4 {
		t.Fatalf("rows after repair = %d, want 4", n)
	}
	drops, err := v.DroppedTails()
	if err != nil || len(drops) != 1 || !drops[0].Repaired || drops[0].Offset != start || drops[0].Bytes != size-start {
		t.Fatalf("dropped tails = %+v, %v", drops, err)
	}
	commitAfterDrop(t, v, 5)
}

func TestRepairPlanCountsLaterRecords(t *testing.T) {
	dir, start := bitFlipRecord(t, 5, 2)
	_, plans, err := unlockRepair(dir, false)
	if !errors.Is(err, ErrJournalDamaged) || len(plans) != 1 {
		t.Fatalf("err = %v, plans %d", err, len(plans))
	}
	if p := plans[0]; p.Offset != start || p.Records != 4 || p.KeptRecords != 2 {
		t.Fatalf("plan = %+v, want 4 records dropped from %d, 2 kept", p, start)
	}
}

// TestRepairNeverTouchesSnapshotHeaderOrMagic: damage outside the journal's
// records is never offered for repair, and the callback is never asked.
func TestRepairNeverTouchesSnapshotHeaderOrMagic(t *testing.T) {
	for _, file := range []string{snapshotFile, headerFile, journalFile} {
		for _, d := range damages() {
			if file == journalFile && d.name != "emptied" && d.name != "garbage" {
				continue // journal records: see the tests above
			}
			t.Run(file+"/"+d.name, func(t *testing.T) {
				f := newDamageFixture(t)
				rewrite(t, filepath.Join(f.dir, file), d)
				before := hashTree(t, f.dir)
				_, plans, err := unlockRepair(f.dir, true)
				if !errors.Is(err, ErrCorrupt) || errors.Is(err, ErrJournalDamaged) || len(plans) != 0 {
					t.Fatalf("err = %v, %d plans; want ErrCorrupt and no repair offered", err, len(plans))
				}
				assertSameTree(t, before, hashTree(t, f.dir))
			})
		}
	}
}

func TestParseDropName(t *testing.T) {
	for _, bad := range []string{"x.bin", "torn-1-2.bin", "torn-a-2-1.bin", "other-1-2-3.bin", "torn-1-2-3.txt"} {
		if _, ok := parseDropName(bad); ok {
			t.Errorf("parseDropName(%q) accepted", bad)
		}
	}
	if d, ok := parseDropName("repair-1000-42-3.bin"); !ok || !d.Repaired || d.Offset != 42 || d.Records != 3 || d.Modified.UnixNano() != 1000 {
		t.Errorf("parseDropName = %+v, %v", d, ok)
	}
}
