package gui

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/office"
	"daumoi/data/session"
)

// itemsYears are the five years of the tab's trend in the tests.
var itemsYears = []int{2022, 2023, 2024, 2025, 2026}

// statusesOf is what agency n set in year: more met as the years go.
func statusesOf(n int) func(year int) []session.ItemStatus {
	cycle := []session.ItemStatus{session.ItemFail, session.ItemPartial, session.ItemPass, session.ItemPass, session.ItemNotApplicable, session.ItemPass}
	return func(year int) []session.ItemStatus {
		out := make([]session.ItemStatus, 10)
		for i := range out {
			out[i] = cycle[(i+n+year)%len(cycle)]
		}
		return out
	}
}

// TestProvinceItemsByItemOpensEachCount: two agencies sent an assessment
// each year 2022–2026, a third only a 2026 report without one. The tab
// by directive item shows each item as a whole with the counts and the
// five years' shares the test computes itself; the "met" count of an
// item lists exactly the agencies that meet it, the "not assessed" count
// those that did not assess it, and an agency of the list opens its
// bundle. Each view is rendered at 1366×768 and 1280×720.
func TestProvinceItemsByItemOpensEachCount(t *testing.T) {
	in := t.TempDir()
	codes := []string{"000.00.12.H62", "000.00.13.H62"}
	keys := map[string]session.SigningKeyInfo{}
	sets := map[string]map[int]map[string]session.ItemStatus{}
	var paths []string
	for n, code := range codes {
		p, key, set := assessedYears(t, in, code, "Sở "+code, itemsYears, statusesOf(n))
		paths, keys[code], sets[code] = append(paths, p...), key, set
	}
	c, keyC := agencyBundle(t, in, "000.00.31.H62", "UBND xã Tân Hạnh")
	keys["000.00.31.H62"] = keyC
	s, _ := receivedBy(t, keys, append(paths, c)...)
	s.Select(areaProvince)
	scr, content := buildProvinceScreen(s)
	s.win.SetContent(content)
	objects[*container.AppTabs](t, content)[0].SelectIndex(1)
	iv := scr.items

	// The requirements' groups, from the tab by requirement.
	iv.mode.SetSelected(iv.mode.Options[1])
	members := map[string][]string{}
	for _, r := range iv.list.rows {
		if k := office.GroupKey(r.Requirement); k != "" {
			members[k] = append(members[k], r.Key)
		}
	}
	iv.mode.SetSelected(iv.mode.Options[0])
	outcome := func(code string, year int, group string) office.ItemResult {
		return expectedGroup(sets[code][year], members[group])
	}
	all := append(slices.Clone(codes), "000.00.31.H62")
	var chosen int = -1
	for i, r := range iv.list.rows {
		want := map[office.ItemResult][]string{}
		for _, code := range all {
			res := outcome(code, 2026, r.Key)
			want[res] = append(want[res], code)
		}
		for _, res := range office.ItemResults() {
			if r.Counts[res] != len(want[res]) || len(want[res]) > 0 && !reflect.DeepEqual(r.Agencies[res], want[res]) {
				t.Errorf("%s %s: %v, want %v", r.Key, res, r.Agencies[res], want[res])
			}
		}
		for y, year := range itemsYears {
			met, assessed := 0, 0
			for _, code := range codes {
				res := outcome(code, year, r.Key)
				met += b2i(res == office.ItemMet)
				assessed += b2i(res == office.ItemMet || res == office.ItemPartly || res == office.ItemNotMet)
			}
			text := "—"
			if assessed > 0 {
				text = fmt.Sprintf("%.0f%%", 100*float64(met)/float64(assessed))
			}
			if got := iv.list.cols[itemsYearCol+y].text(r); got != text || iv.list.cols[itemsYearCol+y].title != fmt.Sprint(year) {
				t.Errorf("%s %d: %q under %q, want %q", r.Key, year, got, iv.list.cols[itemsYearCol+y].title, text)
			}
		}
		if chosen < 0 && len(want[office.ItemMet]) == 1 {
			chosen = i
		}
	}
	if chosen < 0 {
		t.Fatal("no item met by exactly one agency: the generated statuses do not test the list")
	}
	row := iv.list.rows[chosen]
	shots := []struct {
		name string
		open func()
	}{
		{"items-by-item", func() {}},
		{"items-met", func() { iv.list.table.Select(widget.TableCellID{Row: chosen, Col: itemsCountCol}) }},
		{"items-all", func() { iv.list.table.Select(widget.TableCellID{Row: chosen, Col: 0}) }},
		{"items-by-requirement", func() { iv.mode.SetSelected(iv.mode.Options[1]) }},
	}
	for _, size := range layoutSizes {
		s.win.Resize(size)
		for _, sh := range shots {
			iv.mode.SetSelected(iv.mode.Options[0])
			sh.open()
			checkFits(t, s, size, sh.name, filepath.Join(officeShots(t), fmt.Sprintf("%s-%.0fx%.0f.png", sh.name, size.Width, size.Height)))
			dropOverlays(s)
		}
	}
	s.win.Resize(fyne.NewSize(1366, 768))
	iv.mode.SetSelected(iv.mode.Options[0])
	checkOutcomeList(t, s, iv, chosen, itemsCountCol, row.Agencies[office.ItemMet])
	checkOutcomeList(t, s, iv, chosen, itemsCountCol+3, row.Agencies[office.ItemNotAssessed])
	iv.list.table.Select(widget.TableCellID{Row: chosen, Col: itemsCountCol})
	list := objects[*widget.List](t, s.win.Canvas().Overlays().Top())[0]
	list.Select(0)
	if top := s.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(t, top), "Chữ ký hợp lệ") {
		t.Error("the agency's bundle did not open from the list")
	}
	dropOverlays(s)
	checkGroupsExport(t, s, scr, row, len(iv.list.rows))
}

