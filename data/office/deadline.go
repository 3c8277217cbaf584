package office

import (
	"slices"
	"time"

	"daumoi/data/packs"
)

// The activities that meet the office's own reporting rules in the packs.
const (
	ProvincialAnnualActivity = "provincial_annual_report_submitted"
	MonthlySummaryActivity   = "monthly_summary_submitted"
)

// ProvincialDeadline is the day the office's annual consolidated report is
// due in year: the active packs' yearly rule met by
// ProvincialAnnualActivity (Chỉ thị 11: 20/12). ok is false when no pack
// has one.
func ProvincialDeadline(active []packs.Pack, year int) (due time.Time, ok bool) {
	r, ok := officeRule(active, packs.KindYearlyDate, ProvincialAnnualActivity)
	if !ok || r.Month < 1 || r.Day < 1 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(r.Month), r.Day, 0, 0, 0, 0, time.UTC), true
}

// MonthlyDeadline is the day the office's situation report of month is
// due: the day of the active packs' monthly rule met by
// MonthlySummaryActivity, in the next month (Chỉ thị 11: the 5th). ok is
// false when no pack has one.
func MonthlyDeadline(active []packs.Pack, year, month int) (due time.Time, ok bool) {
	r, ok := officeRule(active, packs.KindMonthlyDay, MonthlySummaryActivity)
	if !ok || r.Day < 1 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month)+1, r.Day, 0, 0, 0, 0, time.UTC), true
}

// OwnRule reports whether r is one of the office's own reporting rules:
// a rule met by ProvincialAnnualActivity or MonthlySummaryActivity.
func OwnRule(r packs.Rule) bool {
	return slices.Contains(r.SatisfiedBy, ProvincialAnnualActivity) || slices.Contains(r.SatisfiedBy, MonthlySummaryActivity)
}

// OwnRoles are the agency roles the office's own rules in the active
// packs apply to (the office is the agency they name), sorted.
func OwnRoles(active []packs.Pack) []string {
	var roles []string
	for _, p := range active {
		for _, r := range p.Obligations {
			if OwnRule(r) {
				roles = append(roles, r.AgencyRoles...)
			}
		}
	}
	slices.Sort(roles)
	return slices.Compact(roles)
}

// officeRule is the first active rule of kind met by activity.
func officeRule(active []packs.Pack, kind, activity string) (packs.Rule, bool) {
	for _, p := range active {
		for _, r := range p.Obligations {
			if r.Kind == kind && slices.Contains(r.SatisfiedBy, activity) {
				return r, true
			}
		}
	}
	return packs.Rule{}, false
}
