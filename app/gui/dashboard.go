package gui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/obligations"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// dashboardService is what the overview needs of the session.
type dashboardService interface {
	Dashboard(now time.Time) (session.Dashboard, error)
	obligationActService
}

// dashboard is what a focal point sees first: overdue and upcoming
// obligations, violations, dossier states, and compliance per system. Every
// number opens the list behind it. It is read in one transaction.
type dashboard struct {
	shell *Shell
	svc   dashboardService
	session.Dashboard
}

func newDashboard(s *Shell) fyne.CanvasObject {
	_, content := buildDashboard(s)
	return content
}

func buildDashboard(s *Shell) (*dashboard, fyne.CanvasObject) {
	d := &dashboard{shell: s, svc: s.sess}
	var err error
	if d.Dashboard, err = d.svc.Dashboard(s.now()); err != nil {
		return d, wrapLabel(s.describe(err))
	}
	left := container.NewVBox(d.section("dash.obligations", d.obligationList()), d.section("dash.dossiers", d.dossierChart()))
	right := container.NewVBox(d.section("dash.compliance", d.complianceChart()))
	body := container.NewVBox(d.cards())
	if len(d.Awaiting) > 0 {
		body.Add(d.section("dash.awaiting", d.awaitingList()))
	}
	if len(d.Clocks) > 0 {
		body.Add(d.section("dash.incident_clocks", d.clockList()))
	}
	body.Add(container.NewGridWithColumns(2, left, right))
	return d, container.NewVScroll(body)
}

// dashClocks is how many running incident deadlines the dashboard shows,
// the nearest first; the incidents screen has them all.
const dashClocks = 8

// clockList shows the nearest running deadlines of the open incidents
// with the time left or past; a tap on one opens its incident, and a
// last line opens the incidents screen when there are more.
func (d *dashboard) clockList() fyne.CanvasObject {
	s := d.shell
	// The lines go into the box at once: each Add lays out every line
	// already there, which with hundreds of running clocks took seconds.
	lines := make([]fyne.CanvasObject, 0, dashClocks+1)
	for _, rc := range d.Clocks[:min(len(d.Clocks), dashClocks)] {
		c := rc.Clock
		state := s.cat.T("inc.clock.left", durationText(s, c.Remaining))
		imp := widget.MediumImportance
		switch {
		case c.Remaining < 0:
			state, imp = s.cat.T("inc.clock.late", durationText(s, -c.Remaining)), widget.DangerImportance
		case c.Remaining < 24*time.Hour:
			imp = widget.WarningImportance
		}
		text := s.cat.T("dash.clock_line", rc.Incident.Title, localTitle(s.cat, c.TitleVI, c.TitleEN), vnTime(c.DueAt), state)
		id := rc.Incident.ID
		lines = append(lines, newTapRow(text, imp, func() { s.openIncident(id) }))
	}
	if len(d.Clocks) > dashClocks {
		more := widget.NewButton(s.cat.T("dash.all_clocks", len(d.Clocks)), func() { s.Select(areaIncidents) })
		more.Importance = widget.LowImportance
		lines = append(lines, more)
	}
	return container.NewVBox(lines...)
}

func (d *dashboard) count(st obligations.Status) int {
	n := 0
	for _, o := range d.Obligations {
		if o.Status == st {
			n++
		}
	}
	return n
}

