package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// ErrUnknownAgencyRole is returned for an agency role that no pack's
// obligation names.
var ErrUnknownAgencyRole = errors.New("session: unknown agency role")

// agencyRolesKey is the settings row holding the agency's roles.
const agencyRolesKey = "obligations.agency_roles"

// AgencyRoles returns the roles the agency has for the obligations (such
// as "system_owner" for an owner authority, or "provincial_department"
// for the department that coordinates information security in the
// province), sorted. Rules with agency_roles apply only to an agency that
// has one of them. Needs PermRead.
func (s *Session) AgencyRoles() ([]string, error) {
	var roles []string
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		roles, err = agencyRoles(tx)
		return err
	})
	return roles, err
}

func agencyRoles(q rowQuerier) ([]string, error) {
	var value string
	err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, agencyRolesKey).Scan(&value)
	if isNoRows(err) || value == "" {
		return nil, nil
	}
	return strings.Split(value, ","), err
}

// KnownAgencyRoles returns, sorted, the agency roles that the packs in the
// vault name. Needs PermRead.
func (s *Session) KnownAgencyRoles() ([]string, error) {
	var roles []string
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		roles, err = knownAgencyRoles(tx)
		return err
	})
	return roles, err
}

func knownAgencyRoles(q rowQuerier) ([]string, error) {
	reg, err := loadRegistry(q)
	if err != nil {
		return nil, err
	}
	var roles []string
	for _, e := range reg.Entries() {
		for _, r := range e.Pack.Obligations {
			roles = append(roles, r.AgencyRoles...)
		}
	}
	slices.Sort(roles)
	return slices.Compact(roles), nil
}

// SetAgencyRoles replaces the agency's roles; each must be one a pack
// names (ErrUnknownAgencyRole). Needs PermEditProfile.
func (s *Session) SetAgencyRoles(roles []string) error {
	roles = cleanIDs(roles)
	slices.Sort(roles)
	return s.write(users.PermEditProfile, func(tx *vault.Tx, _ users.User) error {
		known, err := knownAgencyRoles(tx)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if !slices.Contains(known, r) {
				return fmt.Errorf("%w: %q", ErrUnknownAgencyRole, r)
			}
		}
		if _, err := tx.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`, agencyRolesKey, strings.Join(roles, ",")); err != nil {
			return err
		}
		return s.record(tx, "agency.roles", "agency", "1", "vai trò của cơ quan trong các nghĩa vụ: "+strings.Join(roles, ", "))
	})
}
