package gui

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/incidents"
	"daumoi/data/office"
	"daumoi/data/textnorm"
	"daumoi/data/users"
)

// provinceScreen is the office's view of the province for a year: who
// reported on time, late or not at all, and each agency's figures, with
// charts; a row opens the agency's current bundle.
type provinceScreen struct {
	shell    *Shell
	year     *widget.Select
	kind     *widget.Select
	parent   *widget.Select
	state    *widget.Select
	search   *widget.Entry
	summary  *widget.Label
	charts   *fyne.Container
	list     *listTable[office.AgencyStatus]
	items    *itemsView
	progress *widget.ProgressBarInfinite // while the year is computed
	all      []office.AgencyStatus
	rows     []office.AgencyStatus // those shown
	trend    []office.YearPoint    // the five years up to the chosen one
	trendErr error
	deadline time.Time
	anyLabel string
}

// newProvinceScreen builds the "Toàn tỉnh" area.
func newProvinceScreen(s *Shell) fyne.CanvasObject {
	_, content := buildProvinceScreen(s)
	return content
}

// buildProvinceScreen builds the screen and returns it for the tests.
func buildProvinceScreen(s *Shell) (*provinceScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &provinceScreen{shell: s, anyLabel: cat.T("office.received.any")}
	scr.summary = widget.NewLabel("")
	scr.summary.Wrapping = fyne.TextWrapWord
	scr.charts = container.NewVBox()
	scr.list = newListTable(scr.columns(), cat.T("office.province.empty"), scr.onOpen)
	scr.list.withDetail()
	scr.list.style = dangerWhen(func(st office.AgencyStatus) bool { return st.State == office.ReportMissing })
	scr.items = newItemsView(scr)
	scr.progress = widget.NewProgressBarInfinite()
	scr.progress.Hide()
	year := s.now().In(incidents.Zone()).Year()
	var years []string
	for y := year; y >= year-4; y-- {
		years = append(years, strconv.Itoa(y))
	}
	scr.year = newSelect(cat, years, func(string) { scr.reload() })
	scr.kind = newSelect(cat, append([]string{scr.anyLabel}, scr.kindLabels()...), func(string) { scr.apply() })
	scr.parent = newSelect(cat, []string{scr.anyLabel}, func(string) { scr.apply() })
	scr.state = newSelect(cat, append([]string{scr.anyLabel}, scr.stateLabels()...), func(string) { scr.apply() })
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("office.province.search"))
	scr.search.OnChanged = func(string) { scr.apply() }
	scr.kind.SetSelected(scr.anyLabel)
	scr.parent.SetSelected(scr.anyLabel)
	scr.state.SetSelected(scr.anyLabel)
	if s.me.Can(users.PermReceive) {
		// Bundles received before intake kept their per-requirement
		// results: keep them now, once, rather than open them each time.
		if _, err := s.sess.FillReceivedItems(); err != nil {
			s.showError(err)
		}
	}
	scr.year.SetSelected(years[0])
	label := func(key string) *widget.Label { return widget.NewLabel(cat.T(key)) }
	filters := container.New(layoutFilterGrid{}, label("office.province.year"), scr.year, label("office.province.state"), scr.state,
		label("office.province.kind"), scr.kind, label("office.province.parent"), scr.parent)
	actions := container.NewHBox(widget.NewButtonWithIcon(cat.T("office.export.button"), theme.DocumentSaveIcon(), scr.onExport),
		widget.NewButtonWithIcon(cat.T("office.remind.button"), theme.MailComposeIcon(), scr.onRemind))
	top := container.NewVBox(filters, container.NewBorder(nil, nil, nil, actions, scr.search), scr.progress, scr.summary)
	tabs := container.NewAppTabs(
		container.NewTabItem(cat.T("office.province.tab.agencies"), scr.list.view),
		container.NewTabItem(cat.T("office.items.tab"), scr.items.view),
		container.NewTabItem(cat.T("office.province.tab.charts"), container.NewVScroll(scr.charts)),
	)
	return scr, container.NewBorder(top, nil, nil, nil, tabs)
}

