package gui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/office"
	"daumoi/data/textnorm"
	"daumoi/data/users"
)

// areaOfficeWarnings is the receiving office's register of the warnings
// it receives from above and relays to the agencies.
const areaOfficeWarnings = "office_warnings"

// warningSources are the issuers offered in the form (any other may be
// typed).
var warningSources = []string{"Cục An toàn thông tin (NCSC), Bộ Khoa học và Công nghệ", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05), Bộ Công an",
	"Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)", "Bộ Tư lệnh Tác chiến không gian mạng (Bộ Tư lệnh 86), Bộ Quốc phòng", "Công an tỉnh"}

// officeWarningsScreen lists the office's warnings, newest first, with
// the chosen one in detail and its buttons.
type officeWarningsScreen struct {
	shell    *Shell
	all      []office.Warning
	agencies []office.Agency
	list     *listTable[office.Warning]
	search   *widget.Entry
	add      *widget.Button
	detail   *fyne.Container
	chosen   int64 // the id of the warning in detail, 0 for none

	// The dialogs on display, if any (kept for the tests).
	form    *warningForm
	confirm dialog.Dialog
}

func newOfficeWarningsScreen(s *Shell) fyne.CanvasObject {
	cat := s.cat
	scr := &officeWarningsScreen{shell: s}
	s.warningsScr = scr
	scr.list = newListTable(scr.columns(), cat.T("office.warning.empty"), func(w office.Warning) { scr.show(w.ID) })
	scr.list.keep = true
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("office.warning.search"))
	scr.search.OnChanged = func(string) { scr.apply() }
	scr.add = widget.NewButtonWithIcon(cat.T("office.warning.add"), theme.ContentAddIcon(), func() {
		scr.openForm(office.Warning{Received: office.Day(s.now())}, true)
	})
	scr.add.Importance = widget.HighImportance
	if !s.me.Can(users.PermReceive) {
		scr.add.Disable()
	}
	scr.detail = container.NewVBox(wrapLabel(cat.T("office.warning.choose")))
	top := container.NewBorder(nil, nil, nil, scr.add, scr.search)
	split := container.NewVSplit(scr.list.view, container.NewVScroll(scr.detail))
	split.Offset = 0.55
	scr.reload()
	return container.NewBorder(top, nil, nil, nil, split)
}

// columns are the list's columns.
func (scr *officeWarningsScreen) columns() []listColumn[office.Warning] {
	cat := scr.shell.cat
	dayKey := func(t time.Time) string { return t.Format(time.DateOnly) }
	return []listColumn[office.Warning]{
		{title: cat.T("office.warning.col_received"), width: 100, text: func(w office.Warning) string { return day(w.Received) },
			key: func(w office.Warning) string { return dayKey(w.Received) }},
		{title: cat.T("office.warning.col_source"), width: 185, text: func(w office.Warning) string { return w.Source }},
		{title: cat.T("office.warning.col_number"), width: 135, text: func(w office.Warning) string { return w.Number }},
		{title: cat.T("office.warning.col_subject"), width: 270, text: func(w office.Warning) string { return w.Subject }},
		{title: cat.T("office.warning.col_severity"), width: 118, text: func(w office.Warning) string { return scr.severityText(w.Severity) }},
		{title: cat.T("office.warning.col_relay"), width: 245, text: scr.relayText,
			key: func(w office.Warning) string { return dayKey(w.Relayed) }},
		{title: cat.T("office.warning.col_status"), width: 125, text: func(w office.Warning) string { return cat.T("office.warning.status." + string(w.Status)) }},
	}
}

// severityText is a severity in words ("" for none).
func (scr *officeWarningsScreen) severityText(s office.Severity) string {
	if s == office.SeverityNone {
		return ""
	}
	return scr.shell.cat.T("office.warning.severity." + string(s))
}

// relayText says when and to how many agencies a warning was relayed.
func (scr *officeWarningsScreen) relayText(w office.Warning) string {
	cat := scr.shell.cat
	switch {
	case !w.IsRelayed():
		return cat.T("office.warning.not_relayed")
	case w.RelayedToAll:
		return cat.T("office.warning.relayed_all", day(w.Relayed))
	}
	return cat.T("office.warning.relayed_some", day(w.Relayed), len(w.RelayedTo))
}

