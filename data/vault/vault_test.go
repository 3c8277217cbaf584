package vault

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCreateUpdateReopen(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, f REAL, b BOOLEAN)`)
	for i := range 20 {
		mustExec(t, v, `INSERT INTO t (id, name, data, f, b) VALUES (?, ?, ?, ?, ?)`, i, "Hương", []byte{byte(i)}, 1.5, i%2 == 0)
	}
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, v, `INSERT INTO t (id, name) VALUES (?, ?)`, 100, nil)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM t`); n != 21 {
		t.Fatalf("rows after reopen = %d, want 21", n)
	}
	if n := count(t, v2, `SELECT COUNT(*) FROM t WHERE b = 1 AND f = 1.5 AND name = 'Hương'`); n != 10 {
		t.Fatalf("typed rows = %d, want 10", n)
	}
}

func TestUpdateRules(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)`)
	cases := []struct {
		name string
		fn   func(tx *Tx) error
		want error
	}{
		{"time argument", func(tx *Tx) error { _, err := tx.Exec(`INSERT INTO t (s) VALUES (?)`, time.Now()); return err }, ErrArgType},
		{"uint argument", func(tx *Tx) error { _, err := tx.Exec(`INSERT INTO t (s) VALUES (?)`, uint(1)); return err }, ErrArgType},
		{"failed statement ignored by fn", func(tx *Tx) error { _, _ = tx.Exec(`INSERT INTO nope VALUES (1)`); return nil }, ErrStatementFailed},
		{"write through Query", func(tx *Tx) error { _, err := tx.Query(`DELETE FROM t`); return err }, ErrNotReadOnly},
		{"multi-statement write through Query", func(tx *Tx) error { _, err := tx.Query(`SELECT 1; DELETE FROM t`); return err }, ErrNotReadOnly},
		{"transaction control", func(tx *Tx) error { _, err := tx.Exec(`COMMIT`); return err }, ErrStatementFailed},
		{"attach", func(tx *Tx) error { _, err := tx.Exec(`ATTACH ':memory:' AS x`); return err }, ErrStatementFailed},
		{"temp_store back to files", func(tx *Tx) error { _, err := tx.Exec(`PRAGMA temp_store = FILE`); return err }, ErrStatementFailed},
		{"random()", func(tx *Tx) error { _, err := tx.Exec(`INSERT INTO t (s) VALUES (hex(randomblob(4)))`); return err }, ErrStatementFailed},
		{"RANDOM() in a subquery", func(tx *Tx) error { _, err := tx.Exec(`INSERT INTO t (s) SELECT RANDOM()`); return err }, ErrStatementFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := v.Update(func(tx *Tx) error {
				if _, err := tx.Exec(`INSERT INTO t (s) VALUES ('kept only on success')`); err != nil {
					return err
				}
				return c.fn(tx)
			})
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if n := count(t, v, `SELECT COUNT(*) FROM t`); n != 0 {
				t.Fatalf("rolled back transaction left %d rows", n)
			}
		})
	}
	err := v.View(func(tx *ReadTx) error { _, err := tx.Query(`INSERT INTO t (s) VALUES ('x')`); return err })
	if !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("View write: %v, want ErrNotReadOnly", err)
	}
	err = v.View(func(tx *ReadTx) error { _, err := tx.Query(`PRAGMA user_version = 3`); return err })
	if !errors.Is(err, ErrNotReadOnly) {
		t.Fatalf("View pragma write: %v, want ErrNotReadOnly", err)
	}
	if n := count(t, v, `SELECT COUNT(*) FROM pragma_table_info('t')`); n != 2 {
		t.Fatalf("table_info columns = %d", n)
	}
}

func TestFailedCommitUndoesJournalRecord(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE p (id INTEGER PRIMARY KEY)`)
	mustExec(t, v, `CREATE TABLE c (p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)`)
	size := v.j.size
	err := v.Update(func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO c (p) VALUES (5)`)
		return err
	})
	if !errors.Is(err, ErrStatementFailed) {
		t.Fatalf("deferred FK violation: %v, want ErrStatementFailed", err)
	}
	if v.j.size != size {
		t.Fatalf("journal grew from %d to %d on a failed commit", size, v.j.size)
	}
	mustExec(t, v, `INSERT INTO p (id) VALUES (5)`)
	mustExec(t, v, `INSERT INTO c (p) VALUES (5)`)
	_ = v.Close()
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM c`); n != 1 {
		t.Fatalf("rows = %d, want 1", n)
	}
}

