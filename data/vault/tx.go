package vault

import (
	"context"
	"database/sql"
	"fmt"
)

// querier is what ReadTx needs from database/sql: a *sql.Conn or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ReadTx gives read-only access to the database inside View or Update.
// Statements that would write are refused with ErrNotReadOnly. Rows must be
// closed before the function given to View or Update returns.
type ReadTx struct {
	q    querier
	db   *memDB
	auth *authority // nil outside View and Update
}

// Row is the result of QueryRow: like *sql.Row, but it also carries
// argument-type errors.
type Row struct {
	rows *sql.Rows
	err  error
}

// Query runs a read-only query.
func (r *ReadTx) Query(query string, args ...any) (*sql.Rows, error) {
	nargs, err := normalizeArgs(args)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	err = r.db.withMode(modeRead, func() error {
		var err error
		rows, err = r.q.QueryContext(context.Background(), query, nargs...)
		return err
	})
	return rows, err
}

// QueryRow runs a read-only query expected to return at most one row.
func (r *ReadTx) QueryRow(query string, args ...any) *Row {
	rows, err := r.Query(query, args...)
	return &Row{rows: rows, err: err}
}

// Err returns the error of the query, if any, without scanning.
func (r *Row) Err() error { return r.err }

// Scan copies the first row's columns into dest and closes the rows. It
// returns sql.ErrNoRows when there is no row.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	return r.rows.Close()
}

// Tx is a write transaction inside Update. Every successful Exec is recorded
// and written to the journal as one record when the function returns nil.
// A failed Exec aborts the whole transaction.
type Tx struct {
	ReadTx
	tx    *sql.Tx
	stmts []statement
	err   error
	done  bool
}

// Exec runs a statement that may write. Arguments may only be nil, int,
// int64, float64, bool, string or []byte (ErrArgType otherwise); statements
// must be deterministic because the journal replays them on open.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if t.done {
		return nil, fmt.Errorf("%w: transaction already finished", ErrClosed)
	}
	if t.err != nil {
		return nil, t.err
	}
	nargs, err := normalizeArgs(args)
	if err != nil {
		t.err = err
		return nil, err
	}
	var res sql.Result
	err = t.db.withMode(modeWrite, func() error {
		var err error
		res, err = t.tx.ExecContext(context.Background(), query, nargs...)
		return err
	})
	if err != nil {
		t.err = fmt.Errorf("%w: %w", ErrStatementFailed, err)
		return nil, t.err
	}
	t.stmts = append(t.stmts, statement{Query: query, Args: nargs})
	return res, nil
}
