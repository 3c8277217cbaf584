package session

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/incidents"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// kindPlanIssued is the activity an approved incident-response plan
// counts as (Chỉ thị 11 item 1c).
const kindPlanIssued = "incident_response_plan_issued"

// ResponsePlan is an incident-response plan with its scenarios for one
// information system, in one approved version.
type ResponsePlan struct {
	ID         int64
	SystemID   int64
	Version    string
	Title      string
	ApprovedOn string // YYYY-MM-DD
	Approver   string
	EvidenceID string // the plan's file (optional)
	RecordedBy string
	RecordedAt string
	// ReviewNeeded is set by ListResponsePlans on a system's latest plan
	// when the system changed after the approval (its history shows a
	// later change); SystemChangedOn is that change's date.
	ReviewNeeded    bool
	SystemChangedOn string
}

// RecordResponsePlan stores an approved version of a system's
// incident-response plan and records the activity the packs count for it.
// Needs PermEditRegisters.
func (s *Session) RecordResponsePlan(p ResponsePlan) (ResponsePlan, error) {
	for _, f := range []*string{&p.Version, &p.Title, &p.ApprovedOn, &p.Approver, &p.EvidenceID} {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 1000 {
			return p, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	if p.Version == "" {
		return p, fmt.Errorf("%w: the plan needs a version", ErrInvalidInput)
	}
	if err := checkPastDay(p.ApprovedOn, s.now()); err != nil {
		return p, err
	}
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		if err := checkRefs(tx, []int64{p.SystemID}, p.EvidenceID); err != nil {
			return err
		}
		if _, err := s.insertActivityIfCounted(tx, Activity{Kind: kindPlanIssued, SystemID: p.SystemID, Date: p.ApprovedOn,
			Note: joinNote("Phương án ứng phó sự cố", p.Version), EvidenceID: p.EvidenceID}); err != nil {
			return err
		}
		var err error
		if p.ID, err = nextID(tx, "response_plans"); err != nil {
			return err
		}
		p.RecordedBy, p.RecordedAt = s.user, stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO response_plans (id, system_id, version, title, approved_on, approver, evidence_id, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.SystemID, p.Version, p.Title, p.ApprovedOn, p.Approver, p.EvidenceID, p.RecordedBy, p.RecordedAt); err != nil {
			return err
		}
		return s.record(tx, "plan.add", "response_plan", fmt.Sprint(p.ID),
			fmt.Sprintf("phương án ứng phó sự cố hệ thống %d, phiên bản %s, phê duyệt ngày %s", p.SystemID, p.Version, p.ApprovedOn))
	})
	return p, err
}

// checkRefs checks that the systems and the evidence (if any) exist.
func checkRefs(q rowQuerier, systems []int64, evidenceID string) error {
	for _, id := range systems {
		if _, err := getSystem(q, id); err != nil {
			return err
		}
	}
	if evidenceID != "" {
		if _, err := getEvidence(q, evidenceID); err != nil {
			return err
		}
	}
	return nil
}

// ListResponsePlans returns the plans of a system (0: all), newest
// approval first; the latest plan of each system says whether it needs a
// review. Needs PermRead.
func (s *Session) ListResponsePlans(systemID int64) ([]ResponsePlan, error) {
	var list []ResponsePlan
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if list, err = readPlans(tx, systemID); err != nil {
			return err
		}
		return markReviews(tx, list)
	})
	return list, err
}

func readPlans(q rowQuerier, systemID int64) ([]ResponsePlan, error) {
	rows, err := q.Query(`SELECT id, system_id, version, title, approved_on, approver, evidence_id, recorded_by, recorded_at
		FROM response_plans WHERE (? = 0 OR system_id = ?) ORDER BY approved_on DESC, id DESC`, systemID, systemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []ResponsePlan
	for rows.Next() {
		var p ResponsePlan
		if err := rows.Scan(&p.ID, &p.SystemID, &p.Version, &p.Title, &p.ApprovedOn, &p.Approver, &p.EvidenceID, &p.RecordedBy, &p.RecordedAt); err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// markReviews flags the latest plan of each system whose system changed
// (system.update or system.dossier in the history) after the approval day.
func markReviews(q rowQuerier, list []ResponsePlan) error {
	done := map[int64]bool{}
	for i := range list {
		p := &list[i]
		if done[p.SystemID] {
			continue
		}
		done[p.SystemID] = true
		changed, err := lastSystemChange(q, p.SystemID)
		if err != nil {
			return err
		}
		if changed > p.ApprovedOn {
			p.ReviewNeeded, p.SystemChangedOn = true, changed
		}
	}
	return nil
}

// lastSystemChange is the date (Vietnam time) of the latest change of a
// system in the history, "" if none.
func lastSystemChange(q rowQuerier, systemID int64) (string, error) {
	var at string
	err := q.QueryRow(`SELECT COALESCE(MAX(at), '') FROM audit WHERE entity_type = 'system' AND entity_id = ?
		AND action IN ('system.update', 'system.dossier')`, fmt.Sprint(systemID)).Scan(&at)
	if err != nil || at == "" {
		return "", err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return "", fmt.Errorf("%w: history time %q", vault.ErrCorrupt, at)
	}
	return t.In(incidents.Zone()).Format(time.DateOnly), nil
}
