package office

import (
	"fmt"
	"reflect"
	"testing"

	"daumoi/data/packs"
)

// TestGroupResult checks the definition of a directive item as a whole
// on combinations of its requirements' outcomes.
func TestGroupResult(t *testing.T) {
	cases := []struct {
		in   []ItemResult
		want ItemResult
	}{
		{nil, ItemNotAssessed},
		{[]ItemResult{ItemMet, ItemMet}, ItemMet},
		{[]ItemResult{ItemMet, ItemNotAssessed}, ItemMet},
		{[]ItemResult{ItemMet, ItemNotApplicable}, ItemMet},
		{[]ItemResult{ItemMet, ItemNotMet}, ItemPartly},
		{[]ItemResult{ItemMet, ItemPartly}, ItemPartly},
		{[]ItemResult{ItemPartly}, ItemPartly},
		{[]ItemResult{ItemNotMet, ItemNotMet, ItemNotAssessed}, ItemNotMet},
		{[]ItemResult{ItemNotMet, ItemPartly}, ItemPartly},
		{[]ItemResult{ItemNotAssessed, ItemNotApplicable}, ItemNotAssessed},
		{[]ItemResult{ItemNotApplicable, ItemNotApplicable}, ItemNotApplicable},
	}
	for i, c := range cases {
		if got := GroupResult(c.in); got != c.want {
			t.Errorf("case %d %v: %s, want %s", i, c.in, got, c.want)
		}
	}
}

