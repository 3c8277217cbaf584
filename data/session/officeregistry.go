package session

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// Errors of the office's registry of agencies.
var (
	// ErrNoSuchAgency means no agency of the registry has that code.
	ErrNoSuchAgency = errors.New("session: no agency with this code in the registry")
	// ErrAgencyExists means an agency with that code is already registered.
	ErrAgencyExists = errors.New("session: an agency with this code is already registered")
	// ErrKeyExists means the agency already has that key.
	ErrKeyExists = errors.New("session: this key is already registered for the agency")
	// ErrKeyOfOther means the key is registered for another agency.
	ErrKeyOfOther = errors.New("session: this key is registered for another agency")
)

const agencyColumns = `code, name, parent, kind, contact_name, contact_phone, contact_email`

func scanAgency(scan func(dest ...any) error) (office.Agency, error) {
	var a office.Agency
	err := scan(&a.Code, &a.Name, &a.Parent, &a.Kind, &a.ContactName, &a.ContactPhone, &a.ContactEmail)
	return a, err
}

// Agencies lists the registry's agencies by code.
func (s *Session) Agencies() ([]office.Agency, error) {
	var list []office.Agency
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAll(tx, scanAgency, `SELECT `+agencyColumns+` FROM office_agencies ORDER BY code`)
		return err
	})
	return list, err
}

// Agency returns the agency with code and its keys, oldest first.
func (s *Session) Agency(code string) (office.Agency, []office.Key, error) {
	var a office.Agency
	var keys []office.Key
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if a, err = getAgency(tx, code); err != nil {
			return err
		}
		keys, err = agencyKeys(tx, a.Code)
		return err
	})
	return a, keys, err
}

// getAgency reads one agency (ErrNoSuchAgency).
func getAgency(q rowQuerier, code string) (office.Agency, error) {
	a, err := scanAgency(q.QueryRow(`SELECT `+agencyColumns+` FROM office_agencies WHERE code = ?`, strings.TrimSpace(code)).Scan)
	if isNoRows(err) {
		return a, fmt.Errorf("%w: %q", ErrNoSuchAgency, code)
	}
	return a, err
}

// AddAgency registers an agency (receiving officer only).
func (s *Session) AddAgency(a office.Agency) error {
	a, err := office.Normalize(a)
	if err != nil {
		return err
	}
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		if _, err := getAgency(tx, a.Code); err == nil {
			return fmt.Errorf("%w: %q", ErrAgencyExists, a.Code)
		}
		now := stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO office_agencies (`+agencyColumns+`, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Code, a.Name, a.Parent, string(a.Kind), a.ContactName, a.ContactPhone, a.ContactEmail, now, now); err != nil {
			return err
		}
		return s.record(tx, "registry.agency_add", "reporting_agency", a.Code, a.Name)
	})
}

// UpdateAgency changes an agency's name, parent, kind and contact; its
// code stays (receiving officer only).
func (s *Session) UpdateAgency(a office.Agency) error {
	a, err := office.Normalize(a)
	if err != nil {
		return err
	}
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		before, err := getAgency(tx, a.Code)
		if err != nil {
			return err
		}
		if before == a {
			return nil
		}
		if _, err := tx.Exec(`UPDATE office_agencies SET name = ?, parent = ?, kind = ?, contact_name = ?, contact_phone = ?, contact_email = ?, updated_at = ? WHERE code = ?`,
			a.Name, a.Parent, string(a.Kind), a.ContactName, a.ContactPhone, a.ContactEmail, stamp(s.now()), a.Code); err != nil {
			return err
		}
		return s.record(tx, "registry.agency_update", "reporting_agency", a.Code, a.Name+": "+joinSummary(diffFields(before, a, "code")))
	})
}

const keyColumns = `id, agency_code, public_key, valid_from, valid_until, revoked, reason, added_by, added_at`

func scanKey(scan func(dest ...any) error) (office.Key, error) {
	var k office.Key
	var pub, from, until, added string
	if err := scan(&k.ID, &k.AgencyCode, &pub, &from, &until, &k.Revoked, &k.Reason, &k.AddedBy, &added); err != nil {
		return k, err
	}
	p, err := signing.ParsePublicKey([]byte(pub))
	if err != nil {
		return k, fmt.Errorf("session: key %d of %q in the registry: %w", k.ID, k.AgencyCode, err)
	}
	k.PublicKey, k.KeyID, k.Fingerprint = p, p.KeyID(), p.Fingerprint()
	k.From, _ = time.Parse(time.DateOnly, from)
	if until != "" {
		k.Until, _ = time.Parse(time.DateOnly, until)
	}
	k.AddedAt = parseStamp(added)
	return k, nil
}

// agencyKeys lists an agency's keys, oldest first.
func agencyKeys(q rowQuerier, code string) ([]office.Key, error) {
	return queryAll(q, scanKey, `SELECT `+keyColumns+` FROM office_agency_keys WHERE agency_code = ? ORDER BY valid_from, id`, code)
}