// kindLabels names the kinds of agency.
func (scr *provinceScreen) kindLabels() []string {
	var out []string
	for _, k := range office.Kinds() {
		out = append(out, scr.shell.cat.T("office.registry.kind."+string(k)))
	}
	return out
}

// stateLabels names the report states.
func (scr *provinceScreen) stateLabels() []string {
	var out []string
	for _, st := range office.ReportStates() {
		out = append(out, scr.stateText(st))
	}
	return out
}

// stateText names a report state.
func (scr *provinceScreen) stateText(st office.ReportState) string {
	return scr.shell.cat.T("office.status.state." + string(st))
}

// columns are the table's columns.
func (scr *provinceScreen) columns() []listColumn[office.AgencyStatus] {
	cat := scr.shell.cat
	num := func(f func(office.AgencyStatus) int) (func(office.AgencyStatus) string, func(office.AgencyStatus) string) {
		return func(st office.AgencyStatus) string {
				if !st.HasData {
					return "—"
				}
				return strconv.Itoa(f(st))
			}, func(st office.AgencyStatus) string {
				return fmt.Sprintf("%010d", f(st))
			}
	}
	col := func(key string, width float32, f func(office.AgencyStatus) int) listColumn[office.AgencyStatus] {
		text, sortKey := num(f)
		return listColumn[office.AgencyStatus]{title: cat.T("office.province.col." + key), width: width, text: text, key: sortKey}
	}
	return []listColumn[office.AgencyStatus]{
		{title: cat.T("office.status.col.name"), width: 260, text: func(st office.AgencyStatus) string { return st.Agency.Name }},
		{title: cat.T("office.status.col.state"), width: 170, text: func(st office.AgencyStatus) string { return scr.stateText(st.State) }},
		{title: cat.T("office.status.col.first_received"), width: 140, text: func(st office.AgencyStatus) string { return humanStamps(st.FirstReceived) },
			key: func(st office.AgencyStatus) string { return st.FirstReceived }},
		{title: cat.T("office.province.col.compliance"), width: 130, text: agencyComplianceText,
			key: func(st office.AgencyStatus) string { return fmt.Sprintf("%08.3f", st.Compliance) }},
		col("systems", 90, func(st office.AgencyStatus) int { return st.Systems }),
		col("without_approved_level", 150, func(st office.AgencyStatus) int { return st.WithoutApproved }),
		col("violations", 80, func(st office.AgencyStatus) int { return st.Violations }),
		col("findings_overdue", 140, func(st office.AgencyStatus) int { return st.FindingsOverdue }),
		{title: cat.T("office.province.col.open_incidents"), width: 120, text: func(st office.AgencyStatus) string { return strconv.Itoa(st.OpenIncidents) },
			key: func(st office.AgencyStatus) string { return fmt.Sprintf("%010d", st.OpenIncidents) }},
		{title: cat.T("office.province.col.overdue_clocks"), width: 120, text: func(st office.AgencyStatus) string { return strconv.Itoa(st.OverdueClocks) },
			key: func(st office.AgencyStatus) string { return fmt.Sprintf("%010d", st.OverdueClocks) }},
	}
}

// agencyComplianceText is "75% (15/20)", or a dash when nothing is assessed.
func agencyComplianceText(st office.AgencyStatus) string {
	if st.ItemsAssessed == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%% (%d/%d)", st.Compliance, st.ItemsMet, st.ItemsAssessed)
}