// TestGroupsRollUpByItem: two requirements of item 1c and one of 1a over
// three agencies; the groups' counts and agencies follow GroupResult, the
// titles come from the pack's articles, a requirement without a group is
// left out.
func TestGroupsRollUpByItem(t *testing.T) {
	p := packs.Pack{ID: "ct11", Title: packs.Text{VI: "Chỉ thị 11"},
		Sources:    []packs.Source{{Articles: []packs.Article{{Ref: "mục 1 điểm a", TitleVI: "Kiểm tra trước khi sử dụng"}, {Ref: "mục 1 điểm c", TitleVI: "Ứng cứu chủ động"}, {Ref: "mục 2", TitleVI: "Nhiệm vụ của Sở"}}}},
		Catalogues: []packs.Catalogue{{Items: []packs.Item{{ID: "1a", Group: "1a"}, {ID: "1c-scan", Group: "1c"}, {ID: "1c-drill", Group: "1c"}, {ID: "x"}, {ID: "2a", Group: "2a"}}}}}
	reqs := Requirements([]packs.Pack{p})
	agencies := []Agency{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	sys := func(items map[string]ItemResult) []SystemItems { return []SystemItems{{System: "1", Items: items}} }
	results := map[string][]SystemItems{
		"A": sys(map[string]ItemResult{"ct11/1a": ItemMet, "ct11/1c-scan": ItemMet, "ct11/1c-drill": ItemNotAssessed}),
		"B": sys(map[string]ItemResult{"ct11/1a": ItemNotMet, "ct11/1c-scan": ItemMet, "ct11/1c-drill": ItemNotMet}),
	}
	groups := Groups(ProvinceItems(reqs, agencies, results))
	if len(groups) != 3 {
		t.Fatalf("%d groups, want 1a, 1c, 2a", len(groups))
	}
	a, c, two := groups[0], groups[1], groups[2]
	if a.Key != "ct11#1a" || a.Text != "Kiểm tra trước khi sử dụng" || c.Text != "Ứng cứu chủ động" || two.Text != "Nhiệm vụ của Sở" ||
		!reflect.DeepEqual(c.Requirements, []string{"ct11/1c-scan", "ct11/1c-drill"}) {
		t.Errorf("groups: %+v", groups)
	}
	want := map[ItemResult][]string{ItemMet: {"A"}, ItemPartly: {"B"}, ItemNotMet: {}, ItemNotAssessed: {"C"}, ItemNotApplicable: {}}
	if !reflect.DeepEqual(c.Agencies, want) || c.Counts[ItemMet] != 1 || c.Counts[ItemPartly] != 1 || c.Counts[ItemNotAssessed] != 1 {
		t.Errorf("1c: %v %v", c.Counts, c.Agencies)
	}
	if a.Counts[ItemMet] != 1 || a.Counts[ItemNotMet] != 1 || a.Agencies[ItemNotMet][0] != "B" {
		t.Errorf("1a: %v %v", a.Counts, a.Agencies)
	}
	if GroupLabel("management") != "Yêu cầu quản lý" || GroupLabel("phương án") != "Phương án" || groupTitle(p, "1k") != "1k" {
		t.Errorf("labels: %q %q %q", GroupLabel("management"), GroupLabel("phương án"), groupTitle(p, "1k"))
	}
}

// TestTrendByItemComparesOnlyComparableAgencies: C assessed nothing in
// the first year, so only A and B count; the shares of the requirement
// and of its group follow.
func TestTrendByItemComparesOnlyComparableAgencies(t *testing.T) {
	r := func(met, partly, notMet, notAssessed []string) []ItemRollup {
		return []ItemRollup{{Requirement: Requirement{Key: "p/1", Group: "g"},
			Agencies: map[ItemResult][]string{ItemMet: met, ItemPartly: partly, ItemNotMet: notMet, ItemNotAssessed: notAssessed}}}
	}
	byYear := [][]ItemRollup{
		r([]string{"A"}, nil, []string{"B"}, []string{"C"}),
		r([]string{"A", "B", "C"}, nil, nil, nil),
		r([]string{"C"}, []string{"A"}, nil, []string{"B"}),
	}
	got := TrendByItem([]int{2024, 2025, 2026}, byYear)
	// B assessed nothing in 2026 either: only A is comparable.
	want := []ItemPoint{{2024, 1, 1}, {2025, 1, 1}, {2026, 0, 1}}
	if !reflect.DeepEqual(got.Comparable, []string{"A"}) || !reflect.DeepEqual(got.Points["p/1"], want) || !reflect.DeepEqual(got.Points["p#g"], want) {
		t.Errorf("%+v", got)
	}
	if cells := got.ShareCells("p/1"); !reflect.DeepEqual(cells, []string{"100.0", "100.0", "0.0"}) {
		t.Errorf("cells %q", cells)
	}
	if cells := got.ShareCells("none"); !reflect.DeepEqual(cells, []string{"", "", ""}) {
		t.Errorf("cells of an unknown row %q", cells)
	}
}

// TestGroupsTrendTable: the requirements' count after the title, one
// share column per year titled with the year, numbers where they belong.
func TestGroupsTrendTable(t *testing.T) {
	g := GroupRollup{ItemRollup: ItemRollup{Requirement: Requirement{Key: "p#1a", PackTitle: "Chỉ thị", Group: "1a", Text: "Kiểm tra"},
		Counts: map[ItemResult]int{ItemMet: 2, ItemNotMet: 1}}, Requirements: []string{"p/1", "p/2"}}
	trend := ItemsTrend{Years: []int{2025, 2026}, Points: map[string][]ItemPoint{"p#1a": {{2025, 0, 0}, {2026, 2, 3}}}}
	tb := GroupsTrendTable([]GroupRollup{g}, trend)
	header := tb.Header("col.", func(key string, args ...any) string { return key + fmt.Sprint(args...) })
	if !reflect.DeepEqual(header[4:5], []string{"office.items.col.requirements"}) || !reflect.DeepEqual(header[10:], []string{"col.missed", "office.items.col.share2025", "office.items.col.share2026"}) ||
		!reflect.DeepEqual(tb.NumberColumns, []int{4, 5, 6, 7, 8, 9, 10, 11, 12}) {
		t.Errorf("header %q, numbers %v", header, tb.NumberColumns)
	}
	if !reflect.DeepEqual(tb.Rows[0], []string{"Chỉ thị", "", "1a", "Kiểm tra", "2", "2", "0", "1", "0", "0", "1", "", "66.7"}) {
		t.Errorf("row %q", tb.Rows[0])
	}
}