// reload reads the register and the agencies again and shows them,
// keeping the search and the warning in detail.
func (scr *officeWarningsScreen) reload() {
	svc := scr.shell.sess
	list, err := svc.OfficeWarnings(time.Time{}, time.Time{})
	if err != nil {
		scr.shell.showError(err)
		return
	}
	agencies, err := svc.Agencies()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.all, scr.agencies = list, agencies
	scr.apply()
	if scr.chosen != 0 {
		scr.show(scr.chosen)
	}
}

// apply lists the warnings matching every word of the search, which
// ignores case and diacritics ("lo hong exchange" finds "Lỗ hổng … trong
// Microsoft Exchange").
func (scr *officeWarningsScreen) apply() {
	words := strings.Fields(scr.search.Text)
	var rows []office.Warning
	for _, w := range scr.all {
		text := strings.Join([]string{w.Source, w.Number, w.Subject, w.RelayNumber, w.Note, day(w.Received)}, " ")
		if !slices.ContainsFunc(words, func(q string) bool { return !textnorm.Contains(text, q) }) {
			rows = append(rows, w)
		}
	}
	scr.list.setRows(rows)
}

// warning is the warning with id, if in the register.
func (scr *officeWarningsScreen) warning(id int64) (office.Warning, bool) {
	i := slices.IndexFunc(scr.all, func(w office.Warning) bool { return w.ID == id })
	if i < 0 {
		return office.Warning{}, false
	}
	return scr.all[i], true
}

