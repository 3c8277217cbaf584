package gui

import (
	"context"
	"daumoi/data/assessments"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// assessmentService is what the assessment screen needs of the session.
type assessmentService interface {
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	ListAssessments(systemID int64) ([]session.AssessmentSummary, error)
	OpenAssessment(systemID int64, period string) (session.Assessment, error)
	LatestAssessment(systemID int64, period string) (session.Assessment, error)
	GetAssessment(id int64) (session.Assessment, error)
	SetAssessmentItem(id int64, item string, status session.ItemStatus, note string, evidenceIDs []string) error
	ApproveAssessment(id int64) error
	ReturnAssessment(id int64, comment string) error
	NewRevision(id int64) (session.Assessment, error)
	CopyPrevious(id int64) (int, error)
	ListEvidence() ([]session.Evidence, error)
	AddEvidence(ctx context.Context, r io.Reader, meta session.EvidenceMeta, progress func(int64)) (session.Evidence, error)
	packLister
}

// assessmentScreen fills a system's checklist for a period: the items that
// apply by its level and the active packs, grouped, each with a status and
// a note, saved as they change; a manager (who does not fill checklists)
// opens the current revision read-only with its evidence and approves it,
// after which it is read-only and a new one can be opened, or returns it
// with a comment that the people assessing then see above the items.
type assessmentScreen struct {
	shell   *Shell
	svc     assessmentService
	systems []registers.System
	system  *widget.Select
	period  *widget.Entry
	header  *widget.Label
	comment *widget.Label // the manager's latest return, while open
	overall *widget.ProgressBar
	actions *fyne.Container
	body    *fyne.Container
	current *session.Assessment
	rows    map[string]*itemRow
	root    *fyne.Container
	words   packWords // the packs' titles and item texts
}

// itemRow is one checklist item's widgets.
type itemRow struct {
	item   session.AssessmentItem
	status *widget.Select
	note   *widget.Entry
}

// newAssessmentArea is the Assessments area: the checklist of a system,
// and the regulation packs the checklists come from.
func newAssessmentArea(s *Shell) fyne.CanvasObject {
	_, content := buildAssessmentScreen(s)
	return container.NewAppTabs(
		container.NewTabItemWithIcon(s.cat.T("as.tab.checklist"), theme.ConfirmIcon(), content),
		container.NewTabItemWithIcon(s.cat.T("as.tab.packs"), theme.DocumentIcon(), newPacksScreen(s)),
	)
}

func buildAssessmentScreen(s *Shell) (*assessmentScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &assessmentScreen{shell: s, svc: s.sess, rows: map[string]*itemRow{}}
	scr.words = newPackWords(cat, scr.svc)
	scr.systems, _ = scr.svc.ListSystems(session.SystemFilter{})
	scr.system = newSelect(cat, systemNames(scr.systems), nil)
	scr.system.PlaceHolder = cat.T("as.choose_system")
	scr.period = widget.NewEntry()
	scr.period.SetText(strconv.Itoa(s.now().Year()))
	var chosen *session.Assessment
	switch c := s.takePending().(type) {
	case systemChoice:
		scr.selectSystem(c.id)
	case assessmentChoice:
		if a, err := scr.svc.GetAssessment(c.id); err == nil {
			scr.selectSystem(a.SystemID)
			scr.period.SetText(a.Period)
			chosen = &a
		}
	}
	open := widget.NewButtonWithIcon(cat.T("as.open"), theme.FolderOpenIcon(), scr.onOpen)
	open.Importance = widget.HighImportance
	if !s.me.Can(users.PermAssess) && !s.me.Can(users.PermApprove) {
		open.Disable()
	}
	scr.header = widget.NewLabel(cat.T("as.intro"))
	scr.header.Wrapping = fyne.TextWrapWord
	scr.comment = widget.NewLabel("")
	scr.comment.Wrapping = fyne.TextWrapWord
	scr.comment.Importance = widget.WarningImportance
	scr.comment.Hide()
	scr.overall = widget.NewProgressBar()
	scr.overall.Hide() // until an assessment is open
	scr.actions = container.NewHBox()
	scr.body = container.NewVBox(scr.prompt())
	pick := container.NewBorder(nil, nil, widget.NewLabel(cat.T("as.system")), container.NewHBox(widget.NewLabel(cat.T("as.period")),
		container.New(fixedWidth{width: 110}, scr.period), open), scr.system)
	top := container.NewVBox(pick, scr.header, scr.comment, container.NewBorder(nil, nil, nil, scr.actions, scr.overall))
	scr.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(scr.body))
	if chosen != nil {
		scr.show(*chosen)
	}
	return scr, scr.root
}

