package session

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of evidence metadata and links.
var (
	// ErrBadDate is returned for a date that is not a valid YYYY-MM-DD, or
	// an expiry date before the effective date.
	ErrBadDate = errors.New("session: invalid date (YYYY-MM-DD expected)")
	// ErrBadLinkKind is returned for a link kind other than item, system
	// or asset.
	ErrBadLinkKind = errors.New("session: evidence can be linked to a checklist item, a system or an asset only")
	// ErrNoSuchItem is returned for a checklist item no pack (or no
	// assessment) has.
	ErrNoSuchItem = errors.New("session: no such checklist item")
	// ErrNoSuchLink is returned when removing a link that does not exist.
	ErrNoSuchLink = errors.New("session: the evidence file is not linked to this")
)

// LinkKind is what an evidence file can be linked to.
type LinkKind string

// The link kinds.
const (
	LinkItem   LinkKind = "item"   // a checklist item, Target "packID/itemID"
	LinkSystem LinkKind = "system" // an information system, Target its id
	LinkAsset  LinkKind = "asset"  // an asset, Target its id
)

// EvidenceLink ties an evidence file to what it proves.
type EvidenceLink struct {
	Kind   LinkKind
	Target string
}

// EvidenceDetails is an evidence file's record with its dates and links.
type EvidenceDetails struct {
	Evidence
	EffectiveDate string // YYYY-MM-DD or ""
	ExpiryDate    string // YYYY-MM-DD (last valid day) or ""
	Links         []EvidenceLink
}

// SetEvidenceDates sets the date an evidence file takes effect and its
// last valid day ("" for none). Expiring evidence appears among the
// obligations. Needs PermAddEvidence.
func (s *Session) SetEvidenceDates(id, effective, expiry string) error {
	from, err := parseDay(strings.TrimSpace(effective), true)
	if err != nil {
		return err
	}
	until, err := parseDay(strings.TrimSpace(expiry), true)
	if err != nil {
		return err
	}
	if !from.IsZero() && !until.IsZero() && until.Before(from) {
		return fmt.Errorf("%w: expiry %s is before the effective date %s", ErrBadDate, expiry, effective)
	}
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		e, err := getEvidence(tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE evidence SET effective_date = ?, expiry_date = ? WHERE id = ?`,
			strings.TrimSpace(effective), strings.TrimSpace(expiry), id); err != nil {
			return err
		}
		return s.record(tx, "evidence.dates", "evidence", id,
			fmt.Sprintf("%s: hiệu lực từ %q, hết hạn %q", e.Title, effective, expiry))
	})
}

// SetEvidenceDescription replaces an evidence file's description. Needs
// PermAddEvidence.
func (s *Session) SetEvidenceDescription(id, description string) error {
	description = strings.TrimSpace(textnorm.NFC(description))
	if utf8.RuneCountInString(description) > 5000 {
		return fmt.Errorf("%w: description too long", ErrInvalidInput)
	}
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		e, err := getEvidence(tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE evidence SET description = ? WHERE id = ?`, description, id); err != nil {
			return err
		}
		return s.record(tx, "evidence.describe", "evidence", id, e.Title+": "+description)
	})
}

// EvidenceInfo returns an evidence file's record, dates and links. Needs
// PermRead.
func (s *Session) EvidenceInfo(id string) (EvidenceDetails, error) {
	var d EvidenceDetails
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if d.Evidence, err = getEvidence(tx, id); err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT effective_date, expiry_date FROM evidence WHERE id = ?`, id).Scan(&d.EffectiveDate, &d.ExpiryDate); err != nil {
			return err
		}
		d.Links, err = evidenceLinks(tx, id)
		return err
	})
	return d, err
}

func getEvidence(q rowQuerier, id string) (Evidence, error) {
	e, err := scanEvidence(q.QueryRow(`SELECT `+evidenceColumns+` FROM evidence WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return e, fmt.Errorf("%w: %s", ErrNoSuchEvidence, id)
	}
	return e, err
}

// LinkEvidence links an evidence file to a checklist item ("packID/itemID"
// of any pack in the vault), a system or an asset. Linking twice is not an
// error. Needs PermAddEvidence.
func (s *Session) LinkEvidence(evidenceID string, link EvidenceLink) error {
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		e, err := getEvidence(tx, evidenceID)
		if err != nil {
			return err
		}
		if err := checkLinkTarget(tx, link); err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT OR IGNORE INTO evidence_links (evidence_id, kind, target) VALUES (?, ?, ?)`,
			evidenceID, string(link.Kind), link.Target)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return s.record(tx, "evidence.link", "evidence", evidenceID, fmt.Sprintf("%s → %s %s", e.Title, link.Kind, link.Target))
	})
}

// UnlinkEvidence removes a link (ErrNoSuchLink if there is none). Needs
// PermAddEvidence.
func (s *Session) UnlinkEvidence(evidenceID string, link EvidenceLink) error {
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		e, err := getEvidence(tx, evidenceID)
		if err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM evidence_links WHERE evidence_id = ? AND kind = ? AND target = ?`,
			evidenceID, string(link.Kind), link.Target)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %s %s", ErrNoSuchLink, link.Kind, link.Target)
		}
		return s.record(tx, "evidence.unlink", "evidence", evidenceID, fmt.Sprintf("%s ↛ %s %s", e.Title, link.Kind, link.Target))
	})
}

// EvidenceLinks returns an evidence file's links, sorted. Needs PermRead.
func (s *Session) EvidenceLinks(evidenceID string) ([]EvidenceLink, error) {
	var list []EvidenceLink
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if _, err := getEvidence(tx, evidenceID); err != nil {
			return err
		}
		var err error
		list, err = evidenceLinks(tx, evidenceID)
		return err
	})
	return list, err
}

func evidenceLinks(q rowQuerier, evidenceID string) ([]EvidenceLink, error) {
	rows, err := q.Query(`SELECT kind, target FROM evidence_links WHERE evidence_id = ? ORDER BY kind, target`, evidenceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []EvidenceLink
	for rows.Next() {
		var l EvidenceLink
		if err := rows.Scan(&l.Kind, &l.Target); err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

// checkLinkTarget checks that what a link points to exists.
func checkLinkTarget(q rowQuerier, link EvidenceLink) error {
	switch link.Kind {
	case LinkSystem:
		id, err := strconv.ParseInt(link.Target, 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q", ErrNoSuchSystem, link.Target)
		}
		_, err = getSystem(q, id)
		return err
	case LinkAsset:
		id, err := strconv.ParseInt(link.Target, 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q", ErrNoSuchAsset, link.Target)
		}
		_, err = getAsset(q, id)
		return err
	case LinkItem:
		reg, err := loadRegistry(q)
		if err != nil {
			return err
		}
		packID, itemID, _ := strings.Cut(link.Target, "/")
		e, err := reg.Get(packID)
		if err != nil {
			return fmt.Errorf("%w: %q", ErrNoSuchItem, link.Target)
		}
		for _, c := range e.Pack.Catalogues {
			for _, it := range c.Items {
				if it.ID == itemID {
					return nil
				}
			}
		}
		return fmt.Errorf("%w: %q", ErrNoSuchItem, link.Target)
	}
	return fmt.Errorf("%w: %q", ErrBadLinkKind, link.Kind)
}
