package session

import (
	"strings"
	"testing"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/office"
)

// officeObligation is the office's obligation of rule due on due.
func officeObligation(t *testing.T, s *Session, today time.Time, rule, due string) obligations.Obligation {
	t.Helper()
	list, err := s.Obligations(today)
	must(t, err)
	for _, o := range list {
		if o.RuleID == rule && o.Due.Format(time.DateOnly) == due {
			return o
		}
	}
	t.Fatalf("no obligation %s due %s in %+v", rule, due, list)
	return obligations.Obligation{}
}

// An office vault has the office's own obligations only: the annual
// consolidated report (20/12) and the monthly report (the 5th), whatever
// role the packs name, and nothing of an agency's (its annual report,
// its systems), from the day its vault was made.
func TestOfficeObligationsAreTheOfficesOwn(t *testing.T) {
	f := newProvinceFixture(t)
	list, err := f.office.Obligations(vnDay("2026-12-18"))
	must(t, err)
	rules := map[string]bool{}
	for _, o := range list {
		rules[o.RuleID] = true
		if o.Due.Before(vnDay("2026-01-02")) {
			t.Errorf("a deadline before the office's vault was made (02/01/2026): %s", o.ID)
		}
	}
	if len(rules) != 2 || !rules["ct11-provincial-annual-report"] || !rules["ct11-monthly-summary"] {
		t.Errorf("the office's obligations are of the rules %v", rules)
	}
	if o := officeObligation(t, f.office, vnDay("2026-12-18"), "ct11-provincial-annual-report", "2026-12-20"); o.Status != obligations.StatusDue {
		t.Errorf("before the bundle, the annual report is %s", o.Status)
	}
}

// Building the signed provincial bundle records the report as submitted
// on its date, so the office's obligation turns done by itself; a bundle
// rebuilt keeps one activity for the period, naming the latest bundle, and
// the first date.
func TestProvinceBundleMeetsTheOfficesObligation(t *testing.T) {
	f := newProvinceFixture(t)
	*f.now = vnTime("2026-12-18 09:00")
	build := func(req SummaryRequest) BundleInfo {
		t.Helper()
		var out MemOutput
		info, err := f.office.BuildProvinceBundle(req, []byte(officeHeadPass), &out)
		must(t, err)
		return info
	}
	annual := build(SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-18")})
	o := officeObligation(t, f.office, vnDay("2026-12-18"), "ct11-provincial-annual-report", "2026-12-20")
	if o.Status != obligations.StatusDone || o.Late || o.SatisfiedBy == nil || o.SatisfiedBy.Kind != office.ProvincialAnnualActivity ||
		o.SatisfiedBy.At.Format(time.DateOnly) != "2026-12-18" {
		t.Errorf("after the annual bundle: %+v %+v", o, o.SatisfiedBy)
	}
	// the November report, dated 03/12 (made later, on 18/12), meets the
	// monthly obligation due 05/12
	build(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 11, Today: vnDay("2026-12-03")})
	m := officeObligation(t, f.office, vnDay("2026-12-04"), "ct11-monthly-summary", "2026-12-05")
	if m.Status != obligations.StatusDone || m.SatisfiedBy == nil || m.SatisfiedBy.At.Format(time.DateOnly) != "2026-12-03" {
		t.Errorf("after the November bundle: %+v %+v", m, m.SatisfiedBy)
	}
	if next := officeObligation(t, f.office, vnDay("2026-12-18"), "ct11-monthly-summary", "2027-01-05"); next.Status == obligations.StatusDone {
		t.Errorf("the November report met December's too: %+v", next)
	}

	*f.now = vnTime("2026-12-19 09:00")
	again := build(SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-19")})
	acts, err := f.office.ListActivities(ActivityFilter{Kind: office.ProvincialAnnualActivity})
	must(t, err)
	if len(acts) != 1 || acts[0].Date != "2026-12-18" || !strings.Contains(acts[0].Note, again.SHA256) || strings.Contains(acts[0].Note, annual.SHA256) ||
		!strings.Contains(acts[0].Note, "province-annual-2026.pdf") {
		t.Errorf("after the rebuilt bundle: %+v", acts)
	}
	monthly, err := f.office.ListActivities(ActivityFilter{Kind: office.MonthlySummaryActivity})
	must(t, err)
	if len(monthly) != 1 || !strings.HasPrefix(monthly[0].Note, "Báo cáo tình hình tháng 11/2026 của tỉnh, ") {
		t.Errorf("the monthly activity: %+v", monthly)
	}
	// a report dated after the day it is made counts from that day
	build(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 12, Today: vnDay("2026-12-31")})
	monthly, err = f.office.ListActivities(ActivityFilter{Kind: office.MonthlySummaryActivity})
	must(t, err)
	if len(monthly) != 2 || monthly[1].Date != "2026-12-19" {
		t.Errorf("the December report dated 31/12, made on 19/12: %+v", monthly)
	}
}
