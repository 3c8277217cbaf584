package packs

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// ParseDate parses a pack date "YYYY-MM-DD" as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a YYYY-MM-DD date", ErrBadDate, s)
	}
	return t, nil
}

// ParseMonthDay parses "MM-DD" (a day that exists in every year; 02-29 is refused).
func ParseMonthDay(s string) (time.Month, int, error) {
	t, err := time.Parse("2006-01-02", "2001-"+s)
	if err != nil || len(s) != 5 {
		return 0, 0, fmt.Errorf("%w: %q is not an MM-DD day that exists every year", ErrBadDate, s)
	}
	return t.Month(), t.Day(), nil
}

func parseDateAt(s, path string) (time.Time, error) {
	if s == "" {
		return time.Time{}, problem(ErrBadDate, path, "date is empty")
	}
	t, err := ParseDate(s)
	if err != nil {
		return time.Time{}, problem(ErrBadDate, path, "%q is not a valid YYYY-MM-DD date", s)
	}
	return t, nil
}

// ruleField is a kind-specific parameter and whether the rule sets it.
type ruleField struct {
	name string
	set  bool
}

func ruleFields(r Rule) []ruleField {
	return []ruleField{
		{"scope", r.Scope != ""}, {"levels", len(r.Levels) > 0},
		{"satisfied_by", len(r.SatisfiedBy) > 0}, {"every_months", r.EveryMonths != 0},
		{"alignment", r.Alignment != ""}, {"month", r.Month != 0}, {"day", r.Day != 0},
		{"data_period", r.DataPeriod != nil}, {"date", r.Date != ""}, {"event", r.Event != ""},
		{"incident_flags", len(r.IncidentFlags) > 0}, {"within", r.Within != nil},
		{"severity_days", r.SeverityDays != nil},
	}
}

// allowedFields lists, per kind, the parameters a rule of that kind may set.
func allowedFields() map[string][]string {
	return map[string][]string{
		KindPeriodic:       {"scope", "levels", "satisfied_by", "every_months", "alignment"},
		KindYearlyDate:     {"scope", "levels", "satisfied_by", "month", "day", "data_period"},
		KindMonthlyDay:     {"scope", "levels", "satisfied_by", "day"},
		KindFixedDate:      {"scope", "levels", "satisfied_by", "date"},
		KindAfterEvent:     {"levels", "satisfied_by", "event", "incident_flags", "within"},
		KindEvidenceExpiry: {},
		KindRemediation:    {"scope", "levels", "severity_days"},
	}
}

func checkRuleKind(r Rule, path string) error {
	kinds := allowedFields()
	allowed, ok := kinds[r.Kind]
	if !ok {
		return problem(ErrBadRule, path+".kind", "unknown rule kind %q (known: %v)", r.Kind, slices.Sorted(maps.Keys(kinds)))
	}
	for _, f := range ruleFields(r) {
		if f.set && !slices.Contains(allowed, f.name) {
			return problem(ErrBadRule, path+"."+f.name, "%s does not apply to a %s rule", f.name, r.Kind)
		}
	}
	if slices.Contains(allowed, "scope") {
		if err := checkScope(r, path); err != nil {
			return err
		}
	}
	if slices.Contains(allowed, "satisfied_by") && len(r.SatisfiedBy) == 0 {
		return problem(ErrBadRule, path+".satisfied_by", "a %s rule needs at least one activity kind", r.Kind)
	}
	switch r.Kind {
	case KindPeriodic:
		return checkPeriodic(r, path)
	case KindYearlyDate:
		return checkYearly(r, path)
	case KindMonthlyDay:
		if r.Day < 1 || r.Day > 31 {
			return problem(ErrBadDate, path+".day", "day %d is not 1-31", r.Day)
		}
	case KindFixedDate:
		_, err := parseDateAt(r.Date, path+".date")
		return err
	case KindAfterEvent:
		return checkAfterEvent(r, path)
	case KindRemediation:
		return checkRemediation(r, path)
	}
	return nil
}

func checkScope(r Rule, path string) error {
	switch r.Scope {
	case ScopeSystem:
		return nil
	case ScopeAgency:
		if len(r.Levels) > 0 {
			return problem(ErrBadRule, path+".levels", "levels apply only to scope %q", ScopeSystem)
		}
		return nil
	case "":
		return problem(ErrBadRule, path+".scope", "scope is required (%q or %q)", ScopeAgency, ScopeSystem)
	default:
		return problem(ErrBadRule, path+".scope", "unknown scope %q", r.Scope)
	}
}