// prompt says what to do before an assessment is open: choose a system
// (or, when there is none, add one first).
func (scr *assessmentScreen) prompt() fyne.CanvasObject {
	key := "text.as.choose_first"
	if len(scr.systems) == 0 {
		key = "text.as.no_systems"
	}
	l := wrapLabel(scr.shell.cat.T(key))
	l.Alignment = fyne.TextAlignCenter
	l.Importance = widget.HighImportance
	return container.NewPadded(l)
}

// selectSystem chooses the system with id in the list, if it is there.
func (scr *assessmentScreen) selectSystem(id int64) {
	for i, sys := range scr.systems {
		if sys.ID == id {
			scr.system.SetSelectedIndex(i)
		}
	}
}

// stampText shows a stored UTC stamp as dd/mm/yyyy HH:MM in Vietnam time
// (the stamp itself if it cannot be read).
func stampText(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return stamp
	}
	return vnTime(t)
}

// onOpen opens (or creates) the chosen system's assessment for the period;
// someone who does not fill checklists (a manager) reads the current
// revision, never creating one.
func (scr *assessmentScreen) onOpen() {
	i := scr.system.SelectedIndex()
	if i < 0 {
		scr.shell.showMessage(scr.shell.cat.T("nav.assessments"), scr.shell.cat.T("as.choose_system"))
		return
	}
	open := scr.svc.OpenAssessment
	if !scr.shell.me.Can(users.PermAssess) {
		open = scr.svc.LatestAssessment
	}
	a, err := open(scr.systems[i].ID, entryText(scr.period))
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.show(a)
}

func (scr *assessmentScreen) reload() {
	if scr.current == nil {
		return
	}
	a, err := scr.svc.GetAssessment(scr.current.ID)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.show(a)
}

// show lays out an assessment: its state, progress, actions and items.
func (scr *assessmentScreen) show(a session.Assessment) {
	scr.current = &a
	approved := a.State == session.AssessmentApproved
	scr.setHeader(a)
	scr.overall.Show()
	scr.actions.Objects = scr.actionButtons(a)
	scr.actions.Refresh()
	scr.rows = map[string]*itemRow{}
	scr.body.Objects = nil
	for _, g := range a.Groups {
		scr.body.Add(scr.groupView(g, approved))
	}
	scr.root.Refresh()
}

func ratio(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

func (scr *assessmentScreen) actionButtons(a session.Assessment) []fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	var out []fyne.CanvasObject
	if a.State == session.AssessmentApproved {
		b := widget.NewButtonWithIcon(cat.T("as.new_revision"), theme.ContentAddIcon(), scr.onNewRevision)
		if !s.me.Can(users.PermAssess) {
			b.Disable()
		}
		return append(out, b)
	}
	copyPrev := widget.NewButtonWithIcon(cat.T("as.copy_previous"), theme.ContentCopyIcon(), scr.onCopyPrevious)
	approve := widget.NewButtonWithIcon(cat.T("as.approve"), theme.ConfirmIcon(), scr.onApprove)
	approve.Importance = widget.HighImportance
	ret := widget.NewButtonWithIcon(cat.T("as.return"), theme.MailReplyIcon(), scr.onReturn)
	if !s.me.Can(users.PermAssess) {
		copyPrev.Disable()
	}
	if !s.me.Can(users.PermApprove) {
		approve.Disable()
		ret.Disable()
	}
	return append(out, copyPrev, ret, approve)
}

