package session

import (
	"errors"

	"daumoi/data/vault"
)

// unreferencedBlobs returns the blobs the vault records that no evidence
// or received bundle refers to: a crash between storing a file's content
// and recording what it is. evidence.blob_id and office_bundles.blob_id are
// the only references to a blob in the schema (data/store); a new table
// referring to blobs must be added here.
func unreferencedBlobs(v *vault.Vault) ([]string, error) {
	var ids []string
	err := v.View(func(tx *vault.ReadTx) error {
		rows, err := tx.Query(`SELECT id FROM vault_blobs WHERE id NOT IN (SELECT blob_id FROM evidence UNION SELECT blob_id FROM office_bundles) ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	return ids, err
}

// removeUnreferencedBlobs deletes the blobs of evidence imports that were
// interrupted before the evidence was recorded. Their content was never
// acknowledged to anyone, so nothing is written to the history.
func removeUnreferencedBlobs(v *vault.Vault) error {
	ids, err := unreferencedBlobs(v)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		errs = append(errs, v.DeleteBlob(id))
	}
	return errors.Join(errs...)
}

// RegisterTemp records, sealed in the vault, the path of a temporary file
// about to be written outside the vault (an export or a backup), so that the
// next unlock deletes it if the program dies before release is called
// (package app/exportfile).
func (s *Session) RegisterTemp(path string) (release func() error, err error) {
	return s.v.RegisterTemp(path)
}
