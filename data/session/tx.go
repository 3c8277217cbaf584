package session

import (
	"database/sql"
	"errors"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// The transaction core: every service method reads or writes the vault
// through read or write, which open the transaction and check the acting
// user's permission (with the roster seal, see require) before fn runs, so
// a method cannot reach the data without saying what it needs. Methods that
// change the vault header outside a transaction (keyslots, key rotation)
// check first with check.

// anyUser is the permission every enabled user has, also before their
// forced passphrase reset (the reset itself, remembering a passphrase).
const anyUser = permChangeOwnPassphrase

// write runs fn in a write transaction once the acting user may do p; me is
// that user as currently stored.
func (s *Session) write(p users.Permission, fn func(tx *vault.Tx, me users.User) error) error {
	return s.v.Update(func(tx *vault.Tx) error {
		me, err := s.require(tx, p)
		if err != nil {
			return err
		}
		return fn(tx, me)
	})
}

// read runs fn in a read transaction once the acting user may do p; me is
// that user as currently stored.
func (s *Session) read(p users.Permission, fn func(tx *vault.ReadTx, me users.User) error) error {
	return s.v.View(func(tx *vault.ReadTx) error {
		me, err := s.require(tx, p)
		if err != nil {
			return err
		}
		return fn(tx, me)
	})
}

// check returns the acting user if they may do p, read in its own
// transaction; for methods whose work happens outside one.
func (s *Session) check(p users.Permission) (users.User, error) {
	var me users.User
	err := s.read(p, func(_ *vault.ReadTx, u users.User) error {
		me = u
		return nil
	})
	return me, err
}

// rowQuerier is a transaction that can read one row (vault.ReadTx, vault.Tx).
type rowQuerier interface {
	QueryRow(query string, args ...any) *vault.Row
	Query(query string, args ...any) (*sql.Rows, error)
	Verify(purpose string, msg, sig []byte) bool
	CanSign() bool
}

// nextID returns one more than the largest id of table (a constant name,
// never user input), so ids are chosen in Go and journal replay is
// deterministic.
func nextID(q rowQuerier, table string) (int64, error) {
	var id int64
	err := q.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM ` + table).Scan(&id)
	return id, err
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// queryAll runs query and returns every row read by scan, in order.
func queryAll[T any](q rowQuerier, scan func(func(dest ...any) error) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []T
	for rows.Next() {
		v, err := scan(rows.Scan)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}
