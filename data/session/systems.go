package session

import (
	"encoding/json"
	"errors"
	"fmt"

	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of the system register.
var (
	// ErrNoSuchSystem is returned for an unknown system id.
	ErrNoSuchSystem = errors.New("session: no such information system")
	// ErrSystemExists is returned when another system has the same name
	// (ignoring case and diacritics).
	ErrSystemExists = errors.New("session: an information system of this name already exists")
	// ErrSystemInUse is returned when deleting a system that assets still
	// serve: unlink them first, so no asset silently loses its system.
	ErrSystemInUse = errors.New("session: assets still serve this information system")
)

// SystemFilter narrows ListSystems. Zero values match everything.
type SystemFilter struct {
	Text     string                 // in name, purpose, units, hosting; ignores case and diacritics
	MinLevel int                    // effective level at least this
	State    registers.DossierState // dossier state
}

// ListSystems returns the systems matching f, sorted by name.
func (s *Session) ListSystems(f SystemFilter) ([]registers.System, error) {
	var list []registers.System
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		all, err := readSystems(tx)
		if err != nil {
			return err
		}
		for _, sys := range all {
			if matchSystem(sys, f) {
				list = append(list, sys)
			}
		}
		return nil
	})
	return list, err
}

func matchSystem(sys registers.System, f SystemFilter) bool {
	if f.MinLevel > 0 && sys.Level() < f.MinLevel {
		return false
	}
	if f.State != "" && sys.Dossier.State != f.State {
		return false
	}
	text := sys.Name + " " + sys.Purpose + " " + sys.OperatingUnit + " " + sys.Owner + " " + sys.Hosting
	return textnorm.Contains(text, f.Text)
}

// readSystems returns every system, sorted by name.
func readSystems(q rowQuerier) ([]registers.System, error) {
	return queryAll(q, scanSystem, `SELECT id, data FROM systems ORDER BY name_key, id`)
}

func scanSystem(scan func(dest ...any) error) (registers.System, error) {
	var sys registers.System
	var id int64
	var doc string
	if err := scan(&id, &doc); err != nil {
		return sys, err
	}
	if err := json.Unmarshal([]byte(doc), &sys); err != nil {
		return sys, fmt.Errorf("%w: stored system %d: %w", vault.ErrCorrupt, id, err)
	}
	sys.ID = id
	if sys.Dossier.State == "" {
		sys.Dossier.State = registers.DossierDrafting
	}
	return sys, nil
}

