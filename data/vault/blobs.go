package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"daumoi/data/blob"
)

// BlobInfo describes an evidence blob recorded in the vault.
type BlobInfo struct {
	ID      string // 32 hex digits
	Size    int64  // plaintext size in bytes
	SHA256  string // plaintext SHA-256, lower-case hex
	Created string // RFC 3339, UTC
}

// openBlobStore opens dir/blobs with the blob identities of the header:
// new blobs go to the current one, older blobs are read with theirs.
func openBlobStore(dir string, hs *headerSecrets) (*blob.Store, error) {
	s, err := blob.New(filepath.Join(dir, blobsDir), hs.blobIDs[0], hs.blobIDs[1:]...)
	if err != nil {
		return nil, fmt.Errorf("vault: open blob store: %w", err)
	}
	return s, nil
}

// recordedBlobs returns the ids of the blobs recorded in the database.
func recordedBlobs(q *ReadTx) (map[string]BlobInfo, error) {
	rows, err := q.Query(`SELECT id, size, sha256, created FROM vault_blobs`)
	if err != nil {
		return nil, fmt.Errorf("vault: list blobs: %w", err)
	}
	defer rows.Close()
	out := map[string]BlobInfo{}
	for rows.Next() {
		var b BlobInfo
		if err := rows.Scan(&b.ID, &b.Size, &b.SHA256, &b.Created); err != nil {
			return nil, fmt.Errorf("vault: list blobs: %w", err)
		}
		out[b.ID] = b
	}
	return out, rows.Err()
}

// removeOrphanBlobs deletes blob files that no committed transaction
// recorded (a crash between writing the file and committing), and the
// blob store's temporary files.
func (v *Vault) removeOrphanBlobs() error {
	known, err := recordedBlobs(&ReadTx{q: v.db.conn, db: v.db})
	if err != nil {
		return err
	}
	files, err := v.blobs.List()
	if err != nil {
		return err
	}
	errs := []error{v.blobs.CleanTemp()}
	for _, id := range files {
		if _, ok := known[id]; !ok {
			errs = append(errs, v.blobs.Delete(id))
		}
	}
	return errors.Join(errs...)
}

// PutBlob encrypts everything read from r into a new evidence blob and
// records it in the vault in one Update. progress, if not nil, receives the
// number of bytes read so far. On any failure (including ctx cancelled) the
// blob file is removed; a crash leaves at most an orphan file that the next
// open deletes.
func (v *Vault) PutBlob(ctx context.Context, r io.Reader, progress func(done int64)) (BlobInfo, error) {
	v.mu.Lock()
	err := v.usable()
	store := v.blobs
	v.mu.Unlock()
	if err != nil {
		return BlobInfo{}, err
	}
	info, err := store.Put(ctx, r, progress)
	if err != nil {
		return BlobInfo{}, fmt.Errorf("vault: store blob: %w", err)
	}
	b := BlobInfo{ID: info.ID, Size: info.Size, SHA256: info.SHA256, Created: time.Now().UTC().Format(time.RFC3339)}
	err = v.Update(func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO vault_blobs (id, size, sha256, created) VALUES (?, ?, ?, ?)`,
			b.ID, b.Size, b.SHA256, b.Created)
		return err
	})
	if err != nil {
		return BlobInfo{}, errors.Join(err, store.Delete(info.ID))
	}
	return b, nil
}

// BlobInfo returns what the vault records about blob id (ErrBlobNotFound).
func (v *Vault) BlobInfo(id string) (BlobInfo, error) {
	var b BlobInfo
	err := v.View(func(tx *ReadTx) error {
		return tx.QueryRow(`SELECT id, size, sha256, created FROM vault_blobs WHERE id = ?`, id).
			Scan(&b.ID, &b.Size, &b.SHA256, &b.Created)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return BlobInfo{}, fmt.Errorf("%w: %s", ErrBlobNotFound, id)
	}
	return b, err
}

// OpenBlob returns the plaintext of blob id as a stream, checked against
// the vault's own record of its size and SHA-256: a reader that reaches
// io.EOF has returned exactly the content that was stored. A damaged file,
// or another file put in its place (anyone can encrypt to the blob store's
// recipient), fails with an error wrapping blob.ErrCorrupt, at the latest
// instead of io.EOF — so callers must treat what they read as final only
// after io.EOF.
func (v *Vault) OpenBlob(id string) (io.ReadCloser, error) {
	return openRecorded(v, id, (*blob.Store).OpenVerified)
}

// OpenBlobAt opens blob id for random access (for ZIP archives kept as
// blobs), checked whole against the vault's record before it returns; see
// blob.Store.OpenAt. The caller must Close it.
func (v *Vault) OpenBlobAt(id string) (*blob.ReaderAt, error) {
	return openRecorded(v, id, (*blob.Store).OpenAt)
}

// openRecorded opens blob id with open, checked against the vault's
// record of its size and SHA-256.
func openRecorded[T any](v *Vault, id string, open func(*blob.Store, string, blob.Info) (T, error)) (T, error) {
	var zero T
	b, err := v.BlobInfo(id)
	if err != nil {
		return zero, err
	}
	v.mu.Lock()
	store := v.blobs
	v.mu.Unlock()
	r, err := open(store, id, blob.Info{ID: b.ID, Size: b.Size, SHA256: b.SHA256})
	if err != nil {
		return zero, fmt.Errorf("vault: open blob: %w", err)
	}
	return r, nil
}

// DeleteBlob forgets blob id durably, then removes its file (a crash in
// between leaves an orphan file that the next open deletes).
func (v *Vault) DeleteBlob(id string) error {
	err := v.Update(func(tx *Tx) error {
		res, err := tx.Exec(`DELETE FROM vault_blobs WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %s", ErrBlobNotFound, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	v.mu.Lock()
	store := v.blobs
	v.mu.Unlock()
	if err := store.Delete(id); err != nil && !errors.Is(err, blob.ErrNotFound) {
		return fmt.Errorf("vault: delete blob file: %w", err)
	}
	return nil
}
