package vault

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// droppedDir is the folder, inside the vault folder, that keeps the bytes
// cut off the end of the journal (ciphertext), one file per drop.
const droppedDir = "dropped"

// Prefixes of the files in droppedDir: an incomplete final record dropped
// automatically, or damaged records dropped by a confirmed repair.
const (
	droppedTornPrefix   = "torn"
	droppedRepairPrefix = "repair"
)

// DroppedTail describes bytes cut off the end of the journal and kept in
// the vault folder. The file's name carries the journal's modification time
// and the offset, so dropping the same tail twice (a crash in between)
// yields the same file.
type DroppedTail struct {
	File     string    // path relative to the vault folder, e.g. "dropped/torn-….bin"
	Offset   int64     // where the journal was cut
	Bytes    int64     // how many bytes were dropped
	Records  int       // records (whole or partial frames) dropped; 1 for a torn tail
	Modified time.Time // the journal's modification time before the cut
	Repaired bool      // dropped by a confirmed repair, not automatically
}

// RepairPlan is what a repair would drop: everything from the first bad
// frame to the end of the journal. Damage anywhere else (header, snapshot,
// a journal whose kept part does not open) is never repairable.
type RepairPlan struct {
	Offset      int64     // start of the first bad frame: the first byte dropped
	Bytes       int64     // bytes dropped, to the end of the file
	FileSize    int64     // journal size before the repair
	KeptRecords int       // complete, authentic records before Offset
	LastGoodSeq uint64    // sequence number of the last kept record (0: none)
	Records     int       // frames in the dropped part (at least 1)
	Modified    time.Time // the journal's modification time (its last write)
	Damage      string    // what failed, in English, for logs
}

// journalDamage is a journal that failed to scan at offset at.
type journalDamage struct {
	at  int64
	err error
}

// repairablePrefix checks whether cutting jb at the first bad frame gives a
// journal that scans cleanly, and returns that scan.
func repairablePrefix(key, vaultID, jb []byte, d journalDamage) (journalScan, bool) {
	if d.at < int64(journalPreambleSize) || d.at >= int64(len(jb)) {
		return journalScan{}, false
	}
	scan, err := scanJournal(key, vaultID, jb[:d.at])
	if err != nil || scan.TornAt >= 0 {
		return journalScan{}, false
	}
	return scan, true
}

// countFrames counts the frames in b by their length fields alone, as far as
// those are valid; a remainder that is not a frame counts as one.
func countFrames(b []byte) int {
	n := 0
	for len(b) > 0 {
		if len(b) < frameHeaderSize || frameCRC(b[:4]) != binary.BigEndian.Uint32(b[4:]) {
			return n + 1
		}
		size := frameHeaderSize + int64(binary.BigEndian.Uint32(b))
		if size > int64(len(b)) {
			return n + 1
		}
		b = b[size:]
		n++
	}
	return n
}

// newRepairPlan describes dropping jb from d.at, given the scan of the kept part.
func newRepairPlan(jb []byte, kept journalScan, d journalDamage, mod time.Time) RepairPlan {
	p := RepairPlan{
		Offset: d.at, Bytes: int64(len(jb)) - d.at, FileSize: int64(len(jb)),
		KeptRecords: len(kept.Records), Records: max(1, countFrames(jb[d.at:])),
		Modified: mod, Damage: d.err.Error(),
	}
	if n := len(kept.Records); n > 0 {
		p.LastGoodSeq = kept.Records[n-1].Seq
	}
	return p
}

// dropName is the name of the file keeping a dropped tail.
func dropName(prefix string, mod time.Time, offset int64, records int) string {
	return fmt.Sprintf("%s-%d-%d-%d.bin", prefix, mod.UnixNano(), offset, records)
}

// parseDropName reads a dropName back.
func parseDropName(name string) (DroppedTail, bool) {
	base, ok := strings.CutSuffix(name, ".bin")
	parts := strings.Split(base, "-")
	if !ok || len(parts) != 4 || (parts[0] != droppedTornPrefix && parts[0] != droppedRepairPrefix) {
		return DroppedTail{}, false
	}
	nanos, err1 := strconv.ParseInt(parts[1], 10, 64)
	off, err2 := strconv.ParseInt(parts[2], 10, 64)
	recs, err3 := strconv.Atoi(parts[3])
	if err1 != nil || err2 != nil || err3 != nil {
		return DroppedTail{}, false
	}
	return DroppedTail{
		File: droppedDir + "/" + name, Offset: off, Records: recs,
		Modified: time.Unix(0, nanos), Repaired: parts[0] == droppedRepairPrefix,
	}, true
}

