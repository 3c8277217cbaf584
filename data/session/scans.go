package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of scans.
var (
	// ErrBadScanKind is returned for a scan kind not in ScanKinds.
	ErrBadScanKind = errors.New("session: unknown scan kind")
	// ErrBadPerformer is returned for a performer other than internal or
	// provider.
	ErrBadPerformer = errors.New("session: the performer must be internal or provider")
	// ErrScanNeedsSystem is returned when a scan names no system and none
	// can be told from the assets its hosts matched.
	ErrScanNeedsSystem = errors.New("session: say which information system was scanned")
)

// The kinds of scans.
const (
	ScanVulnerability = "vulnerability_scan"
	ScanThreatHunt    = "threat_hunt"
	ScanPenTest       = "penetration_test"
)

// ScanKinds lists the kinds of scans and hunts.
func ScanKinds() []string { return []string{ScanVulnerability, ScanThreatHunt, ScanPenTest} }

// Performers of a scan.
const (
	PerformerInternal = "internal"
	PerformerProvider = "provider"
)

// Scan is a vulnerability scan, threat hunt or penetration test of an
// information system.
type Scan struct {
	ID        int64
	SystemID  int64
	Date      string // YYYY-MM-DD
	Kind      string // one of ScanKinds
	Tool      string // e.g. Nessus, OpenVAS
	Performer string // internal or provider
	Provider  string // the provider's name when Performer is provider
	Scope     string
	Summary   string
	// EvidenceID is the report file in the evidence library (optional).
	EvidenceID string
	// ActivityID is the activity recorded for the obligations engine (0
	// when no pack in the vault counts this kind).
	ActivityID int64
	RecordedBy string
	RecordedAt string
}

func (sc Scan) normalize(now time.Time) (Scan, error) {
	sc, err := sc.normalizeFields()
	if err != nil {
		return sc, err
	}
	return sc, checkPastDay(sc.Date, now)
}

// normalizeFields cleans the text fields and checks the kind and the
// performer (not the date).
func (sc Scan) normalizeFields() (Scan, error) {
	for _, f := range []*string{&sc.Date, &sc.Kind, &sc.Tool, &sc.Performer, &sc.Provider, &sc.Scope, &sc.Summary, &sc.EvidenceID} {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 5000 {
			return sc, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	if sc.Kind == "" {
		sc.Kind = ScanVulnerability
	}
	if !slices.Contains(ScanKinds(), sc.Kind) {
		return sc, fmt.Errorf("%w: %q", ErrBadScanKind, sc.Kind)
	}
	if sc.Performer == "" {
		sc.Performer = PerformerInternal
	}
	if sc.Performer != PerformerInternal && sc.Performer != PerformerProvider {
		return sc, fmt.Errorf("%w: %q", ErrBadPerformer, sc.Performer)
	}
	return sc, nil
}

// RecordScan stores a scan, hunt or penetration test done and, when a
// pack in the vault counts its kind (the shipped packs count all three),
// records the activity that meets the obligations. Needs
// PermEditRegisters.
func (s *Session) RecordScan(sc Scan) (Scan, error) {
	sc, err := sc.normalize(s.now())
	if err != nil {
		return sc, err
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		sc, err = s.insertScan(tx, sc)
		return err
	})
	return sc, err
}

// insertScan checks the scan's system and evidence, writes it with its
// activity and records it in the history.
func (s *Session) insertScan(tx *vault.Tx, sc Scan) (Scan, error) {
	if sc.SystemID == 0 {
		return sc, ErrScanNeedsSystem
	}
	if _, err := getSystem(tx, sc.SystemID); err != nil {
		return sc, err
	}
	if sc.EvidenceID != "" {
		if _, err := getEvidence(tx, sc.EvidenceID); err != nil {
			return sc, err
		}
	}
	var err error
	sc.ActivityID, err = s.insertActivityIfCounted(tx, Activity{Kind: sc.Kind, SystemID: sc.SystemID, Date: sc.Date,
		Note: joinNote(sc.Tool, sc.Summary), EvidenceID: sc.EvidenceID})
	if err != nil {
		return sc, err
	}
	if sc.ID, err = nextID(tx, "scans"); err != nil {
		return sc, err
	}
	sc.RecordedBy, sc.RecordedAt = s.user, stamp(s.now())
	if _, err := tx.Exec(`INSERT INTO scans (id, system_id, date, kind, tool, performer, provider, scope, summary, evidence_id,
		activity_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sc.ID, sc.SystemID, sc.Date, sc.Kind, sc.Tool, sc.Performer, sc.Provider, sc.Scope, sc.Summary, sc.EvidenceID,
		sc.ActivityID, sc.RecordedBy, sc.RecordedAt); err != nil {
		return sc, err
	}
	return sc, s.record(tx, "scan.add", "scan", fmt.Sprint(sc.ID),
		fmt.Sprintf("%s ngày %s, hệ thống %d (%s)", sc.Kind, sc.Date, sc.SystemID, sc.Tool))
}

// joinNote joins the non-empty parts with ": ".
func joinNote(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ": ")
}

// insertActivityIfCounted records a as an activity when some pack's
// obligation counts its kind, so the obligations engine sees it, and
// returns its id (0 when no pack counts the kind).
func (s *Session) insertActivityIfCounted(tx *vault.Tx, a Activity) (int64, error) {
	kinds, err := activityKinds(tx)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(kinds, a.Kind) {
		return 0, nil
	}
	id, err := nextID(tx, "activities")
	if err != nil {
		return 0, err
	}
	if utf8.RuneCountInString(a.Note) > 5000 {
		a.Note = string([]rune(a.Note)[:5000])
	}
	_, err = tx.Exec(`INSERT INTO activities (id, kind, system_id, date, note, evidence_id, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, a.Kind, a.SystemID, a.Date, a.Note, a.EvidenceID, s.user, stamp(s.now()))
	return id, err
}

// ListScans returns the scans of a system (0: all), newest first. Needs
// PermRead.
func (s *Session) ListScans(systemID int64) ([]Scan, error) {
	var list []Scan
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT id, system_id, date, kind, tool, performer, provider, scope, summary, evidence_id, activity_id,
			recorded_by, recorded_at FROM scans WHERE (? = 0 OR system_id = ?) ORDER BY date DESC, id DESC`, systemID, systemID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sc Scan
			if err := rows.Scan(&sc.ID, &sc.SystemID, &sc.Date, &sc.Kind, &sc.Tool, &sc.Performer, &sc.Provider, &sc.Scope,
				&sc.Summary, &sc.EvidenceID, &sc.ActivityID, &sc.RecordedBy, &sc.RecordedAt); err != nil {
				return err
			}
			list = append(list, sc)
		}
		return rows.Err()
	})
	return list, err
}
