package obligations

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"daumoi/data/packs"
)

func shippedPacks(t testing.TB) []packs.Pack {
	t.Helper()
	reg, err := packs.ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	active, err := reg.Active(reg.IDs())
	if err != nil {
		t.Fatal(err)
	}
	return active
}

// agencyInput builds a realistic agency: n systems at levels 1–5 (every
// fifth one moved from level 2 to 3 in mid-2026), scans, hunts, drills and
// reports, a few incidents and nEvidence evidence items.
func agencyInput(t testing.TB, n, nEvidence int) Input {
	ict := time.FixedZone("ICT", 7*3600)
	in := Input{
		Now:    time.Date(2026, 11, 25, 9, 0, 0, 0, ict),
		Packs:  shippedPacks(t),
		Agency: Agency{Name: "Sở Y tế", Roles: []string{"system_owner"}},
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		id := fmt.Sprintf("sys%03d", i)
		s := System{ID: id, Name: "Hệ thống " + id, Level: i%5 + 1, GoLive: base.AddDate(0, i%24, 0)}
		if i%5 == 1 {
			s.Level = 3
			s.LevelHistory = []LevelChange{{From: s.GoLive, Level: 2}, {From: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Level: 3}}
		}
		in.Systems = append(in.Systems, s)
		for j, kind := range []string{"vulnerability_scan", "threat_hunt", "drill", "security_inspection", "monitoring_report", "level_dossier_approved", "pre_golive_assessment"} {
			for k := range 3 {
				in.Activities = append(in.Activities, Activity{
					ID: fmt.Sprintf("%s-%s-%d", id, kind, k), Kind: kind, SystemID: id,
					Date: base.AddDate(0, (i+j*3+k*7)%34, (i*j+k)%28),
				})
			}
		}
	}
	for y := 2023; y <= 2026; y++ {
		in.Activities = append(in.Activities, Activity{ID: fmt.Sprintf("report-%d", y), Kind: "annual_report_submitted", Date: time.Date(y, 12, 1, 0, 0, 0, 0, time.UTC)})
	}
	for i := range 10 {
		inc := Incident{ID: fmt.Sprintf("inc%02d", i), SystemID: fmt.Sprintf("sys%03d", i), Detected: time.Date(2026, 11, 20+i%5, 23, 0, 0, 0, ict)}
		if i%2 == 0 {
			inc.Flags = []string{"serious"}
			inc.Notifications = []Notification{{ID: "n" + inc.ID, Kind: "incident_report", At: inc.Detected.Add(30 * time.Hour)}}
		}
		in.Incidents = append(in.Incidents, inc)
	}
	for i := range n {
		if i%3 == 0 {
			in.OpenFindings = append(in.OpenFindings, FindingsDue{SystemID: fmt.Sprintf("sys%03d", i), Count: 1 + i%4,
				EarliestDue: time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 10*i)})
		}
	}
	for i := range nEvidence {
		ev := Evidence{ID: fmt.Sprintf("ev%05d", i), SystemID: fmt.Sprintf("sys%03d", i%max(n, 1))}
		if i%10 != 0 {
			ev.Expires = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%730)
		}
		in.Evidence = append(in.Evidence, ev)
	}
	return in
}