// cutJournal keeps the journal's bytes from offset on in droppedDir, durably,
// then truncates the journal there. A crash in between leaves the journal
// uncut and the same file to be rewritten at the next open.
func cutJournal(dir string, offset int64, prefix string, records int) error {
	path := filepath.Join(dir, journalFile)
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("vault: repair journal: %w", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("vault: repair journal: %w", err)
	}
	if offset > int64(len(b)) {
		return fmt.Errorf("%w: journal shorter than the repair offset", ErrCorrupt)
	}
	if err := keepDropped(dir, dropName(prefix, st.ModTime(), offset, records), b[offset:]); err != nil {
		return err
	}
	return truncateFile(path, offset)
}

// keepDropped writes data (ciphertext) to droppedDir/name through tmp/.
func keepDropped(dir, name string, data []byte) error {
	if err := os.MkdirAll(filepath.Join(dir, droppedDir), 0o700); err != nil {
		return fmt.Errorf("vault: keep dropped bytes: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, tmpDir), 0o700); err != nil {
		return fmt.Errorf("vault: keep dropped bytes: %w", err)
	}
	f, err := os.CreateTemp(filepath.Join(dir, tmpDir), "dropped.*.tmp")
	if err != nil {
		return fmt.Errorf("vault: keep dropped bytes: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("vault: keep dropped bytes: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, droppedDir, name)); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("vault: keep dropped bytes: %w", err)
	}
	return errors.Join(syncDir(filepath.Join(dir, droppedDir)), syncDir(dir))
}

// DroppedTails lists every journal tail kept in the vault folder (dropped
// automatically or by a confirmed repair), oldest first. The application
// records each in its history once.
func (v *Vault) DroppedTails() ([]DroppedTail, error) {
	entries, err := os.ReadDir(filepath.Join(v.dir, droppedDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("vault: list dropped tails: %w", err)
	}
	var out []DroppedTail
	for _, e := range entries {
		d, ok := parseDropName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			d.Bytes = info.Size()
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b DroppedTail) int { return a.Modified.Compare(b.Modified) })
	return out, nil
}

// ErrJournalDamaged is returned (together with ErrCorrupt) when complete
// journal records at the end fail their checks but everything before them
// is intact: opening with OpenOptions.Repair can drop them, after a person
// confirmed the RepairPlan.
var ErrJournalDamaged = errors.New("vault: the last records of the journal are damaged")

// planRepair is called when scanning the journal failed with scanErr: if
// the journal up to the first bad frame is intact it returns that scan and
// a plan to drop the rest, otherwise scanErr.
func planRepair(dir string, key, vaultID, jb []byte, scan journalScan, scanErr error) (journalScan, *RepairPlan, error) {
	d := journalDamage{at: scan.BadAt, err: scanErr}
	kept, ok := repairablePrefix(key, vaultID, jb, d)
	if !ok {
		return scan, nil, scanErr
	}
	st, err := os.Stat(filepath.Join(dir, journalFile))
	if err != nil {
		return scan, nil, fmt.Errorf("vault: read %s: %w", journalFile, err)
	}
	p := newRepairPlan(jb, kept, d, st.ModTime())
	return kept, &p, nil
}

// confirm asks opts.Repair about p (nil p: nothing to repair). A missing
// or refused confirmation is ErrJournalDamaged, which also wraps ErrCorrupt.
func (p *RepairPlan) confirm(opts OpenOptions) error {
	if p == nil || (opts.Repair != nil && opts.Repair(*p)) {
		return nil
	}
	return fmt.Errorf("%w (%w): %d bytes from offset %d of %d, %d records: %s",
		ErrJournalDamaged, ErrCorrupt, p.Bytes, p.Offset, p.FileSize, p.Records, p.Damage)
}

// cutTail drops what loading decided to drop: a torn final record always,
// damaged records when a repair was confirmed.
func cutTail(dir string, st *loadedState) error {
	switch {
	case st.repair != nil:
		return cutJournal(dir, st.repair.Offset, droppedRepairPrefix, st.repair.Records)
	case st.scan.TornAt >= 0:
		return cutJournal(dir, st.scan.TornAt, droppedTornPrefix, 1)
	}
	return nil
}