// checkGroupsExport writes the table by directive item as CSV: one row
// per item, the chosen one with its counts and the share of 2026 as the
// tab shows it.
func checkGroupsExport(t *testing.T, s *Shell, scr *provinceScreen, row office.ItemRollup, items int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "theo-muc.csv")
	s.saveTo(path, scr.exportJob(exportChoice{byGroup: true, format: ".csv"}))
	dropOverlays(s)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != items+1 {
		t.Fatalf("CSV: %d rows, want %d items and a header: %v", len(rows), items, err)
	}
	if h := strings.Join(rows[0], "|"); !strings.Contains(h, "|Số yêu cầu|Đạt|") || !strings.HasSuffix(h, "|Tỷ lệ đạt 2026 (%)") {
		t.Errorf("header %q", h)
	}
	for _, r := range rows[1:] {
		share := "—"
		if f, err := strconv.ParseFloat(r[len(r)-1], 64); err == nil {
			share = fmt.Sprintf("%.0f%%", f)
		}
		if r[3] == row.Text && (r[5] != strconv.Itoa(row.Counts[office.ItemMet]) || share != scr.items.shareText(row.Key, 4)) {
			t.Errorf("CSV row %q, tab %v %s", r, row.Counts, scr.items.shareText(row.Key, 4))
		}
	}
}

// checkOutcomeList taps the count cell (row, col) and compares the
// agencies listed with want (codes).
func checkOutcomeList(t *testing.T, s *Shell, iv *itemsView, row, col int, want []string) {
	t.Helper()
	iv.list.table.Select(widget.TableCellID{Row: row, Col: col})
	top := s.win.Canvas().Overlays().Top()
	lists := objects[*widget.List](t, top)
	var got []string
	if len(lists) > 0 {
		l := lists[0]
		for i := range l.Length() {
			item := l.CreateItem()
			l.UpdateItem(i, item)
			name, _, _ := strings.Cut(item.(*widget.Label).Text, " — ")
			got = append(got, name)
		}
	}
	var names []string
	for _, code := range want {
		names = append(names, "Sở Nội vụ "+code)
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("cell (%d, %d) lists %q, want %q", row, col, got, names)
	}
	dropOverlays(s)
}

// expectedGroup is an item as a whole computed here from the statuses
// one system set (unset: not assessed): all not applicable → not
// applicable; none judged → not assessed; all judged met → met; all
// judged failed → not met; otherwise partly.
func expectedGroup(set map[string]session.ItemStatus, members []string) office.ItemResult {
	n := map[session.ItemStatus]int{}
	for _, k := range members {
		st, ok := set[k]
		if !ok {
			st = session.ItemNotAssessed
		}
		n[st]++
	}
	judged := n[session.ItemPass] + n[session.ItemPartial] + n[session.ItemFail]
	switch {
	case n[session.ItemNotApplicable] == len(members):
		return office.ItemNotApplicable
	case judged == 0:
		return office.ItemNotAssessed
	case n[session.ItemPass] == judged:
		return office.ItemMet
	case n[session.ItemFail] == judged:
		return office.ItemNotMet
	}
	return office.ItemPartly
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
