package office

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"daumoi/data/packs"
	"daumoi/data/textnorm"
)

// ErrBadAssessmentResults means a bundle's OSCAL assessment results could
// not be read.
var ErrBadAssessmentResults = errors.New("office: the bundle's assessment results cannot be read")

// ItemResult is an outcome of one requirement: of a system (as the agency
// assessed it) or of an agency (its systems combined, see AgencyResult).
type ItemResult string

// The outcomes of a requirement.
const (
	ItemMet           ItemResult = "met"
	ItemPartly        ItemResult = "partly"
	ItemNotMet        ItemResult = "not_met"
	ItemNotAssessed   ItemResult = "not_assessed"
	ItemNotApplicable ItemResult = "not_applicable"
)

// ItemResults lists the outcomes in display order.
func ItemResults() []ItemResult {
	return []ItemResult{ItemMet, ItemPartly, ItemNotMet, ItemNotAssessed, ItemNotApplicable}
}

// SystemItems is one system's assessed requirements in an annual bundle:
// requirement key ("pack/item", as the agency's assessment names it) →
// outcome. It is what intake keeps of oscal/assessment-results.json.
type SystemItems struct {
	System string                `json:"system"`
	Items  map[string]ItemResult `json:"items"`
}

// oscalStatus maps the assessment-status property of an observation
// (reports/bundle) to an outcome.
var oscalStatus = map[string]ItemResult{
	"satisfied": ItemMet, "partially-satisfied": ItemPartly, "not-satisfied": ItemNotMet,
	"not-assessed": ItemNotAssessed, "not-applicable": ItemNotApplicable,
}

// ParseAssessmentResults reads an OSCAL assessment-results document as
// reports/bundle writes it: one result per system (property system-id),
// one observation per requirement (properties requirement-id and
// assessment-status). A result without a system (an empty assessment) is
// skipped; an unknown status is not assessed.
func ParseAssessmentResults(data []byte) ([]SystemItems, error) {
	var doc struct {
		AR struct {
			Results []struct {
				Props        []oscalProp `json:"props"`
				Observations []struct {
					Props []oscalProp `json:"props"`
				} `json:"observations"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadAssessmentResults, err)
	}
	out := []SystemItems{}
	for _, r := range doc.AR.Results {
		sys := propValue(r.Props, "system-id")
		if sys == "" {
			continue
		}
		si := SystemItems{System: sys, Items: map[string]ItemResult{}}
		for _, o := range r.Observations {
			if id := propValue(o.Props, "requirement-id"); id != "" {
				si.Items[textnorm.NFC(id)] = cmp.Or(oscalStatus[propValue(o.Props, "assessment-status")], ItemNotAssessed)
			}
		}
		out = append(out, si)
	}
	return out, nil
}

type oscalProp struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func propValue(props []oscalProp, name string) string {
	for _, p := range props {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// AgencyResult is an agency's outcome for requirement key, its systems
// combined — the one definition the office shows:
//   - not applicable on every system that lists it: not applicable;
//   - none of them assessed it (or none lists it): not assessed;
//   - of the systems that assessed it: met if met on every one, not met if
//     not met on any, partly met otherwise.
//
// Systems that did not assess it (not assessed, not applicable) do not
// decide once another did.
func AgencyResult(systems []SystemItems, key string) ItemResult {
	listed, applicable, met, notMet, assessed := 0, 0, 0, 0, 0
	for _, s := range systems {
		r, ok := s.Items[key]
		if !ok {
			continue
		}
		listed++
		if r != ItemNotApplicable {
			applicable++
		}
		switch r {
		case ItemMet:
			met++
			assessed++
		case ItemNotMet:
			notMet++
			assessed++
		case ItemPartly:
			assessed++
		}
	}
	switch {
	case listed > 0 && applicable == 0:
		return ItemNotApplicable
	case assessed == 0:
		return ItemNotAssessed
	case notMet > 0:
		return ItemNotMet
	case met == assessed:
		return ItemMet
	}
	return ItemPartly
}

// Requirement is one item of an active pack's catalogue, as the office
// shows it: by the pack's and catalogue's titles and the item's text.
type Requirement struct {
	Key            string `json:"key"` // "pack/item", as assessments name it
	PackTitle      string `json:"pack_title"`
	CatalogueTitle string `json:"catalogue_title"`
	Group          string `json:"group"` // the item's group in the pack ("1a", "management" …)
	// GroupTitle names the group in words: the directive's item ("Kiểm
	// tra, đánh giá trước khi đưa vào sử dụng") or the group's label
	// (GroupLabel).
	GroupTitle string `json:"group_title,omitempty"`
	Text       string `json:"text"`
}

// Requirements lists the items of the active packs' catalogues in pack
// order.
func Requirements(active []packs.Pack) []Requirement {
	var out []Requirement
	for _, p := range active {
		for _, c := range p.Catalogues {
			for _, it := range c.Items {
				out = append(out, Requirement{Key: p.ID + "/" + it.ID, PackTitle: p.Title.VI, CatalogueTitle: c.Title.VI,
					Group: it.Group, GroupTitle: groupTitle(p, it.Group), Text: strings.TrimSpace(it.TextVI)})
			}
		}
	}
	return out
}

// ItemRollup is one requirement across the province: how many agencies
// meet it, partly, not, did not assess it, or have it not applicable, and
// which (agency codes by outcome).
type ItemRollup struct {
	Requirement
	Counts   map[ItemResult]int      `json:"counts"`
	Agencies map[ItemResult][]string `json:"agencies"`
}

// Missed is how many agencies do not fully meet the requirement (partly
// or not met).
func (r ItemRollup) Missed() int { return r.Counts[ItemPartly] + r.Counts[ItemNotMet] }

// ProvinceItems rolls up every requirement over agencies: results holds,
// by agency code, the systems of its current annual bundle of the period
// (an agency absent from it, having sent none or no assessment, did not
// assess anything).
func ProvinceItems(reqs []Requirement, agencies []Agency, results map[string][]SystemItems) []ItemRollup {
	out := make([]ItemRollup, 0, len(reqs))
	for _, q := range reqs {
		r := ItemRollup{Requirement: q, Counts: map[ItemResult]int{}, Agencies: map[ItemResult][]string{}}
		for _, res := range ItemResults() {
			r.Counts[res] = 0
			r.Agencies[res] = []string{}
		}
		for _, a := range agencies {
			res := AgencyResult(results[a.Code], q.Key)
			r.Counts[res]++
			r.Agencies[res] = append(r.Agencies[res], a.Code)
		}
		out = append(out, r)
	}
	return out
}

// CommonlyMissed returns the n requirements most agencies do not fully
// meet (partly or not met), most missed first; ties by not met, then in
// pack order. Requirements nobody missed are left out.
func CommonlyMissed(rollups []ItemRollup, n int) []ItemRollup {
	var out []ItemRollup
	for _, r := range rollups {
		if r.Missed() > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b ItemRollup) int {
		return cmp.Or(cmp.Compare(b.Missed(), a.Missed()), cmp.Compare(b.Counts[ItemNotMet], a.Counts[ItemNotMet]))
	})
	return out[:min(n, len(out))]
}
