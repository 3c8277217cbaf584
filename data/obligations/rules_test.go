package obligations

import (
	"errors"
	"testing"
	"time"

	"daumoi/data/packs"
)

func scanRule() packs.Rule {
	return packs.Rule{ID: "scan", Kind: packs.KindPeriodic, Scope: packs.ScopeSystem, EveryMonths: 6,
		Alignment: packs.AlignRolling, SatisfiedBy: []string{"vulnerability_scan"}}
}

func TestRollingSixMonths(t *testing.T) {
	sys := []System{{ID: "s1", Name: "Cổng dịch vụ công", Level: 3, GoLive: date(t, "2020-01-01")}}
	scan := func(id, on string) Activity {
		return Activity{ID: id, Kind: "vulnerability_scan", SystemID: "s1", Date: date(t, on)}
	}
	tests := []struct {
		name  string
		today string
		acts  []Activity
		want  brief
	}{
		{"done well before due", "2027-01-01", []Activity{scan("a", "2026-08-31")},
			brief{"test/scan/sys:s1", "2027-02-28", StatusDone, false, "a"}},
		{"31 Aug + 6 months, 30 days before", "2027-01-29", []Activity{scan("a", "2026-08-31")},
			brief{"test/scan/sys:s1", "2027-02-28", StatusDue, false, ""}},
		{"on the due day", "2027-02-28", []Activity{scan("a", "2026-08-31")},
			brief{"test/scan/sys:s1", "2027-02-28", StatusDue, false, ""}},
		{"day after due", "2027-03-01", []Activity{scan("a", "2026-08-31")},
			brief{"test/scan/sys:s1", "2027-02-28", StatusOverdue, false, ""}},
		{"leap year: due 29 Feb", "2028-02-29", []Activity{scan("a", "2027-08-31")},
			brief{"test/scan/sys:s1", "2028-02-29", StatusDue, false, ""}},
		{"leap year: overdue 1 Mar", "2028-03-01", []Activity{scan("a", "2027-08-31")},
			brief{"test/scan/sys:s1", "2028-02-29", StatusOverdue, false, ""}},
		{"scan on 29 Feb", "2028-03-15", []Activity{scan("a", "2028-02-29")},
			brief{"test/scan/sys:s1", "2028-08-29", StatusDone, false, "a"}},
		{"latest scan counts", "2027-03-01", []Activity{scan("b", "2027-02-27"), scan("a", "2026-08-31")},
			brief{"test/scan/sys:s1", "2027-08-27", StatusDone, false, "b"}},
		{"future-dated scan ignored", "2027-03-01", []Activity{scan("a", "2026-08-31"), scan("f", "2027-04-01")},
			brief{"test/scan/sys:s1", "2027-02-28", StatusOverdue, false, ""}},
		{"other system's scan ignored", "2026-08-01", []Activity{{ID: "x", Kind: "vulnerability_scan", SystemID: "s2", Date: date(t, "2026-07-01")}},
			brief{"test/scan/sys:s1", "2020-07-01", StatusOverdue, false, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, scanRule())}, Systems: sys, Activities: tt.acts})
			equalBriefs(t, got, []brief{tt.want})
		})
	}
}

func TestRollingStartsAtGoLive(t *testing.T) {
	sys := []System{{ID: "s1", Level: 2, GoLive: date(t, "2026-01-10")}}
	got := evaluate(t, Input{Now: noon(t, "2026-03-01"), Packs: []packs.Pack{testPack(t, scanRule())}, Systems: sys})
	equalBriefs(t, got, []brief{{"test/scan/sys:s1", "2026-07-10", StatusUpcoming, false, ""}})

	notLive := []System{{ID: "s1", Level: 2, GoLive: date(t, "2026-04-01")}}
	got = evaluate(t, Input{Now: noon(t, "2026-03-01"), Packs: []packs.Pack{testPack(t, scanRule())}, Systems: notLive})
	if got[0].Status != StatusNotApplicable || got[0].Reason != ReasonNotLive {
		t.Errorf("system not live yet: got %+v", got[0])
	}
}

