package session

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"daumoi/data/office"
	"daumoi/data/vault"
)

// trendOutcome is what the generated province's agency i reported for
// requirement k on system s in year (version v of its bundle): a cycle
// of the outcomes that shifts each year, so that shares change; agency 7
// has every other requirement not applicable.
func trendOutcome(i, s, k, year, v int) office.ItemResult {
	if i == 7 && k%2 == 0 {
		return office.ItemNotApplicable
	}
	return office.ItemResults()[(i*3+s+k*(1+year%3)+v+year)%len(office.ItemResults())]
}

// trendPlan says, for agency i and year, how many bundles it sent (the
// last current) and whether they hold an assessment: agency 3 sent
// nothing in 2024, agency 4 sent a report without assessment in 2023,
// agency 2 corrected its 2025 report, agency 6 never sent.
func trendPlan(i, year int) (versions int, assessed bool) {
	switch {
	case i == 6, i == 3 && year == 2024:
		return 0, false
	case i == 4 && year == 2023:
		return 1, false
	case i == 2 && year == 2025:
		return 2, true
	}
	return 1, true
}

// TestProvinceGroupsAndTrendFromGeneratedRows fills an office with 8
// agencies and five years of received annual bundles (rows with the
// results intake keeps, two systems each, a correction, gaps) and
// compares the roll-up by directive item, the trend of every requirement
// and item, and the CSV by group with what the test computes itself from
// what it generated.
func TestProvinceGroupsAndTrendFromGeneratedRows(t *testing.T) {
	_, o := newOfficeVault(t)
	agencies := registerSynthetic(t, o, 8)
	reqs := activeRequirements(t, o)
	years := []int{2022, 2023, 2024, 2025, 2026}
	// want[year][agency][requirement] = the statuses of its systems in
	// its current bundle.
	want := map[int]map[string]map[string][]office.ItemResult{}
	must(t, o.v.Update(func(tx *vault.Tx) error {
		id := int64(0)
		for _, year := range years {
			want[year] = map[string]map[string][]office.ItemResult{}
			for i, a := range agencies {
				versions, assessed := trendPlan(i, year)
				for v := range versions {
					id++
					systems := []office.SystemItems{}
					cur := map[string][]office.ItemResult{}
					for s := range 2 {
						si := office.SystemItems{System: strconv.Itoa(s + 1), Items: map[string]office.ItemResult{}}
						for k, q := range reqs {
							if assessed {
								si.Items[q.Key] = trendOutcome(i, s, k, year, v)
								cur[q.Key] = append(cur[q.Key], si.Items[q.Key])
							}
						}
						systems = append(systems, si)
					}
					if err := insertBenchRow(tx, id, a.code, year, i, v, systems); err != nil {
						return err
					}
					if v > 0 {
						if _, err := tx.Exec(`UPDATE office_bundles SET superseded_by = ? WHERE id = ?`, id, id-1); err != nil {
							return err
						}
					}
					want[year][a.code] = cur
				}
			}
		}
		return nil
	}))
	byYear, err := o.ProvinceItemsByYear(years)
	must(t, err)
	single, err := o.ProvinceItems(2025)
	must(t, err)
	if !reflect.DeepEqual(single, byYear[3]) {
		t.Error("ProvinceItems(2025) differs from ProvinceItemsByYear's 2025")
	}
	codes := make([]string, len(agencies))
	for i, a := range agencies {
		codes[i] = a.code
	}
	groups := office.Groups(byYear[4])
	if seen := checkGroups(t, reqs, codes, want[2026], groups); len(seen) != len(office.ItemResults()) {
		t.Errorf("the generated province does not give every outcome by item: %v", seen)
	}
	trend := office.TrendByItem(years, byYear)
	wantTrend, comparable := expectedTrend(reqs, codes, years, want)
	if !reflect.DeepEqual(trend.Comparable, comparable) {
		t.Errorf("comparable agencies %v, want %v", trend.Comparable, comparable)
	}
	for key, points := range wantTrend {
		if !reflect.DeepEqual(trend.Points[key], points) {
			t.Errorf("trend of %s: %v, want %v", key, trend.Points[key], points)
		}
	}
	checkGroupsCSV(t, groups, wantTrend, years)
}

// wantAgency is the office's definition for one requirement, computed
// here: not applicable on all → not applicable; none judged → not
// assessed; any not met → not met; all met → met; otherwise partly.
func wantAgency(systems []office.ItemResult) office.ItemResult {
	n := map[office.ItemResult]int{}
	for _, r := range systems {
		n[r]++
	}
	judged := n[office.ItemMet] + n[office.ItemPartly] + n[office.ItemNotMet]
	switch {
	case len(systems) > 0 && n[office.ItemNotApplicable] == len(systems):
		return office.ItemNotApplicable
	case judged == 0:
		return office.ItemNotAssessed
	case n[office.ItemNotMet] > 0:
		return office.ItemNotMet
	case n[office.ItemMet] == judged:
		return office.ItemMet
	}
	return office.ItemPartly
}

// wantGroup is an item as a whole, computed here from the agency's
// outcome on each of its requirements: all not applicable → not
// applicable; none assessed → not assessed; every assessed one met → met;
// every assessed one not met → not met; otherwise partly.
func wantGroup(results []office.ItemResult) office.ItemResult {
	met, not, judged, na := 0, 0, 0, 0
	for _, r := range results {
		switch r {
		case office.ItemMet:
			met++
			judged++
		case office.ItemNotMet:
			not++
			judged++
		case office.ItemPartly:
			judged++
		case office.ItemNotApplicable:
			na++
		}
	}
	switch {
	case na == len(results):
		return office.ItemNotApplicable
	case judged == 0:
		return office.ItemNotAssessed
	case met == judged:
		return office.ItemMet
	case not == judged:
		return office.ItemNotMet
	}
	return office.ItemPartly
}

