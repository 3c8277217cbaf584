package gui

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/scansummary"
	"daumoi/assets/i18n"
	"daumoi/data/findings"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// activitiesService is what the periodic-activities area needs of the
// session.
type activitiesService interface {
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	ListScans(systemID int64) ([]session.Scan, error)
	RecordScan(sc session.Scan) (session.Scan, error)
	ImportScanReport(r io.Reader, imp session.ScanImport) (session.ScanImportResult, error)
	ListFindings(f session.FindingFilter) ([]session.Finding, error)
	UpdateFinding(id int64, u session.FindingUpdate) (session.Finding, error)
	ListUnmatchedHosts(systemID int64) ([]session.UnmatchedHost, error)
	AssignHost(a session.HostAssignment) (int, error)
	ListAssets(f session.AssetFilter) ([]registers.Asset, error)
	ListDrills() ([]session.Drill, error)
	RecordDrill(d session.Drill) (session.Drill, error)
	ListResponsePlans(systemID int64) ([]session.ResponsePlan, error)
	RecordResponsePlan(p session.ResponsePlan) (session.ResponsePlan, error)
	ListWarnings() ([]session.Warning, error)
	RecordWarning(w session.Warning) (session.Warning, error)
	SetWarningStatus(id int64, status, action string) error
	ListAwareness() ([]session.AwarenessSession, error)
	RecordAwareness(a session.AwarenessSession) (session.AwarenessSession, error)
	GetAsset(id int64) (registers.Asset, error)
	evidenceAdder
}

// activitiesArea groups the periodic activities of directive items 1c,
// 1g, 1h and 2a: scans and threat hunts with their findings, drills,
// response plans, official warnings, awareness sessions. Each tab lists
// what was recorded and adds a new record; every record feeds the
// obligations.
type activitiesArea struct {
	shell   *Shell
	svc     activitiesService
	systems []registers.System
	// evidence names the library's files by id, for the tables; reloaded
	// when a record names a file it does not know.
	evidence map[string]session.Evidence
	// findingsSystem is the system the findings tab opens on (0: all), set
	// by a click-through from a remediation obligation.
	findingsSystem int64
}

// registerTab is one tab: a table refreshed from the service and an add
// button.
type registerTab[T any] struct {
	list  *listTable[T]
	count *widget.Label
	load  func() ([]T, error)
	// prepare, for a list that may be long (findings), replaces load: on
	// the UI thread it reads the filters and returns the query, which
	// runs off it while bar turns.
	prepare func() func() ([]T, error)
	bar     *widget.ProgressBarInfinite
	gen     int // counts the reloads: only the latest one's rows are shown
}

func (t *registerTab[T]) reload(s *Shell) {
	if t.prepare != nil {
		t.gen++
		gen, query := t.gen, t.prepare()
		var rows []T
		s.withProgress(t.bar, func() (err error) {
			rows, err = query()
			return err
		}, func() {
			if gen == t.gen {
				t.show(s, rows)
			}
		}, nil)
		return
	}
	rows, err := t.load()
	if err != nil {
		s.showError(err)
		return
	}
	t.show(s, rows)
}

// show puts rows in the table.
func (t *registerTab[T]) show(s *Shell, rows []T) {
	t.count.SetText(s.cat.T("reg.count", len(rows)))
	t.list.setRows(rows)
}

func newActivitiesArea(s *Shell) fyne.CanvasObject {
	_, content := buildActivitiesArea(s)
	return content
}

func buildActivitiesArea(s *Shell) (*activitiesArea, *container.AppTabs) {
	a := &activitiesArea{shell: s, svc: s.sess}
	a.systems, _ = a.svc.ListSystems(session.SystemFilter{})
	if f, ok := s.takePending().(findingsOf); ok {
		a.findingsSystem = f.systemID
	}
	cat := s.cat
	tabs := container.NewAppTabs(
		container.NewTabItem(cat.T("act.tab.scans"), a.scansTab()),
		container.NewTabItem(cat.T("act.tab.findings"), a.findingsTab()),
		container.NewTabItem(cat.T("act.tab.drills"), a.drillsTab()),
		container.NewTabItem(cat.T("act.tab.plans"), a.plansTab()),
		container.NewTabItem(cat.T("act.tab.warnings"), a.warningsTab()),
		container.NewTabItem(cat.T("act.tab.awareness"), a.awarenessTab()),
	)
	if a.findingsSystem != 0 {
		tabs.SelectIndex(1)
	}
	return a, tabs
}

// tabView lays out a tab: buttons and count above the table.
func tabView[T any](s *Shell, t *registerTab[T], buttons ...fyne.CanvasObject) fyne.CanvasObject {
	for _, b := range buttons {
		if btn, ok := b.(*widget.Button); ok && !s.me.Can(users.PermEditRegisters) {
			btn.Disable()
		}
	}
	t.reload(s)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(append([]fyne.CanvasObject{t.count}, buttons...)...))
	return container.NewBorder(bar, nil, nil, nil, t.list.view)
}

