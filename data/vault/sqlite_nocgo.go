//go:build !cgo

package vault

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// errNoCgo is returned without cgo: the SQLite driver is then a stub. This
// file exists so that `GOOS=windows go vet` works without a C toolchain.
var errNoCgo = errors.New("vault: built without cgo; SQLite is unavailable")

// serializeConn fails without cgo.
func serializeConn(*sqlite3.SQLiteConn) ([]byte, error) { return nil, errNoCgo }

// deserializeConn fails without cgo.
func deserializeConn(*sqlite3.SQLiteConn, []byte) error { return errNoCgo }

// copyConn fails without cgo.
func copyConn(_, _ *sqlite3.SQLiteConn) error { return errNoCgo }
