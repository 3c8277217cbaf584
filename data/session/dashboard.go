package session

import (
	"slices"
	"strconv"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Dashboard is what the overview shows, read at one moment: the
// obligations, the systems, the counts of assets, the running reporting
// clocks of the incidents not closed yet and the latest assessment of each
// system.
type Dashboard struct {
	Obligations []obligations.Obligation
	Systems     []registers.System
	Assets      int // every asset in the register
	Violations  int // assets holding state secrets on a network (registers.Asset.Violation)
	// Clocks are the reporting deadlines of the incidents not closed that
	// no notice has met, the nearest first.
	Clocks []RunningClock
	// Latest is, per system ID, the summary of its latest assessment
	// (latest period, then latest revision); systems without one are absent.
	Latest map[int64]AssessmentSummary
	// Awaiting are the assessments waiting for the manager's approval
	// (AssessmentSummary.AwaitingApproval), by system name and period.
	Awaiting []AssessmentSummary
}

// RunningClock is a reporting deadline of an open incident not met yet.
type RunningClock struct {
	Incident Incident
	Clock    DeadlineClock
}

// Dashboard reads the overview at now in one read transaction, evaluating
// the obligations once. Needs PermRead.
func (s *Session) Dashboard(now time.Time) (Dashboard, error) {
	var d Dashboard
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		in, err := obligationInput(tx, now)
		if err != nil {
			return err
		}
		if d.Obligations, err = obligations.Evaluate(in); err != nil {
			return err
		}
		if err := applyMarks(tx, d.Obligations); err != nil {
			return err
		}
		if d.Systems, err = readSystems(tx); err != nil {
			return err
		}
		if err := countAssets(tx, &d); err != nil {
			return err
		}
		if d.Clocks, err = runningClocks(tx, d.Obligations, now); err != nil {
			return err
		}
		if d.Latest, err = latestDashboardAssessments(tx, d.Systems); err != nil {
			return err
		}
		d.Awaiting, err = awaitingAssessments(tx)
		return err
	})
	return d, err
}

// countAssets counts the assets and the violations among them (the
// condition of AssetFilter.ViolationsOnly).
func countAssets(q rowQuerier, d *Dashboard) error {
	return q.QueryRow(`SELECT COUNT(*), COALESCE(SUM(state_secret = 1 AND (internet = 1 OR lan = 1)), 0) FROM assets`).
		Scan(&d.Assets, &d.Violations)
}

// runningClocks are the clocks of list not met yet, of the incidents not
// closed, the nearest first.
func runningClocks(q rowQuerier, list []obligations.Obligation, now time.Time) ([]RunningClock, error) {
	incidents, err := readIncidents(q)
	if err != nil {
		return nil, err
	}
	// The obligations of each incident, found in one pass: the list also
	// holds one obligation per open finding (tens of thousands), which a
	// pass per incident read again and again.
	byIncident := map[string][]obligations.Obligation{}
	for _, o := range list {
		if o.IncidentID != "" {
			byIncident[o.IncidentID] = append(byIncident[o.IncidentID], o)
		}
	}
	var out []RunningClock
	for _, in := range incidents {
		if in.State == IncidentClosed {
			continue
		}
		id := strconv.FormatInt(in.ID, 10)
		for _, c := range incidentClocks(byIncident[id], id, now) {
			if c.MetAt.IsZero() {
				out = append(out, RunningClock{in, c})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b RunningClock) int { return a.Clock.DueAt.Compare(b.Clock.DueAt) })
	return out, nil
}

// latestDashboardAssessments summarises the latest assessment of each system that
// has one, with its progress.
func latestDashboardAssessments(q rowQuerier, systems []registers.System) (map[int64]AssessmentSummary, error) {
	latest := map[int64]AssessmentSummary{}
	for _, sys := range systems {
		var id int64
		err := q.QueryRow(`SELECT id FROM assessments WHERE system_id = ? ORDER BY period DESC, revision DESC LIMIT 1`, sys.ID).Scan(&id)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		sum, err := loadSummary(q, id)
		if err != nil {
			return nil, err
		}
		if err := countProgress(q, &sum); err != nil {
			return nil, err
		}
		latest[sys.ID] = sum
	}
	return latest, nil
}

// awaitingAssessments returns the open assessments waiting for approval.
func awaitingAssessments(q rowQuerier) ([]AssessmentSummary, error) {
	ids, err := queryAll(q, func(scan func(...any) error) (int64, error) {
		var id int64
		err := scan(&id)
		return id, err
	}, `SELECT a.id FROM assessments a JOIN systems s ON s.id = a.system_id WHERE a.state = ? ORDER BY s.name_key, a.period, a.revision`,
		string(AssessmentOpen))
	if err != nil {
		return nil, err
	}
	var out []AssessmentSummary
	for _, id := range ids {
		sum, err := loadSummary(q, id)
		if err != nil {
			return nil, err
		}
		if err := countProgress(q, &sum); err != nil {
			return nil, err
		}
		if sum.AwaitingApproval() {
			out = append(out, sum)
		}
	}
	return out, nil
}
