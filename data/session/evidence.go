package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Evidence is an attached file: its metadata in the database, its content
// in an encrypted blob.
type Evidence struct {
	ID          string // the blob's id, 32 hex digits
	Title       string
	FileName    string
	MediaType   string
	Size        int64
	SHA256      string // hex, of the plaintext
	Description string
	AddedBy     string
	AddedAt     time.Time
}

// EvidenceMeta is what the user says about a file being added.
type EvidenceMeta struct {
	Title       string // defaults to the file name
	FileName    string // the original name, without folders
	Description string
}

// AddEvidence encrypts r into the vault as a new evidence file. The import
// is atomic: it is either recorded whole or not at all. progress, if set,
// gets the bytes read so far; ctx cancels it.
func (s *Session) AddEvidence(ctx context.Context, r io.Reader, meta EvidenceMeta, progress func(int64)) (Evidence, error) {
	meta, err := normalizeMeta(meta)
	if err != nil {
		return Evidence{}, err
	}
	if _, err := s.check(users.PermAddEvidence); err != nil {
		return Evidence{}, err
	}
	b, err := s.v.PutBlob(ctx, r, progress)
	if err != nil {
		return Evidence{}, err
	}
	e := Evidence{ID: b.ID, Title: meta.Title, FileName: meta.FileName, MediaType: mediaType(meta.FileName),
		Size: b.Size, SHA256: b.SHA256, Description: meta.Description, AddedBy: s.user, AddedAt: s.now().UTC().Truncate(time.Second)}
	err = s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		if _, err := tx.Exec(`INSERT INTO evidence (id, blob_id, title, file_name, media_type, size, sha256, description, added_by, added_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, b.ID, e.Title, e.FileName, e.MediaType, e.Size, e.SHA256, e.Description, e.AddedBy, stamp(e.AddedAt)); err != nil {
			return err
		}
		return s.record(tx, "evidence.add", "evidence", e.ID, fmt.Sprintf("%s (%s, %d byte)", e.Title, e.FileName, e.Size))
	})
	if err != nil {
		return Evidence{}, errors.Join(err, s.v.DeleteBlob(b.ID))
	}
	return e, nil
}

func normalizeMeta(m EvidenceMeta) (EvidenceMeta, error) {
	m.FileName = strings.TrimSpace(textnorm.NFC(filepath.Base(filepath.ToSlash(m.FileName))))
	if m.FileName == "." || m.FileName == "/" {
		m.FileName = ""
	}
	m.Title = strings.TrimSpace(textnorm.NFC(m.Title))
	if m.Title == "" {
		m.Title = m.FileName
	}
	m.Description = strings.TrimSpace(textnorm.NFC(m.Description))
	if m.Title == "" {
		return m, fmt.Errorf("%w: an evidence file needs a title or a file name", ErrInvalidInput)
	}
	if utf8.RuneCountInString(m.Title) > 500 || utf8.RuneCountInString(m.FileName) > 255 || utf8.RuneCountInString(m.Description) > 5000 {
		return m, fmt.Errorf("%w: text too long", ErrInvalidInput)
	}
	return m, nil
}

func mediaType(name string) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return t
	}
	return "application/octet-stream"
}

const evidenceColumns = `id, title, file_name, media_type, size, sha256, description, added_by, added_at`

func scanEvidence(scan func(dest ...any) error) (Evidence, error) {
	var e Evidence
	var at string
	err := scan(&e.ID, &e.Title, &e.FileName, &e.MediaType, &e.Size, &e.SHA256, &e.Description, &e.AddedBy, &at)
	e.AddedAt, _ = time.Parse(time.RFC3339, at)
	return e, err
}

// ListEvidence returns every evidence file, newest first.
func (s *Session) ListEvidence() ([]Evidence, error) {
	var list []Evidence
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAll(tx, scanEvidence, `SELECT `+evidenceColumns+` FROM evidence ORDER BY added_at DESC, id`)
		return err
	})
	return list, err
}

// ErrNoSuchEvidence is returned for an unknown evidence id.
var ErrNoSuchEvidence = errors.New("session: no such evidence file")

// OpenEvidence returns an evidence file's record and its plaintext as a
// stream. Reading it to the end without error proves it was not tampered
// with. Writing it to disk is the caller's explicit export.
func (s *Session) OpenEvidence(id string) (Evidence, io.ReadCloser, error) {
	var e Evidence
	err := s.read(users.PermExportEvidence, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		e, err = scanEvidence(tx.QueryRow(`SELECT `+evidenceColumns+` FROM evidence WHERE id = ?`, id).Scan)
		return err
	})
	if err != nil {
		if isNoRows(err) {
			return e, nil, fmt.Errorf("%w: %s", ErrNoSuchEvidence, id)
		}
		return e, nil, err
	}
	rc, err := s.v.OpenBlob(id)
	return e, rc, err
}

// CopyEvidence writes evidence id to w and checks its size and hash.
func (s *Session) CopyEvidence(ctx context.Context, id string, w io.Writer) (Evidence, error) {
	e, rc, err := s.OpenEvidence(id)
	if err != nil {
		return e, err
	}
	defer rc.Close()
	n, err := io.Copy(w, readerWithContext(ctx, rc))
	if err != nil {
		return e, err
	}
	if n != e.Size {
		return e, fmt.Errorf("%w: %s has %d bytes, %d expected", vault.ErrCorrupt, id, n, e.Size)
	}
	return e, nil
}