func (a *activitiesArea) systemName(id int64) string {
	for _, s := range a.systems {
		if s.ID == id {
			return s.Name
		}
	}
	return ""
}

// systemSelect offers the systems, with a first "none" choice when optional.
func (a *activitiesArea) systemSelect(optional bool) *widget.Select {
	opts := systemNames(a.systems)
	if optional {
		opts = append([]string{a.shell.cat.T("inc.no_system")}, opts...)
	}
	sel := newSelect(a.shell.cat, opts, nil)
	sel.PlaceHolder = a.shell.cat.T("as.choose_system")
	if optional {
		sel.SetSelectedIndex(0)
	}
	return sel
}

func (a *activitiesArea) chosenSystem(sel *widget.Select, optional bool) int64 {
	i := sel.SelectedIndex()
	if optional {
		i--
	}
	if i < 0 || i >= len(a.systems) {
		return 0
	}
	return a.systems[i].ID
}

// evidenceText names the evidence file id in a table ("" for none).
func (a *activitiesArea) evidenceText(id string) string {
	if id == "" {
		return ""
	}
	if _, ok := a.evidence[id]; !ok {
		files, _ := a.svc.ListEvidence()
		a.evidence = make(map[string]session.Evidence, len(files))
		for _, e := range files {
			a.evidence[e.ID] = e
		}
	}
	if e, ok := a.evidence[id]; ok {
		return evidenceLabel(e)
	}
	return id
}

// evidenceColumn shows the file a record rests on.
func evidenceColumn[T any](a *activitiesArea, id func(T) string) listColumn[T] {
	return listColumn[T]{title: a.shell.cat.T("evpick.label"), width: 240, text: func(x T) string { return a.evidenceText(id(x)) }}
}

func (a *activitiesArea) today() string { return a.shell.now().Format("2006-01-02") }

// showForm shows a form dialog and saves on submit; a refused save is
// explained in its own dialog (Fyne's form dialog closes on submit).
func (a *activitiesArea) showForm(title string, items []*widget.FormItem, save func() error, done func()) {
	s := a.shell
	d := dialog.NewForm(plainTitle(title), s.cat.T("reg.save"), s.cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if err := save(); err != nil {
			s.showError(err)
			return
		}
		done()
	}, s.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// --- scans ---

func (a *activitiesArea) scansTab() fyne.CanvasObject {
	_, view := a.scansRegister()
	return view
}

// scansRegister builds the scans tab and the register it shows.
func (a *activitiesArea) scansRegister() (*registerTab[session.Scan], fyne.CanvasObject) {
	s := a.shell
	cat := s.cat
	t := &registerTab[session.Scan]{count: widget.NewLabel(""), load: func() ([]session.Scan, error) { return a.svc.ListScans(0) }}
	t.list = newListTable([]listColumn[session.Scan]{
		dayColumn(cat.T("act.col.date"), func(x session.Scan) string { return x.Date }),
		{title: cat.T("act.col.kind"), width: 170, text: func(x session.Scan) string { return cat.T("act.scan." + x.Kind) }},
		{title: cat.T("inc.col.system"), width: 260, text: func(x session.Scan) string { return a.systemName(x.SystemID) }},
		{title: cat.T("act.col.tool"), width: 120, text: func(x session.Scan) string { return x.Tool }},
		{title: cat.T("act.col.summary"), width: 360, text: func(x session.Scan) string { return x.Summary }},
		evidenceColumn(a, func(x session.Scan) string { return x.EvidenceID }),
	}, cat.T("act.empty"), nil).withDetail()
	add := widget.NewButtonWithIcon(cat.T("act.record"), theme.ContentAddIcon(), func() { a.onRecordScan(t) })
	imp := widget.NewButtonWithIcon(cat.T("act.import_scan"), theme.UploadIcon(), func() { a.onImportScan(t) })
	imp.Importance = widget.HighImportance
	return t, tabView(s, t, add, imp)
}

func (a *activitiesArea) onRecordScan(t *registerTab[session.Scan]) {
	cat := a.shell.cat
	var kinds []string
	for _, k := range session.ScanKinds() {
		kinds = append(kinds, cat.T("act.scan."+k))
	}
	kind := newSelect(cat, kinds, nil)
	kind.SetSelectedIndex(0)
	system := a.systemSelect(false)
	date, tool, scope, summary := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	date.SetText(dayLabel(a.today()))
	date.Validator = dateValidator(a.shell)
	provider := widget.NewEntry()
	provider.SetPlaceHolder(cat.T("act.provider_hint"))
	evidence := newEvidencePicker(a.shell, a.svc, "")
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("act.col.kind"), kind), widget.NewFormItem(cat.T("inc.col.system"), system),
		widget.NewFormItem(cat.T("act.col.date"), date), widget.NewFormItem(cat.T("act.col.tool"), tool),
		widget.NewFormItem(cat.T("act.provider"), provider), widget.NewFormItem(cat.T("act.scope"), scope),
		widget.NewFormItem(cat.T("act.col.summary"), summary), widget.NewFormItem(cat.T("evpick.report"), evidence.view),
	}
	a.showForm(cat.T("act.record"), items, func() error {
		sc := session.Scan{Kind: session.ScanKinds()[kind.SelectedIndex()], SystemID: a.chosenSystem(system, false),
			Date: normalizeDay(entryText(date)), Tool: entryText(tool), Scope: entryText(scope), Summary: entryText(summary),
			Performer: session.PerformerInternal, EvidenceID: evidence.chosen()}
		if p := entryText(provider); p != "" {
			sc.Performer, sc.Provider = session.PerformerProvider, p
		}
		_, err := a.svc.RecordScan(sc)
		return err
	}, func() { t.reload(a.shell) })
}

