package audit

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"daumoi/data/tabular"
	"daumoi/data/textnorm"
)

// Filter selects history entries. Zero fields match everything.
type Filter struct {
	Actor      string
	EntityType string
	From, To   time.Time // inclusive day range, compared on At
	Text       string    // matched, ignoring case and diacritics, against action, entity and summary
	Limit      int       // newest first; 0 = no limit
}

// List returns the entries matching f, newest first.
func List(q Querier, f Filter) ([]Entry, error) {
	rows, err := q.Query(`SELECT seq, at, actor, action, entity_type, entity_id, summary, prev_hash, hash FROM audit ORDER BY seq DESC`)
	if err != nil {
		return nil, fmt.Errorf("audit: listing: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		if f.matches(e) {
			out = append(out, e)
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
		}
	}
	return out, rows.Err()
}

func (f Filter) matches(e Entry) bool {
	if f.Actor != "" && textnorm.Fold(f.Actor) != textnorm.Fold(e.Actor) {
		return false
	}
	if f.EntityType != "" && f.EntityType != e.EntityType {
		return false
	}
	day := e.At.UTC().Format("2006-01-02")
	if !f.From.IsZero() && day < f.From.Format("2006-01-02") {
		return false
	}
	if !f.To.IsZero() && day > f.To.Format("2006-01-02") {
		return false
	}
	if f.Text != "" {
		hay := e.Action + " " + e.EntityType + " " + e.EntityID + " " + e.Summary + " " + e.Actor
		if !textnorm.Contains(hay, f.Text) {
			return false
		}
	}
	return true
}

// WriteCSV writes entries as CSV through tabular.WriteCSV: UTF-8 with a
// byte-order mark (so that Excel shows Vietnamese correctly) and formula-like
// cells neutralised.
func WriteCSV(w io.Writer, entries []Entry, header []string) error {
	rows := make([][]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, []string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339), e.Actor, e.Action,
			e.EntityType, e.EntityID, e.Summary, e.Hash})
	}
	return tabular.WriteCSV(w, header, rows)
}
