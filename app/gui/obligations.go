package gui

import (
	"context"
	"io"
	"strconv"
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
)

// obligationsService is what the obligations screen needs of the session.
type obligationsService interface {
	Obligations(today time.Time) ([]obligations.Obligation, error)
	ListSystems(f session.SystemFilter) ([]registers.System, error)
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
	scr.status = widget.NewSelect(opts, nil)
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
	ics := widget.NewButtonWithIcon(cat.T("ob.export_ics"), theme.DownloadIcon(), scr.onExportICS)
	scr.load()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(scr.count, ics), scr.status)
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
		{title: cat.T("ob.col.status"), width: 110, text: func(o obligations.Obligation) string {
			return capFirst(cat.T("obligation_status." + string(o.Status)))
		}},
		{title: cat.T("ob.col.due"), width: 110, text: func(o obligations.Obligation) string { return dayText(o.Due) },
			key: func(o obligations.Obligation) string { return o.Due.Format("2006-01-02") }},
		{title: cat.T("ob.col.title"), width: 380, text: func(o obligations.Obligation) string { return localTitle(scr.shell.cat, o.TitleVI, o.TitleEN) }},
		{title: cat.T("ob.col.system"), width: 220, text: func(o obligations.Obligation) string { return scr.names[o.SystemID] }},
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
	scr.count.SetText(scr.shell.cat.T("reg.count", len(rows)))
	scr.list.setRows(rows)
}

// onOpen shows one obligation in full.
func (scr *obligationsScreen) onOpen(o obligations.Obligation) {
	cat := scr.shell.cat
	lines := []string{
		localTitle(cat, o.TitleVI, o.TitleEN),
		cat.T("ob.detail.status", capFirst(cat.T("obligation_status."+string(o.Status)))),
		cat.T("ob.detail.due", dayText(o.Due)),
		cat.T("ob.detail.source", calendar.LegalSource(o.Source), o.Source.PackID),
	}
	if name := scr.names[o.SystemID]; name != "" {
		lines = append(lines, cat.T("ob.detail.system", name))
	}
	if o.SatisfiedBy != nil {
		lines = append(lines, cat.T("ob.detail.done", o.SatisfiedBy.Kind, dayText(o.SatisfiedBy.At)))
	}
	if o.Reason != "" {
		lines = append(lines, cat.T("ob.detail.reason", o.Reason))
	}
	if o.Unverified {
		lines = append(lines, cat.T("ob.detail.unverified"))
	}
	text := ""
	for _, l := range lines {
		text += l + "\n"
	}
	if o.Kind == packs.KindRemediation && o.SystemID != "" {
		scr.showRemediation(o, text)
		return
	}
	scr.shell.showMessage(cat.T("nav.obligations"), text)
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

// showRemediation shows a remediation obligation with a button to the
// system's open findings.
func (scr *obligationsScreen) showRemediation(o obligations.Obligation, text string) {
	s := scr.shell
	id, err := strconv.ParseInt(o.SystemID, 10, 64)
	if err != nil {
		s.showMessage(s.cat.T("nav.obligations"), text)
		return
	}
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon(s.cat.T("ob.open_findings"), theme.NavigateNextIcon(), func() {
		d.Hide()
		s.openFindingsOf(id)
	})
	open.Importance = widget.HighImportance
	body := container.NewVBox(container.New(fixedWidth{width: 440}, wrapLabel(text)), container.NewCenter(open))
	d = dialog.NewCustom(s.cat.T("nav.obligations"), s.cat.T("dialog.ok"), body, s.win)
	showFitted(d)
}