func checkPeriodic(r Rule, path string) error {
	if r.EveryMonths < 1 || r.EveryMonths > 120 {
		return problem(ErrBadDuration, path+".every_months", "every_months %d is not 1-120", r.EveryMonths)
	}
	switch r.Alignment {
	case "", AlignRolling:
	case AlignCalendar:
		if 12%r.EveryMonths != 0 {
			return problem(ErrBadDuration, path+".every_months", "calendar alignment needs a period dividing 12 months, got %d", r.EveryMonths)
		}
	default:
		return problem(ErrBadRule, path+".alignment", "unknown alignment %q", r.Alignment)
	}
	return nil
}

func checkYearly(r Rule, path string) error {
	if _, _, err := ParseMonthDay(fmt.Sprintf("%02d-%02d", r.Month, r.Day)); err != nil || r.Month < 1 || r.Day < 1 {
		return problem(ErrBadDate, path+".month", "month %d day %d is not a day that exists every year", r.Month, r.Day)
	}
	if r.DataPeriod == nil {
		return nil
	}
	for _, f := range []struct{ name, value string }{{"from", r.DataPeriod.From}, {"to", r.DataPeriod.To}} {
		if _, _, err := ParseMonthDay(f.value); err != nil {
			return problem(ErrBadDate, path+".data_period."+f.name, "%q is not an MM-DD day", f.value)
		}
	}
	return nil
}

// KnownEvents lists the events an after_event rule may name.
func KnownEvents() []string {
	return []string{EventIncidentDetected, EventIncidentResponseEnded, EventSystemGoLive}
}

// KnownIncidentFlags lists the incident flags an after_event rule may require.
func KnownIncidentFlags() []string {
	return []string{FlagSerious, FlagNationalSecurity, FlagPersonalDataBreach, FlagBeyondCapacity}
}

func checkAfterEvent(r Rule, path string) error {
	if !slices.Contains(KnownEvents(), r.Event) {
		return problem(ErrBadRule, path+".event", "unknown event %q (known: %v)", r.Event, KnownEvents())
	}
	for j, f := range r.IncidentFlags {
		fp := fmt.Sprintf("%s.incident_flags[%d]", path, j)
		if r.Event == EventSystemGoLive {
			return problem(ErrBadRule, fp, "incident flags do not apply to event %q", r.Event)
		}
		if !slices.Contains(KnownIncidentFlags(), f) {
			return problem(ErrBadRule, fp, "unknown incident flag %q (known: %v)", f, KnownIncidentFlags())
		}
	}
	return checkDuration(r.Within, path+".within")
}

// KnownSeverities lists the finding severities a remediation rule may give
// days for, from the least to the most severe.
func KnownSeverities() []string {
	return []string{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// checkRemediation checks a remediation rule: scope system, and days 0–366
// for at least one known severity (keys checked in sorted order).
func checkRemediation(r Rule, path string) error {
	if r.Scope != ScopeSystem {
		return problem(ErrBadRule, path+".scope", "a %s rule has scope %q, got %q", r.Kind, ScopeSystem, r.Scope)
	}
	if len(r.SeverityDays) == 0 {
		return problem(ErrBadRule, path+".severity_days", "a %s rule needs days for at least one severity %v", r.Kind, KnownSeverities())
	}
	for _, sev := range slices.Sorted(maps.Keys(r.SeverityDays)) {
		sp := path + ".severity_days." + sev
		if !slices.Contains(KnownSeverities(), sev) {
			return problem(ErrBadRule, sp, "unknown severity %q (known: %v)", sev, KnownSeverities())
		}
		if n := r.SeverityDays[sev]; n < 0 || n > MaxRemediationDays {
			return problem(ErrBadDuration, sp, "days %d is not 0-%d", n, MaxRemediationDays)
		}
	}
	return nil
}

func checkDuration(d *Duration, path string) error {
	if d == nil {
		return problem(ErrBadDuration, path, "an after_event rule needs a duration")
	}
	set := 0
	if d.Hours != 0 {
		set++
		if d.Hours < 0 || d.Hours > 24*366 {
			return problem(ErrBadDuration, path+".hours", "hours %d is not 1-%d", d.Hours, 24*366)
		}
	}
	if d.Days != nil {
		set++
		if *d.Days < 0 || *d.Days > 366 {
			return problem(ErrBadDuration, path+".days", "days %d is not 0-366", *d.Days)
		}
	}
	if d.Immediately {
		set++
	}
	if set != 1 {
		return problem(ErrBadDuration, path, "give exactly one of hours, days or immediately")
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