// annualRule is in force from 2026-01-01, so the 2025 cycle is not reported.
func annualRule() packs.Rule {
	return packs.Rule{ID: "annual", Kind: packs.KindYearlyDate, Scope: packs.ScopeAgency, Month: 12, Day: 12,
		Effective:  &packs.Period{From: "2026-01-01"},
		DataPeriod: &packs.MonthDayRange{From: "12-15", To: "12-14"}, SatisfiedBy: []string{"annual_report_submitted"}}
}

func TestYearlyDeadline1212(t *testing.T) {
	report := func(id, on string) Activity {
		return Activity{ID: id, Kind: "annual_report_submitted", Date: date(t, on)}
	}
	tests := []struct {
		name  string
		today string
		acts  []Activity
		want  []brief
	}{
		{"day before, not sent", "2026-12-11", nil,
			[]brief{{"test/annual/2026-12-12", "2026-12-12", StatusDue, false, ""}}},
		{"on the day, not sent", "2026-12-12", nil,
			[]brief{{"test/annual/2026-12-12", "2026-12-12", StatusDue, false, ""}}},
		{"on the day, sent that day", "2026-12-12", []Activity{report("r", "2026-12-12")},
			[]brief{{"test/annual/2026-12-12", "2026-12-12", StatusDone, false, "r"}}},
		{"day after, not sent", "2026-12-13", nil, []brief{
			{"test/annual/2026-12-12", "2026-12-12", StatusOverdue, false, ""},
			{"test/annual/2027-12-12", "2027-12-12", StatusUpcoming, false, ""}}},
		{"day after, sent on time", "2026-12-13", []Activity{report("r", "2026-12-12")},
			[]brief{{"test/annual/2027-12-12", "2027-12-12", StatusUpcoming, false, ""}}},
		{"sent late counts once", "2026-12-20", []Activity{report("late", "2026-12-14")}, []brief{
			{"test/annual/2026-12-12", "2026-12-12", StatusDone, true, "late"},
			{"test/annual/2027-12-12", "2027-12-12", StatusUpcoming, false, ""}}},
		{"end of year", "2026-12-31", []Activity{report("r", "2026-11-01")},
			[]brief{{"test/annual/2027-12-12", "2027-12-12", StatusUpcoming, false, ""}}},
		{"new year", "2027-01-01", []Activity{report("r", "2026-11-01")},
			[]brief{{"test/annual/2027-12-12", "2027-12-12", StatusUpcoming, false, ""}}},
		{"early report for next cycle", "2027-01-05", []Activity{report("r", "2026-11-01"), report("n", "2027-01-02")},
			[]brief{{"test/annual/2027-12-12", "2027-12-12", StatusDone, false, "n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, annualRule())}, Activities: tt.acts})
			equalBriefs(t, got, tt.want)
		})
	}
}

func TestYearlyDataPeriod(t *testing.T) {
	got := evaluate(t, Input{Now: noon(t, "2026-06-01"), Packs: []packs.Pack{testPack(t, annualRule())}})
	o := got[len(got)-1]
	if from, to := o.PeriodFrom.Format(time.DateOnly), o.PeriodTo.Format(time.DateOnly); from != "2025-12-15" || to != "2026-12-14" {
		t.Errorf("data period %s..%s, want 2025-12-15..2026-12-14", from, to)
	}
}

func TestMonthlyDay(t *testing.T) {
	rule := func(day int) packs.Rule {
		return packs.Rule{ID: "monthly", Kind: packs.KindMonthlyDay, Scope: packs.ScopeAgency, Day: day, SatisfiedBy: []string{"monthly_summary_submitted"}}
	}
	tests := []struct {
		name  string
		day   int
		today string
		want  []brief
	}{
		{"on the 5th", 5, "2026-03-05", []brief{
			{"test/monthly/2026-02-05", "2026-02-05", StatusOverdue, false, ""},
			{"test/monthly/2026-03-05", "2026-03-05", StatusDue, false, ""}}},
		{"on the 6th", 5, "2026-03-06", []brief{
			{"test/monthly/2026-03-05", "2026-03-05", StatusOverdue, false, ""},
			{"test/monthly/2026-04-05", "2026-04-05", StatusDue, false, ""}}},
		{"across the year end", 5, "2026-12-06", []brief{
			{"test/monthly/2026-12-05", "2026-12-05", StatusOverdue, false, ""},
			{"test/monthly/2027-01-05", "2027-01-05", StatusDue, false, ""}}},
		{"day 31 clamps to February", 31, "2026-02-10", []brief{
			{"test/monthly/2026-01-31", "2026-01-31", StatusOverdue, false, ""},
			{"test/monthly/2026-02-28", "2026-02-28", StatusDue, false, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, rule(tt.day))}})
			equalBriefs(t, got, tt.want)
		})
	}
}

