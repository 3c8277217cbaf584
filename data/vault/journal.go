package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// journalMagic starts the journal file; the u32 key epoch follows it.
const journalMagic = "DMVJRNL\x02"

// journalPreambleSize is the size of magic and epoch: the size of an empty
// journal.
const journalPreambleSize = len(journalMagic) + 4

// journalPreamble returns the first bytes of a journal of epoch.
func journalPreamble(epoch uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte(journalMagic), epoch)
}

// journalEpoch returns the key epoch a journal file says it is sealed in.
func journalEpoch(b []byte) (uint32, error) {
	if len(b) < journalPreambleSize || !bytes.HasPrefix(b, []byte(journalMagic)) {
		return 0, fmt.Errorf("%w: journal: bad magic", ErrCorrupt)
	}
	return binary.BigEndian.Uint32(b[len(journalMagic):]), nil
}

// recordAD prefixes the additional data of every journal record.
const recordADPrefix = "DMVJREC\x02"

// frameHeaderSize is the size of a record frame header: u32 payload length
// and the CRC-32C of those four bytes.
const frameHeaderSize = 8

// maxRecordPayload bounds one record (one transaction) at 256 MiB.
const maxRecordPayload = 256 << 20

// frameCRC is the CRC-32C of a frame's length field.
func frameCRC(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

// record is one decrypted journal record.
type record struct {
	Seq   uint64
	Prev  [sha256.Size]byte
	Hash  [sha256.Size]byte // SHA-256 of the whole frame, chained by the next record
	Stmts []statement
	End   int64 // offset just past the frame in the journal file
}

// recordAD binds a record to its vault. The key epoch needs no binding:
// each epoch has its own journal key.
func recordAD(vaultID []byte) []byte {
	return append([]byte(recordADPrefix), vaultID...)
}

// buildFrame seals seq | prev | statements and frames it.
func buildFrame(key, vaultID []byte, seq uint64, prev [sha256.Size]byte, stmts []statement) []byte {
	pt := binary.BigEndian.AppendUint64(nil, seq)
	pt = append(pt, prev[:]...)
	pt = encodeStatements(pt, stmts)
	sealed := seal(key, pt, recordAD(vaultID))
	clear(pt)
	frame := make([]byte, frameHeaderSize, frameHeaderSize+len(sealed))
	binary.BigEndian.PutUint32(frame, uint32(len(sealed)))
	binary.BigEndian.PutUint32(frame[4:], frameCRC(frame[:4]))
	return append(frame, sealed...)
}

// journalScan is the result of reading a journal file.
type journalScan struct {
	Records  []record
	TornAt   int64 // offset of an incomplete final record, or -1
	BadAt    int64 // offset of the first bad frame when scanning failed, or -1
	FileSize int64
}

// scanJournal splits, decrypts and chain-checks a journal file. A torn final
// frame is reported in TornAt, not as an error; anything else that is wrong
// wraps ErrCorrupt.
func scanJournal(key, vaultID, b []byte) (journalScan, error) {
	scan := journalScan{TornAt: -1, BadAt: -1, FileSize: int64(len(b))}
	if _, err := journalEpoch(b); err != nil {
		return scan, err
	}
	pos := journalPreambleSize
	for pos < len(b) {
		frame, torn, err := nextFrame(b[pos:])
		if err != nil {
			scan.BadAt = int64(pos)
			return scan, fmt.Errorf("%w at offset %d", err, pos)
		}
		if torn {
			scan.TornAt = int64(pos)
			break
		}
		rec, err := openRecord(key, vaultID, frame)
		if err != nil {
			scan.BadAt = int64(pos)
			return scan, fmt.Errorf("%w at offset %d", err, pos)
		}
		pos += len(frame)
		rec.End = int64(pos)
		if n := len(scan.Records); n > 0 {
			last := scan.Records[n-1]
			if rec.Seq != last.Seq+1 || rec.Prev != last.Hash {
				scan.BadAt = last.End
				return scan, fmt.Errorf("%w: journal: broken hash chain at record %d", ErrCorrupt, rec.Seq)
			}
		}
		scan.Records = append(scan.Records, rec)
	}
	return scan, nil
}

// nextFrame returns the frame at the start of b, or torn=true when b is an
// incomplete frame: shorter than a frame header, shorter than its declared
// length, or all zero bytes (a file extended but never written).
func nextFrame(b []byte) (frame []byte, torn bool, err error) {
	if len(b) < frameHeaderSize || allZero(b) {
		return nil, true, nil
	}
	n := binary.BigEndian.Uint32(b)
	if frameCRC(b[:4]) != binary.BigEndian.Uint32(b[4:]) {
		return nil, false, fmt.Errorf("%w: journal: bad frame header", ErrCorrupt)
	}
	if n > maxRecordPayload || n < 8+sha256.Size+sealOverhead {
		return nil, false, fmt.Errorf("%w: journal: bad frame length", ErrCorrupt)
	}
	if uint64(len(b)-frameHeaderSize) < uint64(n) {
		return nil, true, nil
	}
	return b[:frameHeaderSize+int(n)], false, nil
}

// allZero reports whether b has only zero bytes.
func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// openRecord decrypts and decodes one complete frame.
func openRecord(key, vaultID, frame []byte) (record, error) {
	pt, err := open(key, frame[frameHeaderSize:], recordAD(vaultID))
	if err != nil {
		return record{}, fmt.Errorf("%w: journal: record authentication failed", ErrCorrupt)
	}
	stmts, err := decodeStatements(pt[8+sha256.Size:])
	if err != nil {
		return record{}, err
	}
	rec := record{Seq: binary.BigEndian.Uint64(pt), Stmts: stmts, Hash: sha256.Sum256(frame)}
	copy(rec.Prev[:], pt[8:])
	return rec, nil
}

// pending returns the records past the snapshot after checking that the
// journal continues the snapshot: no gap, no fork, not older.
func (s journalScan) pending(snap snapshot) ([]record, error) {
	recs := s.Records
	if len(recs) == 0 {
		return nil, nil
	}
	if recs[0].Seq > snap.Seq+1 || recs[len(recs)-1].Seq < snap.Seq {
		return nil, fmt.Errorf("%w: journal records %d..%d do not continue snapshot %d",
			ErrCorrupt, recs[0].Seq, recs[len(recs)-1].Seq, snap.Seq)
	}
	for i, r := range recs {
		if (r.Seq == snap.Seq && r.Hash != snap.Head) || (r.Seq == snap.Seq+1 && r.Prev != snap.Head) {
			return nil, fmt.Errorf("%w: journal record %d does not match the snapshot", ErrCorrupt, r.Seq)
		}
		if r.Seq > snap.Seq {
			return recs[i:], nil
		}
	}
	return nil, nil
}

// journal appends records to the journal file of an open vault.
type journal struct {
	f       *os.File
	size    int64
	seq     uint64
	head    [sha256.Size]byte
	key     []byte
	vaultID []byte
	since   int // records appended since the last snapshot
}

// openJournalAppend opens the journal for appending at a known state.
func openJournalAppend(dir string, seq uint64, head [sha256.Size]byte, since int, key, vaultID []byte) (*journal, error) {
	// Not O_APPEND: on Windows an append-only handle cannot be truncated,
	// and undoing a failed append needs that. Records are written with one
	// WriteAt (pwrite) at the tracked end of the file instead.
	f, err := os.OpenFile(filepath.Join(dir, journalFile), os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("vault: open journal: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("vault: open journal: %w", err)
	}
	if st.Size() == int64(journalPreambleSize) {
		since = 0
	}
	return &journal{f: f, size: st.Size(), seq: seq, head: head, key: key, vaultID: vaultID, since: since}, nil
}

// appendRecord appends one record in a single write (pwrite at the end of
// the file) and fsyncs it. On
// failure it truncates the file back; if that fails too it returns ErrBroken.
func (j *journal) appendRecord(stmts []statement) (undo func() error, err error) {
	frame := buildFrame(j.key, j.vaultID, j.seq+1, j.head, stmts)
	prevSize, prevSeq, prevHead := j.size, j.seq, j.head
	undo = func() error {
		if err := j.truncate(prevSize); err != nil {
			return err
		}
		j.size, j.seq, j.head = prevSize, prevSeq, prevHead
		j.since--
		return nil
	}
	if _, err := j.f.WriteAt(frame, prevSize); err != nil {
		return nil, errors.Join(fmt.Errorf("vault: append journal: %w", err), j.truncate(prevSize))
	}
	if err := j.f.Sync(); err != nil {
		return nil, errors.Join(fmt.Errorf("vault: sync journal: %w", err), j.truncate(prevSize))
	}
	j.size += int64(len(frame))
	j.seq++
	j.head = sha256.Sum256(frame)
	j.since++
	return undo, nil
}

// truncate cuts the journal back to size durably.
func (j *journal) truncate(size int64) error {
	if err := j.f.Truncate(size); err != nil {
		return fmt.Errorf("%w: truncate journal: %v", ErrBroken, err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("%w: sync journal: %v", ErrBroken, err)
	}
	return nil
}

// close closes the file.
func (j *journal) close() error {
	if j == nil || j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
