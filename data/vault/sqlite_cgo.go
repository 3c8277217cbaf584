//go:build cgo

package vault

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// serializeConn returns c's main database image (sqlite3_serialize).
func serializeConn(c *sqlite3.SQLiteConn) ([]byte, error) { return c.Serialize("main") }

// deserializeConn replaces c's main database with image (sqlite3_deserialize).
func deserializeConn(c *sqlite3.SQLiteConn, image []byte) error { return c.Deserialize(image, "main") }

// copyConn copies src's main database over dst's with the online backup API.
func copyConn(dst, src *sqlite3.SQLiteConn) error {
	bk, err := dst.Backup("main", src, "main")
	if err != nil {
		return err
	}
	_, stepErr := bk.Step(-1)
	return errors.Join(stepErr, bk.Finish())
}