// AddAgencyKey registers pub as the agency's signing key from the day from
// (receiving officer only). A key still current and valid from before from
// is replaced: it stays valid for what was signed before from. The caller
// shows pub's fingerprint to be confirmed against the one the agency read
// out before calling this.
func (s *Session) AddAgencyKey(code string, pub signing.PublicKey, from time.Time) (office.Key, error) {
	var added office.Key
	err := s.write(users.PermReceive, func(tx *vault.Tx, me users.User) error {
		var err error
		added, err = s.addAgencyKey(tx, me, code, pub, from)
		return err
	})
	return added, err
}

// addAgencyKey is AddAgencyKey inside tx.
func (s *Session) addAgencyKey(tx *vault.Tx, me users.User, code string, pub signing.PublicKey, from time.Time) (office.Key, error) {
	from = office.Day(from)
	a, err := getAgency(tx, code)
	if err != nil {
		return office.Key{}, err
	}
	if err := checkKeyFree(tx, a.Code, pub.KeyID()); err != nil {
		return office.Key{}, err
	}
	keys, err := agencyKeys(tx, a.Code)
	if err != nil {
		return office.Key{}, err
	}
	for _, k := range keys {
		if k.Until.IsZero() && k.From.Before(from) {
			if err := s.endKey(tx, k, from, false, "thay bằng khóa "+pub.KeyID()); err != nil {
				return office.Key{}, err
			}
		}
	}
	text, err := pub.MarshalText()
	if err != nil {
		return office.Key{}, err
	}
	id, err := nextID(tx, "office_agency_keys")
	if err != nil {
		return office.Key{}, err
	}
	now := s.now().UTC().Truncate(time.Second)
	if _, err := tx.Exec(`INSERT INTO office_agency_keys (id, agency_code, key_id, public_key, valid_from, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, a.Code, pub.KeyID(), string(text), from.Format(time.DateOnly), me.Name, stamp(now)); err != nil {
		return office.Key{}, err
	}
	added := office.Key{ID: id, AgencyCode: a.Code, PublicKey: pub, KeyID: pub.KeyID(), Fingerprint: pub.Fingerprint(), From: from, AddedBy: me.Name, AddedAt: now}
	return added, s.record(tx, "registry.key_add", "reporting_agency", a.Code, fmt.Sprintf("khóa %s (dấu vân tay SHA-256 %s), hiệu lực từ %s", pub.KeyID(), pub.Fingerprint().SHA256, from.Format("02/01/2006")))
}

// checkKeyFree fails when keyID is already registered: ErrKeyExists for
// the same agency, ErrKeyOfOther for another.
func checkKeyFree(q rowQuerier, code, keyID string) error {
	var owner string
	err := q.QueryRow(`SELECT agency_code FROM office_agency_keys WHERE key_id = ?`, keyID).Scan(&owner)
	switch {
	case isNoRows(err):
		return nil
	case err != nil:
		return err
	case owner == code:
		return fmt.Errorf("%w: %s", ErrKeyExists, keyID)
	default:
		return fmt.Errorf("%w: %s (%q)", ErrKeyOfOther, keyID, owner)
	}
}

// RevokeAgencyKey revokes an agency's key from the day from (receiving
// officer only): nothing it signed on or after that day is accepted. A
// bundle already received stays received.
func (s *Session) RevokeAgencyKey(code, keyID string, from time.Time, reason string) error {
	from = office.Day(from)
	reason = strings.TrimSpace(reason)
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		a, err := getAgency(tx, code)
		if err != nil {
			return err
		}
		keys, err := agencyKeys(tx, a.Code)
		if err != nil {
			return err
		}
		k, err := office.KeyFor(keys, keyID, from)
		if errors.Is(err, office.ErrUnknownKey) {
			return err
		}
		if k.Revoked {
			return fmt.Errorf("%w (%s)", office.ErrKeyRevoked, k.KeyID)
		}
		if !k.Until.IsZero() && k.Until.Before(from) {
			from = k.Until // replaced earlier: the revocation reaches back to nothing later
		}
		return s.endKey(tx, k, from, true, reason)
	})
}

// endKey sets k's last valid day before until, as a replacement or a
// revocation, and records it.
func (s *Session) endKey(tx *vault.Tx, k office.Key, until time.Time, revoked bool, reason string) error {
	if until.Before(k.From) {
		until = k.From
	}
	if _, err := tx.Exec(`UPDATE office_agency_keys SET valid_until = ?, revoked = ?, reason = ? WHERE id = ?`,
		until.Format(time.DateOnly), revoked, reason, k.ID); err != nil {
		return err
	}
	action, what := "registry.key_replace", "thay"
	if revoked {
		action, what = "registry.key_revoke", "thu hồi"
	}
	summary := fmt.Sprintf("khóa %s %s từ %s", k.KeyID, what, until.Format("02/01/2006"))
	if reason != "" {
		summary += ": " + reason
	}
	return s.record(tx, action, "reporting_agency", k.AgencyCode, summary)
}
