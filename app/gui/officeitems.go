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
// requirement of the active packs with how many of the agencies shown
// meet it, partly, not, did not assess it; a row lists the agencies.
type itemsView struct {
	scr  *provinceScreen
	pack *widget.Select
	list *listTable[office.ItemRollup]
	all  []office.ItemRollup // over every agency
	view fyne.CanvasObject
}

// newItemsView builds the tab.
func newItemsView(scr *provinceScreen) *itemsView {
	cat := scr.shell.cat
	iv := &itemsView{scr: scr}
	iv.list = newListTable(iv.columns(), cat.T("office.items.empty"), iv.showAgencies)
	iv.pack = newSelect(cat, []string{scr.anyLabel}, func(string) { iv.apply() })
	iv.pack.SetSelected(scr.anyLabel)
	def := widget.NewLabel(cat.T("office.items.definition"))
	def.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(cat.T("office.items.pack")), nil, iv.pack), def)
	iv.view = container.NewBorder(top, nil, nil, nil, iv.list.view)
	return iv
}

// columns are the tab's columns: the requirement by its text, its pack's
// title, then the counts.
func (iv *itemsView) columns() []listColumn[office.ItemRollup] {
	cat := iv.scr.shell.cat
	count := func(res office.ItemResult, width float32) listColumn[office.ItemRollup] {
		return listColumn[office.ItemRollup]{title: cat.T("office.items.result." + string(res)), width: width,
			text: func(r office.ItemRollup) string { return strconv.Itoa(r.Counts[res]) },
			key:  func(r office.ItemRollup) string { return fmt.Sprintf("%010d", r.Counts[res]) }}
	}
	return []listColumn[office.ItemRollup]{
		{title: cat.T("office.items.col.text"), width: 430, text: requirementText},
		{title: cat.T("office.items.col.pack"), width: 190, text: func(r office.ItemRollup) string { return r.PackTitle }},
		count(office.ItemMet, 60), count(office.ItemPartly, 100), count(office.ItemNotMet, 90),
		count(office.ItemNotAssessed, 110), count(office.ItemNotApplicable, 110),
	}
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

// setItems takes the roll-up of the year.
func (iv *itemsView) setItems(list []office.ItemRollup) {
	iv.all = list
	packs := []string{}
	for _, r := range list {
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

// apply shows the requirements of the chosen pack counted over the
// agencies that pass the screen's filters.
func (iv *itemsView) apply() {
	iv.list.setRows(iv.shown())
}

// shown is the roll-up of the chosen pack over the agencies shown.
func (iv *itemsView) shown() []office.ItemRollup {
	shown := map[string]bool{}
	for _, st := range iv.scr.shownRows() {
		shown[st.Agency.Code] = true
	}
	var out []office.ItemRollup
	for _, r := range iv.all {
		if iv.pack.Selected != iv.scr.anyLabel && r.PackTitle != iv.pack.Selected {
			continue
		}
		out = append(out, restrictRollup(r, shown))
	}
	return out
}

// restrictRollup is r counted over the agencies in keep only.
func restrictRollup(r office.ItemRollup, keep map[string]bool) office.ItemRollup {
	out := office.ItemRollup{Requirement: r.Requirement, Counts: map[office.ItemResult]int{}, Agencies: map[office.ItemResult][]string{}}
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

// showAgencies lists, for one requirement, the agencies by outcome.
func (iv *itemsView) showAgencies(r office.ItemRollup) {
	s := iv.scr.shell
	names := map[string]string{}
	for _, st := range iv.scr.all {
		names[st.Agency.Code] = st.Agency.Name
	}
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
	d := dialog.NewCustom(s.cat.T("office.items.agencies_title"), s.cat.T("reg.close"), container.NewVScroll(box), s.win)
	d.Show()
	d.Resize(fyne.NewSize(s.dialogWidth()+160, min(560, s.win.Canvas().Size().Height-80)))
}

// missedChart is the chart of the requirements most agencies shown do not
// fully meet; a bar lists its agencies.
func (iv *itemsView) missedChart() fyne.CanvasObject {
	missed := office.CommonlyMissed(iv.shown(), 10)
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