func getSystem(q rowQuerier, id int64) (registers.System, error) {
	sys, err := scanSystem(q.QueryRow(`SELECT id, data FROM systems WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return sys, fmt.Errorf("%w: %d", ErrNoSuchSystem, id)
	}
	return sys, err
}

// GetSystem returns one system.
func (s *Session) GetSystem(id int64) (registers.System, error) {
	var sys registers.System
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		sys, err = getSystem(tx, id)
		return err
	})
	return sys, err
}

// SaveSystem creates a system (ID 0) or updates one, and returns it as
// stored. The dossier is kept as it is: it changes only through
// AdvanceDossier. Needs PermEditRegisters.
func (s *Session) SaveSystem(sys registers.System) (registers.System, error) {
	sys, err := registers.NormalizeSystem(sys)
	if err != nil {
		return sys, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		sys, err = s.saveSystemTx(tx, sys)
		return err
	})
	return sys, err
}

// saveSystemTx stores a normalised system inside tx, with its history.
func (s *Session) saveSystemTx(tx *vault.Tx, sys registers.System) (registers.System, error) {
	if err := checkSystemName(tx, sys); err != nil {
		return sys, err
	}
	if sys.ID == 0 {
		id, err := nextID(tx, "systems")
		if err != nil {
			return sys, err
		}
		sys.ID = id
		sys.Dossier = registers.Dossier{State: registers.DossierDrafting}
		if err := writeSystem(tx, sys, stamp(s.now()), true); err != nil {
			return sys, err
		}
		return sys, s.record(tx, "system.add", "system", fmt.Sprint(sys.ID), describeSystem(sys))
	}
	before, err := getSystem(tx, sys.ID)
	if err != nil {
		return sys, err
	}
	sys.Dossier = before.Dossier
	if err := writeSystem(tx, sys, stamp(s.now()), false); err != nil {
		return sys, err
	}
	return sys, s.record(tx, "system.update", "system", fmt.Sprint(sys.ID), sys.Name+": "+joinSummary(diffFields(before, sys, "id")))
}

func describeSystem(sys registers.System) string {
	return fmt.Sprintf("%s (cấp độ đề xuất %d)", sys.Name, sys.ProposedLevel)
}

func checkSystemName(q rowQuerier, sys registers.System) error {
	var other int64
	err := q.QueryRow(`SELECT id FROM systems WHERE name_key = ? AND id <> ?`, registers.SystemKey(sys.Name), sys.ID).Scan(&other)
	if err == nil {
		return fmt.Errorf("%w: %s", ErrSystemExists, sys.Name)
	}
	if isNoRows(err) {
		return nil
	}
	return err
}

func writeSystem(tx *vault.Tx, sys registers.System, now string, create bool) error {
	doc, err := json.Marshal(sys)
	if err != nil {
		return err
	}
	if create {
		_, err = tx.Exec(`INSERT INTO systems (id, name, name_key, level, dossier_state, data, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			sys.ID, sys.Name, registers.SystemKey(sys.Name), sys.Level(), string(sys.Dossier.State), string(doc), now, now)
		return err
	}
	_, err = tx.Exec(`UPDATE systems SET name = ?, name_key = ?, level = ?, dossier_state = ?, data = ?, updated_at = ? WHERE id = ?`,
		sys.Name, registers.SystemKey(sys.Name), sys.Level(), string(sys.Dossier.State), string(doc), now, sys.ID)
	return err
}

// AdvanceDossier moves a system's level dossier one step (see
// registers.Advance for the allowed steps and what each needs) and records
// it in the history. It needs PermEditRegisters, also for "approved": the
// approval is a decision of the owner authority (UBND tỉnh, or the unit
// itself for levels 1–2) that the focal point or IT staff records with its
// number, date and scan; it is not an approval given inside this app, so it
// does not need the manager's PermApprove.
func (s *Session) AdvanceDossier(id int64, step registers.DossierStep) (registers.System, error) {
	var sys registers.System
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		before, err := getSystem(tx, id)
		if err != nil {
			return err
		}
		sys, err = registers.Advance(before, step, s.user)
		if err != nil {
			return err
		}
		if err := writeSystem(tx, sys, stamp(s.now()), false); err != nil {
			return err
		}
		summary := fmt.Sprintf("%s: hồ sơ cấp độ %s → %s (%s)", sys.Name, before.Dossier.State.Label(), sys.Dossier.State.Label(), step.Date)
		if step.To == registers.DossierApproved {
			d := sys.Dossier.Decision
			summary += fmt.Sprintf(", cấp độ %d, quyết định %s ngày %s của %s", sys.Dossier.ApprovedLevel, d.Number, d.Date, d.Authority)
		}
		if step.Note != "" {
			summary += ", lý do: " + step.Note
		}
		return s.record(tx, "system.dossier", "system", fmt.Sprint(id), summary)
	})
	return sys, err
}

// DeleteSystem removes a system no asset serves (ErrSystemInUse
// otherwise). Needs PermEditRegisters.
func (s *Session) DeleteSystem(id int64) error {
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		sys, err := getSystem(tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM asset_systems WHERE system_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: %s (%d)", ErrSystemInUse, sys.Name, n)
		}
		if _, err := tx.Exec(`DELETE FROM systems WHERE id = ?`, id); err != nil {
			return err
		}
		return s.record(tx, "system.delete", "system", fmt.Sprint(id), describeSystem(sys))
	})
}
