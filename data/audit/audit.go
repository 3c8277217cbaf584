// Package audit keeps the vault's tamper-evident history: every change of
// the domain records who, when, what action on which entity, and a short
// before/after summary. Each entry's SHA-256 hash covers its fields and the
// previous entry's hash, so editing, inserting or deleting any entry but the
// newest breaks the chain; the chain head goes into every signed bundle, so a
// bundle also vouches for the history up to it.
//
// Functions take the vault's transaction types through the small Execer and
// Querier interfaces, so the history is written in the same transaction as
// the change it records. The audit table is created by the vault's first
// migration (package store), frozen there as released.
package audit

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"daumoi/data/textnorm"
)

// Sentinel errors.
var (
	// ErrBroken is returned by Verify when an entry does not match its hash
	// or does not chain to the one before it.
	ErrBroken = errors.New("audit: the history's hash chain is broken")
)

// Entry is one recorded change.
type Entry struct {
	Seq        int64     // 1, 2, 3, … without gaps
	At         time.Time // when, UTC, second precision
	Actor      string    // user name, or "" for the system
	Action     string    // e.g. "user.add", "unlock.failed", "evidence.add"
	EntityType string    // e.g. "user", "evidence", "vault"
	EntityID   string
	Summary    string // short, human-readable; before → after for edits
	PrevHash   string // hex SHA-256 of the previous entry; GenesisHash for the first
	Hash       string // hex SHA-256 of this entry
}

// GenesisHash is the PrevHash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// timeLayout is how times are stored: sortable, UTC, deterministic.
const timeLayout = "2006-01-02T15:04:05Z"

// Execer runs a statement inside a write transaction (vault.Tx).
type Execer interface {
	Exec(query string, args ...any) (sql.Result, error)
	Querier
}

// Row is a single-row query result (vault.Row).
type Row interface {
	Scan(dest ...any) error
}

// Querier runs read queries (vault.ReadTx, vault.Tx).
type Querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// Record appends e to the history inside tx, filling Seq, PrevHash and Hash.
// Text is normalised to NFC; At is truncated to the second, in UTC.
func Record(tx Execer, e Entry) (Entry, error) {
	head, err := Head(tx)
	if err != nil {
		return e, err
	}
	e.Seq = head.Seq + 1
	e.PrevHash = head.Hash
	e = normalize(e)
	e.Hash = hashOf(e)
	_, err = tx.Exec(`INSERT INTO audit (seq, at, actor, action, entity_type, entity_id, summary, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.Format(timeLayout), e.Actor, e.Action, e.EntityType, e.EntityID, e.Summary, e.PrevHash, e.Hash)
	if err != nil {
		return e, fmt.Errorf("audit: recording %s: %w", e.Action, err)
	}
	return e, nil
}

// ChainHead is the newest entry's sequence number and hash.
type ChainHead struct {
	Seq  int64
	Hash string
}

// Head returns the chain head; an empty history has Seq 0 and GenesisHash.
func Head(q Querier) (ChainHead, error) {
	rows, err := q.Query(`SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`)
	if err != nil {
		return ChainHead{}, fmt.Errorf("audit: reading the head: %w", err)
	}
	defer rows.Close()
	h := ChainHead{Hash: GenesisHash}
	if rows.Next() {
		if err := rows.Scan(&h.Seq, &h.Hash); err != nil {
			return ChainHead{}, fmt.Errorf("audit: reading the head: %w", err)
		}
	}
	return h, rows.Err()
}

func normalize(e Entry) Entry {
	e.At = e.At.UTC().Truncate(time.Second)
	e.Actor = textnorm.NFC(e.Actor)
	e.Action = textnorm.NFC(e.Action)
	e.EntityType = textnorm.NFC(e.EntityType)
	e.EntityID = textnorm.NFC(e.EntityID)
	e.Summary = textnorm.NFC(strings.TrimSpace(e.Summary))
	return e
}

// hashOf is SHA-256 over a JSON array of the entry's fields (JSON gives an
// unambiguous encoding of strings with any content).
func hashOf(e Entry) string {
	fields := []any{e.Seq, e.At.UTC().Format(timeLayout), e.Actor, e.Action, e.EntityType, e.EntityID, e.Summary, e.PrevHash}
	b, err := json.Marshal(fields)
	if err != nil {
		// Marshalling strings and integers cannot fail.
		panic(err)
	}
	sum := sha256.Sum256(append([]byte("daumoi audit v1\n"), b...))
	return hex.EncodeToString(sum[:])
}
