package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/packs"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// ErrUnknownActivityKind is returned for an activity kind that no pack's
// obligation names in satisfied_by (so recording it could meet nothing).
var ErrUnknownActivityKind = errors.New("session: unknown activity kind")

// Activity is a dated action the agency took — a vulnerability scan, a
// drill, a report sent — that can meet obligations. SystemID 0 is an
// agency-wide activity. Issue 8 extends activities with scan results and
// drill records; this is the common core.
type Activity struct {
	ID         int64
	Kind       string // e.g. vulnerability_scan, drill, annual_report_submitted
	SystemID   int64
	Date       string // YYYY-MM-DD
	Note       string
	EvidenceID string // optional
	RecordedBy string
	RecordedAt string
}

// ActivityFilter narrows ListActivities; zero values match everything.
type ActivityFilter struct {
	Kind     string
	SystemID int64
}

// RecordActivity stores a dated activity. The kind must be one that an
// obligation of some pack in the vault names (ErrUnknownActivityKind), the
// date a valid YYYY-MM-DD not after today (ErrBadDate), the system and
// evidence, if given, must exist. Needs PermEditRegisters.
func (s *Session) RecordActivity(a Activity) (Activity, error) {
	a.Kind = strings.TrimSpace(a.Kind)
	a.Date = strings.TrimSpace(a.Date)
	a.Note = strings.TrimSpace(textnorm.NFC(a.Note))
	a.EvidenceID = strings.TrimSpace(a.EvidenceID)
	if _, err := parseDay(a.Date, false); err != nil {
		return a, err
	}
	if a.Date > s.now().Format(time.DateOnly) {
		return a, fmt.Errorf("%w: %s is in the future", ErrBadDate, a.Date)
	}
	if utf8.RuneCountInString(a.Note) > 5000 {
		return a, fmt.Errorf("%w: note too long", ErrInvalidInput)
	}
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		if err := checkActivity(tx, a); err != nil {
			return err
		}
		id, err := nextID(tx, "activities")
		if err != nil {
			return err
		}
		a.ID, a.RecordedBy, a.RecordedAt = id, s.user, stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO activities (id, kind, system_id, date, note, evidence_id, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.Kind, a.SystemID, a.Date, a.Note, a.EvidenceID, a.RecordedBy, a.RecordedAt); err != nil {
			return err
		}
		summary := fmt.Sprintf("%s ngày %s", a.Kind, a.Date)
		if a.SystemID != 0 {
			summary += fmt.Sprintf(", hệ thống %d", a.SystemID)
		}
		return s.record(tx, "activity.add", "activity", fmt.Sprint(a.ID), summary)
	})
	return a, err
}

func checkActivity(q rowQuerier, a Activity) error {
	kinds, err := activityKinds(q)
	if err != nil {
		return err
	}
	if !slices.Contains(kinds, a.Kind) {
		return fmt.Errorf("%w: %q", ErrUnknownActivityKind, a.Kind)
	}
	if a.SystemID != 0 {
		if _, err := getSystem(q, a.SystemID); err != nil {
			return err
		}
	}
	if a.EvidenceID != "" {
		if _, err := getEvidence(q, a.EvidenceID); err != nil {
			return err
		}
	}
	return nil
}

// activityKinds returns, sorted, every kind that an obligation of a pack
// in the vault (active or not) names in satisfied_by.
func activityKinds(q rowQuerier) ([]string, error) {
	reg, err := loadRegistry(q)
	if err != nil {
		return nil, err
	}
	return kindsOf(reg), nil
}

func kindsOf(reg packs.Registry) []string {
	var kinds []string
	for _, e := range reg.Entries() {
		for _, r := range e.Pack.Obligations {
			kinds = append(kinds, r.SatisfiedBy...)
		}
	}
	slices.Sort(kinds)
	return slices.Compact(kinds)
}

// ActivityKinds returns the kinds RecordActivity accepts, sorted. Needs
// PermRead.
func (s *Session) ActivityKinds() ([]string, error) {
	var kinds []string
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		kinds, err = activityKinds(tx)
		return err
	})
	return kinds, err
}

// ListActivities returns the activities matching f, by date then id.
// Needs PermRead.
func (s *Session) ListActivities(f ActivityFilter) ([]Activity, error) {
	var list []Activity
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = readActivities(tx, f)
		return err
	})
	return list, err
}

func readActivities(q rowQuerier, f ActivityFilter) ([]Activity, error) {
	query := `SELECT id, kind, system_id, date, note, evidence_id, recorded_by, recorded_at FROM activities
		WHERE (? = '' OR kind = ?) AND (? = 0 OR system_id = ?) ORDER BY date, id`
	rows, err := q.Query(query, f.Kind, f.Kind, f.SystemID, f.SystemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Activity
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.ID, &a.Kind, &a.SystemID, &a.Date, &a.Note, &a.EvidenceID, &a.RecordedBy, &a.RecordedAt); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}