// show puts a warning in the detail pane, with its buttons.
func (scr *officeWarningsScreen) show(id int64) {
	w, ok := scr.warning(id)
	if !ok {
		scr.chosen = 0
		scr.detail.Objects = []fyne.CanvasObject{wrapLabel(scr.shell.cat.T("office.warning.choose"))}
		scr.detail.Refresh()
		return
	}
	scr.chosen = id
	cat := scr.shell.cat
	head := widget.NewLabelWithStyle(w.Subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	edit := widget.NewButtonWithIcon(cat.T("office.warning.edit"), theme.DocumentCreateIcon(), func() { scr.openForm(w, false) })
	remove := widget.NewButtonWithIcon(cat.T("office.warning.remove"), theme.DeleteIcon(), func() { scr.confirmRemove(w) })
	remove.Importance = widget.DangerImportance
	if !scr.shell.me.Can(users.PermReceive) {
		edit.Disable()
		remove.Disable()
	}
	scr.detail.Objects = []fyne.CanvasObject{head, wrapLabel(scr.facts(w)), container.NewHBox(edit, remove)}
	scr.detail.Refresh()
}

// facts are a warning's document, severity, relay and note, one a line.
func (scr *officeWarningsScreen) facts(w office.Warning) string {
	cat := scr.shell.cat
	doc := w.Number
	if doc == "" {
		doc = cat.T("office.warning.no_number")
	}
	if !w.Issued.IsZero() {
		doc = cat.T("office.warning.doc_dated", doc, day(w.Issued))
	}
	lines := []string{cat.T("office.warning.fact_received", day(w.Received), w.Source), cat.T("office.warning.fact_document", doc)}
	if w.Severity != office.SeverityNone {
		lines = append(lines, cat.T("office.warning.fact_severity", scr.severityText(w.Severity)))
	}
	lines = append(lines, cat.T("office.warning.fact_status", cat.T("office.warning.status."+string(w.Status))))
	relay := scr.relayText(w)
	if w.RelayNumber != "" {
		relay = cat.T("office.warning.relay_with_number", relay, w.RelayNumber)
	}
	lines = append(lines, cat.T("office.warning.fact_relay", relay))
	if names := scr.recipientNames(w); names != "" {
		lines = append(lines, cat.T("office.warning.fact_recipients", names))
	}
	if w.Note != "" {
		lines = append(lines, cat.T("office.warning.fact_note", w.Note))
	}
	return strings.Join(lines, "\n")
}

// recipientNames are the names of the agencies a warning was relayed to
// (not when relayed to all).
func (scr *officeWarningsScreen) recipientNames(w office.Warning) string {
	var names []string
	for _, code := range w.RelayedTo {
		name := code
		if i := slices.IndexFunc(scr.agencies, func(a office.Agency) bool { return a.Code == code }); i >= 0 {
			name = scr.agencies[i].Name
		}
		names = append(names, name)
	}
	return strings.Join(names, "; ")
}

// confirmRemove asks before removing w from the register.
func (scr *officeWarningsScreen) confirmRemove(w office.Warning) {
	cat := scr.shell.cat
	what := w.Number
	if what == "" {
		what = w.Subject
	}
	scr.confirm = dialog.NewConfirm(cat.T("office.warning.remove_title"), cat.T("office.warning.remove_body", what, w.Source), func(ok bool) {
		scr.confirm = nil
		if !ok {
			return
		}
		if err := scr.shell.sess.RemoveOfficeWarning(w.ID, ""); err != nil {
			scr.shell.showError(err)
			return
		}
		scr.chosen = 0
		scr.reload()
		scr.show(0)
	}, scr.shell.win)
	scr.confirm.Show()
}

// warningForm adds or edits a warning.
type warningForm struct {
	editForm
	adding                       bool
	id                           int64
	received, issued, relayed    *widget.Entry
	source                       *widget.SelectEntry
	number, subject, relayNumber *widget.Entry
	note                         *widget.Entry
	severity, status             *widget.Select
	toAll                        *widget.Check
	to                           *widget.CheckGroup
	pick                         *fyne.Container // buttons that check every agency of a kind
	severities                   map[string]office.Severity
	statuses                     map[string]office.WarningStatus
	codes                        map[string]string // agency label → code
	save                         func()
}

// openForm shows the warning form: a new warning (w with today's day
// received), or w to edit.
func (scr *officeWarningsScreen) openForm(w office.Warning, adding bool) {
	s := scr.shell
	cat := s.cat
	f := &warningForm{editForm: editForm{shell: s, perm: users.PermReceive}, adding: adding, id: w.ID,
		severities: map[string]office.Severity{}, statuses: map[string]office.WarningStatus{}, codes: map[string]string{}}
	dayText := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return day(t)
	}
	f.received = f.entry(dayText(w.Received), requiredValidator(s))
	f.received.SetPlaceHolder("dd/mm/yyyy")
	f.issued = f.entry(dayText(w.Issued), nil)
	f.issued.SetPlaceHolder("dd/mm/yyyy")
	f.source = widget.NewSelectEntry(warningSources)
	f.source.SetText(w.Source)
	f.source.Validator = requiredValidator(s)
	f.source.OnChanged = func(string) { f.changed() }
	f.number = f.entry(w.Number, nil)
	f.subject = f.entry(w.Subject, requiredValidator(s))
	f.severity = f.choice(f.severityLabels(scr), scr.severityLabel(w.Severity))
	f.status = f.choice(f.statusLabels(), cat.T("office.warning.status."+string(orFollowing(w.Status))))
	f.relayed = f.entry(dayText(w.Relayed), nil)
	f.relayed.SetPlaceHolder("dd/mm/yyyy")
	f.relayNumber = f.entry(w.RelayNumber, nil)
	f.note = f.multi(w.Note)
	f.recipients(scr, w)
	f.dirty = false
	form := widget.NewForm(
		widget.NewFormItem(cat.T("office.warning.field_received"), f.received),
		widget.NewFormItem(cat.T("office.warning.field_source"), f.source),
		widget.NewFormItem(cat.T("office.warning.field_number"), f.number),
		widget.NewFormItem(cat.T("office.warning.field_issued"), f.issued),
		widget.NewFormItem(cat.T("office.warning.field_subject"), f.subject),
		widget.NewFormItem(cat.T("office.warning.field_severity"), f.severity),
		widget.NewFormItem(cat.T("office.warning.field_status"), f.status),
		widget.NewFormItem(cat.T("office.warning.field_relayed"), f.relayed),
		widget.NewFormItem(cat.T("office.warning.field_relay_number"), f.relayNumber),
		widget.NewFormItem(cat.T("office.warning.field_to"), container.NewVBox(f.toAll, f.pick, f.to)),
		widget.NewFormItem(cat.T("office.warning.field_note"), f.note),
	)
	title, heading := cat.T("office.warning.add"), cat.T("office.warning.add_heading")
	if !adding {
		title, heading = cat.T("office.warning.edit"), w.Subject
	}
	f.save = func() { scr.saveWarning(f) }
	scr.form = f
	f.open(title, heading, form, f.save)
}

func orFollowing(s office.WarningStatus) office.WarningStatus {
	if s == "" {
		return office.WarningFollowing
	}
	return s
}

