package gui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
	"daumoi/data/incidents"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// incidentService is what the incidents screen needs of the session.
type incidentService interface {
	ListIncidents() ([]session.Incident, error)
	GetIncident(id int64) (session.IncidentDetails, error)
	AddIncident(in session.Incident) (session.Incident, error)
	UpdateIncident(in session.Incident) (session.Incident, error)
	AdvanceIncident(id int64, to session.IncidentState, at time.Time) (session.Incident, error)
	RecordIncidentNotification(id int64, n session.IncidentNotification) (session.IncidentNotification, error)
	AddTimelineEntry(id int64, at time.Time, text string) error
	IncidentDeadlines(id int64, now time.Time) ([]session.DeadlineClock, error)
	RenderIncidentReport(id int64, kind session.IncidentReportKind, w io.Writer) (string, error)
	IncidentEmail(id int64) (subject, body string, err error)
	BuildIncidentBundle(req session.IncidentBundleRequest, signingPassphrase []byte, out session.Output) (session.BundleInfo, error)
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	LinkIncidentEvidence(id int64, evidenceID string) error
	evidenceAdder
}

// incidentsScreen is the incident register: log an incident, follow its
// state and its reporting clocks, keep its timeline, write the initial and
// closure reports (Forms 03 and 04) and copy the [TBSC] notice.
type incidentsScreen struct {
	shell   *Shell
	svc     incidentService
	systems []registers.System
	count   *widget.Label
	list    *listTable[session.Incident]
}

func newIncidentsScreen(s *Shell) fyne.CanvasObject {
	_, content := buildIncidentsScreen(s)
	return content
}

func buildIncidentsScreen(s *Shell) (*incidentsScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &incidentsScreen{shell: s, svc: s.sess}
	scr.systems, _ = scr.svc.ListSystems(session.SystemFilter{})
	scr.count = widget.NewLabel("")
	scr.list = newListTable(scr.columns(), cat.T("inc.empty"), scr.onOpen)
	scr.list.style = func(in session.Incident) widget.Importance {
		if in.State != session.IncidentClosed {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	add := widget.NewButtonWithIcon(cat.T("inc.add"), theme.ContentAddIcon(), scr.onAdd)
	add.Importance = widget.HighImportance
	if !s.me.Can(users.PermEditRegisters) {
		add.Disable()
	}
	scr.reload()
	content := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(scr.count, add)), nil, nil, nil, scr.list.view)
	if c, ok := s.takePending().(incidentChoice); ok {
		scr.openByID(c.id)
	}
	return scr, content
}

// openByID opens the incident with id, if it is listed.
func (scr *incidentsScreen) openByID(id int64) {
	for _, in := range scr.list.rows {
		if in.ID == id {
			scr.onOpen(in)
			return
		}
	}
}

func (scr *incidentsScreen) columns() []listColumn[session.Incident] {
	cat := scr.shell.cat
	return []listColumn[session.Incident]{
		{title: cat.T("inc.col.detected"), width: 150, text: func(in session.Incident) string { return vnTime(in.Detected) },
			key: func(in session.Incident) string { return in.Detected.UTC().Format(time.RFC3339) }},
		{title: cat.T("inc.col.title"), width: 360, text: func(in session.Incident) string { return in.Title }},
		{title: cat.T("inc.col.type"), width: 150, text: func(in session.Incident) string { return cat.T("inc.type." + in.Type) }},
		{title: cat.T("inc.col.state"), width: 170, text: func(in session.Incident) string { return cat.T("inc.state." + string(in.State)) }},
		{title: cat.T("inc.col.system"), width: 220, text: func(in session.Incident) string { return scr.systemName(in.SystemID) }},
	}
}

func (scr *incidentsScreen) systemName(id int64) string {
	for _, sys := range scr.systems {
		if sys.ID == id {
			return sys.Name
		}
	}
	return ""
}