func drillRule(alignment string) packs.Rule {
	return packs.Rule{ID: "drill", Kind: packs.KindPeriodic, Scope: packs.ScopeSystem, Levels: []int{3, 4, 5},
		EveryMonths: 12, Alignment: alignment, SatisfiedBy: []string{"drill"}}
}

func TestDrillAfterLevelChangeMidYear(t *testing.T) {
	sys := []System{{ID: "s1", Level: 3, GoLive: date(t, "2024-01-01"), LevelHistory: []LevelChange{
		{From: date(t, "2024-01-01"), Level: 2}, {From: date(t, "2026-07-01"), Level: 3}}}}
	drill := func(id, on string) Activity {
		return Activity{ID: id, Kind: "drill", SystemID: "s1", Date: date(t, on)}
	}
	tests := []struct {
		name      string
		alignment string
		today     string
		acts      []Activity
		want      []brief
	}{
		{"calendar: still level 2", packs.AlignCalendar, "2026-06-30", nil,
			[]brief{{"test/drill/sys:s1", "", StatusNotApplicable, false, ""}}},
		{"calendar: level 3 from today", packs.AlignCalendar, "2026-07-01", nil,
			[]brief{{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusUpcoming, false, ""}}},
		{"calendar: drill at level 2 does not count", packs.AlignCalendar, "2026-07-01", []Activity{drill("old", "2026-03-01")},
			[]brief{{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusUpcoming, false, ""}}},
		{"calendar: drill after the change", packs.AlignCalendar, "2026-10-01", []Activity{drill("d", "2026-09-01")},
			[]brief{{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusDone, false, "d"}}},
		{"calendar: due within the window", packs.AlignCalendar, "2026-12-01", nil,
			[]brief{{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusDue, false, ""}}},
		{"calendar: missed year shows next January", packs.AlignCalendar, "2027-01-15", nil, []brief{
			{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusOverdue, false, ""},
			{"test/drill/sys:s1/2027-12-31", "2027-12-31", StatusUpcoming, false, ""}}},
		{"calendar: late drill covers the missed year only", packs.AlignCalendar, "2027-02-01", []Activity{drill("late", "2027-01-20")}, []brief{
			{"test/drill/sys:s1/2026-12-31", "2026-12-31", StatusDone, true, "late"},
			{"test/drill/sys:s1/2027-12-31", "2027-12-31", StatusUpcoming, false, ""}}},
		{"rolling: twelve months from the change", packs.AlignRolling, "2026-07-01", nil,
			[]brief{{"test/drill/sys:s1", "2027-07-01", StatusUpcoming, false, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, drillRule(tt.alignment))}, Systems: sys, Activities: tt.acts})
			equalBriefs(t, got, tt.want)
			if got[0].Status == StatusNotApplicable && got[0].Reason != ReasonLevel {
				t.Errorf("reason %q, want %q", got[0].Reason, ReasonLevel)
			}
		})
	}
}