// reload computes the status of the chosen year, its five-year roll-up
// by requirement and its trend off the UI thread (a few hundred
// milliseconds for a province of 200 agencies), then shows them.
func (scr *provinceScreen) reload() {
	year, err := strconv.Atoi(scr.year.Selected)
	if err != nil || scr.list == nil {
		return
	}
	years := make([]int, trendYears)
	for i := range years {
		years[i] = year - trendYears + 1 + i
	}
	sess, now := scr.shell.sess, scr.shell.now()
	var (
		list     []office.AgencyStatus
		deadline time.Time
		byYear   [][]office.ItemRollup
		trend    []office.YearPoint
		trendErr error
	)
	scr.shell.withProgress(scr.progress, func() error {
		var err error
		if list, deadline, err = sess.ProvinceStatus(year, now); err != nil {
			return err
		}
		if byYear, err = sess.ProvinceItemsByYear(years); err != nil {
			return err
		}
		trend, trendErr = sess.ProvinceTrend(years, now)
		return nil
	}, func() { scr.show(list, deadline, years, byYear, trend, trendErr) }, nil)
}

// show puts a computed year on screen.
func (scr *provinceScreen) show(list []office.AgencyStatus, deadline time.Time, years []int, byYear [][]office.ItemRollup, trend []office.YearPoint, trendErr error) {
	scr.all, scr.deadline, scr.trend, scr.trendErr = list, deadline, trend, trendErr
	parents := []string{}
	for _, st := range list {
		if p := st.Agency.Parent; p != "" && !slices.Contains(parents, p) {
			parents = append(parents, p)
		}
	}
	slices.Sort(parents)
	scr.parent.Options = append([]string{scr.anyLabel}, parents...)
	scr.apply()
	scr.items.setYears(years, byYear)
	scr.drawCharts(scr.rows)
}

// apply shows the agencies that pass the filters, the counts and charts.
func (scr *provinceScreen) apply() {
	if scr.list == nil || scr.kind.Selected == "" || scr.parent.Selected == "" || scr.state.Selected == "" {
		return
	}
	var rows []office.AgencyStatus
	for _, st := range scr.all {
		if scr.passes(st) {
			rows = append(rows, st)
		}
	}
	scr.rows = rows
	scr.list.setRows(rows)
	scr.summary.SetText(scr.summaryText(rows))
	scr.items.apply()
	scr.drawCharts(rows)
}

// shownRows are the agencies that pass the filters.
func (scr *provinceScreen) shownRows() []office.AgencyStatus { return scr.rows }

// passes reports whether st passes the filters and the search.
func (scr *provinceScreen) passes(st office.AgencyStatus) bool {
	cat := scr.shell.cat
	switch {
	case scr.kind.Selected != scr.anyLabel && cat.T("office.registry.kind."+string(st.Agency.Kind)) != scr.kind.Selected,
		scr.parent.Selected != scr.anyLabel && st.Agency.Parent != scr.parent.Selected,
		scr.state.Selected != scr.anyLabel && scr.stateText(st.State) != scr.state.Selected:
		return false
	}
	return textnorm.Contains(st.Agency.Name+" "+st.Agency.Code+" "+st.Agency.Parent, strings.TrimSpace(scr.search.Text))
}

// counts are the agencies in each report state.
func counts(rows []office.AgencyStatus) map[office.ReportState]int {
	c := map[office.ReportState]int{}
	for _, st := range rows {
		c[st.State]++
	}
	return c
}

// summaryText says how many reported, with the deadline.
func (scr *provinceScreen) summaryText(rows []office.AgencyStatus) string {
	c := counts(rows)
	return scr.shell.cat.T("office.province.summary", len(rows), scr.deadline.Format(dayLayout),
		c[office.ReportOnTime], c[office.ReportLate], c[office.ReportMissing], c[office.ReportNotYetDue])
}