// cards are the headline numbers; each opens its list.
func (d *dashboard) cards() fyne.CanvasObject {
	s := d.shell
	cat := s.cat
	card := func(n int, key string, imp widget.Importance, open func()) fyne.CanvasObject {
		num := widget.NewButton(strconv.Itoa(n), open)
		num.Importance = imp
		label := widget.NewLabelWithStyle(cat.T(key), fyne.TextAlignCenter, fyne.TextStyle{})
		label.Wrapping = fyne.TextWrapWord
		return container.NewVBox(num, label)
	}
	overdueImp, violImp := widget.MediumImportance, widget.MediumImportance
	if d.count(obligations.StatusOverdue) > 0 {
		overdueImp = widget.DangerImportance
	}
	if d.Violations > 0 {
		violImp = widget.DangerImportance
	}
	awaitingImp := widget.MediumImportance
	if len(d.Awaiting) > 0 {
		awaitingImp = widget.WarningImportance
	}
	return container.NewGridWithColumns(6,
		card(d.count(obligations.StatusOverdue), "dash.overdue", overdueImp, func() { s.openObligations(obligations.StatusOverdue) }),
		card(d.count(obligations.StatusDue), "dash.due", widget.WarningImportance, func() { s.openObligations(obligations.StatusDue) }),
		card(d.Violations, "dash.violations", violImp, s.openViolations),
		card(len(d.Awaiting), "dash.awaiting", awaitingImp, d.openAwaiting),
		card(len(d.Systems), "dash.systems", widget.MediumImportance, func() { s.Select(areaSystems) }),
		card(d.Assets, "dash.assets", widget.MediumImportance, func() { s.Select(areaAssets) }),
	)
}

func (d *dashboard) section(key string, body fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(d.shell.cat.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), title, body)
}

// awaitingList shows the assessments waiting for approval; a tap on one
// opens it.
func (d *dashboard) awaitingList() fyne.CanvasObject {
	s := d.shell
	box := container.NewVBox()
	for _, a := range d.Awaiting {
		id := a.ID
		text := s.cat.T("dash.awaiting_line", a.SystemName, a.Period, a.Revision, a.Progress.Done(), a.Progress.Total)
		box.Add(newTapRow(text, widget.MediumImportance, func() { s.openAssessment(id) }))
	}
	return box
}

// openAwaiting opens the first assessment waiting for approval (the list
// under the cards names them all).
func (d *dashboard) openAwaiting() {
	if len(d.Awaiting) > 0 {
		d.shell.openAssessment(d.Awaiting[0].ID)
		return
	}
	d.shell.Select(areaAssessments)
}

// obligationGroup is the same obligation (rule, due date, status) of one
// or more systems.
type obligationGroup struct {
	items []obligations.Obligation
}

// groupObligations puts together, in order, the obligations of the same
// rule, due date and status.
func groupObligations(list []obligations.Obligation) []*obligationGroup {
	var out []*obligationGroup
	index := map[string]*obligationGroup{}
	for _, o := range list {
		key := o.PackID + "/" + o.RuleID + "/" + o.Due.Format("2006-01-02") + "/" + string(o.Status)
		g, ok := index[key]
		if !ok {
			g = &obligationGroup{}
			index[key] = g
			out = append(out, g)
		}
		g.items = append(g.items, o)
	}
	return out
}

// systemNames names the systems of a group, in order ("" for agency-wide).
func (d *dashboard) groupSystems(g *obligationGroup) []string {
	var names []string
	for _, o := range g.items {
		if o.SystemID == "" {
			continue
		}
		for _, sys := range d.Systems {
			if strconv.FormatInt(sys.ID, 10) == o.SystemID {
				names = append(names, sys.Name)
			}
		}
	}
	return names
}

// obligationList shows the overdue and due obligations, most urgent first;
// the same obligation of several systems is one line naming them. Each
// line, tapped anywhere, opens the obligation (or, for several systems,
// the list to choose from), where it can be recorded as done.
func (d *dashboard) obligationList() fyne.CanvasObject {
	s := d.shell
	box := container.NewVBox()
	shown := 0
	for _, want := range []obligations.Status{obligations.StatusOverdue, obligations.StatusDue} {
		var list []obligations.Obligation
		for _, o := range d.Obligations {
			if o.Status == want {
				list = append(list, o)
			}
		}
		for _, g := range groupObligations(list) {
			if shown == 8 {
				break
			}
			shown++
			o := g.items[0]
			text := dayText(o.Due) + " — " + localTitle(s.cat, o.TitleVI, o.TitleEN)
			if names := d.groupSystems(g); len(names) == 1 {
				text += " — " + names[0]
			} else if len(names) > 1 {
				text += " — " + s.cat.T("ob.group.systems", len(names), strings.Join(names, ", "))
			}
			g := g
			box.Add(newTapRow(text, obligationStyle(o), func() { d.openGroup(g) }))
		}
	}
	if shown == 0 {
		box.Add(widget.NewLabel(s.cat.T("dash.nothing_due")))
	}
	more := widget.NewButton(s.cat.T("dash.all_obligations"), func() { s.Select(areaObligations) })
	more.Importance = widget.LowImportance
	box.Add(more)
	return box
}

