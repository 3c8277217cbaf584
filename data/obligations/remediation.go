package obligations

import (
	"cmp"
	"fmt"
	"slices"
)

func checkFindings(list []FindingsDue) error {
	seen := map[string]bool{}
	for _, f := range list {
		if f.SystemID == "" || seen[f.SystemID] {
			return fmt.Errorf("%w: open findings of system %q are empty-named or listed twice", ErrBadInput, f.SystemID)
		}
		seen[f.SystemID] = true
		if f.Count < 1 || f.EarliestDue.IsZero() {
			return fmt.Errorf("%w: system %q: %d open findings, earliest due %v", ErrBadInput, f.SystemID, f.Count, f.EarliestDue)
		}
	}
	return nil
}

// remediationRule: one obligation per system in the rule's levels (today)
// that has open findings, due on the earliest due date among them. It is
// never done: when the last finding is fixed there is nothing to show. A
// rule not in force today, or findings of a system not in the input, give
// nothing.
func (e *engine) remediationRule(c ruleContext) []Obligation {
	if !c.inForce.contains(e.today) {
		return nil
	}
	var out []Obligation
	for _, s := range e.systems {
		f, ok := e.findings[s.ID]
		if !ok {
			continue
		}
		if len(c.rule.Levels) > 0 && !slices.Contains(c.rule.Levels, levelAt(s, e.today)) {
			continue
		}
		due := civil(f.EarliestDue)
		o := c.base("sys:" + s.ID)
		o.SystemID = s.ID
		o.OpenFindings = f.Count
		o.TitleVI = fmt.Sprintf("%s — %d lỗ hổng chưa khắc phục", c.rule.TitleVI, f.Count)
		o.TitleEN = fmt.Sprintf("%s — %d open findings", cmp.Or(c.rule.TitleEN, c.rule.TitleVI), f.Count)
		o.Due = due.time()
		o.Status = e.statusFor(due)
		out = append(out, o)
	}
	return out
}
