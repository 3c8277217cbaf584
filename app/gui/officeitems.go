package gui

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/office"
)

// itemsView is the province screen's tab "by directive item": every
// directive item as a whole (group of requirements) or every requirement
// of the active packs, with how many of the agencies shown meet it,
// partly, not, did not assess it, and the share meeting it in each of
// the last five years; a count lists the agencies with that outcome.
type itemsView struct {
	scr    *provinceScreen
	pack   *widget.Select
	mode   *widget.RadioGroup
	def    *widget.Label
	note   *widget.Label
	list   *listTable[office.ItemRollup]
	years  []int                 // the trend's years, the chosen one last
	byYear [][]office.ItemRollup // over every agency, one roll-up per year
	trend  office.ItemsTrend     // over the agencies shown
	view   fyne.CanvasObject
}

// The count columns come after the text and the pack, in
// office.ItemResults order; the trend's years after them.
const (
	itemsCountCol = 2
	itemsYearCol  = itemsCountCol + 5
)

// newItemsView builds the tab.
func newItemsView(scr *provinceScreen) *itemsView {
	cat := scr.shell.cat
	iv := &itemsView{scr: scr}
	iv.list = newListTable(iv.columns(), cat.T("office.items.empty"), nil)
	iv.list.onCell = iv.onCell
	iv.pack = newSelect(cat, []string{scr.anyLabel}, func(string) { iv.apply() })
	iv.pack.SetSelected(scr.anyLabel)
	iv.mode = widget.NewRadioGroup([]string{cat.T("office.items.mode.groups"), cat.T("office.items.mode.requirements")}, func(string) { iv.apply() })
	iv.mode.Horizontal = true
	iv.mode.Required = true
	iv.mode.SetSelected(iv.mode.Options[0])
	iv.def = widget.NewLabel("")
	iv.def.Wrapping = fyne.TextWrapWord
	iv.note = widget.NewLabel("")
	iv.note.Wrapping = fyne.TextWrapWord
	choose := container.NewBorder(nil, nil, widget.NewLabel(cat.T("office.items.pack")), iv.mode, iv.pack)
	top := container.NewVBox(choose, iv.def, iv.note)
	iv.view = container.NewBorder(top, nil, nil, nil, iv.list.view)
	return iv
}

// byGroup reports whether the tab shows the directive items as a whole.
func (iv *itemsView) byGroup() bool { return iv.mode.Selected != iv.mode.Options[1] }

// columns are the tab's columns: the requirement (or item) by its text,
// its pack's title, the counts, then the share meeting it each year.
func (iv *itemsView) columns() []listColumn[office.ItemRollup] {
	cat := iv.scr.shell.cat
	count := func(res office.ItemResult, width float32) listColumn[office.ItemRollup] {
		return listColumn[office.ItemRollup]{title: cat.T("office.items.result." + string(res)), width: width,
			text: func(r office.ItemRollup) string { return strconv.Itoa(r.Counts[res]) },
			key:  func(r office.ItemRollup) string { return fmt.Sprintf("%010d", r.Counts[res]) }}
	}
	cols := []listColumn[office.ItemRollup]{
		{title: cat.T("office.items.col.text"), width: 380, text: requirementText},
		{title: cat.T("office.items.col.pack"), width: 160, text: func(r office.ItemRollup) string { return r.PackTitle }},
		count(office.ItemMet, 60), count(office.ItemPartly, 100), count(office.ItemNotMet, 90),
		count(office.ItemNotAssessed, 110), count(office.ItemNotApplicable, 110),
	}
	for i := range trendYears {
		cols = append(cols, listColumn[office.ItemRollup]{title: iv.yearTitle(i), width: 64,
			text: func(r office.ItemRollup) string { return iv.shareText(r.Key, i) },
			key:  func(r office.ItemRollup) string { return iv.shareKey(r.Key, i) }})
	}
	return cols
}

// trendYears is how many years the tab's trend covers.
const trendYears = 5

// yearTitle is the title of the i-th year's column: the year (the note
// above the table says what the column shows).
func (iv *itemsView) yearTitle(i int) string {
	if i >= len(iv.years) {
		return ""
	}
	return strconv.Itoa(iv.years[i])
}

// shareText is the share of the comparable agencies meeting key in the
// i-th year ("60%"), a dash when none assessed it.
func (iv *itemsView) shareText(key string, i int) string {
	if points := iv.trend.Points[key]; i < len(points) {
		if share, ok := points[i].Share(); ok {
			return percent(share)
		}
	}
	return "—"
}

// shareKey sorts by the share, rows without one first.
func (iv *itemsView) shareKey(key string, i int) string {
	if points := iv.trend.Points[key]; i < len(points) {
		if share, ok := points[i].Share(); ok {
			return fmt.Sprintf("1%08.4f", share)
		}
	}
	return "0"
}

