package obligations

import (
	"cmp"
	"slices"
	"time"

	"daumoi/data/packs"
)

// deadlineAfter returns the deadline of a clock started at event: hours are
// exact, days end at the end of the Nth calendar day after the event's date
// (in the event's location), immediately is the event itself.
func deadlineAfter(event time.Time, within *packs.Duration) time.Time {
	switch {
	case within == nil || within.Immediately:
		return event
	case within.Days != nil:
		return endOfDay(civil(event)+day(*within.Days), event.Location())
	default:
		return event.Add(time.Duration(within.Hours) * time.Hour)
	}
}

// statusAt returns the status of an unmet clock with deadline dueAt.
func (e *engine) statusAt(dueAt time.Time) Status {
	switch {
	case e.now.After(dueAt):
		return StatusOverdue
	case dueAt.Sub(e.now) <= time.Duration(e.window)*24*time.Hour:
		return StatusDue
	default:
		return StatusUpcoming
	}
}

// incidentRule: one obligation per incident whose flags include the rule's,
// whose event falls in the rule's effective period and whose system (when
// the rule has levels) had one of those levels at the event.
func (e *engine) incidentRule(c ruleContext) []Obligation {
	var out []Obligation
	for _, inc := range e.incidents {
		event := inc.Detected
		if c.rule.Event == packs.EventIncidentResponseEnded {
			event = inc.ResponseEnded
		}
		if event.IsZero() || !c.inForce.contains(civil(event)) || !hasFlags(inc.Flags, c.rule.IncidentFlags) {
			continue
		}
		if len(c.rule.Levels) > 0 {
			s, ok := e.byID[inc.SystemID]
			if !ok || !slices.Contains(c.rule.Levels, levelAt(s, civil(event))) {
				continue
			}
		}
		out = append(out, e.incidentClock(c, inc, event))
	}
	return out
}

func (e *engine) incidentClock(c ruleContext, inc Incident, event time.Time) Obligation {
	o := c.base("inc:" + inc.ID)
	o.IncidentID, o.SystemID = inc.ID, inc.SystemID
	o.DueAt = deadlineAfter(event, c.rule.Within)
	o.Due = civil(o.DueAt).time()
	o.Status = e.statusAt(o.DueAt)
	if n, ok := firstNotification(inc.Notifications, c.rule.SatisfiedBy, e.now); ok {
		o.Status = StatusDone
		o.SatisfiedBy = &Satisfaction{ID: n.ID, Kind: n.Kind, At: n.At}
		o.Late = !c.rule.Within.Immediately && n.At.After(o.DueAt)
	}
	return o
}

// firstNotification returns the earliest notification of the given kinds
// sent up to now.
func firstNotification(list []Notification, kinds []string, now time.Time) (Notification, bool) {
	var best Notification
	found := false
	for _, n := range list {
		if !slices.Contains(kinds, n.Kind) || n.At.After(now) {
			continue
		}
		if !found || cmp.Or(n.At.Compare(best.At), cmp.Compare(n.ID, best.ID), cmp.Compare(n.Kind, best.Kind)) < 0 {
			best, found = n, true
		}
	}
	return best, found
}

func hasFlags(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// goLiveRule: one obligation per system that went live within the rule's
// effective period (and, with levels, whose current level is among them);
// the clock starts at the start of the go-live day.
func (e *engine) goLiveRule(c ruleContext) []Obligation {
	var out []Obligation
	for _, s := range e.systems {
		if s.GoLive.IsZero() || !c.inForce.contains(civil(s.GoLive)) {
			continue
		}
		if len(c.rule.Levels) > 0 && !slices.Contains(c.rule.Levels, levelAt(s, e.today)) {
			continue
		}
		event := startOfDay(civil(s.GoLive), time.UTC)
		due := civil(deadlineAfter(event, c.rule.Within))
		o := c.base("sys:" + s.ID)
		o.SystemID = s.ID
		o.Due = due.time()
		o.Status = e.statusFor(due)
		if a, _, ok := first(e.acts.lookup(c.rule.SatisfiedBy, s.ID, false), minDay, e.today, -1); ok {
			markDone(&o, a, due)
		}
		out = append(out, o)
	}
	return out
}

// evidenceRule: one obligation per evidence item with an expiry date, due
// on that date (the last valid day); it is never "done" — renewed evidence
// is a new item with a later expiry.
func (e *engine) evidenceRule(c ruleContext) []Obligation {
	if !c.inForce.contains(e.today) {
		return nil
	}
	out := make([]Obligation, 0, len(e.evidence))
	prefix := c.pack.ID + "/" + c.rule.ID + "/ev:"
	for _, ev := range e.evidence {
		if ev.Expires.IsZero() {
			continue
		}
		due := civil(ev.Expires)
		o := c.base()
		o.ID = prefix + ev.ID
		o.EvidenceID, o.SystemID = ev.ID, ev.SystemID
		o.Due = due.time()
		o.Status = e.statusFor(due)
		out = append(out, o)
	}
	return out
}