// drawCharts draws the reporting status and compliance best to worst.
func (scr *provinceScreen) drawCharts(rows []office.AgencyStatus) {
	cat := scr.shell.cat
	c := counts(rows)
	states := office.ReportStates()
	var statusBars []bar
	for _, st := range states {
		statusBars = append(statusBars, bar{label: scr.stateText(st), value: float64(c[st]), text: strconv.Itoa(c[st]), color: stateColor(st)})
	}
	status := compactBarChart(statusBars, float64(max(1, len(rows))), func(i int) { scr.state.SetSelected(scr.stateText(states[i])) })
	var assessed []office.AgencyStatus
	for _, st := range rows {
		if st.ItemsAssessed > 0 {
			assessed = append(assessed, st)
		}
	}
	slices.SortStableFunc(assessed, func(a, b office.AgencyStatus) int { return int(b.Compliance*1000) - int(a.Compliance*1000) })
	var complianceBars []bar
	for _, st := range assessed {
		frac := st.Compliance / 100
		complianceBars = append(complianceBars, bar{label: st.Agency.Name, value: frac, text: agencyComplianceText(st), color: complianceColor(frac)})
	}
	title := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(cat.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	scr.charts.Objects = []fyne.CanvasObject{title("office.province.chart.status"), status, title("office.province.chart.compliance")}
	if len(complianceBars) == 0 {
		scr.charts.Add(widget.NewLabel(cat.T("office.province.chart.no_compliance")))
	} else {
		scr.charts.Add(barChart(complianceBars, 1, func(i int) { scr.onOpen(assessed[i]) }))
	}
	scr.charts.Add(title("office.items.chart_missed"))
	scr.charts.Add(scr.items.missedChart())
	scr.charts.Add(title("office.province.chart.trend"))
	scr.charts.Add(scr.trendChart())
	scr.charts.Refresh()
}

// trendChart is the last five years up to the chosen one: the share of
// agencies that reported on time, and the compliance of the agencies
// comparable over those years.
func (scr *provinceScreen) trendChart() fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	points, err := scr.trend, scr.trendErr
	switch {
	case err != nil:
		return wrapLabel(s.describe(err))
	case len(points) == 0: // the year is still being computed
		return widget.NewLabel("")
	}
	var bars []bar
	for _, p := range points {
		onTime := 0.0
		if p.Agencies > 0 {
			onTime = float64(p.OnTime) / float64(p.Agencies)
		}
		bars = append(bars, bar{label: cat.T("office.province.trend_on_time", p.Year), value: onTime,
			text: cat.T("office.province.trend_count", p.OnTime, p.Agencies), color: stateColor(office.ReportOnTime)})
		if p.Comparable > 0 {
			bars = append(bars, bar{label: cat.T("office.province.trend_compliance", p.Year), value: p.Compliance / 100,
				text: percent(p.Compliance / 100), color: complianceColor(p.Compliance / 100)})
		}
	}
	note := wrapLabel(cat.T("office.province.trend_note", points[0].Comparable))
	if points[0].Comparable == 0 {
		note.SetText(cat.T("office.province.trend_none"))
	}
	return container.NewVBox(note, compactBarChart(bars, 1, nil))
}

// stateColor is a report state's colour in the chart.
func stateColor(st office.ReportState) color.Color {
	switch st {
	case office.ReportOnTime:
		return color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF}
	case office.ReportLate:
		return color.NRGBA{R: 0xC7, G: 0x7C, B: 0x02, A: 0xFF}
	case office.ReportMissing:
		return color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}
	}
	return chartBlue()
}

// onOpen opens an agency's current bundle, or says whom to remind.
func (scr *provinceScreen) onOpen(st office.AgencyStatus) {
	if st.BundleID != 0 {
		scr.shell.showBundleView(st.BundleID)
		return
	}
	a := st.Agency
	contact := strings.Join(nonEmptyTexts(a.ContactName, a.ContactPhone, a.ContactEmail), ", ")
	if contact == "" {
		contact = scr.shell.cat.T("office.province.no_contact")
	}
	scr.shell.showMessage(a.Name, scr.shell.cat.T("office.province.not_received", scr.stateText(st.State), contact))
}