// groupsOf are the requirements by group key ("pack#group"), in order.
func groupsOf(reqs []office.Requirement) ([]string, map[string][]string) {
	var order []string
	members := map[string][]string{}
	for _, q := range reqs {
		if q.Group == "" {
			continue
		}
		k := q.Key[:bytes.IndexByte([]byte(q.Key), '/')] + "#" + q.Group
		if members[k] == nil {
			order = append(order, k)
		}
		members[k] = append(members[k], q.Key)
	}
	return order, members
}

// wantGroupOutcome is agency code's outcome for group members in a year.
func wantGroupOutcome(year map[string]map[string][]office.ItemResult, code string, members []string) office.ItemResult {
	var results []office.ItemResult
	for _, k := range members {
		results = append(results, wantAgency(year[code][k]))
	}
	return wantGroup(results)
}

// checkGroups compares groups with what the test computes; it returns
// how many times each outcome came out.
func checkGroups(t *testing.T, reqs []office.Requirement, codes []string, year map[string]map[string][]office.ItemResult, groups []office.GroupRollup) map[office.ItemResult]int {
	t.Helper()
	order, members := groupsOf(reqs)
	if len(groups) != len(order) {
		t.Fatalf("%d groups, want %d", len(groups), len(order))
	}
	seen := map[office.ItemResult]int{}
	for i, g := range groups {
		agencies := map[office.ItemResult][]string{}
		for _, res := range office.ItemResults() {
			agencies[res] = []string{}
		}
		for _, c := range codes {
			res := wantGroupOutcome(year, c, members[order[i]])
			agencies[res] = append(agencies[res], c)
			seen[res]++
		}
		if g.Key != order[i] || !reflect.DeepEqual(g.Requirements, members[order[i]]) || !reflect.DeepEqual(g.Agencies, agencies) {
			t.Errorf("group %s (%v): %v, want %s %v", g.Key, g.Requirements, g.Agencies, order[i], agencies)
		}
		for res, list := range agencies {
			if g.Counts[res] != len(list) {
				t.Errorf("group %s %s: %d, want %d", g.Key, res, g.Counts[res], len(list))
			}
		}
	}
	return seen
}

// expectedTrend is each requirement's and group's points: the agencies
// that assessed something every year compared, met over assessed.
func expectedTrend(reqs []office.Requirement, codes []string, years []int, want map[int]map[string]map[string][]office.ItemResult) (map[string][]office.ItemPoint, []string) {
	comparable := []string{}
	for _, c := range codes {
		every := true
		for _, y := range years {
			some := false
			for _, systems := range want[y][c] {
				r := wantAgency(systems)
				some = some || r == office.ItemMet || r == office.ItemPartly || r == office.ItemNotMet
			}
			every = every && some
		}
		if every {
			comparable = append(comparable, c)
		}
	}
	order, members := groupsOf(reqs)
	out := map[string][]office.ItemPoint{}
	point := func(y int, outcome func(code string) office.ItemResult) office.ItemPoint {
		p := office.ItemPoint{Year: y}
		for _, c := range comparable {
			switch outcome(c) {
			case office.ItemMet:
				p.Met++
				p.Assessed++
			case office.ItemPartly, office.ItemNotMet:
				p.Assessed++
			}
		}
		return p
	}
	for _, y := range years {
		for _, q := range reqs {
			out[q.Key] = append(out[q.Key], point(y, func(c string) office.ItemResult { return wantAgency(want[y][c][q.Key]) }))
		}
		for _, g := range order {
			out[g] = append(out[g], point(y, func(c string) office.ItemResult { return wantGroupOutcome(want[y], c, members[g]) }))
		}
	}
	return out, comparable
}

// checkGroupsCSV reads the CSV by group back: per group its counts, then
// one share per year (one decimal, empty when none assessed).
func checkGroupsCSV(t *testing.T, groups []office.GroupRollup, trend map[string][]office.ItemPoint, years []int) {
	t.Helper()
	tb := office.GroupsTrendTable(groups, office.ItemsTrend{Years: years, Points: trend})
	var buf bytes.Buffer
	must(t, tb.WriteCSV(&buf, tb.Header("", func(k string, args ...any) string { return k + fmt.Sprint(args...) })))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	must(t, err)
	if len(rows) != len(groups)+1 || rows[0][4] != "office.items.col.requirements" || rows[0][11] != "office.items.col.share2022" {
		t.Fatalf("CSV: %d rows, header %q", len(rows), rows[0])
	}
	for i, g := range groups {
		row := rows[i+1]
		cells := []string{strconv.Itoa(len(g.Requirements))}
		for _, res := range office.ItemResults() {
			cells = append(cells, strconv.Itoa(len(g.Agencies[res])))
		}
		cells = append(cells, strconv.Itoa(len(g.Agencies[office.ItemPartly])+len(g.Agencies[office.ItemNotMet])))
		for _, p := range trend[g.Key] {
			share := ""
			if p.Assessed > 0 {
				share = fmt.Sprintf("%.1f", 100*float64(p.Met)/float64(p.Assessed))
			}
			cells = append(cells, share)
		}
		if row[2] != office.GroupName(g.Group) || row[3] != g.Text || !reflect.DeepEqual(row[4:], cells) {
			t.Errorf("CSV row %d: %q, want %q", i+1, row, cells)
		}
	}
}
