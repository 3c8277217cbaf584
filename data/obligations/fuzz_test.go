package obligations

import (
	"testing"
	"time"

	"daumoi/data/packs"
)

// FuzzEvaluate feeds arbitrary dates, levels and flags through every rule
// kind: Evaluate must not panic, and its output must be strictly sorted with
// unique IDs and a status from the documented set.
func FuzzEvaluate(f *testing.F) {
	f.Add(int64(0), int16(180), uint8(3), uint8(2), int16(-30), int16(400), int16(10), uint8(1), int16(5))
	f.Add(int64(3600*23), int16(-1), uint8(0), uint8(5), int16(0), int16(0), int16(0), uint8(3), int16(-400))
	f.Add(int64(-86400*365), int16(366), uint8(7), uint8(1), int16(1), int16(-1), int16(365), uint8(0), int16(0))
	pack := testPack(f, append(incidentRules(),
		scanRule(), annualRule(), drillRule(packs.AlignCalendar),
		packs.Rule{ID: "monthly", Kind: packs.KindMonthlyDay, Scope: packs.ScopeAgency, Day: 31, SatisfiedBy: []string{"monthly_summary_submitted"}},
		packs.Rule{ID: "fixed", Kind: packs.KindFixedDate, Scope: packs.ScopeSystem, Date: "2026-02-28", SatisfiedBy: []string{"drill"}},
		packs.Rule{ID: "pre", Kind: packs.KindAfterEvent, Event: packs.EventSystemGoLive, Within: &packs.Duration{Hours: 30}, SatisfiedBy: []string{"vulnerability_scan"}},
		packs.Rule{ID: "ev", Kind: packs.KindEvidenceExpiry},
		remediationRule(2, 3),
	)...)
	base := time.Date(2026, 2, 28, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, nowShift int64, goLive int16, level, newLevel uint8, change, actDay, incDay int16, flags uint8, evDay int16) {
		now := base.Add(time.Duration(nowShift%(86400*3000)) * time.Second)
		at := func(d int16) time.Time { return base.AddDate(0, 0, int(d)) }
		sys := System{ID: "s", Level: int(level % 6), GoLive: at(goLive),
			LevelHistory: []LevelChange{{From: at(change), Level: int(newLevel % 6)}}}
		var incFlags []string
		for i, fl := range packs.KnownIncidentFlags() {
			if flags&(1<<i) != 0 {
				incFlags = append(incFlags, fl)
			}
		}
		in := Input{
			Now: now, Packs: []packs.Pack{pack}, Systems: []System{sys, {ID: "t", Level: int(newLevel % 6)}},
			Activities: []Activity{
				{ID: "a1", Kind: "vulnerability_scan", SystemID: "s", Date: at(actDay)},
				{ID: "a2", Kind: "drill", SystemID: "s", Date: at(actDay / 2)},
				{ID: "a3", Kind: "annual_report_submitted", Date: at(-actDay)},
			},
			Incidents: []Incident{{ID: "i", SystemID: "s", Detected: at(incDay).Add(23 * time.Hour), ResponseEnded: at(incDay + 2), Flags: incFlags,
				Notifications: []Notification{{ID: "n", Kind: "incident_report", At: at(incDay + 1)}}}},
			Evidence:     []Evidence{{ID: "e", Expires: at(evDay)}},
			OpenFindings: []FindingsDue{{SystemID: "s", Count: 1 + int(flags%7), EarliestDue: at(evDay / 3)}},
		}
		out, err := Evaluate(in)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for i, o := range out {
			if seen[o.ID] {
				t.Fatalf("duplicate id %s", o.ID)
			}
			seen[o.ID] = true
			if i > 0 && compareObligations(out[i-1], o) >= 0 {
				t.Fatalf("not sorted at %d", i)
			}
			switch o.Status {
			case StatusDone, StatusDue, StatusUpcoming, StatusOverdue:
				if o.Due.IsZero() {
					t.Fatalf("%s: applicable without due date", o.ID)
				}
			case StatusNotApplicable:
				if o.Reason == "" {
					t.Fatalf("%s: not applicable without reason", o.ID)
				}
			default:
				t.Fatalf("%s: unknown status %q", o.ID, o.Status)
			}
		}
	})
}
