package session

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// kindDrill is the activity a live-fire drill counts as.
const kindDrill = "drill"

// Drill is an incident-response exercise.
type Drill struct {
	ID           int64
	Date         string // YYYY-MM-DD
	Scenario     string
	SystemIDs    []int64
	Participants string
	// LiveFire is a live-fire drill (diễn tập thực chiến); false is a
	// tabletop exercise.
	LiveFire   bool
	Findings   string
	EvidenceID string // the drill report (optional)
	RecordedBy string
	RecordedAt string
}

// RecordDrill stores a drill. A live-fire drill is recorded as a "drill"
// activity of each of its systems (or of the agency when it names none),
// which is what the packs' drill obligations ask for (Chỉ thị 11 item 1c:
// diễn tập thực chiến); a tabletop exercise is kept but meets no
// obligation. Needs PermEditRegisters.
func (s *Session) RecordDrill(d Drill) (Drill, error) {
	for _, f := range []*string{&d.Date, &d.Scenario, &d.Participants, &d.Findings, &d.EvidenceID} {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 5000 {
			return d, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	if d.Scenario == "" {
		return d, fmt.Errorf("%w: the drill needs a scenario", ErrInvalidInput)
	}
	if err := checkPastDay(d.Date, s.now()); err != nil {
		return d, err
	}
	slices.Sort(d.SystemIDs)
	d.SystemIDs = slices.Compact(d.SystemIDs)
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		if err := checkRefs(tx, d.SystemIDs, d.EvidenceID); err != nil {
			return err
		}
		if err := s.drillActivities(tx, d); err != nil {
			return err
		}
		var err error
		if d.ID, err = nextID(tx, "drills"); err != nil {
			return err
		}
		d.RecordedBy, d.RecordedAt = s.user, stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO drills (id, date, scenario, systems, participants, live_fire, findings, evidence_id, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Date, d.Scenario, joinIDs(d.SystemIDs), d.Participants, d.LiveFire, d.Findings,
			d.EvidenceID, d.RecordedBy, d.RecordedAt); err != nil {
			return err
		}
		return s.record(tx, "drill.add", "drill", fmt.Sprint(d.ID), fmt.Sprintf("diễn tập ngày %s: %s", d.Date, d.Scenario))
	})
	return d, err
}

func (s *Session) drillActivities(tx *vault.Tx, d Drill) error {
	if !d.LiveFire {
		return nil
	}
	systems := d.SystemIDs
	if len(systems) == 0 {
		systems = []int64{0}
	}
	for _, id := range systems {
		if _, err := s.insertActivityIfCounted(tx, Activity{Kind: kindDrill, SystemID: id, Date: d.Date, Note: d.Scenario, EvidenceID: d.EvidenceID}); err != nil {
			return err
		}
	}
	return nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}

func splitIDs(s string) []int64 {
	var ids []int64
	for _, p := range strings.Fields(s) {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// ListDrills returns the drills, newest first. Needs PermRead.
func (s *Session) ListDrills() ([]Drill, error) {
	var list []Drill
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT id, date, scenario, systems, participants, live_fire, findings, evidence_id, recorded_by, recorded_at
			FROM drills ORDER BY date DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d Drill
			var systems string
			if err := rows.Scan(&d.ID, &d.Date, &d.Scenario, &systems, &d.Participants, &d.LiveFire, &d.Findings, &d.EvidenceID,
				&d.RecordedBy, &d.RecordedAt); err != nil {
				return err
			}
			d.SystemIDs = splitIDs(systems)
			list = append(list, d)
		}
		return rows.Err()
	})
	return list, err
}