func TestClosedVault(t *testing.T) {
	v, _, _ := newTestVault(t)
	_ = v.Close()
	if err := v.Update(func(*Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Fatalf("Update after Close: %v", err)
	}
	if err := v.View(func(*ReadTx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Fatalf("View after Close: %v", err)
	}
	if err := v.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestAutoCompactionOnLargeJournal(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE big (s TEXT)`)
	before := mustRead(t, filepath.Join(dir, snapshotFile))
	mustExec(t, v, `INSERT INTO big VALUES (?)`, strings.Repeat("x", autoCompactBytes+1))
	if got := len(mustRead(t, filepath.Join(dir, journalFile))); got != journalPreambleSize {
		t.Fatalf("journal is %d bytes after crossing %d bytes; want it restarted", got, autoCompactBytes)
	}
	if bytes.Equal(before, mustRead(t, filepath.Join(dir, snapshotFile))) {
		t.Fatal("snapshot not rewritten")
	}
	mustExec(t, v, `INSERT INTO big VALUES ('after')`)
	_ = v.Close()
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM big`); n != 2 {
		t.Fatalf("rows = %d, want 2", n)
	}
}

func TestTemporaryStorageInMemory(t *testing.T) {
	v, dir, _ := newTestVault(t)
	_ = v.Close()
	v = unlock(t, dir)
	if n := count(t, v, `PRAGMA temp_store`); n != 2 {
		t.Fatalf("temp_store = %d, want 2 (MEMORY): sorts would spill plaintext to disk", n)
	}
}

func TestPanicInUpdateRollsBack(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE t (a)`)
	func() {
		defer func() { _ = recover() }()
		_ = v.Update(func(tx *Tx) error {
			_, _ = tx.Exec(`INSERT INTO t VALUES (1)`)
			panic("caller bug")
		})
	}()
	mustExec(t, v, `INSERT INTO t VALUES (2)`)
	if n := count(t, v, `SELECT COUNT(*) FROM t`); n != 1 {
		t.Fatalf("rows = %d, want 1", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE t (a INTEGER)`)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 25 {
				if err := v.Update(func(tx *Tx) error {
					_, err := tx.Exec(`INSERT INTO t VALUES (?)`, g*100+i)
					return err
				}); err != nil {
					t.Error(err)
				}
				if err := v.View(func(tx *ReadTx) error {
					var n int
					return tx.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&n)
				}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Go(func() {
		for range 5 {
			if _, err := v.PutBlob(context.Background(), strings.NewReader("bằng chứng"), nil); err != nil {
				t.Error(err)
			}
			if err := v.Compact(); err != nil {
				t.Error(err)
			}
			_ = v.Slots()
			_ = v.ID()
		}
	})
	wg.Wait()
	_ = v.Close()
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM t`); n != 100 {
		t.Fatalf("rows = %d, want 100", n)
	}
}

func TestCompactionCrashWindow(t *testing.T) {
	// A crash after the new snapshot is in place but before the journal is
	// replaced leaves the old journal, whose records are all in the snapshot.
	v, dir, _ := newTestVault(t)
	mustExec(t, v, `CREATE TABLE t (a INTEGER)`)
	for i := range 3 {
		mustExec(t, v, `INSERT INTO t VALUES (?)`, i)
	}
	oldJournal := mustRead(t, filepath.Join(dir, journalFile))
	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	_ = v.Close()
	if err := os.WriteFile(filepath.Join(dir, journalFile), oldJournal, 0o600); err != nil {
		t.Fatal(err)
	}
	v2 := unlock(t, dir)
	if n := count(t, v2, `SELECT COUNT(*) FROM t`); n != 3 {
		t.Fatalf("rows = %d, want 3 (records replayed twice or lost)", n)
	}
	mustExec(t, v2, `INSERT INTO t VALUES (3)`)
	_ = v2.Close()
	v3 := unlock(t, dir)
	if n := count(t, v3, `SELECT COUNT(*) FROM t`); n != 4 {
		t.Fatalf("rows after commit on the old journal = %d, want 4", n)
	}
}

func TestOpenRemovesLeftovers(t *testing.T) {
	v, dir, _ := newTestVault(t)
	kept, err := v.PutBlob(context.Background(), strings.NewReader("giữ lại"), nil)
	if err != nil {
		t.Fatal(err)
	}
	orphan, err := v.blobs.Put(context.Background(), strings.NewReader("mồ côi"), nil)
	if err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, tmpDir, "db.snapshot.123.tmp")
	if err := os.WriteFile(leftover, []byte("ciphertext"), 0o600); err != nil {
		t.Fatal(err)
	}
	_ = v.Close()
	v2 := unlock(t, dir)
	files, err := v2.blobs.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0] != kept.ID {
		t.Fatalf("blob files after open = %v, want only %s (orphan %s removed)", files, kept.ID, orphan.ID)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Fatalf("tmp leftover not removed: %v", err)
	}
	if err := v2.DeleteBlob(kept.ID); err != nil {
		t.Fatal(err)
	}
	if err := v2.DeleteBlob(kept.ID); !errors.Is(err, ErrBlobNotFound) {
		t.Fatalf("second delete: %v, want ErrBlobNotFound", err)
	}
	if _, err := v2.OpenBlob(orphan.ID); !errors.Is(err, ErrBlobNotFound) {
		t.Fatalf("open orphan: %v, want ErrBlobNotFound", err)
	}
}

func TestPutBlobCancelledLeavesNothing(t *testing.T) {
	v, dir, _ := newTestVault(t)
	ctx, cancel := context.WithCancel(context.Background())
	var seen int64
	big := io.LimitReader(rand.NewChaCha8([32]byte{1}), 64<<20)
	_, err := v.PutBlob(ctx, big, func(done int64) {
		seen = done
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if seen == 0 {
		t.Fatal("progress never called")
	}
	files, _ := v.blobs.List()
	tmp, _ := os.ReadDir(filepath.Join(dir, blobsDir, "tmp"))
	if len(files) != 0 || len(tmp) != 0 || count(t, v, `SELECT COUNT(*) FROM vault_blobs`) != 0 {
		t.Fatalf("cancelled import left %d files, %d temp files", len(files), len(tmp))
	}
}