func TestFixedDate(t *testing.T) {
	rule := packs.Rule{ID: "dossier", Kind: packs.KindFixedDate, Scope: packs.ScopeSystem, Date: "2023-11-30", SatisfiedBy: []string{"level_dossier_approved"}}
	sys := []System{
		{ID: "a", Level: 2, GoLive: date(t, "2020-01-01")},
		{ID: "b", Level: 2, GoLive: date(t, "2020-01-01")},
		{ID: "c", Level: 2, GoLive: date(t, "2020-01-01")},
		{ID: "d", Level: 3, GoLive: date(t, "2025-01-01")},
	}
	acts := []Activity{
		{ID: "on-time", Kind: "level_dossier_approved", SystemID: "a", Date: date(t, "2023-11-30")},
		{ID: "late", Kind: "level_dossier_approved", SystemID: "b", Date: date(t, "2024-02-01")},
	}
	got := evaluate(t, Input{Now: noon(t, "2026-01-01"), Packs: []packs.Pack{testPack(t, rule)}, Systems: sys, Activities: acts})
	equalBriefs(t, got, []brief{
		{"test/dossier/sys:a", "2023-11-30", StatusDone, false, "on-time"},
		{"test/dossier/sys:b", "2023-11-30", StatusDone, true, "late"},
		{"test/dossier/sys:c", "2023-11-30", StatusOverdue, false, ""},
		{"test/dossier/sys:d", "", StatusNotApplicable, false, ""},
	})
	if got[3].Reason != ReasonLiveTooLate {
		t.Errorf("reason %q, want %q", got[3].Reason, ReasonLiveTooLate)
	}
}

func TestGoLiveAssessment(t *testing.T) {
	rule := packs.Rule{ID: "pre", Kind: packs.KindAfterEvent, Event: packs.EventSystemGoLive, Within: &packs.Duration{Days: days(0)},
		SatisfiedBy: []string{"pre_golive_assessment"}}
	sys := []System{{ID: "s1", Level: 2, GoLive: date(t, "2026-05-01")}}
	assess := func(on string) []Activity {
		return []Activity{{ID: "x", Kind: "pre_golive_assessment", SystemID: "s1", Date: date(t, on)}}
	}
	tests := []struct {
		name  string
		today string
		acts  []Activity
		want  brief
	}{
		{"assessed before", "2026-05-02", assess("2026-04-20"), brief{"test/pre/sys:s1", "2026-05-01", StatusDone, false, "x"}},
		{"go-live day, not assessed", "2026-05-01", nil, brief{"test/pre/sys:s1", "2026-05-01", StatusDue, false, ""}},
		{"after go-live, not assessed", "2026-05-02", nil, brief{"test/pre/sys:s1", "2026-05-01", StatusOverdue, false, ""}},
		{"assessed after go-live", "2026-06-01", assess("2026-05-10"), brief{"test/pre/sys:s1", "2026-05-01", StatusDone, true, "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, rule)}, Systems: sys, Activities: tt.acts})
			equalBriefs(t, got, []brief{tt.want})
		})
	}
}

func incidentRules() []packs.Rule {
	return []packs.Rule{
		{ID: "n24", Kind: packs.KindAfterEvent, Event: packs.EventIncidentDetected, IncidentFlags: []string{"serious"},
			Within: &packs.Duration{Hours: 24}, SatisfiedBy: []string{"incident_initial_notice", "incident_report"}},
		{ID: "n72", Kind: packs.KindAfterEvent, Event: packs.EventIncidentDetected, Within: &packs.Duration{Hours: 72},
			SatisfiedBy: []string{"incident_report"}},
		{ID: "n5d", Kind: packs.KindAfterEvent, Event: packs.EventIncidentDetected, Within: &packs.Duration{Days: days(5)},
			SatisfiedBy: []string{"incident_notified"}},
		{ID: "now", Kind: packs.KindAfterEvent, Event: packs.EventIncidentDetected, IncidentFlags: []string{"national_security"},
			Within: &packs.Duration{Immediately: true}, SatisfiedBy: []string{"incident_initial_notice"}},
		{ID: "close", Kind: packs.KindAfterEvent, Event: packs.EventIncidentResponseEnded, Within: &packs.Duration{Days: days(5)},
			SatisfiedBy: []string{"closure_report_form04"}},
	}
}

