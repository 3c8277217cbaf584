package session

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// ErrNoLevelSuggested is returned when accepting a suggestion that names no
// level (no answer suggested one, or an answer puts the system outside the
// regime).
var ErrNoLevelSuggested = errors.New("session: the answers suggest no security level")

// LevelSuggestion is the level the answers to the active packs' level
// criteria suggest for a system, with the reasons.
type LevelSuggestion struct {
	SystemID int64
	// Answers are the answers it was computed from (criterion id → option id).
	Answers map[string]string
	// Level is the highest level any answer suggests (0: none).
	Level int
	// OutOfScope is true when an answer puts the system outside a pack's regime.
	OutOfScope bool
	// Reasons are the answers that decided Level (or OutOfScope), in pack order.
	Reasons []LevelReason
}

// LevelReason is one deciding answer.
type LevelReason struct {
	PackID      string
	CriterionID string
	QuestionVI  string
	AnswerVI    string
	Level       int
	OutOfScope  bool
	Source      packs.SourceRef
}

// Text is the reason as one Vietnamese sentence, for the justification.
func (r LevelReason) Text() string {
	if r.OutOfScope {
		return fmt.Sprintf("%s — %s: ngoài phạm vi (%s %s)", r.QuestionVI, r.AnswerVI, r.Source.Source, r.Source.Ref)
	}
	return fmt.Sprintf("%s — %s: cấp độ %d (%s %s)", r.QuestionVI, r.AnswerVI, r.Level, r.Source.Source, r.Source.Ref)
}

// SuggestLevel applies the active packs' level criteria to answers
// (criterion id → option id). A criterion or option no active pack defines
// is packs.ErrUnknownReference. Needs PermRead.
func (s *Session) SuggestLevel(systemID int64, answers map[string]string) (LevelSuggestion, error) {
	var sug LevelSuggestion
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if _, err := getSystem(tx, systemID); err != nil {
			return err
		}
		active, _, err := activePacks(tx)
		if err != nil {
			return err
		}
		sug, err = suggest(active, systemID, answers)
		return err
	})
	return sug, err
}

// suggest combines the suggestions of every pack with level criteria.
func suggest(active []packs.Pack, systemID int64, answers map[string]string) (LevelSuggestion, error) {
	sug := LevelSuggestion{SystemID: systemID, Answers: maps.Clone(answers)}
	owner := map[string]int{}
	for i, p := range active {
		for _, c := range p.LevelCriteria {
			owner[c.ID] = i
		}
	}
	perPack := map[int]map[string]string{}
	for _, id := range slices.Sorted(maps.Keys(answers)) {
		i, ok := owner[id]
		if !ok {
			return sug, fmt.Errorf("%w: no active pack has the level criterion %q", packs.ErrUnknownReference, id)
		}
		if perPack[i] == nil {
			perPack[i] = map[string]string{}
		}
		perPack[i][id] = answers[id]
	}
	for i, p := range active {
		if perPack[i] == nil {
			continue
		}
		ps, err := p.SuggestLevel(perPack[i])
		if err != nil {
			return sug, err
		}
		sug = sug.merge(p, ps, perPack[i])
	}
	return sug, nil
}

// merge adds one pack's suggestion: out of scope wins, then the highest
// level; equal levels add their reasons.
func (sug LevelSuggestion) merge(p packs.Pack, ps packs.Suggestion, answers map[string]string) LevelSuggestion {
	reasons := reasonsOf(p, ps, answers)
	switch {
	case ps.OutOfScope && !sug.OutOfScope:
		sug.OutOfScope, sug.Reasons = true, reasons
	case ps.OutOfScope:
		sug.Reasons = append(sug.Reasons, reasons...)
	case sug.OutOfScope || ps.Level == 0 || ps.Level < sug.Level:
	case ps.Level > sug.Level:
		sug.Level, sug.Reasons = ps.Level, reasons
	default:
		sug.Reasons = append(sug.Reasons, reasons...)
	}
	return sug
}

func reasonsOf(p packs.Pack, ps packs.Suggestion, answers map[string]string) []LevelReason {
	var out []LevelReason
	for _, c := range p.LevelCriteria {
		if !slices.Contains(ps.Because, c.ID) {
			continue
		}
		for _, o := range c.Options {
			if o.ID == answers[c.ID] {
				out = append(out, LevelReason{PackID: p.ID, CriterionID: c.ID, QuestionVI: c.QuestionVI, AnswerVI: o.TextVI,
					Level: o.Level, OutOfScope: o.OutOfScope, Source: c.Source})
			}
		}
	}
	return out
}

// AcceptLevelSuggestion writes the level the answers of sug suggest, and
// the reasons, into the system's proposed level and justification. The
// suggestion is computed again from sug.Answers with the packs active now,
// so a stale or edited suggestion cannot write a level the answers do not
// support. ErrNoLevelSuggested if it names no level. Needs PermEditRegisters.
func (s *Session) AcceptLevelSuggestion(systemID int64, sug LevelSuggestion) (registers.System, error) {
	var sys registers.System
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		before, err := getSystem(tx, systemID)
		if err != nil {
			return err
		}
		active, _, err := activePacks(tx)
		if err != nil {
			return err
		}
		fresh, err := suggest(active, systemID, sug.Answers)
		if err != nil {
			return err
		}
		if fresh.OutOfScope || fresh.Level == 0 {
			return ErrNoLevelSuggested
		}
		before.ProposedLevel = fresh.Level
		before.LevelJustification = justification(fresh)
		sys, err = registers.NormalizeSystem(before)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidInput, err)
		}
		if sys, err = s.saveSystemTx(tx, sys); err != nil {
			return err
		}
		return s.record(tx, "system.level_suggestion", "system", fmt.Sprint(systemID),
			fmt.Sprintf("%s: chấp nhận cấp độ đề xuất %d theo tiêu chí của gói quy định", sys.Name, fresh.Level))
	})
	return sys, err
}

func justification(sug LevelSuggestion) string {
	lines := make([]string, len(sug.Reasons))
	for i, r := range sug.Reasons {
		lines[i] = r.Text()
	}
	return textnorm.NFC(fmt.Sprintf("Đề xuất cấp độ %d theo các tiêu chí: %s.", sug.Level, strings.Join(lines, "; ")))
}
