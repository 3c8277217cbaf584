package audit

import (
	"fmt"
	"time"
)

// VerifyResult is the outcome of checking the chain.
type VerifyResult struct {
	Entries int64     // entries checked
	Head    ChainHead // the newest entry
	// BrokenAt is the sequence number of the first entry that does not
	// match (0 when the chain is intact); Reason says how.
	BrokenAt int64
	Reason   string
}

// Verify checks every entry in order: its hash, its link to the previous
// entry and that sequence numbers have no gap. It returns a result naming the
// first broken entry and an error wrapping ErrBroken when there is one.
func Verify(q Querier) (VerifyResult, error) {
	rows, err := q.Query(`SELECT seq, at, actor, action, entity_type, entity_id, summary, prev_hash, hash FROM audit ORDER BY seq`)
	if err != nil {
		return VerifyResult{}, fmt.Errorf("audit: reading the history: %w", err)
	}
	defer rows.Close()
	res := VerifyResult{Head: ChainHead{Hash: GenesisHash}}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return res, err
		}
		if reason := checkLink(e, res.Head); reason != "" {
			res.BrokenAt, res.Reason = e.Seq, reason
			return res, fmt.Errorf("%w at entry %d: %s", ErrBroken, e.Seq, reason)
		}
		res.Entries++
		res.Head = ChainHead{Seq: e.Seq, Hash: e.Hash}
	}
	return res, rows.Err()
}

func checkLink(e Entry, prev ChainHead) string {
	switch {
	case e.Seq != prev.Seq+1:
		return fmt.Sprintf("expected entry %d, found %d (an entry was removed or inserted)", prev.Seq+1, e.Seq)
	case e.PrevHash != prev.Hash:
		return "does not link to the previous entry"
	case hashOf(e) != e.Hash:
		return "its content does not match its hash (it was edited)"
	}
	return ""
}

type scanner interface{ Scan(dest ...any) error }

func scanEntry(r scanner) (Entry, error) {
	var e Entry
	var at string
	if err := r.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.EntityType, &e.EntityID, &e.Summary, &e.PrevHash, &e.Hash); err != nil {
		return e, fmt.Errorf("audit: reading an entry: %w", err)
	}
	t, err := time.Parse(timeLayout, at)
	if err != nil {
		// Keep the raw text's failure visible through the hash check: an
		// unparsable time means the row was edited.
		t = time.Time{}
	}
	e.At = t
	return e, nil
}
