package gui

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/calendar"
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// obligationsService is what the obligations screen needs of the session.
type obligationsService interface {
	Obligations(today time.Time) ([]obligations.Obligation, error)
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	obligationActService
}

// obligationActService is what acting on an obligation needs: the kinds
// of activity its rule counts, recording one (with its evidence, from the
// library or added there), and marking the obligation not applicable.
type obligationActService interface {
	ObligationKinds(packID, ruleID string) ([]string, error)
	RecordActivity(a session.Activity) (session.Activity, error)
	MarkObligationNotApplicable(id, reason string) error
	evidenceAdder
}

// obligationsScreen lists what is due, overdue and done, computed from the
// active regulation packs and the registers for today, with the legal
// source of each, and exports the deadlines as a calendar file.
type obligationsScreen struct {
	shell   *Shell
	svc     obligationsService
	all     []obligations.Obligation
	names   map[string]string
	status  *widget.Select
	count   *widget.Label
	list    *listTable[obligations.Obligation]
	statusF obligations.Status // the status shown; "" for every applicable one
	// grouped puts the same obligation of several systems on one row;
	// groups maps such a row's id (its first obligation's) to them all.
	grouped *widget.Check
	groups  map[string][]obligations.Obligation
}

// obligationStatuses are the statuses offered in the filter, in order.
func obligationStatuses() []obligations.Status {
	return []obligations.Status{obligations.StatusOverdue, obligations.StatusDue, obligations.StatusUpcoming,
		obligations.StatusDone, obligations.StatusNotApplicable}
}

func newObligationsScreen(s *Shell) fyne.CanvasObject {
	status, _ := s.takePending().(obligations.Status)
	_, content := buildObligationsScreen(s, status)
	return content
}

// buildObligationsScreen shows the obligations with status (every
// applicable one when status is "").
func buildObligationsScreen(s *Shell, status obligations.Status) (*obligationsScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &obligationsScreen{shell: s, svc: s.sess, statusF: status, names: map[string]string{}}
	opts := []string{cat.T("ob.filter.applicable")}
	for _, st := range obligationStatuses() {
		opts = append(opts, capFirst(cat.T("obligation_status."+string(st))))
	}
	scr.status = newSelect(cat, opts, nil)
	scr.status.SetSelectedIndex(0)
	for i, st := range obligationStatuses() {
		if st == status {
			scr.status.SetSelectedIndex(i + 1)
		}
	}
	scr.count = widget.NewLabel("")
	scr.list = newListTable(scr.columns(), cat.T("ob.empty"), scr.onOpen)
	scr.list.style = obligationStyle
	scr.status.OnChanged = func(string) { scr.filter() }
	scr.grouped = widget.NewCheck(cat.T("ob.group.check"), func(bool) { scr.filter() })
	ics := widget.NewButtonWithIcon(cat.T("ob.export_ics"), theme.DownloadIcon(), scr.onExportICS)
	scr.load()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(scr.grouped, scr.count, ics), scr.status)
	note := widget.NewLabel(cat.T("ob.today", s.now().Format("02/01/2006")))
	note.Importance = widget.LowImportance
	return scr, container.NewBorder(container.NewVBox(bar, note), nil, nil, nil, scr.list.view)
}

