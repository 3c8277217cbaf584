package session

import (
	"errors"
	"fmt"
	"io"
	"time"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// ErrNoSuchBundle means no received bundle has that id.
var ErrNoSuchBundle = errors.New("session: no received bundle with this id")

// ReceivedBundle is a bundle the office received, as the office_bundles
// table keeps it; its bytes are in the blob BlobID.
type ReceivedBundle struct {
	ID             int64
	AgencyCode     string
	Kind           string    // "annual", "incident", …
	From, To       time.Time // the period the manifest states, civil days at 00:00 UTC
	Subject        string    // what else tells reports of one period apart (an incident's id), or ""
	SHA256         string    // of the whole file, lower-case hex
	ManifestSHA256 string
	Size           int64
	BlobID         string
	FileName       string    // as it arrived
	KeyID          string    // the key that signed it
	Signer         string    // the signer's name as the manifest states it
	Created        time.Time // when the agency built it (manifest)
	ReceivedAt     time.Time
	ReceivedBy     string
	// SupersededBy is the id of the correction that replaced it, 0 while
	// it is the current one; with when and by whom.
	SupersededBy   int64
	SupersededAt   time.Time
	SupersededUser string
	// Data is what intake read from the bundle's data/ files for the
	// dashboard (JSON), or "".
	Data string
}

const receivedColumns = `id, agency_code, kind, period_from, period_to, subject, sha256, manifest_sha256, size, blob_id, file_name,
	key_id, signer, created_at, received_at, received_by, superseded_by, superseded_at, superseded_user, data_json`

func scanReceived(scan func(dest ...any) error) (ReceivedBundle, error) {
	var b ReceivedBundle
	var from, to, created, received, superseded string
	err := scan(&b.ID, &b.AgencyCode, &b.Kind, &from, &to, &b.Subject, &b.SHA256, &b.ManifestSHA256, &b.Size, &b.BlobID, &b.FileName,
		&b.KeyID, &b.Signer, &created, &received, &b.ReceivedBy, &b.SupersededBy, &superseded, &b.SupersededUser, &b.Data)
	if err != nil {
		return b, err
	}
	b.From, _ = time.Parse(time.DateOnly, from)
	b.To, _ = time.Parse(time.DateOnly, to)
	b.Created, b.ReceivedAt = parseStamp(created), parseStamp(received)
	if superseded != "" {
		b.SupersededAt = parseStamp(superseded)
	}
	return b, nil
}

// ReceivedBundles lists the bundles received, newest first; with
// agencyCode not "", only that agency's.
func (s *Session) ReceivedBundles(agencyCode string) ([]ReceivedBundle, error) {
	var list []ReceivedBundle
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAll(tx, scanReceived, `SELECT `+receivedColumns+` FROM office_bundles
			WHERE ? = '' OR agency_code = ? ORDER BY received_at DESC, id DESC`, agencyCode, agencyCode)
		return err
	})
	return list, err
}

// ReceivedBundleByID returns one received bundle's record.
func (s *Session) ReceivedBundleByID(id int64) (ReceivedBundle, error) {
	var b ReceivedBundle
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		b, err = getReceived(tx, id)
		return err
	})
	return b, err
}

// getReceived reads one received bundle (ErrNoSuchBundle).
func getReceived(q rowQuerier, id int64) (ReceivedBundle, error) {
	b, err := scanReceived(q.QueryRow(`SELECT `+receivedColumns+` FROM office_bundles WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return b, fmt.Errorf("%w: %d", ErrNoSuchBundle, id)
	}
	return b, err
}

// OpenReceivedBundle returns a received bundle's record and its original
// bytes as a stream, checked against the vault's record of them (see
// vault.OpenBlob: treat what was read as final only at io.EOF).
func (s *Session) OpenReceivedBundle(id int64) (ReceivedBundle, io.ReadCloser, error) {
	b, err := s.ReceivedBundleByID(id)
	if err != nil {
		return b, nil, err
	}
	rc, err := s.v.OpenBlob(b.BlobID)
	return b, rc, err
}
