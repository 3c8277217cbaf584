package obligations

import (
	"cmp"
	"slices"
)

// datedActivity is an activity with its civil date.
type datedActivity struct {
	act Activity
	day day
}

// activityIndex groups activities by kind, and by kind and system.
type activityIndex struct {
	byKind       map[string][]datedActivity
	byKindSystem map[kindSystem][]datedActivity
}

type kindSystem struct {
	kind, system string
}

func newActivityIndex(acts []Activity) activityIndex {
	idx := activityIndex{byKind: map[string][]datedActivity{}, byKindSystem: map[kindSystem][]datedActivity{}}
	for _, a := range acts {
		da := datedActivity{act: a, day: civil(a.Date)}
		idx.byKind[a.Kind] = append(idx.byKind[a.Kind], da)
		k := kindSystem{a.Kind, a.SystemID}
		idx.byKindSystem[k] = append(idx.byKindSystem[k], da)
	}
	for _, list := range idx.byKind {
		sortActivities(list)
	}
	for _, list := range idx.byKindSystem {
		sortActivities(list)
	}
	return idx
}

func sortActivities(list []datedActivity) {
	slices.SortFunc(list, func(a, b datedActivity) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.act.ID, b.act.ID), cmp.Compare(a.act.Kind, b.act.Kind))
	})
}

// lookup returns, sorted by date, the activities of the given kinds for a
// system (systemID "" means any system: agency scope).
func (idx activityIndex) lookup(kinds []string, systemID string, agencyScope bool) []datedActivity {
	var out []datedActivity
	for _, k := range kinds {
		if agencyScope {
			out = append(out, idx.byKind[k]...)
		} else {
			out = append(out, idx.byKindSystem[kindSystem{k, systemID}]...)
		}
	}
	if len(kinds) > 1 {
		sortActivities(out)
	}
	return out
}

// first returns the earliest activity dated in [from, until], skipping the
// one with index skip (-1 for none), and its index.
func first(list []datedActivity, from, until day, skip int) (datedActivity, int, bool) {
	i, _ := slices.BinarySearchFunc(list, from, func(a datedActivity, d day) int { return cmp.Compare(a.day, d) })
	for ; i < len(list) && list[i].day <= until; i++ {
		if i != skip {
			return list[i], i, true
		}
	}
	return datedActivity{}, -1, false
}

// latest returns the latest activity dated on or before until.
func latest(list []datedActivity, until day) (datedActivity, bool) {
	i, _ := slices.BinarySearchFunc(list, until+1, func(a datedActivity, d day) int { return cmp.Compare(a.day, d) })
	if i == 0 {
		return datedActivity{}, false
	}
	return list[i-1], true
}

func (a datedActivity) satisfaction() *Satisfaction {
	return &Satisfaction{ID: a.act.ID, Kind: a.act.Kind, At: a.act.Date}
}