// systemName names the system of an obligation ("" for agency-wide).
func (d *dashboard) systemName(o obligations.Obligation) string {
	for _, sys := range d.Systems {
		if strconv.FormatInt(sys.ID, 10) == o.SystemID {
			return sys.Name
		}
	}
	return ""
}

// openGroup opens a line of the obligation list: the obligation itself,
// or, for several systems, a list of them, each opening its obligation.
// After a change the dashboard is read again.
func (d *dashboard) openGroup(g *obligationGroup) {
	s := d.shell
	if len(g.items) == 1 {
		o := g.items[0]
		s.showObligation(d.svc, o, d.systemName(o), s.refreshArea)
		return
	}
	s.chooseObligation(d.svc, g.items, d.systemName, s.refreshArea)
}

// dossierChart counts the systems per dossier state.
func (d *dashboard) dossierChart() fyne.CanvasObject {
	s := d.shell
	counts := map[registers.DossierState]int{}
	for _, sys := range d.Systems {
		st := sys.Dossier.State
		if st == "" {
			st = registers.DossierDrafting
		}
		counts[st]++
	}
	var bars []bar
	for _, st := range registers.DossierStates() {
		bars = append(bars, bar{label: dossierText(s, st), value: float64(counts[st]), text: strconv.Itoa(counts[st]), color: chartBlue()})
	}
	return compactBarChart(bars, float64(max(1, len(d.Systems))), func(i int) { s.openSystemsInState(registers.DossierStates()[i]) })
}

// complianceChart shows, per system, the compliance of its latest
// assessment by the one definition (package assessments): the bar is the
// share of assessed items met, the label names the period and revision
// (the assessment screen may show another) and how many were assessed.
func (d *dashboard) complianceChart() fyne.CanvasObject {
	s := d.shell
	var bars []bar
	var ids []int64
	for _, sys := range d.Systems {
		latest, ok := d.Latest[sys.ID]
		if !ok {
			continue
		}
		c := latest.Progress.Compliance()
		if c.Applicable() <= 0 {
			continue
		}
		frac := c.Percent() / 100
		label := s.cat.T("minor.dash.compliance_line", levelText(s, sys.Level()), sys.Name, latest.Period, latest.Revision, complianceText(s, c))
		bars = append(bars, bar{label: label, value: frac, text: percent(frac), color: complianceColor(frac)})
		ids = append(ids, sys.ID)
	}
	if len(bars) == 0 {
		return d.nextStep()
	}
	return barChart(bars, 1, func(i int) { s.openAssessmentOf(ids[i]) })
}

// nextStep says, when no system has been assessed, what to do first: add
// an information system while there is none, else assess one.
func (d *dashboard) nextStep() fyne.CanvasObject {
	s := d.shell
	if len(d.Systems) == 0 {
		add := widget.NewButtonWithIcon(s.cat.T("minor.dash.add_system"), theme.ContentAddIcon(), func() { s.Select(areaSystems) })
		add.Importance = widget.HighImportance
		return container.NewVBox(wrapLabel(s.cat.T("minor.dash.no_system")), container.NewHBox(add))
	}
	assess := widget.NewButton(s.cat.T("minor.dash.assess"), func() { s.Select(areaAssessments) })
	return container.NewVBox(wrapLabel(s.cat.T("dash.no_assessment")), container.NewHBox(assess))
}

func chartBlue() color.Color { return color.NRGBA{R: 0x24, G: 0x63, B: 0xC4, A: 0xFF} }

func complianceColor(frac float64) color.Color {
	switch {
	case frac >= 0.8:
		return color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF}
	case frac >= 0.5:
		return color.NRGBA{R: 0xF9, G: 0xA8, B: 0x25, A: 0xFF}
	}
	return color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}
}