func TestShippedPacksObligations(t *testing.T) {
	in := agencyInput(t, 10, 20)
	got := evaluate(t, in)
	byID := map[string]Obligation{}
	for _, o := range got {
		if _, dup := byID[o.ID]; dup {
			t.Fatalf("duplicate obligation id %s", o.ID)
		}
		byID[o.ID] = o
	}
	want := map[string]Status{
		"ct11-vinhlong-2023/ct11-annual-report/2026-12-12":          StatusDue, // the 2026 report is dated in the future
		"ct11-vinhlong-2023/ct11-monthly-summary":                   StatusNotApplicable,
		"nd331-2026/nd331-annual-report-owner/2026-12-25":           StatusDue,
		"tt12-2022/tt12-annual-report-owner/2026-12-25":             StatusDue,
		"ct11-vinhlong-2023/ct11-drill/sys:sys000":                  StatusNotApplicable,
		"nd331-2026/nd331-incident-serious-24h/inc:inc00":           StatusDone,
		"nd331-2026/nd331-incident-72h/inc:inc01":                   StatusOverdue,
		"ct11-vinhlong-2023/tt20-incident-notice/inc:inc04":         StatusDue,
		"ct11-vinhlong-2023/ct11-evidence-expiry/ev:ev00001":        StatusOverdue,
		"ct11-vinhlong-2023/ct11-implementation-plan":               StatusOverdue,
		"nd331-2026/nd331-transition-requirements/sys:sys003":       StatusUpcoming,
		"ct11-vinhlong-2023/ct11-provincial-drill":                  StatusNotApplicable,
		"ct11-vinhlong-2023/ct11-incident-response-plan/sys:sys004": StatusNotApplicable, // live after 24/8/2023
	}
	for id, status := range want {
		o, ok := byID[id]
		if !ok {
			t.Errorf("missing obligation %s", id)
			continue
		}
		if o.Status != status {
			t.Errorf("%s: status %s, want %s", id, o.Status, status)
		}
		if o.Source.PackID == "" || o.Source.SourceID == "" || o.Source.Ref == "" || o.TitleVI == "" {
			t.Errorf("%s: incomplete source or title %+v", id, o.Source)
		}
	}
	// Open findings: sys000 due 10 Nov (overdue), sys003 due 10 Dec (due),
	// sys009 due 8 Feb 2027 (upcoming); ct11-remediation has no levels.
	for id, want := range map[string]brief{
		"sys000": {"ct11-vinhlong-2023/ct11-remediation/sys:sys000", "2026-11-10", StatusOverdue, false, ""},
		"sys003": {"ct11-vinhlong-2023/ct11-remediation/sys:sys003", "2026-12-10", StatusDue, false, ""},
		"sys009": {"ct11-vinhlong-2023/ct11-remediation/sys:sys009", "2027-02-08", StatusUpcoming, false, ""},
	} {
		o, ok := byID[want.ID]
		if got := briefs([]Obligation{o})[0]; !ok || got != want || !o.Unverified || o.OpenFindings != 1+atoi(id[3:])%4 {
			t.Errorf("%s: %+v (open findings %d, unverified %v), want %+v", id, got, o.OpenFindings, o.Unverified, want)
		}
	}
	if _, ok := byID["ct11-vinhlong-2023/ct11-remediation/sys:sys001"]; ok {
		t.Error("a system without open findings has a remediation obligation")
	}
	// Awareness: one per calendar year under the directive (none recorded:
	// 2025 missed, 2026 due 31 Dec); 12 months from 19/8/2026 under ND 331.
	for id, status := range map[string]Status{
		"ct11-vinhlong-2023/ct11-awareness/2025-12-31": StatusOverdue,
		"ct11-vinhlong-2023/ct11-awareness/2026-12-31": StatusUpcoming,
		"nd331-2026/nd331-awareness":                   StatusUpcoming,
	} {
		if o, ok := byID[id]; !ok || o.Status != status || !o.Unverified {
			t.Errorf("%s: %+v, want %s", id, o, status)
		}
	}
	if o := byID["nd331-2026/nd331-awareness"]; o.Due.Format(time.DateOnly) != "2027-08-19" {
		t.Errorf("nd331-awareness due %v, want 2027-08-19", o.Due)
	}
	if o := byID["nd331-2026/nd331-incident-serious-24h/inc:inc00"]; !o.Late || !o.Unverified {
		t.Errorf("24 h notice met by the 30 h report must be late and marked unverified: %+v", o)
	}
}

func TestDeterministic(t *testing.T) {
	in := agencyInput(t, 20, 200)
	first := evaluate(t, in)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		shuffled := in
		shuffled.Systems = slices.Clone(in.Systems)
		shuffled.Activities = slices.Clone(in.Activities)
		shuffled.Incidents = slices.Clone(in.Incidents)
		shuffled.Evidence = slices.Clone(in.Evidence)
		rng.Shuffle(len(shuffled.Systems), func(i, j int) { shuffled.Systems[i], shuffled.Systems[j] = shuffled.Systems[j], shuffled.Systems[i] })
		rng.Shuffle(len(shuffled.Activities), func(i, j int) {
			shuffled.Activities[i], shuffled.Activities[j] = shuffled.Activities[j], shuffled.Activities[i]
		})
		rng.Shuffle(len(shuffled.Incidents), func(i, j int) {
			shuffled.Incidents[i], shuffled.Incidents[j] = shuffled.Incidents[j], shuffled.Incidents[i]
		})
		rng.Shuffle(len(shuffled.Evidence), func(i, j int) {
			shuffled.Evidence[i], shuffled.Evidence[j] = shuffled.Evidence[j], shuffled.Evidence[i]
		})
		if again := evaluate(t, shuffled); !reflect.DeepEqual(first, again) {
			t.Fatal("same input in another order gave a different result")
		}
	}
	for i := 1; i < len(first); i++ {
		if compareObligations(first[i-1], first[i]) >= 0 {
			t.Fatalf("not strictly sorted at %d: %s then %s", i, first[i-1].ID, first[i].ID)
		}
	}
}

// BenchmarkEvaluate: all shipped packs, 50 systems with 21 activities each,
// 10 incidents and 10,000 evidence items. Target: < 200 ms per evaluation.
func BenchmarkEvaluate(b *testing.B) {
	in := agencyInput(b, 50, 10_000)
	var n int
	for b.Loop() {
		out, err := Evaluate(in)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "obligations")
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestPenetrationTestCountsAsInspection: under TT 12 / ND 85 a penetration
// test of a level-3 system meets the yearly inspection.
func TestPenetrationTestCountsAsInspection(t *testing.T) {
	in := Input{Now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Packs: shippedPacks(t),
		Systems:    []System{{ID: "s", Level: 3, GoLive: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}},
		Activities: []Activity{{ID: "pt", Kind: "penetration_test", SystemID: "s", Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}}}
	for _, o := range evaluate(t, in) {
		if o.ID == "tt12-2022/nd85-inspection-level34/sys:s" {
			if o.Status != StatusDone || o.SatisfiedBy == nil || o.SatisfiedBy.ID != "pt" || !o.Unverified {
				t.Errorf("inspection %+v", o)
			}
			return
		}
	}
	t.Error("no inspection obligation for the level-3 system")
}
