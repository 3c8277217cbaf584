package office

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"daumoi/data/packs"
	"daumoi/reports/docs"
)

// ReportState is where an agency stands with its annual report of a year.
type ReportState string

// The states of an annual report at the office.
const (
	ReportOnTime    ReportState = "on_time"     // first received by the deadline
	ReportLate      ReportState = "late"        // first received after the deadline
	ReportMissing   ReportState = "missing"     // nothing received, the deadline has passed
	ReportNotYetDue ReportState = "not_yet_due" // nothing received yet, before the deadline
)

// ReportStates lists the states in display order.
func ReportStates() []ReportState {
	return []ReportState{ReportOnTime, ReportLate, ReportMissing, ReportNotYetDue}
}

// Submission is what the status needs of a received bundle.
type Submission struct {
	BundleID   int64
	AgencyCode string
	Kind       string    // "annual", "incident"
	From, To   time.Time // the period, civil days at 00:00 UTC
	Subject    string
	ReceivedAt time.Time
	Current    bool // not superseded by a correction
	// SupersededBy is the bundle that corrected this one, 0 when none.
	SupersededBy int64
	Data         string // data.json or incident.json as received
}

// ReceivedBy is subs as the office held them at the moment at: only the
// bundles received by then, each current unless the correction that
// replaced it was received by then too (a correction received later does
// not replace it yet). The order of subs is kept.
func ReceivedBy(subs []Submission, at time.Time) []Submission {
	held := map[int64]bool{}
	for _, s := range subs {
		if !s.ReceivedAt.After(at) {
			held[s.BundleID] = true
		}
	}
	out := make([]Submission, 0, len(held))
	for _, s := range subs {
		if held[s.BundleID] {
			s.Current = s.SupersededBy == 0 || !held[s.SupersededBy]
			out = append(out, s)
		}
	}
	return out
}

// AgencyStatus is one agency's line of the province's status for a year.
// The figures come from its current annual bundle; HasData is false when
// it sent none (or its data could not be read).
type AgencyStatus struct {
	Agency   Agency      `json:"agency"`
	Year     int         `json:"year"`
	Deadline string      `json:"deadline"` // YYYY-MM-DD
	State    ReportState `json:"state"`
	// BundleID is the current annual bundle, 0 when none.
	BundleID      int64  `json:"bundle_id"`
	FirstReceived string `json:"first_received,omitempty"` // RFC 3339, +07:00
	LastReceived  string `json:"last_received,omitempty"`
	Corrections   int    `json:"corrections"`
	HasData       bool   `json:"has_data"`
	// Compliance is 100·met/assessed over every system's items (the
	// agency's own definition, summed), with the counts it rests on.
	Compliance      float64        `json:"compliance"`
	ItemsMet        int            `json:"items_met"`
	ItemsAssessed   int            `json:"items_assessed"`
	ItemsApplicable int            `json:"items_applicable"`
	Systems         int            `json:"systems"`
	SystemsByLevel  map[string]int `json:"systems_by_level"`
	// DossiersApproved are systems whose level is approved; the others
	// are still without an approved level.
	DossiersApproved int `json:"dossiers_approved"`
	WithoutApproved  int `json:"without_approved_level"`
	Violations       int `json:"violations"`
	FindingsOpen     int `json:"findings_open"`
	FindingsOverdue  int `json:"findings_overdue"`
	// OpenIncidents are the agency's incidents received and not closed
	// (in their latest bundle), IncidentsReceived every one of the year.
	OpenIncidents     int `json:"open_incidents"`
	IncidentsReceived int `json:"incidents_received"`
	// OverdueClocks are those incidents with a reporting deadline of the
	// office's packs passed and not met (what their latest bundle says).
	OverdueClocks int `json:"overdue_clocks"`
}

