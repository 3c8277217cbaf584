package session

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/obligations"
	"daumoi/data/office"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Obligations computes what is due, overdue and done on today from the
// active packs and the registers: the systems (level history from the
// approvals of their level dossiers, else the current level; go-live
// date), the activities recorded, what the registers already prove
// (dossier approvals as level_dossier_approved, "tested before go-live" as
// pre_golive_assessment, approved assessments as security_inspection), and
// the evidence files with an expiry date, the open vulnerability findings
// with a due date (count and earliest due date per system); the agency's
// roles come from SetAgencyRoles; the incidents come with their
// notifications. It is
// obligations.Evaluate over the vault's facts; the result is sorted and the
// same for the same vault and date. In a receiving office's vault they are
// the office's own reports (evaluateObligations). Needs PermRead.
func (s *Session) Obligations(today time.Time) ([]obligations.Obligation, error) {
	var list []obligations.Obligation
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if list, err = evaluateObligations(tx, today); err != nil {
			return err
		}
		if err := applyReceipts(tx, list); err != nil {
			return err
		}
		return applyMarks(tx, list)
	})
	return list, err
}

// applyReceipts sets Received on the obligations met by a signed bundle
// (the annual report submitted) whose receipt the agency imported.
func applyReceipts(q rowQuerier, list []obligations.Obligation) error {
	for i, o := range list {
		id, ok := strings.CutPrefix(satisfiedID(o), "act:")
		if !ok || o.SatisfiedBy.Kind != submittedKind {
			continue
		}
		var note string
		if err := q.QueryRow(`SELECT note FROM activities WHERE id = ?`, id).Scan(&note); err != nil {
			if isNoRows(err) {
				continue
			}
			return err
		}
		_, sha, found := strings.Cut(note, "SHA-256 ")
		if !found {
			continue
		}
		r, err := importedBySHA(q, strings.TrimSpace(sha))
		switch {
		case err == nil:
			list[i].Received = r.ReceivedAt
		case !isNoRows(err):
			return err
		}
	}
	return nil
}

// satisfiedID is the id of what met o, or "".
func satisfiedID(o obligations.Obligation) string {
	if o.SatisfiedBy == nil {
		return ""
	}
	return o.SatisfiedBy.ID
}

// ErrNoSuchObligation is returned for an obligation id that today's
// obligations do not have.
var ErrNoSuchObligation = errors.New("session: no such obligation")

// ObligationKinds returns the activity kinds that meet the rule of an
// obligation (its pack and rule), in the pack's order; empty for a rule
// that activities do not meet (a remediation, an incident report). Needs
// PermRead.
func (s *Session) ObligationKinds(packID, ruleID string) ([]string, error) {
	var kinds []string
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		reg, err := loadRegistry(tx)
		if err != nil {
			return err
		}
		e, err := reg.Get(packID)
		if err != nil {
			return fmt.Errorf("%w: %q", ErrNoSuchObligation, packID+"/"+ruleID)
		}
		for _, r := range e.Pack.Obligations {
			if r.ID == ruleID {
				kinds = slices.Clone(r.SatisfiedBy)
				return nil
			}
		}
		return fmt.Errorf("%w: %q", ErrNoSuchObligation, packID+"/"+ruleID)
	})
	return kinds, err
}

