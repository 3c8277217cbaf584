package obligations

import (
	"cmp"
	"slices"
	"time"

	"daumoi/data/packs"
)

// levelSegment is a level held from a day on.
type levelSegment struct {
	from  day
	level int
}

// segments returns the system's level history as sorted segments; with no
// history, the current level held since ever.
func segments(s System) []levelSegment {
	if len(s.LevelHistory) == 0 {
		return []levelSegment{{from: minDay, level: s.Level}}
	}
	segs := make([]levelSegment, 0, len(s.LevelHistory))
	for _, h := range s.LevelHistory {
		segs = append(segs, levelSegment{from: civil(h.From), level: h.Level})
	}
	// Stable: of two changes on the same day, the later in the input wins.
	slices.SortStableFunc(segs, func(a, b levelSegment) int { return cmp.Compare(a.from, b.from) })
	return segs
}

// levelAt returns the system's level on d (0 if it had none).
func levelAt(s System, d day) int {
	level := 0
	for _, seg := range segments(s) {
		if seg.from > d {
			break
		}
		level = seg.level
	}
	return level
}

// systemStart returns the first day a rule with the given level filter
// applies to the system without interruption up to today, or a reason why
// it does not apply today.
func (e *engine) systemStart(s System, levels []int, ruleFrom day) (day, string) {
	start := ruleFrom
	if !s.GoLive.IsZero() {
		live := civil(s.GoLive)
		if live > e.today {
			return 0, ReasonNotLive
		}
		start = max(start, live)
	}
	if len(levels) == 0 {
		return start, ""
	}
	segs := segments(s)
	i := -1
	for j, seg := range segs {
		if seg.from <= e.today {
			i = j
		}
	}
	if i < 0 || !slices.Contains(levels, segs[i].level) {
		return 0, ReasonLevel
	}
	for i > 0 && slices.Contains(levels, segs[i-1].level) {
		i--
	}
	return max(start, segs[i].from), ""
}

// rolling: due every_months after the last activity since the start (or
// after the start when there is none).
func (e *engine) rolling(c ruleContext, t target, acts []datedActivity) Obligation {
	o := c.base(t.idPart())
	o.SystemID = t.system.ID
	base := t.start
	last, ok := latest(acts, e.today)
	satisfied := ok && last.day >= t.start
	if satisfied {
		base = last.day
	}
	due := base.addMonths(c.rule.EveryMonths)
	o.Due = due.time()
	o.Status = e.statusFor(due)
	if satisfied && o.Status == StatusUpcoming {
		o.Status = StatusDone
		o.SatisfiedBy = last.satisfaction()
	}
	return o
}

// calendarPeriods: one activity in each calendar period (January-based
// periods of every_months months), due on the period's last day. The
// previous period is reported too when it was missed or met late.
func (e *engine) calendarPeriods(c ruleContext, t target, acts []datedActivity) []Obligation {
	n := c.rule.EveryMonths
	y, m, _ := e.today.date()
	ps := dayOf(y, time.Month((int(m)-1)/n*n+1), 1)
	pe := ps.addMonths(n) - 1
	pps := ps.addMonths(-n)
	var out []Obligation
	skip := -1
	if t.start <= ps-1 {
		if _, _, ok := first(acts, max(pps, t.start), ps-1, -1); !ok {
			o := e.periodEntry(c, t, pps, ps-1)
			if late, i, found := first(acts, ps, e.today, -1); found {
				markDone(&o, late, ps-1)
				skip = i
			}
			out = append(out, o)
		}
	}
	o := e.periodEntry(c, t, ps, pe)
	if a, _, ok := first(acts, max(ps, t.start), e.today, skip); ok {
		markDone(&o, a, pe)
	}
	return append(out, o)
}

func (e *engine) periodEntry(c ruleContext, t target, from, until day) Obligation {
	o := c.base(t.idPart(), until.time().Format(time.DateOnly))
	o.SystemID = t.system.ID
	o.Due = until.time()
	o.PeriodFrom, o.PeriodTo = from.time(), until.time()
	o.Status = e.statusFor(until)
	return o
}

// cycleSchedule gives the deadlines of a yearly or monthly rule: cycle k
// is due on deadline(k) and its window is (deadline(k-1), deadline(k)].
type cycleSchedule struct {
	deadline func(k int) day
	current  int // the cycle whose deadline is the first on or after today
}