// groupView is a group's title with its progress, then its items.
func (scr *assessmentScreen) groupView(g session.AssessmentGroup, readOnly bool) fyne.CanvasObject {
	cat := scr.shell.cat
	title := widget.NewLabelWithStyle(cat.T("as.group", scr.words.groupTitle(g), g.Progress.Done(), g.Progress.Total),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	bar.SetValue(ratio(g.Progress.Done(), g.Progress.Total))
	head := container.NewBorder(nil, nil, nil, container.New(fixedWidth{width: 220}, bar), title)
	box := container.NewVBox(widget.NewSeparator(), head)
	for _, it := range g.Items {
		box.Add(scr.itemView(it, scr.words.groupItemText(g, it), readOnly))
	}
	return box
}

func statusLabel(s *Shell, st session.ItemStatus) string { return s.cat.T("as.status." + string(st)) }

// itemView is one item: its text (label), the status choice and the note,
// saved as they change.
func (scr *assessmentScreen) itemView(it session.AssessmentItem, label string, readOnly bool) fyne.CanvasObject {
	s := scr.shell
	var opts []string
	for _, st := range session.ItemStatuses() {
		opts = append(opts, statusLabel(s, st))
	}
	row := &itemRow{item: it}
	row.status = newSelect(s.cat, opts, nil)
	row.status.SetSelected(statusLabel(s, it.Status))
	row.note = widget.NewEntry()
	row.note.SetText(it.Note)
	row.note.SetPlaceHolder(s.cat.T("as.note"))
	text := widget.NewLabel(label)
	text.Wrapping = fyne.TextWrapWord
	editable := !readOnly && s.me.Can(users.PermAssess)
	evidence := widget.NewButtonWithIcon(s.cat.T("as.evidence", len(it.EvidenceIDs)), theme.FileIcon(), func() {
		if editable {
			scr.onEvidence(row)
		} else {
			scr.showEvidence(row.item)
		}
	})
	if !editable && len(it.EvidenceIDs) == 0 {
		evidence.Disable()
	}
	who := widget.NewLabel("")
	who.Importance = widget.LowImportance
	if it.AssessedBy != "" {
		who.SetText(s.cat.T("as.assessed_by", it.AssessedBy, stampText(it.AssessedAt)))
	}
	if !editable {
		row.status.Disable()
		row.note.Disable()
	} else {
		row.status.OnChanged = func(string) { scr.onStatus(row) }
		row.note.OnSubmitted = func(string) { scr.save(row) }
		row.note.OnChanged = nil
	}
	scr.rows[it.Key()] = row
	controls := container.NewBorder(nil, nil, container.New(fixedWidth{width: 170}, row.status), evidence, row.note)
	return container.NewVBox(text, controls, who)
}

// evidenceChooser is the dialog that ticks the evidence files of an item,
// with "Thêm tệp…" to add a new file to the library right there (ticked
// once added).
type evidenceChooser struct {
	scr    *assessmentScreen
	group  *widget.CheckGroup
	byName map[string]string
	names  map[string]string // id → label
	status *widget.Label
	add    *widget.Button
}

// fill lists the library again, keeping what is ticked and ticking extra.
func (c *evidenceChooser) fill(extra string) error {
	list, err := c.scr.svc.ListEvidence()
	if err != nil {
		return err
	}
	ticked := map[string]bool{extra: extra != ""}
	for _, name := range c.group.Selected {
		ticked[c.byName[name]] = true
	}
	var options, selected []string
	c.byName, c.names = map[string]string{}, map[string]string{}
	for _, e := range list {
		label := evidenceLabel(e)
		if _, dup := c.byName[label]; dup {
			label += " · " + e.ID[:min(8, len(e.ID))]
		}
		options = append(options, label)
		c.byName[label], c.names[e.ID] = e.ID, label
		if ticked[e.ID] {
			selected = append(selected, label)
		}
	}
	c.group.Options, c.group.Selected = options, selected
	c.group.Refresh()
	return nil
}

// chosen is the ids ticked, in the library's order.
func (c *evidenceChooser) chosen() []string {
	var ids []string
	for _, name := range c.group.Options {
		if slices.Contains(c.group.Selected, name) {
			ids = append(ids, c.byName[name])
		}
	}
	return ids
}

// addFile encrypts the file at path into the library off the UI thread,
// then lists it ticked; the channel is closed once the dialog shows it.
func (c *evidenceChooser) addFile(path string) <-chan struct{} {
	done := make(chan struct{})
	s := c.scr.shell
	c.add.Disable()
	c.status.SetText(s.cat.T("ev.importing", filepath.Base(path)))
	c.status.Show()
	s.goBackground(func() {
		e, err := addEvidenceFile(context.Background(), c.scr.svc, path, nil)
		fyne.Do(func() {
			defer close(done)
			c.add.Enable()
			c.status.Hide()
			if err != nil {
				s.showError(err)
				return
			}
			if err := c.fill(e.ID); err != nil {
				s.showError(err)
			}
		})
	})
	return done
}

// onEvidence lets the user tick the evidence files that support an item,
// or add a new one; they are linked to the item when saved.
func (scr *assessmentScreen) onEvidence(row *itemRow) {
	scr.evidenceChooser(row)
}

// evidenceChooser shows the dialog of onEvidence and returns it.
func (scr *assessmentScreen) evidenceChooser(row *itemRow) *evidenceChooser {
	s := scr.shell
	c := &evidenceChooser{scr: scr, group: widget.NewCheckGroup(nil, nil), status: widget.NewLabel("")}
	c.status.Hide()
	if err := c.fill(""); err != nil {
		s.showError(err)
		return nil
	}
	for _, id := range row.item.EvidenceIDs {
		if name, ok := c.names[id]; ok {
			c.group.Selected = append(c.group.Selected, name)
		}
	}
	c.group.Refresh()
	c.add = widget.NewButtonWithIcon(s.cat.T("evpick.add"), theme.ContentAddIcon(), func() {
		s.chooseFile(func(path string) { c.addFile(path) })
	})
	if !s.me.Can(users.PermAddEvidence) {
		c.add.Disable()
	}
	hint := widget.NewLabel(s.cat.T("as.evidence_hint"))
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(hint, container.NewBorder(nil, nil, nil, c.add, c.status)), nil, nil, nil,
		container.NewVScroll(c.group))
	d := dialog.NewCustomConfirm(s.cat.T("as.evidence_title"), s.cat.T("reg.save"), s.cat.T("reg.cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		row.item.EvidenceIDs = c.chosen()
		scr.save(row)
		scr.reload()
	}, s.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	return c
}

// showEvidence shows, read-only, the files an item rests on: each with its
// preview and a button to save a copy (for those who review an assessment).
func (scr *assessmentScreen) showEvidence(it session.AssessmentItem) {
	s := scr.shell
	list, err := scr.svc.ListEvidence()
	if err != nil {
		s.showError(err)
		return
	}
	viewer := &evidenceScreen{shell: s, svc: s.sess}
	box := container.NewVBox(wrapLabel(scr.words.itemText(it)))
	for _, e := range list {
		if !slices.Contains(it.EvidenceIDs, e.ID) {
			continue
		}
		e := e
		title := widget.NewLabelWithStyle(evidenceLabel(e), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		export := widget.NewButtonWithIcon(s.cat.T("ev.export"), theme.DownloadIcon(), func() { viewer.onExport(e) })
		box.Add(widget.NewSeparator())
		box.Add(container.NewBorder(nil, nil, nil, export, title))
		box.Add(viewer.preview(e))
	}
	d := dialog.NewCustom(s.cat.T("as.evidence_title"), s.cat.T("reg.close"), container.NewVScroll(box), s.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// save records an item; a refused change is explained and the row shows
// what is stored.
func (scr *assessmentScreen) save(row *itemRow) {
	i := row.status.SelectedIndex()
	if i < 0 || scr.current == nil {
		return
	}
	st := session.ItemStatuses()[i]
	if err := scr.svc.SetAssessmentItem(scr.current.ID, row.item.Key(), st, entryText(row.note), row.item.EvidenceIDs); err != nil {
		scr.shell.showError(err)
		scr.reload()
		return
	}
	row.item.Status, row.item.Note = st, entryText(row.note)
	scr.refreshProgress()
}

// onStatus saves a row's new status. "Không áp dụng" without a reason in
// the note keeps the choice and asks for the reason first (askReason).
func (scr *assessmentScreen) onStatus(row *itemRow) {
	i := row.status.SelectedIndex()
	if i >= 0 && session.ItemStatuses()[i] == session.ItemNotApplicable && entryText(row.note) == "" {
		scr.askReason(row)
		return
	}
	scr.save(row)
}

// askReason asks why an item does not apply: the reason given becomes
// the item's note and the item is saved; cancelling puts back the status
// stored before.
func (scr *assessmentScreen) askReason(row *itemRow) {
	s := scr.shell
	cat := s.cat
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.Validator = requiredValidator(s)
	intro := wrapLabel(cat.T("text.as.na_intro", scr.words.itemText(row.item)))
	d := dialog.NewForm(cat.T("text.as.na_title"), cat.T("reg.save"), cat.T("reg.cancel"),
		[]*widget.FormItem{widget.NewFormItem("", intro), widget.NewFormItem(cat.T("text.as.na_reason"), reason)}, func(ok bool) {
			if !ok {
				scr.restoreStatus(row)
				return
			}
			row.note.SetText(entryText(reason))
			scr.save(row)
		}, s.win)
	d.Resize(fyne.NewSize(620, 340))
	d.Show()
	s.win.Canvas().Focus(reason)
}

// restoreStatus shows the row's stored status again, saving nothing.
func (scr *assessmentScreen) restoreStatus(row *itemRow) {
	changed := row.status.OnChanged
	row.status.OnChanged = nil
	row.status.SetSelected(statusLabel(scr.shell, row.item.Status))
	row.status.OnChanged = changed
}

// refreshProgress updates the header without rebuilding the items (the
// user keeps their place).
func (scr *assessmentScreen) refreshProgress() {
	a, err := scr.svc.GetAssessment(scr.current.ID)
	if err != nil {
		return
	}
	scr.current = &a
	scr.setHeader(a)
}

// setHeader shows the assessment's state and progress, and the manager's
// latest return comment while it is open.
func (scr *assessmentScreen) setHeader(a session.Assessment) {
	s := scr.shell
	cat := s.cat
	state := cat.T("as.state.open")
	switch {
	case a.State == session.AssessmentApproved:
		state = cat.T("as.state.approved", a.ApprovedBy, stampText(a.ApprovedAt))
	case a.AwaitingApproval():
		state = cat.T("as.state.awaiting")
	}
	c := a.Progress.Compliance()
	scr.header.SetText(cat.T("as.header", a.SystemName, a.Period, a.Revision, levelText(s, a.Level), state, complianceText(s, c)))
	scr.overall.SetValue(ratio(c.Assessed(), c.Applicable()))
	if a.ReturnComment != "" && a.State == session.AssessmentOpen {
		scr.comment.SetText(cat.T("as.returned", a.ReturnedBy, stampText(a.ReturnedAt), a.ReturnComment))
		scr.comment.Show()
	} else {
		scr.comment.Hide()
	}
}

func (scr *assessmentScreen) onApprove() {
	cat := scr.shell.cat
	dialog.ShowConfirm(cat.T("as.approve"), cat.T("as.approve_confirm"), func(ok bool) {
		if !ok {
			return
		}
		if err := scr.svc.ApproveAssessment(scr.current.ID); err != nil {
			scr.shell.showError(err)
			return
		}
		scr.reload()
	}, scr.shell.win)
}

// onReturn asks the manager what is to be added or corrected and returns
// the assessment with that comment.
func (scr *assessmentScreen) onReturn() {
	s := scr.shell
	cat := s.cat
	comment := widget.NewMultiLineEntry()
	comment.SetPlaceHolder(cat.T("as.return_placeholder"))
	comment.SetMinRowsVisible(4)
	comment.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(cat.T("as.return_intro"))
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(cat.T("as.return_title"), cat.T("as.return_send"), cat.T("reg.cancel"),
		container.NewVBox(intro, comment), func(ok bool) {
			if !ok {
				return
			}
			if err := scr.svc.ReturnAssessment(scr.current.ID, comment.Text); err != nil {
				s.showError(err)
				return
			}
			scr.reload()
		}, s.win)
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
	s.win.Canvas().Focus(comment)
}

func (scr *assessmentScreen) onNewRevision() {
	a, err := scr.svc.NewRevision(scr.current.ID)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.show(a)
}

func (scr *assessmentScreen) onCopyPrevious() {
	n, err := scr.svc.CopyPrevious(scr.current.ID)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.reload()
	scr.shell.showMessage(scr.shell.cat.T("as.copy_previous"), scr.shell.cat.T("as.copied", n))
}

// complianceText states an assessment's compliance by the one definition
// (package assessments): "đạt x/y mục đã đánh giá (p%); đã đánh giá y/z mục".
func complianceText(s *Shell, c assessments.Compliance) string {
	return s.cat.T("as.compliance", c.Met, c.Assessed(), percent(c.Percent()/100), c.Assessed(), c.Applicable())
}