func obligationStyle(o obligations.Obligation) widget.Importance {
	switch o.Status {
	case obligations.StatusOverdue:
		return widget.DangerImportance
	case obligations.StatusDue:
		return widget.WarningImportance
	case obligations.StatusDone:
		return widget.SuccessImportance
	case obligations.StatusNotApplicable:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func (scr *obligationsScreen) columns() []listColumn[obligations.Obligation] {
	cat := scr.shell.cat
	return []listColumn[obligations.Obligation]{
		{title: cat.T("ob.col.status"), width: 110, text: func(o obligations.Obligation) string { return obligationStatusText(cat, o) }},
		{title: cat.T("ob.col.due"), width: 110, text: func(o obligations.Obligation) string { return dayText(o.Due) },
			key: func(o obligations.Obligation) string { return o.Due.Format("2006-01-02") }},
		{title: cat.T("ob.col.title"), width: 380, text: func(o obligations.Obligation) string { return localTitle(scr.shell.cat, o.TitleVI, o.TitleEN) }},
		{title: cat.T("ob.col.system"), width: 220, text: scr.systemText},
		{title: cat.T("ob.col.source"), width: 220, text: func(o obligations.Obligation) string { return calendar.LegalSource(o.Source) }},
	}
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// load computes the obligations for today and shows the chosen status.
func (scr *obligationsScreen) load() {
	systems, err := scr.svc.ListSystems(session.SystemFilter{})
	if err == nil {
		for _, sys := range systems {
			scr.names[strconv.FormatInt(sys.ID, 10)] = sys.Name
		}
	}
	scr.all, err = scr.svc.Obligations(scr.shell.now())
	if err != nil {
		scr.shell.showError(err)
	}
	scr.filter()
}

func (scr *obligationsScreen) filter() {
	var want obligations.Status
	if i := scr.status.SelectedIndex(); i > 0 {
		want = obligationStatuses()[i-1]
	}
	var rows []obligations.Obligation
	for _, o := range scr.all {
		if (want == "" && o.Status != obligations.StatusNotApplicable) || o.Status == want {
			rows = append(rows, o)
		}
	}
	scr.groups = map[string][]obligations.Obligation{}
	if scr.grouped.Checked {
		var out []obligations.Obligation
		for _, g := range groupObligations(rows) {
			out = append(out, g.items[0])
			if len(g.items) > 1 {
				scr.groups[g.items[0].ID] = g.items
			}
		}
		rows = out
	}
	scr.count.SetText(scr.shell.cat.T("reg.count", len(rows)))
	scr.list.setRows(rows)
}

// systemText names the system of a row, or every system of a grouped row.
func (scr *obligationsScreen) systemText(o obligations.Obligation) string {
	items, ok := scr.groups[o.ID]
	if !ok {
		return scr.names[o.SystemID]
	}
	var names []string
	for _, it := range items {
		names = append(names, scr.names[it.SystemID])
	}
	return scr.shell.cat.T("ob.group.systems", len(names), strings.Join(names, ", "))
}

// onOpen shows one obligation in full, with what can be done about it.
func (scr *obligationsScreen) onOpen(o obligations.Obligation) {
	if items, ok := scr.groups[o.ID]; ok {
		scr.shell.chooseObligation(scr.svc, items, func(o obligations.Obligation) string { return scr.names[o.SystemID] }, scr.load)
		return
	}
	scr.shell.showObligation(scr.svc, o, scr.names[o.SystemID], scr.load)
}

// chooseObligation lists the systems of the same obligation; each opens
// its own.
func (s *Shell) chooseObligation(svc obligationActService, items []obligations.Obligation, system func(obligations.Obligation) string, changed func()) {
	o := items[0]
	var dlg *dialog.CustomDialog
	box := container.NewVBox(wrapLabel(s.cat.T("ob.group.title", localTitle(s.cat, o.TitleVI, o.TitleEN), len(items))))
	for _, it := range items {
		it := it
		b := widget.NewButtonWithIcon(system(it), theme.NavigateNextIcon(), func() {
			dlg.Hide()
			s.showObligation(svc, it, system(it), changed)
		})
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	dlg = dialog.NewCustom(s.cat.T("ob.detail.title"), s.cat.T("reg.close"), container.New(fixedWidth{width: 560}, box), s.win)
	showFitted(dlg)
}

// obligationStatusText is an obligation's status in words; a report the
// receiving office acknowledged says so ("đã được tiếp nhận").
func obligationStatusText(cat translator, o obligations.Obligation) string {
	if !o.Received.IsZero() {
		return capFirst(cat.T("ob.status.received"))
	}
	return capFirst(cat.T("obligation_status." + string(o.Status)))
}

// obligationText describes an obligation: title, status, due date, legal
// source, system, and how it was met or why it does not apply.
func obligationText(s *Shell, o obligations.Obligation, system string) string {
	cat := s.cat
	lines := []string{
		localTitle(cat, o.TitleVI, o.TitleEN),
		cat.T("ob.detail.status", capFirst(cat.T("obligation_status."+string(o.Status)))),
		cat.T("ob.detail.due", dayText(o.Due)),
		cat.T("ob.detail.source", calendar.LegalSource(o.Source), shellPackWords(s).packTitle(o.Source.PackID)),
	}
	if system != "" {
		lines = append(lines, cat.T("ob.detail.system", system))
	}
	if o.SatisfiedBy != nil {
		lines = append(lines, cat.T("ob.detail.done", activityKindText(s, o.SatisfiedBy.Kind), dayText(o.SatisfiedBy.At)))
	}
	if !o.Received.IsZero() {
		lines = append(lines, cat.T("ob.detail.received", vnTime(o.Received)))
	}
	switch {
	case o.Reason == obligations.ReasonMarked:
		lines = append(lines, cat.T("ob.detail.marked", o.Note))
	case o.Reason != "":
		lines = append(lines, cat.T("ob.detail.reason", cat.T("obligation_reason."+o.Reason)))
	}
	if o.Unverified {
		lines = append(lines, cat.T("ob.detail.unverified"))
	}
	return strings.Join(lines, "\n")
}

// activityKindText names an activity kind in the user's language (the
// kind itself when the catalog has no name for it).
func activityKindText(s *Shell, kind string) string {
	key := "activity_kind." + kind
	if t := s.cat.T(key); t != key {
		return t
	}
	return kind
}

// showObligation shows an obligation with its actions: record the
// activity its rule counts, mark it not applicable, or (remediation) open
// the system's findings; changed runs after a change so the caller shows
// the obligation's new state at once.
func (s *Shell) showObligation(svc obligationActService, o obligations.Obligation, system string, changed func()) {
	cat := s.cat
	var d *dialog.CustomDialog
	var buttons []fyne.CanvasObject
	if o.Kind == packs.KindRemediation && o.SystemID != "" {
		if id, err := strconv.ParseInt(o.SystemID, 10, 64); err == nil {
			open := widget.NewButtonWithIcon(cat.T("ob.open_findings"), theme.NavigateNextIcon(), func() {
				d.Hide()
				s.openFindingsOf(id)
			})
			open.Importance = widget.HighImportance
			buttons = append(buttons, open)
		}
	}
	kinds, _ := svc.ObligationKinds(o.PackID, o.RuleID)
	canEdit := s.me.Can(users.PermEditRegisters)
	if len(kinds) > 0 && o.Status != obligations.StatusNotApplicable {
		record := widget.NewButtonWithIcon(cat.T("ob.record"), theme.ConfirmIcon(), func() {
			d.Hide()
			s.recordObligation(svc, o, system, kinds, changed)
		})
		record.Importance = widget.HighImportance
		if !canEdit {
			record.Disable()
		}
		buttons = append(buttons, record)
	}
	if o.Status != obligations.StatusNotApplicable && o.Status != obligations.StatusDone && o.ID != "" {
		na := widget.NewButtonWithIcon(cat.T("ob.mark_na"), theme.CancelIcon(), func() {
			d.Hide()
			s.markObligation(svc, o, changed)
		})
		if !canEdit {
			na.Disable()
		}
		buttons = append(buttons, na)
	}
	body := container.NewVBox(container.New(fixedWidth{width: 560}, wrapLabel(obligationText(s, o, system))))
	if len(buttons) > 0 {
		body.Add(container.NewCenter(container.NewHBox(buttons...)))
	}
	if len(buttons) > 0 && !canEdit {
		note := wrapLabel(cat.T("ob.no_permission"))
		note.Importance = widget.LowImportance
		body.Add(container.New(fixedWidth{width: 560}, note))
	}
	d = dialog.NewCustom(cat.T("ob.detail.title"), cat.T("reg.close"), body, s.win)
	showFitted(d)
}

// recordObligation asks what was done for an obligation — the kind of
// activity (when the rule counts several), the date, a note and the
// evidence (from the library or a new file) — and records it; the
// obligation turns done at once when the activity meets it.
func (s *Shell) recordObligation(svc obligationActService, o obligations.Obligation, system string, kinds []string, changed func()) *obligationRecordForm {
	cat := s.cat
	f := &obligationRecordForm{}
	var labels []string
	for _, k := range kinds {
		labels = append(labels, activityKindText(s, k))
	}
	f.kind = newSelect(cat, labels, nil)
	f.kind.SetSelectedIndex(0)
	f.date = widget.NewEntry()
	f.date.SetText(s.now().Format("02/01/2006"))
	f.date.SetPlaceHolder("dd/mm/yyyy")
	f.date.Validator = dateValidator(s)
	f.note = widget.NewMultiLineEntry()
	f.note.SetMinRowsVisible(3)
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetPlaceHolder(cat.T("ob.record.note_placeholder"))
	f.evidence = newEvidencePicker(s, svc, "")
	what := wrapLabel(localTitle(cat, o.TitleVI, o.TitleEN))
	what.TextStyle = fyne.TextStyle{Bold: true}
	items := []*widget.FormItem{widget.NewFormItem("", container.New(fixedWidth{width: 520}, what))}
	if system != "" {
		items = append(items, widget.NewFormItem(cat.T("ob.col.system"), widget.NewLabel(system)))
	}
	items = append(items,
		widget.NewFormItem(cat.T("ob.record.kind"), f.kind),
		widget.NewFormItem(cat.T("ob.record.date"), f.date),
		widget.NewFormItem(cat.T("ob.record.note"), f.note),
		widget.NewFormItem(cat.T("ob.record.evidence"), f.evidence.view),
	)
	f.save = func() error {
		date, err := registers.NormalizeDate(f.date.Text)
		if err != nil {
			return err
		}
		a := session.Activity{Kind: kinds[max(0, f.kind.SelectedIndex())], Date: date, Note: f.note.Text, EvidenceID: f.evidence.chosen()}
		if o.SystemID != "" {
			a.SystemID, _ = strconv.ParseInt(o.SystemID, 10, 64)
		}
		_, err = svc.RecordActivity(a)
		return err
	}
	d := dialog.NewForm(cat.T("ob.record.title"), cat.T("reg.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if err := f.save(); err != nil {
			s.showError(err)
			return
		}
		if changed != nil {
			changed()
		}
	}, s.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
	f.dialog = d
	return f
}

// obligationRecordForm is the record dialog's fields, for the tests.
type obligationRecordForm struct {
	kind     *widget.Select
	date     *widget.Entry
	note     *widget.Entry
	evidence *evidencePicker
	save     func() error
	dialog   dialog.Dialog
}

// markObligation asks why an obligation does not apply and records it.
func (s *Shell) markObligation(svc obligationActService, o obligations.Obligation, changed func()) {
	cat := s.cat
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	reason.Wrapping = fyne.TextWrapWord
	reason.SetPlaceHolder(cat.T("ob.mark_na.placeholder"))
	intro := wrapLabel(cat.T("ob.mark_na.intro", localTitle(cat, o.TitleVI, o.TitleEN)))
	d := dialog.NewCustomConfirm(cat.T("ob.mark_na.title"), cat.T("reg.save"), cat.T("reg.cancel"), container.NewVBox(intro, reason), func(ok bool) {
		if !ok {
			return
		}
		if err := svc.MarkObligationNotApplicable(o.ID, reason.Text); err != nil {
			s.showError(err)
			return
		}
		if changed != nil {
			changed()
		}
	}, s.win)
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
}

// onExportICS saves the deadlines as an .ics calendar.
func (scr *obligationsScreen) onExportICS() {
	scr.shell.saveFile(scr.icsJob())
}

// icsJob writes the deadlines shown as an .ics calendar.
func (scr *obligationsScreen) icsJob() saveJob {
	s := scr.shell
	cat, all, names, now := s.cat, scr.all, scr.names, s.now()
	return saveJob{
		title: cat.T("ob.export_ics"), name: "nghia-vu-attt.ics", exts: []string{".ics"},
		write: func(_ context.Context, w io.Writer, _ string) error { return calendar.Write(w, cat, all, names, now) },
		done:  func(path string) string { return cat.T("ob.ics_done", path) },
	}
}