// onImportScan imports a Nessus or OpenVAS report for a system: once the
// file is chosen, the day its scan started is read (off the UI thread,
// with a progress bar) and shown in the form, where the user can correct
// it; the report is then imported off the UI thread. A file it cannot
// read changes nothing.
func (a *activitiesArea) onImportScan(t *registerTab[session.Scan]) {
	s := a.shell
	s.chooseFile(func(path string) { a.readReportDate(path, t) })
}

// readReportDate reads the day the scan of the report at path started,
// then shows the import form with it.
func (a *activitiesArea) readReportDate(path string, t *registerTab[session.Scan]) {
	s := a.shell
	fi, err := os.Stat(path)
	if err != nil {
		s.showError(err)
		return
	}
	p := newImportProgress(s, fi.Size())
	p.startPhase("act.import_date_read")
	s.goBackground(func() {
		day := ""
		f, err := os.Open(path)
		if err == nil {
			day, err = session.ReadScanReportDate(p.ctx, f, p.update)
			f.Close()
		}
		fyne.Do(func() {
			p.finish()
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				s.showMessage(s.cat.T("dialog.error"), s.describe(err))
			default:
				a.showImportForm(path, day, "", t)
			}
		})
	})
}

// showImportForm asks what the report at path is about: the system, the
// scan's day (read is the day the report gives, "" when none; entered is
// what the user typed before, "" for the default), and whether to keep the
// report itself in the evidence library (checked by default). A day in the
// future or more than a year old is confirmed before the import.
func (a *activitiesArea) showImportForm(path, read, entered string, t *registerTab[session.Scan]) {
	s := a.shell
	cat := s.cat
	system := a.systemSelect(true)
	date := widget.NewEntry()
	switch {
	case entered != "":
		date.SetText(entered)
	case read != "":
		date.SetText(dayLabel(read))
	default:
		date.SetText(dayLabel(a.today()))
	}
	date.Validator = dateValidator(s)
	note := cat.T("act.scan_date_none")
	if read != "" {
		note = cat.T("act.scan_date_read", dayLabel(read))
	}
	keep := widget.NewCheck(cat.T("act.keep_report"), nil)
	keep.SetChecked(s.me.Can(users.PermAddEvidence))
	if !s.me.Can(users.PermAddEvidence) {
		keep.Disable()
	}
	items := []*widget.FormItem{widget.NewFormItem(cat.T("act.file"), widget.NewLabel(path)),
		widget.NewFormItem(cat.T("inc.col.system"), system), widget.NewFormItem(cat.T("act.col.date"), date),
		widget.NewFormItem("", widget.NewLabel(note)), widget.NewFormItem("", keep)}
	dialog.ShowForm(plainTitle(cat.T("act.import_scan")), cat.T("act.import"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		imp := session.ScanImport{SystemID: a.chosenSystem(system, true), Date: normalizeDay(entryText(date))}
		if !session.ScanDateUnusual(imp.Date, s.now()) {
			a.runImport(path, imp, t, keep.Checked)
			return
		}
		a.confirmScanDate(imp.Date, func(yes bool) {
			if !yes {
				a.showImportForm(path, read, entryText(date), t)
				return
			}
			imp.ConfirmDate = true
			a.runImport(path, imp, t, keep.Checked)
		})
	}, s.win)
}