// requirementText is how a requirement is shown: its text, after the
// directive's item ("1a") when its group is one.
func requirementText(r office.ItemRollup) string {
	if isDirectiveItem(r.Group) {
		return r.Group + ". " + r.Text
	}
	return r.Text
}

// isDirectiveItem says a pack group reads as an item number ("1a",
// "1đ"), not a word.
func isDirectiveItem(g string) bool {
	runes := []rune(g)
	return len(runes) >= 2 && len(runes) <= 3 && unicode.IsDigit(runes[0]) && unicode.IsLetter(runes[len(runes)-1])
}

// setYears takes the roll-up of each of years (the chosen year last).
func (iv *itemsView) setYears(years []int, byYear [][]office.ItemRollup) {
	iv.years, iv.byYear = years, byYear
	for i := range trendYears {
		iv.list.cols[itemsYearCol+i].title = iv.yearTitle(i)
	}
	packs := []string{}
	for _, r := range iv.latest() {
		if !slices.Contains(packs, r.PackTitle) {
			packs = append(packs, r.PackTitle)
		}
	}
	iv.pack.Options = append([]string{iv.scr.anyLabel}, packs...)
	if !slices.Contains(iv.pack.Options, iv.pack.Selected) {
		iv.pack.SetSelected(iv.scr.anyLabel)
	}
	iv.apply()
}

// latest is the chosen year's roll-up over every agency.
func (iv *itemsView) latest() []office.ItemRollup {
	if len(iv.byYear) == 0 {
		return nil
	}
	return iv.byYear[len(iv.byYear)-1]
}

// apply shows the items (or requirements) of the chosen pack counted
// over the agencies that pass the screen's filters, with their trend
// over the same agencies.
func (iv *itemsView) apply() {
	if iv.mode == nil || iv.def == nil {
		return
	}
	cat := iv.scr.shell.cat
	keep := iv.shownAgencies()
	byYear := make([][]office.ItemRollup, len(iv.byYear))
	for i, list := range iv.byYear {
		byYear[i] = restrictAll(list, keep)
	}
	iv.trend = office.TrendByItem(iv.years, byYear)
	if iv.byGroup() {
		iv.def.SetText(cat.T("office.items.definition_groups"))
	} else {
		iv.def.SetText(cat.T("office.items.definition"))
	}
	if len(iv.years) > 0 {
		iv.note.SetText(cat.T("office.items.trend_note", iv.years[0], iv.years[len(iv.years)-1], len(iv.trend.Comparable)))
	}
	iv.list.setRows(iv.shown())
}

// shownAgencies are the codes of the agencies that pass the filters.
func (iv *itemsView) shownAgencies() map[string]bool {
	shown := map[string]bool{}
	for _, st := range iv.scr.shownRows() {
		shown[st.Agency.Code] = true
	}
	return shown
}

// restrictAll is every rollup counted over the agencies in keep only.
func restrictAll(list []office.ItemRollup, keep map[string]bool) []office.ItemRollup {
	out := make([]office.ItemRollup, len(list))
	for i, r := range list {
		out[i] = restrictRollup(r, keep)
	}
	return out
}

// requirements is the chosen year's roll-up by requirement of the
// chosen pack over the agencies shown.
func (iv *itemsView) requirements() []office.ItemRollup {
	var out []office.ItemRollup
	for _, r := range restrictAll(iv.latest(), iv.shownAgencies()) {
		if iv.pack.Selected == iv.scr.anyLabel || r.PackTitle == iv.pack.Selected {
			out = append(out, r)
		}
	}
	return out
}

// groups is the chosen year's roll-up by directive item (group) of the
// chosen pack over the agencies shown.
func (iv *itemsView) groups() []office.GroupRollup {
	return office.Groups(iv.requirements())
}

// shown are the tab's rows: the items as a whole, or the requirements.
func (iv *itemsView) shown() []office.ItemRollup {
	if !iv.byGroup() {
		return iv.requirements()
	}
	groups := iv.groups()
	out := make([]office.ItemRollup, len(groups))
	for i, g := range groups {
		out[i] = g.ItemRollup
	}
	return out
}

// restrictRollup is r counted over the agencies in keep only.
func restrictRollup(r office.ItemRollup, keep map[string]bool) office.ItemRollup {
	out := office.ItemRollup{Requirement: r.Requirement, Counts: map[office.ItemResult]int{}, Agencies: map[office.ItemResult][]string{}}
	for _, res := range office.ItemResults() {
		out.Counts[res], out.Agencies[res] = 0, []string{}
	}
	for res, codes := range r.Agencies {
		for _, c := range codes {
			if keep[c] {
				out.Agencies[res] = append(out.Agencies[res], c)
				out.Counts[res]++
			}
		}
	}
	return out
}