// MarkObligationNotApplicable records that one obligation (by its stable
// id, among those of today) does not apply to the agency, with the reason
// (ErrReasonRequired without one); from then on it is not applicable with
// Reason obligations.ReasonMarked and the reason as its Note. Marking it
// again replaces the reason. Needs PermEditRegisters.
func (s *Session) MarkObligationNotApplicable(id, reason string) error {
	id = strings.TrimSpace(id)
	reason = strings.TrimSpace(textnorm.NFC(reason))
	if reason == "" {
		return ErrReasonRequired
	}
	if utf8.RuneCountInString(reason) > 5000 {
		return fmt.Errorf("%w: reason too long", ErrInvalidInput)
	}
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		list, err := evaluateObligations(tx, s.now())
		if err != nil {
			return err
		}
		i := slices.IndexFunc(list, func(o obligations.Obligation) bool { return o.ID == id })
		if i < 0 {
			return fmt.Errorf("%w: %q", ErrNoSuchObligation, id)
		}
		if _, err := tx.Exec(`INSERT INTO obligation_waivers (obligation_id, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (obligation_id) DO UPDATE SET reason = excluded.reason, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
			id, reason, s.user, stamp(s.now())); err != nil {
			return err
		}
		return s.record(tx, "obligation.not_applicable", "obligation", id, fmt.Sprintf("%s: %s", list[i].TitleVI, reason))
	})
}

// applyMarks turns the obligations a person marked not applicable so.
func applyMarks(q rowQuerier, list []obligations.Obligation) error {
	marks, err := queryAll(q, func(scan func(...any) error) ([2]string, error) {
		var m [2]string
		err := scan(&m[0], &m[1])
		return m, err
	}, `SELECT obligation_id, reason FROM obligation_waivers ORDER BY obligation_id`)
	if err != nil || len(marks) == 0 {
		return err
	}
	reasons := map[string]string{}
	for _, m := range marks {
		reasons[m[0]] = m[1]
	}
	for i := range list {
		if r, ok := reasons[list[i].ID]; ok && list[i].Status != obligations.StatusNotApplicable {
			list[i].Status, list[i].Reason, list[i].Note = obligations.StatusNotApplicable, obligations.ReasonMarked, r
			list[i].SatisfiedBy, list[i].Late = nil, false
		}
	}
	return nil
}

// evaluateObligations is obligations.Evaluate over the vault's facts on
// today. A receiving office's vault has only the office's own reporting
// rules (office.OwnRule), which apply to it whatever the roles they name:
// it is the agency they are for; a deadline before the vault was made
// and not met is not its.
func evaluateObligations(q rowQuerier, today time.Time) ([]obligations.Obligation, error) {
	in, err := obligationInput(q, today)
	if err != nil {
		return nil, err
	}
	k, err := vaultKind(q)
	if err != nil {
		return nil, err
	}
	if k != KindOffice {
		return obligations.Evaluate(in)
	}
	in.Agency.Roles = office.OwnRoles(in.Packs)
	own := map[string]bool{}
	for _, p := range in.Packs {
		for _, r := range p.Obligations {
			own[p.ID+"/"+r.ID] = office.OwnRule(r)
		}
	}
	var created string
	if err := q.QueryRow(`SELECT created_at FROM agency WHERE id = 1`).Scan(&created); err != nil {
		return nil, err
	}
	since := office.Day(parseStamp(created))
	list, err := obligations.Evaluate(in)
	return slices.DeleteFunc(list, func(o obligations.Obligation) bool {
		return !own[o.PackID+"/"+o.RuleID] || (o.Status != obligations.StatusDone && o.Due.Before(since))
	}), err
}

func obligationInput(q rowQuerier, today time.Time) (obligations.Input, error) {
	in := obligations.Input{Now: today}
	var err error
	if in.Packs, _, err = activePacks(q); err != nil {
		return in, err
	}
	if err := q.QueryRow(`SELECT name FROM agency WHERE id = 1`).Scan(&in.Agency.Name); err != nil && !isNoRows(err) {
		return in, err
	}
	if in.Agency.Roles, err = agencyRoles(q); err != nil {
		return in, err
	}
	systems, err := readSystems(q)
	if err != nil {
		return in, err
	}
	for _, sys := range systems {
		in.Systems = append(in.Systems, obligationSystem(sys))
		in.Activities = append(in.Activities, registerActivities(sys)...)
	}
	acts, err := readActivities(q, ActivityFilter{})
	if err != nil {
		return in, err
	}
	for _, a := range acts {
		oa := obligationActivity(a)
		if oa.For, err = provinceReportCycle(q, in.Packs, a); err != nil {
			return in, err
		}
		in.Activities = append(in.Activities, oa)
	}
	approved, err := approvedAssessments(q)
	if err != nil {
		return in, err
	}
	in.Activities = append(in.Activities, approved...)
	if in.Incidents, err = obligationIncidents(q); err != nil {
		return in, err
	}
	if in.OpenFindings, err = openFindingsDue(q); err != nil {
		return in, err
	}
	in.Evidence, err = expiringEvidence(q)
	return in, err
}

// Activity kinds the registers imply, so that nobody records twice what
// the vault already knows.
const (
	kindDossierApproved = "level_dossier_approved" // an approval in the level dossier
	kindPreGoLive       = "pre_golive_assessment"  // "tested before go-live" on the go-live date
	kindSecurityInspect = "security_inspection"    // an approved assessment, on its (UTC) approval date
)

// registerActivities returns what a system's register entry proves: each
// approval of its level dossier, and the assessment before go-live.
func registerActivities(sys registers.System) []obligations.Activity {
	id := strconv.FormatInt(sys.ID, 10)
	var out []obligations.Activity
	for i, ev := range sys.Dossier.History {
		if ev.To != registers.DossierApproved {
			continue
		}
		if d, err := time.Parse(time.DateOnly, ev.Date); err == nil {
			out = append(out, obligations.Activity{ID: fmt.Sprintf("dossier:%s:%d", id, i), Kind: kindDossierApproved, SystemID: id, Date: d})
		}
	}
	if d, err := time.Parse(time.DateOnly, sys.GoLiveDate); err == nil && sys.TestedBeforeGoLive {
		out = append(out, obligations.Activity{ID: "golive:" + id, Kind: kindPreGoLive, SystemID: id, Date: d})
	}
	return out
}

// approvedAssessments returns each approved assessment as a security
// inspection of its system on the day it was approved.
func approvedAssessments(q rowQuerier) ([]obligations.Activity, error) {
	rows, err := q.Query(`SELECT id, system_id, approved_at FROM assessments WHERE state = ? ORDER BY id`, string(AssessmentApproved))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []obligations.Activity
	for rows.Next() {
		var id, system int64
		var at string
		if err := rows.Scan(&id, &system, &at); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return nil, fmt.Errorf("%w: assessment %d approved at %q", vault.ErrCorrupt, id, at)
		}
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		out = append(out, obligations.Activity{ID: "assessment:" + strconv.FormatInt(id, 10), Kind: kindSecurityInspect,
			SystemID: strconv.FormatInt(system, 10), Date: d})
	}
	return out, rows.Err()
}

// obligationSystem gives the engine a system's level over time: each
// approval of its level dossier sets the level from the decision's date
// (or the day it was recorded); a system never approved has its proposed
// level since ever.
func obligationSystem(sys registers.System) obligations.System {
	out := obligations.System{ID: strconv.FormatInt(sys.ID, 10), Name: sys.Name, Level: sys.Level()}
	for _, ev := range sys.Dossier.History {
		if ev.To != registers.DossierApproved || ev.Level == 0 {
			continue
		}
		d, err := time.Parse(time.DateOnly, ev.Decision.Date)
		if err != nil {
			d, err = time.Parse(time.DateOnly, ev.Date)
		}
		if err == nil {
			out.LevelHistory = append(out.LevelHistory, obligations.LevelChange{From: d, Level: ev.Level})
		}
	}
	if d, err := time.Parse(time.DateOnly, sys.GoLiveDate); err == nil {
		out.GoLive = d
	}
	return out
}

func obligationActivity(a Activity) obligations.Activity {
	d, _ := time.Parse(time.DateOnly, a.Date)
	out := obligations.Activity{ID: "act:" + strconv.FormatInt(a.ID, 10), Kind: a.Kind, Date: d}
	if a.SystemID != 0 {
		out.SystemID = strconv.FormatInt(a.SystemID, 10)
	}
	return out
}

// provinceReportCycle is the deadline of the cycle an office's report
// submitted is for (obligations.Activity.For): the period of the signed
// provincial bundle whose SHA-256 the activity names
// (markProvinceSubmitted), so that the November report meets November's
// cycle however late. Zero for another activity, or a bundle not found.
func provinceReportCycle(q rowQuerier, active []packs.Pack, a Activity) (time.Time, error) {
	if a.Kind != office.ProvincialAnnualActivity && a.Kind != office.MonthlySummaryActivity {
		return time.Time{}, nil
	}
	_, sha, found := strings.Cut(a.Note, "SHA-256 ")
	if !found {
		return time.Time{}, nil
	}
	var kind, to string
	err := q.QueryRow(`SELECT kind, period_to FROM reports_issued WHERE sha256 = ? AND format = 'bundle' ORDER BY id LIMIT 1`,
		strings.TrimSpace(sha)).Scan(&kind, &to)
	if isNoRows(err) {
		return time.Time{}, nil
	}
	day, perr := time.Parse(time.DateOnly, to)
	if err != nil || perr != nil {
		return time.Time{}, errors.Join(err, perr)
	}
	due, ok := office.ProvincialDeadline(active, day.Year())
	if kind == "province-"+string(SummaryMonthly) {
		due, ok = office.MonthlyDeadline(active, day.Year(), int(day.Month()))
	}
	if !ok {
		return time.Time{}, nil
	}
	return due, nil
}

// expiringEvidence returns the evidence files with an expiry date; the
// system is the first system the file is linked to (by id), if any.
func expiringEvidence(q rowQuerier) ([]obligations.Evidence, error) {
	rows, err := q.Query(`SELECT e.id, e.title, e.expiry_date,
			COALESCE((SELECT MIN(CAST(l.target AS INTEGER)) FROM evidence_links l WHERE l.evidence_id = e.id AND l.kind = 'system'), 0)
		FROM evidence e WHERE e.expiry_date <> '' ORDER BY e.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []obligations.Evidence
	for rows.Next() {
		var id, title, expiry string
		var system int64
		if err := rows.Scan(&id, &title, &expiry, &system); err != nil {
			return nil, err
		}
		d, err := time.Parse(time.DateOnly, expiry)
		if err != nil {
			return nil, fmt.Errorf("%w: evidence %s expiry %q", vault.ErrCorrupt, id, expiry)
		}
		ev := obligations.Evidence{ID: id, Name: title, Expires: d}
		if system != 0 {
			ev.SystemID = strconv.FormatInt(system, 10)
		}
		list = append(list, ev)
	}
	return list, rows.Err()
}