func (e *engine) scheduleFor(r packs.Rule) cycleSchedule {
	y, m, _ := e.today.date()
	var s cycleSchedule
	if r.Kind == packs.KindYearlyDate {
		s = cycleSchedule{deadline: func(k int) day { return dayOf(k, time.Month(r.Month), r.Day) }, current: y}
	} else {
		s = cycleSchedule{deadline: func(k int) day {
			return clampedDay(floorDiv(k, 12), time.Month(k-floorDiv(k, 12)*12+1), r.Day)
		}, current: y*12 + int(m) - 1}
	}
	if s.deadline(s.current) < e.today {
		s.current++
	}
	return s
}

// cycles handles yearly_date and monthly_day rules. It reports the current
// cycle and, when it was missed or met late, the previous one; a late
// activity for the previous cycle is not counted again for the current one.
func (e *engine) cycles(c ruleContext, t target, acts []datedActivity) []Obligation {
	s := e.scheduleFor(c.rule)
	prev, cur := s.deadline(s.current-1), s.deadline(s.current)
	prevActs, curActs := forCycle(acts, prev), forCycle(acts, cur)
	var out []Obligation
	skip := -1
	if prev >= t.start && c.inForce.contains(prev) {
		if _, _, ok := first(prevActs, s.deadline(s.current-2)+1, prev, -1); !ok {
			o := e.cycleEntry(c, t, prev)
			if late, _, found := first(prevActs, prev+1, e.today, -1); found {
				markDone(&o, late, prev)
				skip = slices.Index(curActs, late)
			}
			out = append(out, o)
		}
	}
	if !c.inForce.contains(cur) {
		return out
	}
	o := e.cycleEntry(c, t, cur)
	if a, _, ok := first(curActs, prev+1, e.today, skip); ok {
		markDone(&o, a, cur)
	}
	return append(out, o)
}

// forCycle are the activities that may meet the cycle due on due: those
// for no cycle in particular, and those for that one (Activity.For). The
// list is acts itself when no activity names a cycle.
func forCycle(acts []datedActivity, due day) []datedActivity {
	if !slices.ContainsFunc(acts, func(a datedActivity) bool { return !a.act.For.IsZero() }) {
		return acts
	}
	return slices.DeleteFunc(slices.Clone(acts), func(a datedActivity) bool { return !a.act.For.IsZero() && civil(a.act.For) != due })
}

func (e *engine) cycleEntry(c ruleContext, t target, due day) Obligation {
	o := c.base(t.idPart(), due.time().Format(time.DateOnly))
	o.SystemID = t.system.ID
	o.Due = due.time()
	o.Status = e.statusFor(due)
	if dp := c.rule.DataPeriod; dp != nil {
		y, _, _ := due.date()
		fm, fd, err1 := packs.ParseMonthDay(dp.From)
		tm, td, err2 := packs.ParseMonthDay(dp.To)
		if err1 == nil && err2 == nil {
			to, from := dayOf(y, tm, td), dayOf(y, fm, fd)
			if from > to {
				from = dayOf(y-1, fm, fd)
			}
			o.PeriodFrom, o.PeriodTo = from.time(), to.time()
		}
	}
	return o
}

// fixedDate: a one-off deadline, met by the first activity of its kinds
// (late when after the date). For a system that went live after the
// deadline the rule does not apply.
func (e *engine) fixedDate(c ruleContext, t target, acts []datedActivity) Obligation {
	due := minDay
	if d, err := packs.ParseDate(c.rule.Date); err == nil {
		due = civil(d)
	}
	if !t.system.GoLive.IsZero() && civil(t.system.GoLive) > due {
		o := c.notApplicable(ReasonLiveTooLate, t.idPart())
		o.SystemID = t.system.ID
		return o
	}
	o := c.base(t.idPart())
	o.SystemID = t.system.ID
	o.Due = due.time()
	o.Status = e.statusFor(due)
	if a, _, ok := first(acts, minDay, e.today, -1); ok {
		markDone(&o, a, due)
	}
	return o
}

// LevelAt returns the system's level on the civil date of t (in t's own
// location): the last entry of LevelHistory from that date or before (0
// before the first), or Level when there is no history — as the engine
// reads it.
func (s System) LevelAt(t time.Time) int {
	return levelAt(s, civil(t))
}
