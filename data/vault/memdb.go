package vault

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"
)

// memDSN opens a private in-memory database with foreign keys enforced.
const memDSN = ":memory:?_foreign_keys=1"

// Statement modes enforced by the SQLite authorizer.
const (
	modeInternal int32 = iota // the vault's own statements: everything allowed
	modeWrite                 // Tx.Exec: no transaction control, ATTACH or DETACH
	modeRead                  // View and Tx.Query: reads only
)

// memDB is the single in-memory SQLite connection of an open vault.
type memDB struct {
	db     *sql.DB
	conn   *sql.Conn
	mode   atomic.Int32
	denied atomic.Bool // set when the authorizer refused a statement
}

// newMemDB opens an empty in-memory database on one connection.
func newMemDB() (*memDB, error) {
	db, err := sql.Open("sqlite3", memDSN)
	if err != nil {
		return nil, fmt.Errorf("vault: open sqlite: %w", err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("vault: open sqlite: %w", err)
	}
	m := &memDB{db: db, conn: conn}
	// temp_store=MEMORY keeps sorter and temporary tables off the disk,
	// where they would be plaintext.
	if _, err := conn.ExecContext(context.Background(), "PRAGMA temp_store = MEMORY"); err != nil {
		m.close()
		return nil, fmt.Errorf("vault: configure sqlite: %w", err)
	}
	if err := m.raw(func(c *sqlite3.SQLiteConn) error {
		c.RegisterAuthorizer(m.authorize)
		return nil
	}); err != nil {
		m.close()
		return nil, err
	}
	return m, nil
}

// close releases the connection and the database.
func (m *memDB) close() {
	_ = m.conn.Close()
	_ = m.db.Close()
}

// raw runs fn on the driver connection.
func (m *memDB) raw(fn func(c *sqlite3.SQLiteConn) error) error {
	return m.conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("vault: unexpected driver connection %T", dc)
		}
		return fn(c)
	})
}

// SQLite authorizer codes (stable values of the C API, https://sqlite.org/c3ref/c_alter_table.html).
// They are defined here because the driver exports them only when built with cgo.
const (
	authOK          = 0  // SQLITE_OK
	authDeny        = 1  // SQLITE_DENY
	authPragma      = 19 // SQLITE_PRAGMA
	authRead        = 20 // SQLITE_READ
	authSelect      = 21 // SQLITE_SELECT
	authTransaction = 22 // SQLITE_TRANSACTION
	authAttach      = 24 // SQLITE_ATTACH
	authDetach      = 25 // SQLITE_DETACH
	authFunction    = 31 // SQLITE_FUNCTION
	authSavepoint   = 32 // SQLITE_SAVEPOINT
	authRecursive   = 33 // SQLITE_RECURSIVE
)

// isRandomFunction reports whether name is an SQL function whose result is
// random: a write using it would replay differently on open.
func isRandomFunction(name string) bool {
	switch strings.ToLower(name) {
	case "random", "randomblob":
		return true
	}
	return false
}

// isReadPragma reports whether a pragma given an argument only reads.
func isReadPragma(name string) bool {
	switch name {
	case "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
		"foreign_key_list", "foreign_key_check", "integrity_check", "quick_check":
		return true
	}
	return false
}

// authorize is the SQLite authorizer: it refuses what the current mode forbids.
func (m *memDB) authorize(op int, arg1, arg2, _ string) int {
	ok := true
	switch m.mode.Load() {
	case modeRead:
		switch op {
		case authSelect, authRead, authFunction, authRecursive:
		case authPragma:
			ok = arg2 == "" || isReadPragma(arg1)
		default:
			ok = false
		}
	case modeWrite:
		switch op {
		case authTransaction, authSavepoint, authAttach, authDetach:
			ok = false
		case authFunction:
			ok = !isRandomFunction(arg1) && !isRandomFunction(arg2)
		case authPragma:
			ok = !strings.EqualFold(arg1, "temp_store") || arg2 == ""
		}
	}
	if !ok {
		m.denied.Store(true)
		return authDeny
	}
	return authOK
}

// withMode runs fn in mode, restoring the previous mode afterwards, and
// maps an authorizer refusal to ErrNotReadOnly.
func (m *memDB) withMode(mode int32, fn func() error) error {
	prev := m.mode.Swap(mode)
	m.denied.Store(false)
	err := fn()
	m.mode.Store(prev)
	if err != nil && m.denied.Swap(false) {
		if mode == modeRead {
			return fmt.Errorf("%w: %w", ErrNotReadOnly, err)
		}
		return fmt.Errorf("%w: transaction control, ATTACH, DETACH and random() are not allowed: %w", ErrStatementFailed, err)
	}
	return err
}

// serialize returns the database image.
func (m *memDB) serialize() ([]byte, error) {
	var image []byte
	err := m.raw(func(c *sqlite3.SQLiteConn) error {
		var err error
		image, err = serializeConn(c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("vault: serialize database: %w", err)
	}
	return image, nil
}

// load replaces the database with image. A deserialized database cannot
// grow, so the image is deserialized into a staging connection and copied
// into this one with the online backup API.
func (m *memDB) load(image []byte) error {
	staging, err := newMemDB()
	if err != nil {
		return err
	}
	defer staging.close()
	err = staging.raw(func(src *sqlite3.SQLiteConn) error {
		if err := deserializeConn(src, image); err != nil {
			return fmt.Errorf("%w: snapshot database: %v", ErrCorrupt, err)
		}
		return m.raw(func(dst *sqlite3.SQLiteConn) error {
			if err := copyConn(dst, src); err != nil {
				return fmt.Errorf("%w: load database: %v", ErrCorrupt, err)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	return m.checkIntegrity()
}

// checkIntegrity runs a quick structural check of the loaded database.
func (m *memDB) checkIntegrity() error {
	var res string
	if err := m.conn.QueryRowContext(context.Background(), "PRAGMA quick_check").Scan(&res); err != nil || res != "ok" {
		return fmt.Errorf("%w: database integrity check: %q %v", ErrCorrupt, res, err)
	}
	return nil
}