// confirmScanDate asks whether a scan day in the future or more than a
// year before today is right: the scan is recorded on that day, so an old
// report does not meet a current obligation.
func (a *activitiesArea) confirmScanDate(day string, answer func(yes bool)) {
	s := a.shell
	key := "act.scan_date_old"
	if day > a.today() {
		key = "act.scan_date_future"
	}
	msg := widget.NewLabel(s.cat.T(key, dayLabel(day), dayLabel(a.today())))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(s.cat.T("act.scan_date_confirm"), s.cat.T("act.scan_date_keep"), s.cat.T("act.scan_date_fix"),
		msg, answer, s.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// runImport imports the report at path off the UI thread, in one dialog
// that shows the bytes read against the file's size and whose cancel
// button stops the import with no finding stored. With keepReport the
// report is first encrypted into the evidence library (a first phase of
// the same dialog) and the scan names it as its evidence; if the import
// then fails or is cancelled, the message says the file stays in the
// library, since evidence files cannot be deleted. The returned channel is
// closed once the result has been shown.
func (a *activitiesArea) runImport(path string, imp session.ScanImport, t *registerTab[session.Scan], keepReport bool) <-chan struct{} {
	s := a.shell
	done := make(chan struct{})
	fi, err := os.Stat(path)
	if err != nil {
		s.showError(err)
		close(done)
		return done
	}
	p := newImportProgress(s, fi.Size())
	imp.Context, imp.Progress = p.ctx, p.update
	s.goBackground(func() {
		var kept session.Evidence
		var err error
		if keepReport {
			p.startPhase("act.import_encrypting")
			kept, err = addEvidenceFile(p.ctx, a.svc, path, func(f float64) { p.update(int64(f * float64(fi.Size()))) })
			imp.EvidenceID = kept.ID
			p.startPhase("act.import_read")
		}
		var res session.ScanImportResult
		if err == nil {
			res, err = a.importFile(path, imp)
		}
		fyne.Do(func() {
			defer close(done)
			p.finish()
			a.showImportResult(res, err, kept, t)
		})
	})
	return done
}

// showImportResult tells how an import ended; kept is the report stored as
// evidence, if any.
func (a *activitiesArea) showImportResult(res session.ScanImportResult, err error, kept session.Evidence, t *registerTab[session.Scan]) {
	s := a.shell
	note := ""
	if kept.ID != "" {
		note = "\n" + s.cat.T("act.import_report_kept", kept.Title)
	}
	switch {
	case errors.Is(err, context.Canceled):
		s.showMessage(s.cat.T("act.import_scan"), s.cat.T("act.import_cancelled")+note)
	case err != nil:
		s.showMessage(s.cat.T("dialog.error"), s.describe(err)+note)
	default:
		t.reload(s)
		s.showMessage(s.cat.T("act.import_scan"), a.describeImport(res))
	}
}

// importProgress is the dialog of a running scan import.
type importProgress struct {
	shell  *Shell
	size   int64
	bar    *widget.ProgressBar
	status *widget.Label
	dlg    *dialog.CustomDialog
	ctx    context.Context
	cancel context.CancelFunc
	shown  atomic.Int64 // per mille last shown, so the UI is updated at most 1,000 times
	// phase is the catalogue key of the status line, "%s / %s MB".
	phase atomic.Value
}

func newImportProgress(s *Shell, size int64) *importProgress {
	p := &importProgress{shell: s, size: max(size, 1), bar: widget.NewProgressBar(), status: widget.NewLabel("")}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.status.SetText(s.cat.T("act.import_read", p.megabytes(0), p.megabytes(size)))
	p.dlg = dialog.NewCustom(s.cat.T("act.importing"), s.cat.T("reg.cancel"), container.NewVBox(p.status, p.bar), s.win)
	p.dlg.SetOnClosed(p.cancel)
	p.dlg.Resize(fyne.NewSize(440, p.dlg.MinSize().Height))
	p.dlg.Show()
	p.shown.Store(-1)
	p.phase.Store("act.import_read")
	return p
}

// startPhase starts a new pass over the file (encrypting it, then reading
// it), from an empty bar, with the status line of key; off the UI thread.
func (p *importProgress) startPhase(key string) {
	p.phase.Store(key)
	p.shown.Store(-1)
	p.update(0)
}

// update is called by the import with the bytes read so far, off the UI
// thread.
func (p *importProgress) update(read int64) {
	permille := min(read*1000/p.size, 1000)
	if p.shown.Swap(permille) == permille {
		return
	}
	fyne.Do(func() {
		p.bar.SetValue(float64(permille) / 1000)
		key := p.phase.Load().(string)
		text := p.shell.cat.T(key, p.megabytes(read), p.megabytes(p.size))
		if permille == 1000 && key == "act.import_read" {
			text = p.shell.cat.T("act.import_saving")
		}
		p.status.SetText(text)
	})
}

// finish closes the dialog.
func (p *importProgress) finish() {
	p.dlg.SetOnClosed(func() {})
	p.dlg.Hide()
	p.cancel()
}

// megabytes formats a byte count in MB with one decimal, with a decimal
// comma in Vietnamese.
func (p *importProgress) megabytes(n int64) string {
	text := strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64)
	if p.shell.cat.Lang() == i18n.Vietnamese {
		text = strings.Replace(text, ".", ",", 1)
	}
	return text
}

func (a *activitiesArea) importFile(path string, imp session.ScanImport) (session.ScanImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return session.ScanImportResult{}, err
	}
	defer f.Close()
	return a.svc.ImportScanReport(f, imp)
}