func TestIncidentClocksAt2300(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	detected := time.Date(2026, 9, 10, 23, 0, 0, 0, ict)
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 9, day, hour, minute, 0, 0, ict) }
	serious := Incident{ID: "i1", SystemID: "s1", Detected: detected, Flags: []string{"serious"}}
	status := func(t *testing.T, inc Incident, now time.Time) map[string]Obligation {
		got := evaluate(t, Input{Now: now, Packs: []packs.Pack{testPack(t, incidentRules()...)}, Incidents: []Incident{inc}})
		m := map[string]Obligation{}
		for _, o := range got {
			m[o.RuleID] = o
		}
		return m
	}

	m := status(t, serious, at(11, 22, 59))
	wantDueAt := map[string]time.Time{
		"n24": at(11, 23, 0), "n72": at(13, 23, 0),
		"n5d": time.Date(2026, 9, 15, 23, 59, 59, 999_999_999, ict),
	}
	for rule, want := range wantDueAt {
		if !m[rule].DueAt.Equal(want) || m[rule].Status != StatusDue {
			t.Errorf("%s: due %v status %s, want %v due", rule, m[rule].DueAt, m[rule].Status, want)
		}
	}
	if m["n5d"].Due.Format(time.DateOnly) != "2026-09-15" {
		t.Errorf("5-day clock due date %s, want 2026-09-15", m["n5d"].Due.Format(time.DateOnly))
	}
	if _, ok := m["now"]; ok {
		t.Error("immediate rule applied to an incident without the national_security flag")
	}
	if _, ok := m["close"]; ok {
		t.Error("closure clock started while the response is still open")
	}
	if got := status(t, serious, at(11, 23, 0))["n24"].Status; got != StatusDue {
		t.Errorf("24 h clock at exactly 24 h: %s, want due", got)
	}
	if got := status(t, serious, at(11, 23, 1))["n24"].Status; got != StatusOverdue {
		t.Errorf("24 h clock one minute late: %s, want overdue", got)
	}
	if got := status(t, serious, at(15, 23, 59))["n5d"].Status; got != StatusDue {
		t.Errorf("5-day clock at 23:59 of day 5: %s, want due", got)
	}
	if got := status(t, serious, at(16, 0, 0))["n5d"].Status; got != StatusOverdue {
		t.Errorf("5-day clock on day 6: %s, want overdue", got)
	}

	reported := serious
	reported.Notifications = []Notification{{ID: "r", Kind: "incident_report", At: at(12, 10, 0)}}
	m = status(t, reported, at(14, 9, 0))
	if o := m["n72"]; o.Status != StatusDone || o.Late {
		t.Errorf("72 h report sent after 35 h: %+v", o)
	}
	if o := m["n24"]; o.Status != StatusDone || !o.Late {
		t.Errorf("24 h notice met only by the 35 h report: want done late, got %+v", o)
	}
	if o := m["n5d"]; o.Status != StatusDue || o.SatisfiedBy != nil {
		t.Errorf("5-day notice must not be satisfied by another kind: %+v", o)
	}

	plain := Incident{ID: "i2", Detected: detected}
	if _, ok := status(t, plain, at(11, 0, 0))["n24"]; ok {
		t.Error("24 h serious clock applied to a non-serious incident")
	}
	urgent := Incident{ID: "i3", Detected: detected, Flags: []string{"national_security"}}
	if o := status(t, urgent, at(10, 23, 1))["now"]; o.Status != StatusOverdue || !o.DueAt.Equal(detected) {
		t.Errorf("immediate clock one minute after detection: %+v", o)
	}
	closed := plain
	closed.ResponseEnded = at(20, 9, 0)
	if o := status(t, closed, at(21, 9, 0))["close"]; o.Due.Format(time.DateOnly) != "2026-09-25" || o.Status != StatusDue {
		t.Errorf("closure report clock: %+v", o)
	}
}

func TestIncidentBeforeRuleInForce(t *testing.T) {
	rule := incidentRules()[1]
	rule.Effective = &packs.Period{From: "2026-08-19"}
	inc := []Incident{
		{ID: "old", Detected: time.Date(2026, 8, 18, 23, 0, 0, 0, time.UTC)},
		{ID: "new", Detected: time.Date(2026, 8, 19, 0, 30, 0, 0, time.UTC)},
	}
	got := evaluate(t, Input{Now: noon(t, "2026-08-20"), Packs: []packs.Pack{testPack(t, rule)}, Incidents: inc})
	if len(got) != 1 || got[0].IncidentID != "new" {
		t.Errorf("got %+v, want only the incident detected after the rule took effect", briefs(got))
	}
}

