package session

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// SetEvidenceTitle renames an evidence file (the title shown in lists and
// reports; the file name is kept). Needs PermAddEvidence.
func (s *Session) SetEvidenceTitle(id, title string) error {
	title = strings.TrimSpace(textnorm.NFC(title))
	if title == "" || utf8.RuneCountInString(title) > 500 {
		return fmt.Errorf("%w: an evidence title has 1 to 500 characters", ErrInvalidInput)
	}
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		e, err := getEvidence(tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE evidence SET title = ? WHERE id = ?`, title, id); err != nil {
			return err
		}
		return s.record(tx, "evidence.rename", "evidence", id, e.Title+" → "+title)
	})
}