// describeImport is the import's summary, the lines the command line
// prints, with at most 10 hosts per list.
func (a *activitiesArea) describeImport(res session.ScanImportResult) string {
	return strings.Join(scansummary.Lines(a.shell.cat, res, a.systemName(res.Scan.SystemID), dayLabel, 10), "\n")
}

// --- findings ---

func (a *activitiesArea) findingsTab() fyne.CanvasObject {
	s := a.shell
	cat := s.cat
	status := newSelect(cat, append([]string{cat.T("act.all_open")}, findingStatusLabels(s)...), nil)
	status.SetSelectedIndex(0)
	system := newSelect(cat, append([]string{cat.T("act.all_systems")}, systemNames(a.systems)...), nil)
	system.SetSelectedIndex(0)
	for i, sys := range a.systems {
		if sys.ID == a.findingsSystem {
			system.SetSelectedIndex(i + 1)
		}
	}
	// Tens of thousands of findings take a while to read: off the UI
	// thread, under a progress bar.
	t := &registerTab[session.Finding]{count: widget.NewLabel(""), bar: widget.NewProgressBarInfinite()}
	t.bar.Hide()
	t.prepare = func() func() ([]session.Finding, error) {
		f := session.FindingFilter{}
		if i := system.SelectedIndex(); i > 0 {
			f.SystemID = a.systems[i-1].ID
		}
		if i := status.SelectedIndex(); i > 0 {
			f.Status = findings.Statuses()[i-1]
		} else {
			f.Unresolved = true
		}
		return func() ([]session.Finding, error) { return a.svc.ListFindings(f) }
	}
	t.list = newListTable([]listColumn[session.Finding]{
		{title: cat.T("act.col.severity"), width: 100, text: func(x session.Finding) string { return cat.T("act.sev." + x.Severity) },
			key: func(x session.Finding) string { return strconv.FormatFloat(10-x.CVSS, 'f', 1, 64) }},
		{title: cat.T("act.col.finding"), width: 300, text: func(x session.Finding) string { return x.Name }},
		{title: cat.T("act.col.due"), width: 125, text: func(x session.Finding) string { return dayLabel(x.DueDate) },
			key: func(x session.Finding) string { return x.DueDate }},
		{title: cat.T("act.col.status"), width: 130, text: func(x session.Finding) string { return cat.T("act.fstatus." + x.Status) }},
		{title: cat.T("act.col.host"), width: 170, text: func(x session.Finding) string { return strings.TrimSpace(x.Host + " " + x.Hostname) }},
		{title: "CVE", width: 150, text: func(x session.Finding) string { return strings.Join(x.CVEs, ", ") }},
		{title: cat.T("act.owner"), width: 160, text: func(x session.Finding) string { return x.Owner }},
	}, cat.T("act.no_findings"), func(f session.Finding) { a.onFinding(f, t) })
	t.list.style = func(f session.Finding) widget.Importance {
		if findings.NeedsAttention(f.Status, f.Severity, f.DueDate, a.today()) {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	unmatched := widget.NewButtonWithIcon("", theme.QuestionIcon(), nil)
	refresh := func() {
		t.reload(s)
		hosts, err := a.svc.ListUnmatchedHosts(0)
		unmatched.SetText(cat.T("act.unmatched_button", len(hosts)))
		unmatched.Importance = widget.MediumImportance
		if err == nil && len(hosts) > 0 {
			unmatched.Importance = widget.WarningImportance
		}
		unmatched.Refresh()
	}
	unmatched.OnTapped = func() { a.onUnmatchedHosts(refresh) }
	if !s.me.Can(users.PermEditRegisters) {
		unmatched.Hide()
	}
	status.OnChanged = func(string) { refresh() }
	system.OnChanged = func(string) { refresh() }
	refresh()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(t.count, unmatched), container.NewGridWithColumns(2, status, system))
	return container.NewBorder(container.NewVBox(bar, t.bar), nil, nil, nil, t.list.view)
}

func findingStatusLabels(s *Shell) []string {
	var out []string
	for _, st := range findings.Statuses() {
		out = append(out, s.cat.T("act.fstatus."+st))
	}
	return out
}

// onFinding updates a finding's remediation: status, owner, due date and
// the evidence of the fix. The detail above shows the host, the asset it
// matched, and where the due date comes from.
func (a *activitiesArea) onFinding(f session.Finding, t *registerTab[session.Finding]) {
	s := a.shell
	cat := s.cat
	status := newSelect(cat, findingStatusLabels(s), nil)
	status.SetSelected(cat.T("act.fstatus." + f.Status))
	owner, due := widget.NewEntry(), widget.NewEntry()
	owner.SetText(f.Owner)
	due.SetText(dayLabel(f.DueDate))
	due.Validator = dateValidator(s)
	detail := wrapLabel(a.findingDetail(f))
	if !s.me.Can(users.PermEditRegisters) {
		text := detail.Text
		if f.FixEvidenceID != "" {
			text += "\n" + cat.T("act.fix_evidence") + ": " + a.evidenceText(f.FixEvidenceID)
		}
		s.showMessage(cat.T("act.tab.findings"), text)
		return
	}
	evidence := newEvidencePicker(s, a.svc, f.FixEvidenceID)
	items := []*widget.FormItem{widget.NewFormItem("", detail), widget.NewFormItem(cat.T("act.col.status"), status),
		widget.NewFormItem(cat.T("act.owner"), owner), widget.NewFormItem(cat.T("act.col.due"), due),
		widget.NewFormItem(cat.T("act.fix_evidence"), evidence.view)}
	a.showForm(cat.T("act.tab.findings"), items, func() error {
		u := session.FindingUpdate{Status: findings.Statuses()[max(0, status.SelectedIndex())],
			Owner: entryText(owner), FixEvidenceID: evidence.chosen()}
		u.ClearFixEvidence = u.FixEvidenceID == "" && f.FixEvidenceID != ""
		if d := normalizeDay(entryText(due)); d != f.DueDate {
			u.DueDate = d // an unchanged date keeps the pack rule it comes from
		}
		_, err := a.svc.UpdateFinding(f.ID, u)
		return err
	}, func() { t.reload(s) })
}

// findingDetail describes a finding read-only: name and CVEs, the host and
// the asset it matched, the due date and the pack rule it comes from, and
// the suggested solution.
func (a *activitiesArea) findingDetail(f session.Finding) string {
	cat := a.shell.cat
	head := f.Name
	if len(f.CVEs) > 0 {
		head += " — " + strings.Join(f.CVEs, ", ")
	}
	host := strings.TrimSpace(f.Host + " " + f.Hostname)
	if f.Port != "" {
		host += " (" + f.Port + ")"
	}
	asset := cat.T("act.no_asset")
	if f.AssetID != 0 {
		if as, err := a.svc.GetAsset(f.AssetID); err == nil {
			asset = as.Name
		}
	}
	due := cat.T("act.no_due")
	if f.DueDate != "" {
		due = dayLabel(f.DueDate) + " (" + cat.T("act.due_manual") + ")"
		if f.DueRule != "" {
			due = dayLabel(f.DueDate) + " (" + cat.T("act.due_rule", f.DueRule) + ")"
		}
	}
	lines := []string{head, cat.T("act.col.host") + ": " + host + " — " + cat.T("act.asset") + ": " + asset,
		cat.T("act.col.due") + ": " + due}
	if f.Solution != "" {
		lines = append(lines, f.Solution)
	}
	return strings.Join(lines, "\n")
}

// --- drills, plans, warnings, awareness ---

func (a *activitiesArea) drillsTab() fyne.CanvasObject {
	s := a.shell
	cat := s.cat
	t := &registerTab[session.Drill]{count: widget.NewLabel(""), load: a.svc.ListDrills}
	t.list = newListTable([]listColumn[session.Drill]{
		dayColumn(cat.T("act.col.date"), func(x session.Drill) string { return x.Date }),
		{title: cat.T("act.scenario"), width: 380, text: func(x session.Drill) string { return x.Scenario }},
		{title: cat.T("act.live_fire"), width: 120, text: func(x session.Drill) string { return yesNoText(s, x.LiveFire) }},
		{title: cat.T("act.participants"), width: 300, text: func(x session.Drill) string { return x.Participants }},
		evidenceColumn(a, func(x session.Drill) string { return x.EvidenceID }),
	}, cat.T("act.empty"), nil).withDetail()
	add := widget.NewButtonWithIcon(cat.T("act.record"), theme.ContentAddIcon(), func() {
		date, scenario, participants, findings := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
		date.SetText(dayLabel(a.today()))
		date.Validator = dateValidator(s)
		scenario.Validator = requiredValidator(s)
		live := widget.NewCheck(cat.T("act.live_fire_hint"), nil)
		systems := widget.NewCheckGroup(systemNames(a.systems), nil)
		evidence := newEvidencePicker(s, a.svc, "")
		items := []*widget.FormItem{widget.NewFormItem(cat.T("act.col.date"), date), widget.NewFormItem(cat.T("act.scenario"), scenario),
			widget.NewFormItem(cat.T("act.systems"), systems), widget.NewFormItem(cat.T("act.participants"), participants),
			widget.NewFormItem("", live), widget.NewFormItem(cat.T("act.findings_text"), findings),
			widget.NewFormItem(cat.T("evpick.report"), evidence.view)}
		a.showForm(cat.T("act.tab.drills"), items, func() error {
			d := session.Drill{Date: normalizeDay(entryText(date)), Scenario: entryText(scenario), Participants: entryText(participants),
				LiveFire: live.Checked, Findings: entryText(findings), EvidenceID: evidence.chosen()}
			for _, sys := range a.systems {
				if contains(systems.Selected, sys.Name) {
					d.SystemIDs = append(d.SystemIDs, sys.ID)
				}
			}
			_, err := a.svc.RecordDrill(d)
			return err
		}, func() { t.reload(s) })
	})
	return tabView(s, t, add)
}

func (a *activitiesArea) plansTab() fyne.CanvasObject {
	s := a.shell
	cat := s.cat
	t := &registerTab[session.ResponsePlan]{count: widget.NewLabel(""), load: func() ([]session.ResponsePlan, error) { return a.svc.ListResponsePlans(0) }}
	t.list = newListTable([]listColumn[session.ResponsePlan]{
		{title: cat.T("inc.col.system"), width: 280, text: func(x session.ResponsePlan) string { return a.systemName(x.SystemID) }},
		{title: cat.T("act.plan_title"), width: 300, text: func(x session.ResponsePlan) string { return x.Title }},
		{title: cat.T("act.version"), width: 90, text: func(x session.ResponsePlan) string { return x.Version }},
		{title: cat.T("act.approved_on"), width: 120, text: func(x session.ResponsePlan) string { return dayLabel(x.ApprovedOn) },
			key: func(x session.ResponsePlan) string { return x.ApprovedOn }},
		{title: cat.T("act.review"), width: 160, text: func(x session.ResponsePlan) string {
			if x.ReviewNeeded {
				return cat.T("act.review_needed")
			}
			return ""
		}},
		evidenceColumn(a, func(x session.ResponsePlan) string { return x.EvidenceID }),
	}, cat.T("act.empty"), nil).withDetail()
	t.list.style = func(x session.ResponsePlan) widget.Importance {
		if x.ReviewNeeded {
			return widget.WarningImportance
		}
		return widget.MediumImportance
	}
	add := widget.NewButtonWithIcon(cat.T("act.record"), theme.ContentAddIcon(), func() {
		system := a.systemSelect(false)
		title, version, approved, approver := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		title.Validator = requiredValidator(s)
		approved.Validator = dateValidator(s)
		evidence := newEvidencePicker(s, a.svc, "")
		items := []*widget.FormItem{widget.NewFormItem(cat.T("inc.col.system"), system), widget.NewFormItem(cat.T("act.plan_title"), title),
			widget.NewFormItem(cat.T("act.version"), version), widget.NewFormItem(cat.T("act.approved_on"), approved),
			widget.NewFormItem(cat.T("act.approver"), approver), widget.NewFormItem(cat.T("evpick.file"), evidence.view)}
		a.showForm(cat.T("act.tab.plans"), items, func() error {
			_, err := a.svc.RecordResponsePlan(session.ResponsePlan{SystemID: a.chosenSystem(system, false), Title: entryText(title),
				Version: entryText(version), ApprovedOn: normalizeDay(entryText(approved)), Approver: entryText(approver),
				EvidenceID: evidence.chosen()})
			return err
		}, func() { t.reload(s) })
	})
	return tabView(s, t, add)
}

func (a *activitiesArea) warningsTab() fyne.CanvasObject {
	_, view := a.warningsRegister()
	return view
}

// warningsRegister builds the warnings tab and the register it shows.
func (a *activitiesArea) warningsRegister() (*registerTab[session.Warning], fyne.CanvasObject) {
	s := a.shell
	cat := s.cat
	t := &registerTab[session.Warning]{count: widget.NewLabel(""), load: a.svc.ListWarnings}
	t.list = newListTable([]listColumn[session.Warning]{
		{title: cat.T("act.number"), width: 150, text: func(x session.Warning) string { return x.Number }},
		dayColumn(cat.T("act.col.date"), func(x session.Warning) string { return x.Date }),
		{title: cat.T("act.source"), width: 220, text: func(x session.Warning) string { return x.Source }},
		{title: "CVE", width: 200, text: func(x session.Warning) string { return strings.Join(x.CVEs, ", ") }},
		{title: cat.T("act.matched_assets"), width: 120, text: func(x session.Warning) string { return strconv.Itoa(len(x.Assets)) }},
		{title: cat.T("act.col.status"), width: 140, text: func(x session.Warning) string { return cat.T("act.wstatus." + x.Status) }},
	}, cat.T("act.empty"), func(w session.Warning) { a.onWarning(w, t) }).withDetail()
	add := widget.NewButtonWithIcon(cat.T("act.record"), theme.ContentAddIcon(), func() {
		number, date, source, products, cves := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		date.SetText(dayLabel(a.today()))
		date.Validator = dateValidator(s)
		products.SetPlaceHolder(cat.T("act.list_hint"))
		cves.SetPlaceHolder("CVE-2026-1234, CVE-2026-5678")
		items := []*widget.FormItem{widget.NewFormItem(cat.T("act.number"), number), widget.NewFormItem(cat.T("act.col.date"), date),
			widget.NewFormItem(cat.T("act.source"), source), widget.NewFormItem(cat.T("act.products"), products),
			widget.NewFormItem("CVE", cves)}
		a.showForm(cat.T("act.tab.warnings"), items, func() error {
			_, err := a.svc.RecordWarning(session.Warning{Number: entryText(number), Date: normalizeDay(entryText(date)), Source: entryText(source),
				Products: splitList(entryText(products)), CVEs: splitList(entryText(cves))})
			return err
		}, func() { t.reload(s) })
	})
	return t, tabView(s, t, add)
}

// onWarning records the action taken and the warning's status; the list
// t shows the change.
func (a *activitiesArea) onWarning(w session.Warning, t *registerTab[session.Warning]) {
	s := a.shell
	cat := s.cat
	if !s.me.Can(users.PermEditRegisters) {
		return
	}
	var labels []string
	for _, st := range session.WarningStatuses() {
		labels = append(labels, cat.T("act.wstatus."+st))
	}
	status := newSelect(cat, labels, nil)
	status.SetSelected(cat.T("act.wstatus." + w.Status))
	action := widget.NewMultiLineEntry()
	action.SetText(w.Action)
	items := []*widget.FormItem{widget.NewFormItem(cat.T("act.col.status"), status), widget.NewFormItem(cat.T("act.action"), action)}
	a.showForm(w.Number, items, func() error {
		return a.svc.SetWarningStatus(w.ID, session.WarningStatuses()[max(0, status.SelectedIndex())], entryText(action))
	}, func() { t.reload(s) })
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (a *activitiesArea) awarenessTab() fyne.CanvasObject {
	s := a.shell
	cat := s.cat
	t := &registerTab[session.AwarenessSession]{count: widget.NewLabel(""), load: a.svc.ListAwareness}
	t.list = newListTable([]listColumn[session.AwarenessSession]{
		dayColumn(cat.T("act.col.date"), func(x session.AwarenessSession) string { return x.Date }),
		{title: cat.T("act.topic"), width: 400, text: func(x session.AwarenessSession) string { return x.Topic }},
		{title: cat.T("act.audience"), width: 250, text: func(x session.AwarenessSession) string { return x.Audience }},
		{title: cat.T("act.attendees"), width: 100, text: func(x session.AwarenessSession) string { return strconv.Itoa(x.Attendees) }},
		evidenceColumn(a, func(x session.AwarenessSession) string { return x.EvidenceID }),
	}, cat.T("act.empty"), nil).withDetail()
	add := widget.NewButtonWithIcon(cat.T("act.record"), theme.ContentAddIcon(), func() {
		date, topic, audience, count := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
		date.SetText(dayLabel(a.today()))
		date.Validator = dateValidator(s)
		topic.Validator = requiredValidator(s)
		count.Validator = validatorOf(s, func(v string) error { _, err := registers.ParseCount(v); return err })
		evidence := newEvidencePicker(s, a.svc, "")
		items := []*widget.FormItem{widget.NewFormItem(cat.T("act.col.date"), date), widget.NewFormItem(cat.T("act.topic"), topic),
			widget.NewFormItem(cat.T("act.audience"), audience), widget.NewFormItem(cat.T("act.attendees"), count),
			widget.NewFormItem(cat.T("evpick.label"), evidence.view)}
		a.showForm(cat.T("act.tab.awareness"), items, func() error {
			n, _ := registers.ParseCount(entryText(count))
			_, err := a.svc.RecordAwareness(session.AwarenessSession{Date: normalizeDay(entryText(date)), Topic: entryText(topic),
				Audience: entryText(audience), Attendees: n, EvidenceID: evidence.chosen()})
			return err
		}, func() { t.reload(s) })
	})
	return tabView(s, t, add)
}