func TestEvidenceExpiry(t *testing.T) {
	rule := packs.Rule{ID: "ev", Kind: packs.KindEvidenceExpiry}
	ev := []Evidence{
		{ID: "e1", Expires: date(t, "2026-05-31")},
		{ID: "e2", Expires: date(t, "2026-06-01")},
		{ID: "e3", Expires: date(t, "2026-07-01")},
		{ID: "e4", Expires: date(t, "2026-07-02")},
		{ID: "e5"},
	}
	got := evaluate(t, Input{Now: noon(t, "2026-06-01"), Packs: []packs.Pack{testPack(t, rule)}, Evidence: ev})
	equalBriefs(t, got, []brief{
		{"test/ev/ev:e1", "2026-05-31", StatusOverdue, false, ""},
		{"test/ev/ev:e2", "2026-06-01", StatusDue, false, ""},
		{"test/ev/ev:e3", "2026-07-01", StatusDue, false, ""},
		{"test/ev/ev:e4", "2026-07-02", StatusUpcoming, false, ""},
	})
}

func TestAgencyRolesAndEffectivePeriod(t *testing.T) {
	monthly := packs.Rule{ID: "m", Kind: packs.KindMonthlyDay, Scope: packs.ScopeAgency, Day: 5,
		AgencyRoles: []string{"provincial_department"}, SatisfiedBy: []string{"monthly_summary_submitted"}}
	later := annualRule()
	later.Effective = &packs.Period{From: "2026-08-19"}
	pack := testPack(t, monthly, later)

	got := evaluate(t, Input{Now: noon(t, "2026-08-18"), Packs: []packs.Pack{pack}, Agency: Agency{Roles: []string{"system_owner"}}})
	want := map[string]string{"m": ReasonAgencyRole, "annual": ReasonNotInForce}
	for _, o := range got {
		if o.Status != StatusNotApplicable || o.Reason != want[o.RuleID] {
			t.Errorf("%s: status %s reason %q, want not_applicable %q", o.RuleID, o.Status, o.Reason, want[o.RuleID])
		}
	}
	got = evaluate(t, Input{Now: noon(t, "2026-08-19"), Packs: []packs.Pack{pack}, Agency: Agency{Roles: []string{"provincial_department"}}})
	for _, o := range got {
		if o.Status == StatusNotApplicable {
			t.Errorf("%s still not applicable: %+v", o.RuleID, o)
		}
	}
}

