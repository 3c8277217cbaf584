package office

import (
	"fmt"
	"testing"
	"time"

	"daumoi/data/packs"
)

// annualData is a data.json with the figures the status reads.
func annualData(systems, approved, met, assessed int) string {
	return fmt.Sprintf(`{"schema":"daumoi.annual-data/2","year":2026,"figures":{"systems":%d,"systems_by_level":{"2":%d},
		"dossier_by_state":{"approved":%d},"violations":1,"findings_open":4,"findings_overdue":2},
		"compliance":[{"name":"A","items_met":%d,"items_assessed":%d,"items_applicable":%d}]}`, systems, systems, approved, met, assessed, assessed+3)
}

func vn(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

func TestProvinceStatus(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	agencies := []Agency{{Code: "A", Name: "Sở A"}, {Code: "B", Name: "Sở B"}, {Code: "C", Name: "Xã C"}, {Code: "D", Name: "Xã D"}}
	subs := []Submission{
		// A: on time, then a correction after the deadline (still on time).
		{BundleID: 1, AgencyCode: "A", Kind: "annual", From: day(2025, 12, 15), To: day(2026, 12, 14), ReceivedAt: vn(2026, 12, 12, 23), Data: annualData(3, 1, 10, 20)},
		{BundleID: 4, AgencyCode: "A", Kind: "annual", From: day(2025, 12, 15), To: day(2026, 12, 14), ReceivedAt: vn(2026, 12, 15, 9), Current: true, Data: annualData(3, 2, 15, 20)},
		// B: late (00:30 on 13/12 in Vietnam is 17:30 UTC on 12/12).
		{BundleID: 2, AgencyCode: "B", Kind: "annual", From: day(2025, 12, 15), To: day(2026, 12, 14), ReceivedAt: vn(2026, 12, 13, 0).Add(30 * time.Minute), Current: true, Data: annualData(1, 1, 0, 0)},
		// B's report of the year before does not count for 2026.
		{BundleID: 3, AgencyCode: "B", Kind: "annual", From: day(2024, 12, 15), To: day(2025, 12, 14), ReceivedAt: vn(2025, 12, 1, 9), Current: true},
		// C: nothing annual; an open and a closed incident.
		{BundleID: 5, AgencyCode: "C", Kind: "incident", From: day(2026, 5, 1), To: day(2026, 5, 2), Subject: "1", ReceivedAt: vn(2026, 5, 2, 9), Current: true, Data: `{"State":"responding"}`},
		{BundleID: 6, AgencyCode: "C", Kind: "incident", From: day(2026, 6, 1), To: day(2026, 6, 9), Subject: "2", ReceivedAt: vn(2026, 6, 9, 9), Current: true, Data: `{"State":"closed"}`},
	}
	deadline := AnnualDeadline(nil, 2026)
	if deadline != day(2026, 12, 12) {
		t.Fatalf("default deadline %v", deadline)
	}
	got := ProvinceStatus(agencies, subs, 2026, deadline, vn(2026, 12, 20, 9))
	want := []struct {
		state             ReportState
		bundle            int64
		corrections       int
		compliance        float64
		without, open, in int
	}{
		{ReportOnTime, 4, 1, 75, 1, 0, 0},
		{ReportLate, 2, 0, 0, 0, 0, 0},
		{ReportMissing, 0, 0, 0, 0, 1, 2},
		{ReportMissing, 0, 0, 0, 0, 0, 0},
	}
	for i, w := range want {
		g := got[i]
		if g.State != w.state || g.BundleID != w.bundle || g.Corrections != w.corrections || g.Compliance != w.compliance ||
			g.WithoutApproved != w.without || g.OpenIncidents != w.open || g.IncidentsReceived != w.in {
			t.Errorf("%s: got %+v, want %+v", g.Agency.Code, g, w)
		}
	}
	if got[0].FirstReceived != "2026-12-12T23:00:00+07:00" || got[0].ItemsAssessed != 20 || got[0].ItemsApplicable != 23 || got[0].SystemsByLevel["2"] != 3 {
		t.Errorf("A's details: %+v", got[0])
	}
	if early := ProvinceStatus(agencies[3:], nil, 2026, deadline, vn(2026, 12, 12, 23)); early[0].State != ReportNotYetDue {
		t.Errorf("on the deadline day itself: %s, want not yet due", early[0].State)
	}
}

func TestAnnualDeadlineFromThePacks(t *testing.T) {
	p := packs.Pack{Obligations: []packs.Rule{
		{ID: "x", Kind: "yearly_date", Month: 12, Day: 20, SatisfiedBy: []string{"provincial_annual_report_submitted"}},
		{ID: "y", Kind: "yearly_date", Month: 11, Day: 30, SatisfiedBy: []string{"annual_report_submitted"}},
	}}
	if d := AnnualDeadline([]packs.Pack{p}, 2027); d != time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC) {
		t.Errorf("deadline %v, want 30/11/2027", d)
	}
}

// ReceivedBy keeps what had come by the moment: a chain of corrections
// is current at its last link received by then.
func TestReceivedBy(t *testing.T) {
	subs := []Submission{
		{BundleID: 1, ReceivedAt: vn(2026, 12, 1, 9), SupersededBy: 2},
		{BundleID: 2, ReceivedAt: vn(2026, 12, 5, 9), SupersededBy: 3},
		{BundleID: 3, ReceivedAt: vn(2026, 12, 9, 9), Current: true},
		{BundleID: 7, ReceivedAt: vn(2026, 12, 3, 9), Current: true},
	}
	current := func(list []Submission) (ids, cur []int64) {
		for _, s := range list {
			ids = append(ids, s.BundleID)
			if s.Current {
				cur = append(cur, s.BundleID)
			}
		}
		return ids, cur
	}
	for _, tt := range []struct {
		at       time.Time
		ids, cur string
	}{
		{vn(2026, 11, 30, 23), "[]", "[]"},
		{vn(2026, 12, 1, 9), "[1]", "[1]"},
		{vn(2026, 12, 6, 0), "[1 2 7]", "[2 7]"},
		{vn(2026, 12, 20, 0), "[1 2 3 7]", "[3 7]"},
	} {
		ids, cur := current(ReceivedBy(subs, tt.at))
		if fmt.Sprint(ids) != tt.ids || fmt.Sprint(cur) != tt.cur {
			t.Errorf("at %v: bundles %v current %v, want %s %s", tt.at, ids, cur, tt.ids, tt.cur)
		}
	}
	if subs[0].Current || !subs[2].Current {
		t.Error("ReceivedBy changed its input")
	}
}