// onCell opens a cell: a count lists the agencies with that outcome,
// any other cell every outcome's agencies and the trend.
func (iv *itemsView) onCell(r office.ItemRollup, col int) {
	if col >= itemsCountCol && col < itemsYearCol {
		iv.showOutcome(r, office.ItemResults()[col-itemsCountCol])
		return
	}
	iv.showAgencies(r)
}

// agencyNames are the agencies' names by code.
func (iv *itemsView) agencyNames() map[string]string {
	names := map[string]string{}
	for _, st := range iv.scr.all {
		names[st.Agency.Code] = st.Agency.Name
	}
	return names
}

// showAgencies lists, for one requirement or item, the agencies by
// outcome, and the share meeting it each year.
func (iv *itemsView) showAgencies(r office.ItemRollup) {
	s := iv.scr.shell
	names := iv.agencyNames()
	box := container.NewVBox()
	text := widget.NewLabel(requirementText(r) + " — " + r.PackTitle)
	text.Wrapping = fyne.TextWrapWord
	box.Add(text)
	for _, res := range office.ItemResults() {
		var list []string
		for _, c := range r.Agencies[res] {
			list = append(list, names[c])
		}
		l := widget.NewLabel(s.cat.T("office.items.agencies", s.cat.T("office.items.result."+string(res)), len(list), strings.Join(list, "; ")))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	var years []string
	for i, p := range iv.trend.Points[r.Key] {
		years = append(years, s.cat.T("office.items.trend_year", p.Year, iv.shareText(r.Key, i), p.Met, p.Assessed))
	}
	if len(years) > 0 {
		l := widget.NewLabel(s.cat.T("office.items.trend_title", len(iv.trend.Comparable)) + "\n" + strings.Join(years, "\n"))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	d := dialog.NewCustom(s.cat.T("office.items.agencies_title"), s.cat.T("reg.close"), container.NewVScroll(box), s.win)
	d.Show()
	d.Resize(fyne.NewSize(s.dialogWidth()+160, min(560, s.win.Canvas().Size().Height-80)))
}

// showOutcome lists the agencies whose outcome for r is res; choosing
// one opens its current annual bundle (or says whom to remind), as the
// agencies' tab does.
func (iv *itemsView) showOutcome(r office.ItemRollup, res office.ItemResult) {
	s := iv.scr.shell
	cat := s.cat
	byCode := map[string]office.AgencyStatus{}
	for _, st := range iv.scr.all {
		byCode[st.Agency.Code] = st
	}
	rows := make([]office.AgencyStatus, 0, len(r.Agencies[res]))
	for _, c := range r.Agencies[res] {
		rows = append(rows, byCode[c])
	}
	head := widget.NewLabel(cat.T("office.items.outcome_head", requirementText(r), r.PackTitle, cat.T("office.items.result."+string(res)), len(rows)))
	head.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(rows) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(rows[i].Agency.Name + " — " + iv.scr.stateText(rows[i].State))
	})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		iv.scr.onOpen(rows[i])
	}
	var body fyne.CanvasObject = list
	if len(rows) == 0 {
		body = widget.NewLabel(cat.T("office.items.outcome_none"))
	}
	hint := widget.NewLabel(cat.T("office.items.outcome_hint"))
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(cat.T("office.items.outcome_title", cat.T("office.items.result."+string(res))), cat.T("reg.close"),
		container.NewBorder(container.NewVBox(head, hint), nil, nil, nil, body), s.win)
	d.Show()
	d.Resize(fyne.NewSize(s.dialogWidth()+160, min(560, s.win.Canvas().Size().Height-80)))
}

// missedChart is the chart of the requirements most agencies shown do not
// fully meet; a bar lists its agencies.
func (iv *itemsView) missedChart() fyne.CanvasObject {
	missed := office.CommonlyMissed(iv.requirements(), 10)
	if len(missed) == 0 {
		return widget.NewLabel(iv.scr.shell.cat.T("office.items.none_missed"))
	}
	var bars []bar
	top := 1
	for _, r := range missed {
		top = max(top, r.Missed())
	}
	for _, r := range missed {
		label := requirementText(r) + " — " + iv.scr.shell.cat.T("office.items.missed_text", r.Counts[office.ItemNotMet], r.Counts[office.ItemPartly])
		bars = append(bars, bar{label: label, value: float64(r.Missed()), text: strconv.Itoa(r.Missed()),
			color: color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}})
	}
	return barChart(bars, float64(top), func(i int) { iv.showAgencies(missed[i]) })
}
