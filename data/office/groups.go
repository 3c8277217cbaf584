package office

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"daumoi/data/packs"
)

// GroupRollup is one group of a pack's requirements across the province
// — for Chỉ thị 11 a directive item as a whole (1a … 1k, 2a): how many
// agencies meet the whole item, partly, not, did not assess it, or have
// it not applicable (GroupResult), and which. Its Key is "pack#group";
// its Text is the group's title.
type GroupRollup struct {
	ItemRollup
	// Requirements are the keys of the group's requirements, in pack
	// order.
	Requirements []string `json:"requirements"`
}

// GroupResult is an agency's outcome for a group of requirements, from
// its outcome for each (AgencyResult) — the one definition the office
// shows for a directive item as a whole:
//   - not applicable on every requirement of the group: not applicable;
//   - none of the applicable ones assessed: not assessed;
//   - of the assessed ones (met, partly, not met): met if every one is
//     met, not met if every one is not met, partly met otherwise.
//
// Requirements not assessed do not decide once another one is assessed.
func GroupResult(results []ItemResult) ItemResult {
	n := map[ItemResult]int{}
	for _, r := range results {
		n[r]++
	}
	assessed := n[ItemMet] + n[ItemPartly] + n[ItemNotMet]
	switch {
	case len(results) > 0 && n[ItemNotApplicable] == len(results):
		return ItemNotApplicable
	case assessed == 0:
		return ItemNotAssessed
	case n[ItemMet] == assessed:
		return ItemMet
	case n[ItemNotMet] == assessed:
		return ItemNotMet
	}
	return ItemPartly
}

// GroupKey is the key of a requirement's group: "pack#group", "" for a
// requirement without a group.
func GroupKey(q Requirement) string {
	if q.Group == "" {
		return ""
	}
	pack, _, _ := strings.Cut(q.Key, "/")
	return pack + "#" + q.Group
}

// Groups rolls the requirements' roll-up up by group, in pack order of
// each group's first requirement; requirements without a group are left
// out. Every agency counted in the requirements is counted once per
// group, by GroupResult over its outcomes for the group's requirements.
func Groups(rollups []ItemRollup) []GroupRollup {
	var order []string
	members := map[string][]ItemRollup{}
	for _, r := range rollups {
		k := GroupKey(r.Requirement)
		if k == "" {
			continue
		}
		if _, seen := members[k]; !seen {
			order = append(order, k)
		}
		members[k] = append(members[k], r)
	}
	out := make([]GroupRollup, 0, len(order))
	for _, k := range order {
		out = append(out, groupRollup(k, members[k]))
	}
	return out
}

// groupRollup is one group from the roll-up of its requirements.
func groupRollup(key string, reqs []ItemRollup) GroupRollup {
	first := reqs[0]
	g := GroupRollup{ItemRollup: ItemRollup{Requirement: Requirement{Key: key, PackTitle: first.PackTitle, CatalogueTitle: first.CatalogueTitle,
		Group: first.Group, GroupTitle: first.GroupTitle, Text: first.GroupTitle}, Counts: map[ItemResult]int{}, Agencies: map[ItemResult][]string{}}}
	byAgency := map[string][]ItemResult{}
	for _, r := range reqs {
		g.Requirements = append(g.Requirements, r.Key)
		for res, codes := range r.Agencies {
			for _, c := range codes {
				byAgency[c] = append(byAgency[c], res)
			}
		}
	}
	for _, res := range ItemResults() {
		g.Counts[res] = 0
		g.Agencies[res] = []string{}
	}
	codes := make([]string, 0, len(byAgency))
	for c := range byAgency {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		res := GroupResult(byAgency[c])
		g.Counts[res]++
		g.Agencies[res] = append(g.Agencies[res], c)
	}
	return g
}

// groupTitle names a pack's group in words: for a directive's item
// ("1a", "2a") the title of its article ("mục 1 điểm a", else "mục 2"),
// otherwise GroupLabel.
func groupTitle(p packs.Pack, group string) string {
	if number, letter, ok := directiveItem(group); ok {
		for _, ref := range []string{"mục " + number + " điểm " + letter, "mục " + number} {
			for _, src := range p.Sources {
				for _, a := range src.Articles {
					if a.Ref == ref {
						return a.TitleVI
					}
				}
			}
		}
	}
	return GroupLabel(group)
}

// directiveItem splits a group that reads as a directive's item number
// ("1a", "1đ") into its number and letter.
func directiveItem(g string) (number, letter string, ok bool) {
	i := strings.IndexFunc(g, func(r rune) bool { return !unicode.IsDigit(r) })
	if i <= 0 || utf8.RuneCountInString(g[i:]) != 1 || !unicode.IsLetter([]rune(g[i:])[0]) {
		return "", "", false
	}
	return g[:i], g[i:], true
}

// GroupName is a group as a person reads it in a table: a directive's
// item number as it is ("1a"), any other group by its label
// (GroupLabel).
func GroupName(group string) string {
	if _, _, ok := directiveItem(group); ok {
		return group
	}
	return GroupLabel(group)
}

// GroupLabel names a group that is not a directive's item: TT 12/2022's
// management and technical requirements in Vietnamese, any other group
// (already Vietnamese in the packs: "phương án", "chủ quản") with a
// capital letter.
func GroupLabel(group string) string {
	if l, ok := map[string]string{"management": "Yêu cầu quản lý", "technical": "Yêu cầu kỹ thuật"}[group]; ok {
		return l
	}
	r, size := utf8.DecodeRuneInString(group)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + group[size:]
}