// AnnualDeadline is the day the annual report is due in year, from the
// active packs (the agency rule satisfied by "annual_report_submitted");
// 12/12 (Chỉ thị 11) when no pack says.
func AnnualDeadline(active []packs.Pack, year int) time.Time {
	for _, p := range active {
		for _, r := range p.Obligations {
			if r.Kind == "yearly_date" && r.Month > 0 && r.Day > 0 && slices.Contains(r.SatisfiedBy, "annual_report_submitted") && len(r.AgencyRoles) == 0 {
				return time.Date(year, time.Month(r.Month), r.Day, 0, 0, 0, 0, time.UTC)
			}
		}
	}
	return time.Date(year, time.December, 12, 0, 0, 0, 0, time.UTC)
}

// ProvinceStatus computes every agency's status for year: its annual
// report received on time, late or not, and the figures of its current
// bundle. today decides whether a report not received is missing yet.
func ProvinceStatus(agencies []Agency, subs []Submission, year int, deadline, today time.Time) []AgencyStatus {
	byAgency := map[string][]Submission{}
	for _, s := range subs {
		byAgency[s.AgencyCode] = append(byAgency[s.AgencyCode], s)
	}
	out := make([]AgencyStatus, 0, len(agencies))
	for _, a := range agencies {
		out = append(out, agencyStatus(a, byAgency[a.Code], year, Day(deadline), Day(today)))
	}
	return out
}

// agencyStatus is one agency's status from its submissions.
func agencyStatus(a Agency, subs []Submission, year int, deadline, today time.Time) AgencyStatus {
	st := AgencyStatus{Agency: a, Year: year, Deadline: deadline.Format(time.DateOnly), SystemsByLevel: map[string]int{}}
	var annual []Submission
	for _, s := range subs {
		switch {
		case s.Kind == "annual" && s.To.Year() == year:
			annual = append(annual, s)
		case s.Kind == "incident" && s.Current && (s.From.Year() == year || s.To.Year() == year):
			st.countIncident(s)
		}
	}
	if len(annual) == 0 {
		st.State = ReportNotYetDue
		if today.After(deadline) {
			st.State = ReportMissing
		}
		return st
	}
	slices.SortFunc(annual, func(x, y Submission) int { return x.ReceivedAt.Compare(y.ReceivedAt) })
	first, last := annual[0], annual[len(annual)-1]
	st.State = ReportOnTime
	if Day(first.ReceivedAt).After(deadline) {
		st.State = ReportLate
	}
	st.FirstReceived, st.LastReceived = vnStamp(first.ReceivedAt), vnStamp(last.ReceivedAt)
	st.Corrections = len(annual) - 1
	for _, s := range annual {
		if s.Current {
			st.BundleID = s.BundleID
			st.addFigures(s.Data)
		}
	}
	return st
}

// countIncident counts an incident bundle (its latest version).
func (st *AgencyStatus) countIncident(s Submission) {
	st.IncidentsReceived++
	var in struct{ State string }
	if json.Unmarshal([]byte(s.Data), &in) == nil && !strings.EqualFold(in.State, "closed") {
		st.OpenIncidents++
	}
}

// addFigures takes the figures of an annual bundle's data.json.
func (st *AgencyStatus) addFigures(data string) {
	d, err := docs.ParseAnnualData([]byte(data))
	if err != nil {
		return
	}
	f := d.Figures
	st.HasData = true
	st.Systems, st.Violations = f.Systems, f.Violations
	st.FindingsOpen, st.FindingsOverdue = f.FindingsOpen, f.FindingsOverdue
	for k, v := range f.SystemsByLevel {
		st.SystemsByLevel[k] = v
	}
	st.DossiersApproved = f.DossierByState["approved"]
	st.WithoutApproved = max(0, f.Systems-st.DossiersApproved)
	for _, c := range d.Compliance {
		st.ItemsMet += c.ItemsMet
		st.ItemsAssessed += c.ItemsAssessed
		st.ItemsApplicable += c.ItemsApplicable
	}
	if st.ItemsAssessed > 0 {
		st.Compliance = 100 * float64(st.ItemsMet) / float64(st.ItemsAssessed)
	}
}

// vnStamp writes t in RFC 3339 at +07:00.
func vnStamp(t time.Time) string {
	return t.In(time.FixedZone("ICT", 7*3600)).Format(time.RFC3339)
}