func (scr *incidentsScreen) reload() {
	list, err := scr.svc.ListIncidents()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.count.SetText(scr.shell.cat.T("reg.count", len(list)))
	scr.list.setRows(list)
}

// onAdd logs a new incident: title, type, detection time, system, flags
// (which start the reporting clocks) and a description.
func (scr *incidentsScreen) onAdd() {
	s := scr.shell
	cat := s.cat
	title, detected, desc := widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	title.Validator = requiredValidator(s)
	// The service reads a time without a zone as Vietnam time (UTC+7).
	detected.SetText(incidents.FormatInput(s.now()))
	detected.Validator = validatorOf(s, func(v string) error { _, err := incidents.ParseTime(v); return err })
	var types []string
	for _, t := range incidents.Types() {
		types = append(types, cat.T("inc.type."+t))
	}
	kind := newSelect(cat, types, nil)
	kind.SetSelectedIndex(len(types) - 1)
	system := newSelect(cat, append([]string{cat.T("inc.no_system")}, systemNames(scr.systems)...), nil)
	system.SetSelectedIndex(0)
	var flagLabels []string
	for _, f := range packs.KnownIncidentFlags() {
		flagLabels = append(flagLabels, cat.T("inc.flag."+f))
	}
	flags := widget.NewCheckGroup(flagLabels, nil)
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("inc.col.title"), title),
		widget.NewFormItem(cat.T("inc.col.type"), kind),
		widget.NewFormItem(cat.T("inc.detected_at"), detected),
		widget.NewFormItem(cat.T("inc.col.system"), system),
		widget.NewFormItem(cat.T("inc.flags"), flags),
		widget.NewFormItem(cat.T("inc.description"), desc),
	}
	d := dialog.NewForm(cat.T("inc.add"), cat.T("reg.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		at, _ := incidents.ParseTime(entryText(detected))
		in := session.Incident{Title: entryText(title), Type: incidents.Types()[kind.SelectedIndex()], Detected: at, Description: entryText(desc)}
		if i := system.SelectedIndex(); i > 0 {
			in.SystemID = scr.systems[i-1].ID
		}
		for i, f := range packs.KnownIncidentFlags() {
			if contains(flags.Selected, flagLabels[i]) {
				in.Flags = append(in.Flags, f)
			}
		}
		added, err := scr.svc.AddIncident(in)
		if err != nil {
			s.showError(err)
			return
		}
		scr.reload()
		scr.onOpen(added)
	}, s.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// onOpen shows an incident: its state with the next steps, the reporting
// clocks, the timeline, and the reports and notice.
func (scr *incidentsScreen) onOpen(in session.Incident) {
	s := scr.shell
	cat := s.cat
	det, err := scr.svc.GetIncident(in.ID)
	if err != nil {
		s.showError(err)
		return
	}
	var dlg dialog.Dialog
	reopen := func() {
		dlg.Hide()
		scr.reload()
		scr.onOpen(in)
	}
	head := wrapLabel(cat.T("inc.header", det.Title, cat.T("inc.state."+string(det.State)), vnTime(det.Detected)))
	head.TextStyle = fyne.TextStyle{Bold: true}
	steps := container.NewHBox()
	for _, to := range []session.IncidentState{session.IncidentNotified, session.IncidentInitialReport, session.IncidentResponding, session.IncidentClosed} {
		if !incidents.CanAdvance(det.State, to) {
			continue
		}
		to := to
		b := widget.NewButton(cat.T("inc.to."+string(to)), func() {
			if _, err := scr.svc.AdvanceIncident(det.ID, to, s.now()); err != nil {
				s.showError(err)
				return
			}
			reopen()
		})
		if !s.me.Can(users.PermEditRegisters) {
			b.Disable()
		}
		steps.Add(b)
	}
	edit := widget.NewButtonWithIcon(cat.T("inc.edit"), theme.DocumentCreateIcon(), func() { scr.onEdit(det.Incident, reopen) })
	if !s.me.Can(users.PermEditRegisters) {
		edit.Disable()
	}
	body := container.NewVBox(head, container.NewBorder(nil, nil, steps, edit), scr.clocks(det.ID), scr.timeline(det, reopen),
		scr.evidence(det, reopen))
	// The report buttons stay under the scrolled details, always in view.
	dlg = dialog.NewCustom(cat.T("nav.incidents"), cat.T("reg.close"),
		container.NewBorder(nil, scr.reportButtons(det), nil, nil, container.NewVScroll(body)), s.win)
	dlg.Resize(fyne.NewSize(900, 640))
	dlg.Show()
}

// clocks lists the reporting deadlines with what is left or how late.
func (scr *incidentsScreen) clocks(id int64) fyne.CanvasObject {
	clocks, err := scr.svc.IncidentDeadlines(id, scr.shell.now())
	return clockBox(scr.shell, clocks, err)
}

// clockBox lists reporting deadlines under a title: each with its due
// time and what is left, how late, or when it was met (overdue ones in
// the danger colour).
func clockBox(s *Shell, clocks []session.DeadlineClock, err error) fyne.CanvasObject {
	cat := s.cat
	box := container.NewVBox(widget.NewLabelWithStyle(cat.T("inc.clocks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if err != nil {
		box.Add(wrapLabel(s.describe(err)))
		return box
	}
	if len(clocks) == 0 {
		box.Add(wrapLabel(cat.T("inc.no_clock")))
	}
	for _, c := range clocks {
		l := wrapLabel(fmt.Sprintf("%s — %s %s — %s", localTitle(cat, c.TitleVI, c.TitleEN), cat.T("inc.clock.due"), vnTime(c.DueAt), clockState(s, c)))
		l.Importance = widget.MediumImportance
		if c.MetAt.IsZero() && c.Remaining < 0 {
			l.Importance = widget.DangerImportance
		}
		box.Add(l)
	}
	return box
}

// clockState says what is left of a deadline, how late it is, or when it
// was met.
func clockState(s *Shell, c session.DeadlineClock) string {
	switch {
	case !c.MetAt.IsZero():
		return s.cat.T("inc.clock.met", c.MetAt.In(incidents.Zone()).Format("02/01 15:04"))
	case c.Remaining < 0:
		return s.cat.T("inc.clock.late", durationText(s, -c.Remaining))
	}
	return s.cat.T("inc.clock.left", durationText(s, c.Remaining))
}

func durationText(s *Shell, d time.Duration) string {
	h := int(d.Hours())
	if h >= 48 {
		return s.cat.T("dur.days_hours", h/24, h%24)
	}
	return s.cat.T("dur.hours_minutes", h, int(d.Minutes())%60)
}

// timeline shows the incident's timeline with a field to add an entry.
func (scr *incidentsScreen) timeline(det session.IncidentDetails, reopen func()) fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	box := container.NewVBox(widget.NewLabelWithStyle(cat.T("inc.timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, e := range det.Timeline {
		box.Add(wrapLabel(fmt.Sprintf("%s — %s (%s)", vnTime(e.At), e.Text, e.By)))
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder(cat.T("inc.timeline_hint"))
	add := widget.NewButton(cat.T("reg.add"), func() {
		if entryText(entry) == "" {
			return
		}
		if err := scr.svc.AddTimelineEntry(det.ID, s.now(), entryText(entry)); err != nil {
			s.showError(err)
			return
		}
		reopen()
	})
	if !s.me.Can(users.PermEditRegisters) {
		add.Disable()
	}
	box.Add(container.NewBorder(nil, nil, nil, add, entry))
	return box
}

// evidence lists the files linked to the incident (logs, samples, reports
// sent) and links another one: from the library, or added from disk with
// the picker.
func (scr *incidentsScreen) evidence(det session.IncidentDetails, reopen func()) fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	box := container.NewVBox(widget.NewLabelWithStyle(cat.T("inc.evidence"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	files, err := scr.svc.ListEvidence()
	if err != nil {
		box.Add(wrapLabel(s.describe(err)))
		return box
	}
	byID := make(map[string]session.Evidence, len(files))
	for _, e := range files {
		byID[e.ID] = e
	}
	if len(det.EvidenceIDs) == 0 {
		box.Add(wrapLabel(cat.T("inc.no_evidence")))
	}
	for _, id := range det.EvidenceIDs {
		text := id
		if e, ok := byID[id]; ok {
			text = fmt.Sprintf("%s (%s)", evidenceLabel(e), sizeText(e.Size))
		}
		box.Add(wrapLabel("• " + text))
	}
	picker := newEvidencePicker(s, scr.svc, "")
	link := widget.NewButtonWithIcon(cat.T("inc.link_evidence"), theme.MailAttachmentIcon(), func() {
		id := picker.chosen()
		if id == "" {
			return
		}
		if err := scr.svc.LinkIncidentEvidence(det.ID, id); err != nil {
			s.showError(err)
			return
		}
		reopen()
	})
	picker.SetOnValidationChanged(func(err error) {
		if err != nil || !s.me.Can(users.PermAddEvidence) {
			link.Disable()
			return
		}
		link.Enable()
	})
	if !s.me.Can(users.PermAddEvidence) {
		link.Disable()
	}
	box.Add(container.NewBorder(nil, nil, nil, link, picker.view))
	return box
}

// reportButtons save the Form 03 / Form 04 PDFs and copy the [TBSC]
// notice to the clipboard.
func (scr *incidentsScreen) reportButtons(det session.IncidentDetails) fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	initial := widget.NewButtonWithIcon(cat.T("inc.form03"), theme.DocumentSaveIcon(), func() { scr.saveReport(det, session.IncidentReportInitial) })
	closure := widget.NewButtonWithIcon(cat.T("inc.form04"), theme.DocumentSaveIcon(), func() { scr.saveReport(det, session.IncidentReportClosure) })
	if det.State != session.IncidentClosed {
		closure.Disable()
	}
	mail := widget.NewButtonWithIcon(cat.T("inc.copy_email"), theme.ContentCopyIcon(), func() {
		subject, body, err := scr.svc.IncidentEmail(det.ID)
		if err != nil {
			s.showError(err)
			return
		}
		s.app.Clipboard().SetContent(subject + "\n\n" + body)
		s.showMessage(cat.T("inc.copy_email"), cat.T("inc.copied", subject))
	})
	sign := widget.NewButtonWithIcon(cat.T("inc.sign"), theme.ConfirmIcon(), func() { scr.onSign(det) })
	if !s.me.Can(users.PermSign) {
		sign.Disable()
	}
	// Two by two: in one row they are wider than the dialog.
	return container.NewVBox(widget.NewSeparator(), container.NewGridWithColumns(2, initial, closure, mail, sign))
}

// onEdit edits the fields of the initial and closure reports (Forms 03
// and 04).
func (scr *incidentsScreen) onEdit(in session.Incident, done func()) {
	s := scr.shell
	cat := s.cat
	type field struct {
		key string
		ptr *string
	}
	fields := []field{
		{"inc.f.detected_how", &in.DetectedHow}, {"inc.description", &in.Description}, {"inc.f.already_notified", &in.AlreadyNotified},
		{"inc.f.os", &in.OSAndServices}, {"inc.f.controls", &in.Controls}, {"inc.f.public_ips", &in.PublicIPs},
		{"inc.f.domains", &in.Domains}, {"inc.f.providers", &in.Providers}, {"inc.f.measures", &in.Measures},
		{"inc.f.helpers", &in.Helpers}, {"inc.f.recommendations", &in.Recommendations},
		{"inc.f.contact_name", &in.Contact.Name}, {"inc.f.contact_position", &in.Contact.Position},
		{"inc.f.contact_phone", &in.Contact.Phone}, {"inc.f.contact_email", &in.Contact.Email},
		{"inc.f.initial_ref", &in.InitialReportRef}, {"inc.f.outcome", &in.Outcome}, {"inc.f.lessons", &in.Lessons},
	}
	entries := make([]*widget.Entry, len(fields))
	form := widget.NewForm()
	for i, f := range fields {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(1)
		e.SetText(*f.ptr)
		entries[i] = e
		form.Append(cat.T(f.key), e)
	}
	handled := widget.NewCheck(cat.T("inc.f.handled"), nil)
	handled.SetChecked(in.Handled)
	confidential := widget.NewCheck(cat.T("inc.f.confidential"), nil)
	confidential.SetChecked(in.Confidential)
	form.Append("", container.NewHBox(handled, confidential))
	d := dialog.NewCustomConfirm(cat.T("inc.edit"), cat.T("reg.save"), cat.T("reg.cancel"), container.NewVScroll(form), func(ok bool) {
		if !ok {
			return
		}
		for i, f := range fields {
			*f.ptr = entryText(entries[i])
		}
		in.Handled, in.Confidential = handled.Checked, confidential.Checked
		if _, err := scr.svc.UpdateIncident(in); err != nil {
			s.showError(err)
			return
		}
		done()
	}, s.win)
	d.Resize(fyne.NewSize(860, 640))
	d.Show()
}

// onSign builds the signed incident bundle (manager, own signing
// passphrase) off the UI thread.
func (scr *incidentsScreen) onSign(det session.IncidentDetails) {
	s := scr.shell
	cat := s.cat
	pass := widget.NewPasswordEntry()
	s.showWide(dialog.NewForm(plainTitle(cat.T("inc.sign")), cat.T("rep.continue"), cat.T("reg.cancel"),
		[]*widget.FormItem{widget.NewFormItem(cat.T("rep.signing_pass"), pass)}, func(ok bool) {
			if ok {
				s.saveFile(scr.bundleJob(det, secretBytes(pass)))
			}
		}, s.win))
}

// bundleJob builds and signs the incident's bundle with the signing
// passphrase secret.
func (scr *incidentsScreen) bundleJob(det session.IncidentDetails, secret []byte) saveJob {
	cat, svc := scr.shell.cat, scr.svc
	var info session.BundleInfo
	return saveJob{
		title: cat.T("inc.sign"), name: fmt.Sprintf("bo-bao-cao-su-co-%d.zip", det.ID),
		write: func(_ context.Context, w io.Writer, _ string) error {
			var err error
			info, err = svc.BuildIncidentBundle(session.IncidentBundleRequest{IncidentID: det.ID, AppVersion: buildinfo.Version}, secret, publishedOnReturn{w})
			return err
		},
		done: func(path string) string { return cat.T("rep.signed", path, info.Files, info.KeyID, info.SHA256) },
	}
}

// saveReport renders one of the incident's report forms to a PDF.
func (scr *incidentsScreen) saveReport(det session.IncidentDetails, kind session.IncidentReportKind) {
	scr.shell.saveFile(scr.reportJob(det, kind))
}

// reportJob renders the incident report form kind.
func (scr *incidentsScreen) reportJob(det session.IncidentDetails, kind session.IncidentReportKind) saveJob {
	cat, svc := scr.shell.cat, scr.svc
	return saveJob{
		title: cat.T("nav.incidents"), name: fmt.Sprintf("su-co-%d-%s.pdf", det.ID, strings.ToLower(string(kind))),
		write: func(_ context.Context, w io.Writer, _ string) error {
			_, err := svc.RenderIncidentReport(det.ID, kind, w)
			return err
		},
		done: func(path string) string { return cat.T("rep.saved", path) },
	}
}
