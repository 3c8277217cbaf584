package obligations

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"daumoi/data/packs"
)

// Evaluate computes every obligation of the active packs for the input.
// The result is sorted: applicable obligations first, then by due date,
// deadline instant and ID (IDs are unique, so the order is total).
func Evaluate(in Input) ([]Obligation, error) {
	if err := checkInput(in); err != nil {
		return nil, err
	}
	e := newEngine(in)
	var out []Obligation
	for _, p := range in.Packs {
		for _, r := range p.Obligations {
			out = append(out, e.evaluateRule(newRuleContext(p, r))...)
		}
	}
	slices.SortFunc(out, compareObligations)
	return out, nil
}

func compareObligations(a, b Obligation) int {
	na := func(o Obligation) int {
		if o.Status == StatusNotApplicable {
			return 1
		}
		return 0
	}
	return cmp.Or(cmp.Compare(na(a), na(b)), a.Due.Compare(b.Due), a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
}

func checkInput(in Input) error {
	if in.Now.IsZero() {
		return fmt.Errorf("%w: Now is not set", ErrBadInput)
	}
	if in.DueSoonDays < 0 {
		return fmt.Errorf("%w: DueSoonDays %d is negative", ErrBadInput, in.DueSoonDays)
	}
	if err := checkPacks(in.Packs); err != nil {
		return err
	}
	if err := checkSystems(in.Systems); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, inc := range in.Incidents {
		if inc.ID == "" || seen[inc.ID] {
			return fmt.Errorf("%w: incident id %q is empty or duplicated", ErrBadInput, inc.ID)
		}
		seen[inc.ID] = true
	}
	return checkFindings(in.OpenFindings)
}

func checkPacks(list []packs.Pack) error {
	seen := map[string]bool{}
	for _, p := range list {
		if seen[p.ID] {
			return fmt.Errorf("%w: pack %q is active twice", ErrBadInput, p.ID)
		}
		seen[p.ID] = true
		if err := packs.Validate(p); err != nil {
			return fmt.Errorf("%w: pack %q: %w", ErrInvalidPack, p.ID, err)
		}
	}
	return nil
}

func checkSystems(systems []System) error {
	seen := map[string]bool{}
	for _, s := range systems {
		if s.ID == "" || seen[s.ID] {
			return fmt.Errorf("%w: system id %q is empty or duplicated", ErrBadInput, s.ID)
		}
		seen[s.ID] = true
		if s.Level < 0 || s.Level > 5 {
			return fmt.Errorf("%w: system %q: level %d is not 0-5", ErrBadInput, s.ID, s.Level)
		}
		for _, h := range s.LevelHistory {
			if h.Level < 0 || h.Level > 5 || h.From.IsZero() {
				return fmt.Errorf("%w: system %q: level change to %d on %v is invalid", ErrBadInput, s.ID, h.Level, h.From)
			}
		}
	}
	return nil
}

// engine holds the indexed input of one evaluation.
type engine struct {
	now       time.Time
	today     day
	window    day
	agency    Agency
	systems   []System
	byID      map[string]System
	acts      activityIndex
	incidents []Incident
	evidence  []Evidence
	findings  map[string]FindingsDue
}

func newEngine(in Input) *engine {
	window := in.DueSoonDays
	if window == 0 {
		window = DefaultDueSoonDays
	}
	e := &engine{
		now: in.Now, today: civil(in.Now), window: day(window), agency: in.Agency,
		systems:   slices.Clone(in.Systems),
		byID:      make(map[string]System, len(in.Systems)),
		acts:      newActivityIndex(in.Activities),
		incidents: slices.Clone(in.Incidents),
		evidence:  slices.Clone(in.Evidence),
		findings:  make(map[string]FindingsDue, len(in.OpenFindings)),
	}
	for _, f := range in.OpenFindings {
		e.findings[f.SystemID] = f
	}
	slices.SortFunc(e.systems, func(a, b System) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(e.incidents, func(a, b Incident) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(e.evidence, func(a, b Evidence) int { return cmp.Compare(a.ID, b.ID) })
	for _, s := range e.systems {
		e.byID[s.ID] = s
	}
	return e
}

// ruleContext is a rule with what every obligation built from it shares.
type ruleContext struct {
	pack    packs.Pack
	rule    packs.Rule
	inForce interval
	source  Source
	unsure  bool
}

func newRuleContext(p packs.Pack, r packs.Rule) ruleContext {
	c := ruleContext{pack: p, rule: r, inForce: periodOf(p.Effective)}
	if r.Effective != nil {
		own := periodOf(*r.Effective)
		c.inForce = interval{from: max(c.inForce.from, own.from), until: min(c.inForce.until, own.until)}
	}
	c.source = Source{PackID: p.ID, SourceID: r.Source.Source, Ref: r.Source.Ref}
	c.unsure = r.Unverified || p.Unverified
	for _, s := range p.Sources {
		if s.ID == r.Source.Source {
			c.source.Number = s.Number
			c.unsure = c.unsure || s.Unverified
		}
	}
	return c
}

// periodOf converts a validated pack period.
func periodOf(p packs.Period) interval {
	iv := interval{from: minDay, until: maxDay}
	if t, err := packs.ParseDate(p.From); err == nil {
		iv.from = civil(t)
	}
	if t, err := packs.ParseDate(p.Until); err == nil {
		iv.until = civil(t)
	}
	return iv
}

// base returns an obligation of the rule with its identity filled in.
func (c ruleContext) base(idParts ...string) Obligation {
	id := c.pack.ID + "/" + c.rule.ID
	for _, p := range idParts {
		if p != "" {
			id += "/" + p
		}
	}
	return Obligation{
		ID: id, PackID: c.pack.ID, RuleID: c.rule.ID, Kind: c.rule.Kind, TitleVI: c.rule.TitleVI, TitleEN: c.rule.TitleEN,
		Source: c.source, Unverified: c.unsure,
	}
}

func (c ruleContext) notApplicable(reason string, idParts ...string) Obligation {
	o := c.base(idParts...)
	o.Status = StatusNotApplicable
	o.Reason = reason
	return o
}

func (e *engine) evaluateRule(c ruleContext) []Obligation {
	switch c.rule.Kind {
	case packs.KindAfterEvent, packs.KindEvidenceExpiry, packs.KindRemediation:
		if !e.hasRole(c.rule.AgencyRoles) {
			return nil // per-event rules of another kind of agency: nothing to show
		}
	}
	switch c.rule.Kind {
	case packs.KindAfterEvent:
		if c.rule.Event == packs.EventSystemGoLive {
			return e.goLiveRule(c)
		}
		return e.incidentRule(c)
	case packs.KindEvidenceExpiry:
		return e.evidenceRule(c)
	case packs.KindRemediation:
		return e.remediationRule(c)
	default:
		return e.calendarRule(c)
	}
}

// calendarRule handles periodic, yearly_date, monthly_day and fixed_date rules.
func (e *engine) calendarRule(c ruleContext) []Obligation {
	if !e.hasRole(c.rule.AgencyRoles) {
		return []Obligation{c.notApplicable(ReasonAgencyRole)}
	}
	if !c.inForce.contains(e.today) {
		return []Obligation{c.notApplicable(ReasonNotInForce)}
	}
	if c.rule.Scope == packs.ScopeAgency {
		acts := e.acts.lookup(c.rule.SatisfiedBy, "", true)
		return e.scheduled(c, target{start: c.inForce.from}, acts)
	}
	var out []Obligation
	for _, s := range e.systems {
		start, reason := e.systemStart(s, c.rule.Levels, c.inForce.from)
		sysPart := "sys:" + s.ID
		if reason != "" {
			o := c.notApplicable(reason, sysPart)
			o.SystemID = s.ID
			out = append(out, o)
			continue
		}
		acts := e.acts.lookup(c.rule.SatisfiedBy, s.ID, false)
		out = append(out, e.scheduled(c, target{start: start, system: s}, acts)...)
	}
	return out
}

// target is what a calendar obligation concerns: the agency (zero system) or
// one system, from the day the obligation starts to apply.
type target struct {
	start  day
	system System
}

func (t target) idPart() string {
	if t.system.ID == "" {
		return ""
	}
	return "sys:" + t.system.ID
}

func (e *engine) scheduled(c ruleContext, t target, acts []datedActivity) []Obligation {
	var out []Obligation
	switch c.rule.Kind {
	case packs.KindPeriodic:
		if c.rule.Alignment == packs.AlignCalendar {
			out = e.calendarPeriods(c, t, acts)
		} else {
			out = []Obligation{e.rolling(c, t, acts)}
		}
	case packs.KindYearlyDate, packs.KindMonthlyDay:
		out = e.cycles(c, t, acts)
	case packs.KindFixedDate:
		out = []Obligation{e.fixedDate(c, t, acts)}
	}
	if len(out) == 0 {
		o := c.notApplicable(ReasonNoActiveRule, t.idPart())
		o.SystemID = t.system.ID
		out = append(out, o)
	}
	return out
}

func (e *engine) hasRole(roles []string) bool {
	if len(roles) == 0 {
		return true
	}
	for _, r := range roles {
		if slices.Contains(e.agency.Roles, r) {
			return true
		}
	}
	return false
}

// statusFor returns the status of an unmet obligation due on due.
func (e *engine) statusFor(due day) Status {
	switch {
	case e.today > due:
		return StatusOverdue
	case due-e.today <= e.window:
		return StatusDue
	default:
		return StatusUpcoming
	}
}

// markDone records what satisfied an obligation due on due.
func markDone(o *Obligation, a datedActivity, due day) {
	o.Status = StatusDone
	o.SatisfiedBy = a.satisfaction()
	o.Late = a.day > due
}
