package gui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/incidents"
	"daumoi/data/session"
	"daumoi/data/textnorm"
)

// receivedScreen is the office's list of received bundles: every agency's
// reports and incident bundles, current and superseded, each opening the
// read-only viewer.
type receivedScreen struct {
	shell    *Shell
	names    map[string]string // agency code → name
	clocks   map[int64]string  // incident bundle → its next reporting deadline
	all      []session.ReceivedBundle
	agency   *widget.Select
	kind     *widget.Select
	old      *widget.Check
	search   *widget.Entry
	count    *widget.Label
	list     *listTable[session.ReceivedBundle]
	anyLabel string
}

// newReceivedScreen builds the "Hồ sơ đã tiếp nhận" area.
func newReceivedScreen(s *Shell) fyne.CanvasObject {
	_, content := buildReceivedScreen(s)
	return content
}

// buildReceivedScreen builds the screen and returns it for the tests.
func buildReceivedScreen(s *Shell) (*receivedScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &receivedScreen{shell: s, names: map[string]string{}, clocks: map[int64]string{}, anyLabel: cat.T("office.received.any")}
	scr.count = widget.NewLabel("")
	scr.list = newListTable(scr.columns(), cat.T("office.received.empty"), func(b session.ReceivedBundle) { s.showBundleView(b.ID) })
	scr.agency = newSelect(cat, nil, func(string) { scr.apply() })
	scr.kind = newSelect(cat, nil, func(string) { scr.apply() })
	scr.old = widget.NewCheck(cat.T("office.received.show_old"), func(bool) { scr.apply() })
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("office.received.search"))
	scr.search.OnChanged = func(string) { scr.apply() }
	scr.reload()
	label := func(key string) *widget.Label { return widget.NewLabel(cat.T(key)) }
	filters := container.New(layoutFilterGrid{}, label("office.received.agency"), scr.agency, label("office.received.kind"), scr.kind)
	keys := container.NewBorder(nil, nil, nil, trustButton(s), newOfficeKeyRow(s).view)
	top := container.NewVBox(keys, filters, container.NewBorder(nil, nil, nil, container.NewHBox(scr.old, scr.count), scr.search))
	return scr, container.NewBorder(top, nil, nil, nil, scr.list.view)
}

// columns are the list's columns.
func (scr *receivedScreen) columns() []listColumn[session.ReceivedBundle] {
	cat := scr.shell.cat
	return []listColumn[session.ReceivedBundle]{
		{title: cat.T("office.col.agency"), width: 300, text: func(b session.ReceivedBundle) string { return scr.agencyName(b.AgencyCode) }},
		{title: cat.T("office.col.kind"), width: 230, text: func(b session.ReceivedBundle) string { return bundleKindLabel(cat, b.Kind) }},
		{title: cat.T("office.col.period"), width: 190, text: func(b session.ReceivedBundle) string { return periodText(b.From, b.To) },
			key: func(b session.ReceivedBundle) string { return b.From.Format("2006-01-02") + b.To.Format("2006-01-02") }},
		{title: cat.T("office.col.received"), width: 140, text: func(b session.ReceivedBundle) string { return vnTime(b.ReceivedAt) },
			key: func(b session.ReceivedBundle) string { return b.ReceivedAt.UTC().Format("2006-01-02T15:04:05") }},
		{title: cat.T("office.col.state"), width: 200, text: func(b session.ReceivedBundle) string { return receivedState(cat, b) }},
		{title: cat.T("office.col.clock"), width: 260, text: func(b session.ReceivedBundle) string { return scr.clocks[b.ID] }},
	}
}

// agencyName is the registered name of an agency, else its code.
func (scr *receivedScreen) agencyName(code string) string {
	if n := scr.names[code]; n != "" {
		return n
	}
	return code
}

// reload reads the registry and the received bundles again.
func (scr *receivedScreen) reload() {
	sess := scr.shell.sess
	agencies, err := sess.Agencies()
	if err == nil {
		scr.all, err = sess.ReceivedBundles("")
	}
	if err != nil {
		scr.shell.showError(err)
		return
	}
	for _, a := range agencies {
		scr.names[a.Code] = a.Name
	}
	scr.readClocks()
	scr.agency.Options = append([]string{scr.anyLabel}, scr.agencyChoices()...)
	scr.kind.Options = append([]string{scr.anyLabel}, scr.kindChoices()...)
	scr.agency.SetSelected(scr.anyLabel)
	scr.kind.SetSelected(scr.anyLabel)
	scr.apply()
}

// agencyChoices names the agencies that sent something.
func (scr *receivedScreen) agencyChoices() []string {
	var out []string
	for _, b := range scr.all {
		if n := scr.agencyName(b.AgencyCode); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// kindChoices names the kinds received.
func (scr *receivedScreen) kindChoices() []string {
	var out []string
	for _, b := range scr.all {
		if k := bundleKindLabel(scr.shell.cat, b.Kind); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// apply shows the bundles that pass the filters and the search (which
// ignores diacritics).
func (scr *receivedScreen) apply() {
	if scr.list == nil || scr.agency.Selected == "" || scr.kind.Selected == "" {
		return
	}
	q := strings.TrimSpace(scr.search.Text)
	var rows []session.ReceivedBundle
	for _, b := range scr.all {
		name, kind := scr.agencyName(b.AgencyCode), bundleKindLabel(scr.shell.cat, b.Kind)
		switch {
		case scr.agency.Selected != scr.anyLabel && name != scr.agency.Selected,
			scr.kind.Selected != scr.anyLabel && kind != scr.kind.Selected,
			!scr.old.Checked && b.SupersededBy != 0,
			!textnorm.Contains(name+" "+b.AgencyCode+" "+kind+" "+b.FileName, q):
			continue
		}
		rows = append(rows, b)
	}
	scr.count.SetText(scr.shell.cat.T("office.received.count", len(rows), len(scr.all)))
	scr.list.setRows(rows)
}

// readClocks finds, for each current incident bundle, the reporting
// deadline that matters now: the first one not met (late or not), else
// that all were met.
func (scr *receivedScreen) readClocks() {
	s := scr.shell
	for _, b := range scr.all {
		if b.Kind != "incident" || b.SupersededBy != 0 {
			continue
		}
		clocks, err := s.sess.ReceivedIncidentClocks(b.ID, s.now())
		if err != nil || len(clocks) == 0 {
			continue
		}
		scr.clocks[b.ID] = s.cat.T("office.clock.all_met")
		for _, c := range clocks {
			if c.MetAt.IsZero() {
				scr.clocks[b.ID] = s.cat.T("office.clock.next", c.DueAt.In(incidents.Zone()).Format("02/01 15:04"), clockState(s, c))
				break
			}
		}
	}
}