// choice is a select of labels that marks the form changed.
func (f *warningForm) choice(labels []string, selected string) *widget.Select {
	sel := widget.NewSelect(labels, func(string) { f.changed() })
	sel.SetSelected(selected)
	return sel
}

// severityLabel is a severity as the form's select shows it.
func (scr *officeWarningsScreen) severityLabel(s office.Severity) string {
	if s == office.SeverityNone {
		return scr.shell.cat.T("office.warning.severity_none")
	}
	return scr.severityText(s)
}

func (f *warningForm) severityLabels(scr *officeWarningsScreen) []string {
	var labels []string
	for _, v := range office.Severities() {
		label := scr.severityLabel(v)
		f.severities[label] = v
		labels = append(labels, label)
	}
	return labels
}

func (f *warningForm) statusLabels() []string {
	var labels []string
	for _, v := range office.WarningStatuses() {
		label := f.shell.cat.T("office.warning.status." + string(v))
		f.statuses[label] = v
		labels = append(labels, label)
	}
	return labels
}

// recipients makes the "every agency" check, buttons that check every
// agency of a kind (a province has a hundred communes) and the agencies'
// checks; the latter are off while the former is on.
func (f *warningForm) recipients(scr *officeWarningsScreen, w office.Warning) {
	cat := f.shell.cat
	var labels, chosen []string
	byKind := map[office.Kind][]string{}
	for _, a := range scr.agencies {
		f.codes[a.Name] = a.Code
		labels = append(labels, a.Name)
		byKind[a.Kind] = append(byKind[a.Kind], a.Name)
		if slices.Contains(w.RelayedTo, a.Code) {
			chosen = append(chosen, a.Name)
		}
	}
	f.to = widget.NewCheckGroup(labels, func([]string) { f.changed() })
	f.to.SetSelected(chosen)
	f.pick = container.NewHBox()
	for _, k := range office.Kinds() {
		names := byKind[k]
		if len(names) == 0 {
			continue
		}
		f.pick.Add(widget.NewButtonWithIcon(cat.T("office.warning.pick_kind", cat.T("office.registry.kind."+string(k)), len(names)), theme.ContentAddIcon(), func() {
			sel := append(slices.Clone(f.to.Selected), names...)
			slices.Sort(sel)
			f.to.SetSelected(slices.Compact(sel))
		}))
	}
	f.toAll = widget.NewCheck(cat.T("office.warning.to_all", len(scr.agencies)), func(on bool) {
		f.changed()
		for _, o := range append([]fyne.CanvasObject{f.to}, f.pick.Objects...) {
			if d, ok := o.(fyne.Disableable); ok && on {
				d.Disable()
			} else if ok {
				d.Enable()
			}
		}
	})
	f.toAll.SetChecked(w.RelayedToAll)
}

// warning is the warning the form describes; ok is false (and the
// person told) when a day cannot be read.
func (f *warningForm) warning() (office.Warning, bool) {
	w := office.Warning{ID: f.id, Source: textnorm.NFC(strings.TrimSpace(f.source.Text)), Number: entryText(f.number), Subject: entryText(f.subject),
		Severity: f.severities[f.severity.Selected], Status: f.statuses[f.status.Selected], RelayNumber: entryText(f.relayNumber),
		Note: entryText(f.note), RelayedToAll: f.toAll.Checked}
	for _, d := range []struct {
		dst *time.Time
		e   *widget.Entry
	}{{&w.Received, f.received}, {&w.Issued, f.issued}, {&w.Relayed, f.relayed}} {
		t, err := office.ParseDay(d.e.Text)
		if err != nil {
			f.shell.showError(err)
			return office.Warning{}, false
		}
		*d.dst = t
	}
	if !w.RelayedToAll {
		for _, name := range f.to.Selected {
			w.RelayedTo = append(w.RelayedTo, f.codes[name])
		}
	}
	return w, true
}

// saveWarning stores the form's warning and shows it.
func (scr *officeWarningsScreen) saveWarning(f *warningForm) {
	w, ok := f.warning()
	if !ok {
		return
	}
	svc := scr.shell.sess
	if f.adding {
		added, err := svc.AddOfficeWarning(w)
		if err != nil {
			scr.shell.showError(err)
			return
		}
		w.ID = added.ID
	} else if err := svc.UpdateOfficeWarning(w); err != nil {
		scr.shell.showError(err)
		return
	}
	f.dlg.Hide()
	scr.form = nil
	scr.chosen = w.ID
	scr.reload()
}
