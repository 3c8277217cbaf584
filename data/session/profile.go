package session

import (
	"encoding/json"
	"fmt"
	"strings"

	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Profile returns the agency profile. A vault created before profiles
// existed gives the name and receiving office recorded at creation.
func (s *Session) Profile() (registers.Profile, error) {
	var p registers.Profile
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		p, err = readProfile(tx)
		return err
	})
	return p, err
}

func readProfile(q rowQuerier) (registers.Profile, error) {
	var p registers.Profile
	var name, office, doc string
	if err := q.QueryRow(`SELECT name, receiving_office, profile FROM agency WHERE id = 1`).Scan(&name, &office, &doc); err != nil {
		return p, fmt.Errorf("session: reading the agency profile: %w", err)
	}
	if doc != "" {
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			return p, fmt.Errorf("%w: stored agency profile: %w", vault.ErrCorrupt, err)
		}
	}
	p.Name, p.ReceivingOffice.Name = name, office
	return p, nil
}

// SaveProfile replaces the agency profile (focal point only). The history
// records every changed field, before → after.
func (s *Session) SaveProfile(p registers.Profile) error {
	return s.write(users.PermEditProfile, func(tx *vault.Tx, _ users.User) error {
		return s.storeProfile(tx, p)
	})
}

// SaveSigning replaces the profile's signing details — the abbreviation
// in document symbols, the head's title, the collective body and how the
// signer signs (focal point only) — and keeps the rest of the profile.
func (s *Session) SaveSigning(g registers.Signing) error {
	return s.write(users.PermEditProfile, func(tx *vault.Tx, _ users.User) error {
		p, err := readProfile(tx)
		if err != nil {
			return err
		}
		p.Signing = g
		return s.storeProfile(tx, p)
	})
}

// storeProfile normalises p and stores it, recording the changed fields.
func (s *Session) storeProfile(tx *vault.Tx, p registers.Profile) error {
	p, err := registers.NormalizeProfile(p)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	doc, err := json.Marshal(p)
	if err != nil {
		return err
	}
	before, err := readProfile(tx)
	if err != nil {
		return err
	}
	changes := before.DescribeChanges(p)
	if len(changes) == 0 {
		return nil
	}
	if _, err := tx.Exec(`UPDATE agency SET name = ?, receiving_office = ?, profile = ?, updated_at = ? WHERE id = 1`,
		p.Name, p.ReceivingOffice.Name, string(doc), stamp(s.now())); err != nil {
		return err
	}
	return s.record(tx, "profile.update", "agency", "1", strings.Join(changes, "; "))
}