func TestBadInput(t *testing.T) {
	pack := testPack(t, scanRule())
	broken := pack
	broken.Obligations = []packs.Rule{{ID: "x", TitleVI: "x", Kind: "sometimes", Source: packs.SourceRef{Source: "src", Ref: "1"}}}
	tests := []struct {
		name string
		in   Input
		want error
	}{
		{"zero now", Input{Packs: []packs.Pack{pack}}, ErrBadInput},
		{"negative window", Input{Now: noon(t, "2026-01-01"), DueSoonDays: -1}, ErrBadInput},
		{"duplicate system", Input{Now: noon(t, "2026-01-01"), Systems: []System{{ID: "a"}, {ID: "a"}}}, ErrBadInput},
		{"empty system id", Input{Now: noon(t, "2026-01-01"), Systems: []System{{}}}, ErrBadInput},
		{"level 6", Input{Now: noon(t, "2026-01-01"), Systems: []System{{ID: "a", Level: 6}}}, ErrBadInput},
		{"bad level change", Input{Now: noon(t, "2026-01-01"), Systems: []System{{ID: "a", LevelHistory: []LevelChange{{Level: 3}}}}}, ErrBadInput},
		{"duplicate incident", Input{Now: noon(t, "2026-01-01"), Incidents: []Incident{{ID: "i"}, {ID: "i"}}}, ErrBadInput},
		{"pack twice", Input{Now: noon(t, "2026-01-01"), Packs: []packs.Pack{pack, pack}}, ErrBadInput},
		{"invalid pack", Input{Now: noon(t, "2026-01-01"), Packs: []packs.Pack{broken}}, ErrInvalidPack},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
	_, err := Evaluate(Input{Now: noon(t, "2026-01-01"), Packs: []packs.Pack{broken}})
	if !errors.Is(err, packs.ErrBadRule) {
		t.Errorf("invalid pack error %v does not wrap packs.ErrBadRule", err)
	}
}

func TestYearlyPreviousCycleMissed(t *testing.T) {
	rule := annualRule()
	rule.Effective = nil
	got := evaluate(t, Input{Now: noon(t, "2026-12-11"), Packs: []packs.Pack{testPack(t, rule)}})
	equalBriefs(t, got, []brief{
		{"test/annual/2025-12-12", "2025-12-12", StatusOverdue, false, ""},
		{"test/annual/2026-12-12", "2026-12-12", StatusDue, false, ""},
	})
	// A report dated in the current window is taken first for the missed cycle.
	acts := []Activity{{ID: "r", Kind: "annual_report_submitted", Date: date(t, "2026-12-01")}}
	got = evaluate(t, Input{Now: noon(t, "2026-12-11"), Packs: []packs.Pack{testPack(t, rule)}, Activities: acts})
	equalBriefs(t, got, []brief{
		{"test/annual/2025-12-12", "2025-12-12", StatusDone, true, "r"},
		{"test/annual/2026-12-12", "2026-12-12", StatusDue, false, ""},
	})
}

func TestEventRuleAgencyRole(t *testing.T) {
	rule := incidentRules()[1]
	rule.AgencyRoles = []string{"system_owner"}
	in := Input{Now: noon(t, "2026-09-11"), Packs: []packs.Pack{testPack(t, rule)},
		Incidents: []Incident{{ID: "i", Detected: noon(t, "2026-09-10")}}}
	if got := evaluate(t, in); len(got) != 0 {
		t.Errorf("incident clock for an agency without the role: %+v", briefs(got))
	}
	in.Agency.Roles = []string{"system_owner"}
	if got := evaluate(t, in); len(got) != 1 || got[0].Status != StatusDue {
		t.Errorf("incident clock for the system owner: %+v", briefs(got))
	}
}

// An activity for a given cycle (a report of a period) meets that cycle
// only: the November report made on 03/12 meets the cycle due 05/12, not
// the October one missed before it, which stays overdue; October's report
// made late meets October's cycle, late.
func TestActivityForACycle(t *testing.T) {
	monthly := packs.Rule{ID: "m", Kind: packs.KindMonthlyDay, Scope: packs.ScopeAgency, Day: 5, SatisfiedBy: []string{"monthly_summary_submitted"}}
	pack := testPack(t, monthly)
	report := func(id, on, due string) Activity {
		return Activity{ID: id, Kind: "monthly_summary_submitted", Date: date(t, on), For: date(t, due)}
	}
	got := evaluate(t, Input{Now: noon(t, "2026-12-04"), Packs: []packs.Pack{pack}, Activities: []Activity{report("nov", "2026-12-03", "2026-12-05")}})
	equalBriefs(t, got, []brief{{"test/m/2026-11-05", "2026-11-05", StatusOverdue, false, ""}, {"test/m/2026-12-05", "2026-12-05", StatusDone, false, "nov"}})
	got = evaluate(t, Input{Now: noon(t, "2026-12-04"), Packs: []packs.Pack{pack},
		Activities: []Activity{report("nov", "2026-12-03", "2026-12-05"), report("oct", "2026-12-04", "2026-11-05")}})
	equalBriefs(t, got, []brief{{"test/m/2026-11-05", "2026-11-05", StatusDone, true, "oct"}, {"test/m/2026-12-05", "2026-12-05", StatusDone, false, "nov"}})
	// without For, the same report fills the missed cycle late (as before)
	plain := report("nov", "2026-12-03", "2026-12-05")
	plain.For = time.Time{}
	got = evaluate(t, Input{Now: noon(t, "2026-12-04"), Packs: []packs.Pack{pack}, Activities: []Activity{plain}})
	equalBriefs(t, got, []brief{{"test/m/2026-11-05", "2026-11-05", StatusDone, true, "nov"}, {"test/m/2026-12-05", "2026-12-05", StatusDue, false, ""}})
}
