package packs

import (
	"fmt"
	"slices"
)

// Suggestion is the level the answers to a pack's level criteria suggest.
type Suggestion struct {
	// Level is the highest level suggested by any answer (0 if none did).
	Level int
	// OutOfScope is true when an answer puts the system outside the regime.
	OutOfScope bool
	// Because lists the criteria whose answer suggested Level (or put the
	// system out of scope), in the pack's order.
	Because []string
}

// SuggestLevel applies the pack's level criteria to answers (criterion id →
// option id). Unanswered criteria suggest nothing; an unknown criterion or
// option id is ErrUnknownReference.
func (p Pack) SuggestLevel(answers map[string]string) (Suggestion, error) {
	known := map[string]bool{}
	for _, c := range p.LevelCriteria {
		known[c.ID] = true
	}
	for _, id := range sortedKeys(answers) {
		if !known[id] {
			return Suggestion{}, fmt.Errorf("%w: pack %q has no level criterion %q", ErrUnknownReference, p.ID, id)
		}
	}
	var s Suggestion
	for _, c := range p.LevelCriteria {
		answer, ok := answers[c.ID]
		if !ok {
			continue
		}
		i := slices.IndexFunc(c.Options, func(o Option) bool { return o.ID == answer })
		if i < 0 {
			return Suggestion{}, fmt.Errorf("%w: criterion %q has no option %q", ErrUnknownReference, c.ID, answer)
		}
		s = s.with(c.ID, c.Options[i])
	}
	return s, nil
}

func (s Suggestion) with(criterion string, o Option) Suggestion {
	switch {
	case o.OutOfScope && !s.OutOfScope:
		return Suggestion{Level: s.Level, OutOfScope: true, Because: []string{criterion}}
	case o.OutOfScope:
		s.Because = append(s.Because, criterion)
	case s.OutOfScope || o.Level == 0 || o.Level < s.Level:
	case o.Level > s.Level:
		s.Level, s.Because = o.Level, []string{criterion}
	default:
		s.Because = append(s.Because, criterion)
	}
	return s
}

// ItemsForLevel returns, in pack order, the checklist items of every
// catalogue that apply to a system of the given level.
func (p Pack) ItemsForLevel(level int) []Item {
	var out []Item
	for _, c := range p.Catalogues {
		for _, it := range c.Items {
			if slices.Contains(it.Levels, level) {
				out = append(out, it)
			}
		}
	}
	return out
}
