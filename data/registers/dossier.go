package registers

import (
	"fmt"
	"slices"
)

// DossierState is where a system's level dossier (hồ sơ đề xuất cấp độ)
// stands.
type DossierState string

// The dossier states, in workflow order. A new system is drafting.
const (
	DossierDrafting  DossierState = "drafting"  // đang xây dựng
	DossierSubmitted DossierState = "submitted" // đã trình thẩm định
	DossierAppraised DossierState = "appraised" // đã thẩm định
	DossierApproved  DossierState = "approved"  // đã phê duyệt
)

// DossierStates lists the states in workflow order.
func DossierStates() []DossierState {
	return []DossierState{DossierDrafting, DossierSubmitted, DossierAppraised, DossierApproved}
}

// Decision is the approval decision of a dossier (quyết định phê duyệt).
type Decision struct {
	Number     string `json:"number"`      // e.g. "1234/QĐ-UBND"
	Date       string `json:"date"`        // yyyy-mm-dd
	Authority  string `json:"authority"`   // e.g. "UBND tỉnh Vĩnh Long"
	EvidenceID string `json:"evidence_id"` // the scanned decision, if attached
}

// Dossier is a system's level dossier with its history.
type Dossier struct {
	State         DossierState   `json:"state"`
	SubmittedOn   string         `json:"submitted_on"`
	AppraisedOn   string         `json:"appraised_on"`
	ApprovedLevel int            `json:"approved_level"`
	Decision      Decision       `json:"decision"`
	History       []DossierEvent `json:"history"`
}

// DossierEvent is one step taken, kept for good: re-determination does not
// erase earlier approvals.
type DossierEvent struct {
	From     DossierState `json:"from"`
	To       DossierState `json:"to"`
	Date     string       `json:"date"` // when it happened (yyyy-mm-dd)
	By       string       `json:"by"`   // the user who recorded it
	Note     string       `json:"note"` // the reason of a return or re-determination
	Level    int          `json:"level"`
	Decision Decision     `json:"decision"`
}

// DossierStep is what the user records to move a dossier on.
type DossierStep struct {
	To       DossierState
	Date     string   // when it happened; required
	Note     string   // required when going back to drafting (the reason)
	Decision Decision // required when approving
}

// allowedSteps are the transitions: forward one step at a time, or back to
// drafting (returned for revision, or re-determination of an approved
// level).
func allowedSteps() map[DossierState][]DossierState {
	return map[DossierState][]DossierState{
		DossierDrafting:  {DossierSubmitted},
		DossierSubmitted: {DossierAppraised, DossierDrafting},
		DossierAppraised: {DossierApproved, DossierDrafting},
		DossierApproved:  {DossierDrafting},
	}
}

// CanAdvance reports whether a dossier in state from may go to to.
func CanAdvance(from, to DossierState) bool {
	if from == "" {
		from = DossierDrafting
	}
	return slices.Contains(allowedSteps()[from], to)
}

// Advance applies step to system s (recorded by user by) and returns the
// changed system. Submitting needs a proposed level with its
// justification; approving needs the decision's number, date and authority
// and an issued security regulation; going back to drafting needs a reason.
func Advance(s System, step DossierStep, by string) (System, error) {
	d := s.Dossier
	if d.State == "" {
		d.State = DossierDrafting
	}
	if !CanAdvance(d.State, step.To) {
		return s, fmt.Errorf("%w: %s → %s", ErrInvalidTransition, d.State, step.To)
	}
	var err error
	if step.Date, err = NormalizeDate(step.Date); err != nil {
		return s, err
	}
	if step.Date == "" {
		return s, fmt.Errorf("%w: date", ErrRequired)
	}
	if step.Note, err = clean("note", step.Note, MaxLong); err != nil {
		return s, err
	}
	ev := DossierEvent{From: d.State, To: step.To, Date: step.Date, By: by, Note: step.Note, Level: s.ProposedLevel}
	switch step.To {
	case DossierSubmitted:
		if s.ProposedLevel == 0 || s.LevelJustification == "" {
			return s, ErrLevelRequired
		}
		d.SubmittedOn = step.Date
	case DossierAppraised:
		d.AppraisedOn = step.Date
	case DossierApproved:
		dec, err := normalizeDecision(step.Decision)
		if err != nil {
			return s, err
		}
		if !s.Regulation.Issued {
			return s, ErrRegulationRequired
		}
		d.Decision, ev.Decision, d.ApprovedLevel = dec, dec, s.ProposedLevel
	case DossierDrafting:
		if step.Note == "" {
			return s, fmt.Errorf("%w: why the dossier goes back to drafting", ErrReasonRequired)
		}
		d.SubmittedOn, d.AppraisedOn, d.ApprovedLevel, d.Decision = "", "", 0, Decision{}
	}
	d.State = step.To
	d.History = append(slices.Clone(d.History), ev)
	s.Dossier = d
	return s, nil
}

func normalizeDecision(d Decision) (Decision, error) {
	var err error
	if d.Number, err = clean("decision.number", d.Number, MaxShort); err != nil {
		return d, err
	}
	if d.Authority, err = clean("decision.authority", d.Authority, MaxShort); err != nil {
		return d, err
	}
	if d.Date, err = NormalizeDate(d.Date); err != nil {
		return d, err
	}
	if d.EvidenceID, err = clean("decision.evidence_id", d.EvidenceID, 64); err != nil {
		return d, err
	}
	if d.Number == "" || d.Date == "" || d.Authority == "" {
		return d, ErrDecisionRequired
	}
	return d, nil
}
