package gui

import (
	"daumoi/data/assessments"
	"fmt"
	"strconv"

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
	GetAssessment(id int64) (session.Assessment, error)
	SetAssessmentItem(id int64, item string, status session.ItemStatus, note string, evidenceIDs []string) error
	ApproveAssessment(id int64) error
	NewRevision(id int64) (session.Assessment, error)
	CopyPrevious(id int64) (int, error)
	ListEvidence() ([]session.Evidence, error)
}

// assessmentScreen fills a system's checklist for a period: the items that
// apply by its level and the active packs, grouped, each with a status and
// a note, saved as they change; a manager approves, after which the
// revision is read-only and a new one can be opened.
type assessmentScreen struct {
	shell   *Shell
	svc     assessmentService
	systems []registers.System
	system  *widget.Select
	period  *widget.Entry
	header  *widget.Label
	overall *widget.ProgressBar
	actions *fyne.Container
	body    *fyne.Container
	current *session.Assessment
	rows    map[string]*itemRow
	root    *fyne.Container
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
	scr.systems, _ = scr.svc.ListSystems(session.SystemFilter{})
	scr.system = widget.NewSelect(systemNames(scr.systems), nil)
	scr.system.PlaceHolder = cat.T("as.choose_system")
	if c, ok := s.takePending().(systemChoice); ok {
		for i, sys := range scr.systems {
			if sys.ID == c.id {
				scr.system.SetSelectedIndex(i)
			}
		}
	}
	scr.period = widget.NewEntry()
	scr.period.SetText(strconv.Itoa(s.now().Year()))
	open := widget.NewButtonWithIcon(cat.T("as.open"), theme.FolderOpenIcon(), scr.onOpen)
	open.Importance = widget.HighImportance
	if !s.me.Can(users.PermAssess) && !s.me.Can(users.PermApprove) {
		open.Disable()
	}
	scr.header = widget.NewLabel(cat.T("as.intro"))
	scr.header.Wrapping = fyne.TextWrapWord
	scr.overall = widget.NewProgressBar()
	scr.actions = container.NewHBox()
	scr.body = container.NewVBox()
	pick := container.NewBorder(nil, nil, widget.NewLabel(cat.T("as.system")), container.NewHBox(widget.NewLabel(cat.T("as.period")),
		container.New(fixedWidth{width: 110}, scr.period), open), scr.system)
	top := container.NewVBox(pick, scr.header, container.NewBorder(nil, nil, nil, scr.actions, scr.overall))
	scr.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(scr.body))
	return scr, scr.root
}

// onOpen opens (or creates) the chosen system's assessment for the period.
func (scr *assessmentScreen) onOpen() {
	i := scr.system.SelectedIndex()
	if i < 0 {
		scr.shell.showMessage(scr.shell.cat.T("nav.assessments"), scr.shell.cat.T("as.choose_system"))
		return
	}
	a, err := scr.svc.OpenAssessment(scr.systems[i].ID, entryText(scr.period))
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
	s := scr.shell
	cat := s.cat
	scr.current = &a
	approved := a.State == session.AssessmentApproved
	state := cat.T("as.state.open")
	if approved {
		state = cat.T("as.state.approved", a.ApprovedBy, a.ApprovedAt)
	}
	c := a.Progress.Compliance()
	scr.header.SetText(cat.T("as.header", a.SystemName, a.Period, a.Revision, levelText(s, a.Level), state, complianceText(s, c)))
	scr.overall.SetValue(ratio(c.Assessed(), c.Applicable()))
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
	if !s.me.Can(users.PermAssess) {
		copyPrev.Disable()
	}
	if !s.me.Can(users.PermApprove) {
		approve.Disable()
	}
	return append(out, copyPrev, approve)
}

// groupView is a group's title with its progress, then its items.
func (scr *assessmentScreen) groupView(g session.AssessmentGroup, readOnly bool) fyne.CanvasObject {
	cat := scr.shell.cat
	title := widget.NewLabelWithStyle(cat.T("as.group", g.Group, g.PackID, g.Progress.Done(), g.Progress.Total),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := widget.NewProgressBar()
	bar.SetValue(ratio(g.Progress.Done(), g.Progress.Total))
	head := container.NewBorder(nil, nil, nil, container.New(fixedWidth{width: 220}, bar), title)
	box := container.NewVBox(widget.NewSeparator(), head)
	for _, it := range g.Items {
		box.Add(scr.itemView(it, readOnly))
	}
	return box
}

func statusLabel(s *Shell, st session.ItemStatus) string { return s.cat.T("as.status." + string(st)) }

// itemView is one item: its text, the status choice and the note, saved
// as they change.
func (scr *assessmentScreen) itemView(it session.AssessmentItem, readOnly bool) fyne.CanvasObject {
	s := scr.shell
	var opts []string
	for _, st := range session.ItemStatuses() {
		opts = append(opts, statusLabel(s, st))
	}
	row := &itemRow{item: it}
	row.status = widget.NewSelect(opts, nil)
	row.status.SetSelected(statusLabel(s, it.Status))
	row.note = widget.NewEntry()
	row.note.SetText(it.Note)
	row.note.SetPlaceHolder(s.cat.T("as.note"))
	text := widget.NewLabel(fmt.Sprintf("%s — %s", it.ItemID, it.TextVI))
	text.Wrapping = fyne.TextWrapWord
	evidence := widget.NewButtonWithIcon(s.cat.T("as.evidence", len(it.EvidenceIDs)), theme.FileIcon(), func() { scr.onEvidence(row) })
	if readOnly || !s.me.Can(users.PermAssess) {
		evidence.Disable()
	}
	who := widget.NewLabel("")
	who.Importance = widget.LowImportance
	if it.AssessedBy != "" {
		who.SetText(s.cat.T("as.assessed_by", it.AssessedBy, it.AssessedAt))
	}
	if readOnly || !s.me.Can(users.PermAssess) {
		row.status.Disable()
		row.note.Disable()
	} else {
		row.status.OnChanged = func(string) { scr.save(row) }
		row.note.OnSubmitted = func(string) { scr.save(row) }
		row.note.OnChanged = nil
	}
	scr.rows[it.Key()] = row
	controls := container.NewBorder(nil, nil, container.New(fixedWidth{width: 170}, row.status), evidence, row.note)
	return container.NewVBox(text, controls, who)
}

// onEvidence lets the user tick the evidence files that support an item;
// they are linked to the item when saved.
func (scr *assessmentScreen) onEvidence(row *itemRow) {
	s := scr.shell
	list, err := scr.svc.ListEvidence()
	if err != nil {
		s.showError(err)
		return
	}
	var names []string
	byName := map[string]string{}
	var selected []string
	for _, e := range list {
		label := e.Title + " (" + e.FileName + ")"
		names = append(names, label)
		byName[label] = e.ID
		for _, id := range row.item.EvidenceIDs {
			if id == e.ID {
				selected = append(selected, label)
			}
		}
	}
	if len(names) == 0 {
		s.showMessage(s.cat.T("nav.evidence"), s.cat.T("as.no_evidence"))
		return
	}
	group := widget.NewCheckGroup(names, nil)
	group.Selected = selected
	d := dialog.NewCustomConfirm(s.cat.T("as.evidence_title"), s.cat.T("reg.save"), s.cat.T("reg.cancel"), container.NewVScroll(group), func(ok bool) {
		if !ok {
			return
		}
		var ids []string
		for _, name := range group.Selected {
			ids = append(ids, byName[name])
		}
		row.item.EvidenceIDs = ids
		scr.save(row)
		scr.reload()
	}, s.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// save records an item; a refused change (e.g. "does not apply" without a
// reason) is explained and the row shows what is stored.
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
	scr.refreshProgress()
}

// refreshProgress updates the header without rebuilding the items (the
// user keeps their place).
func (scr *assessmentScreen) refreshProgress() {
	a, err := scr.svc.GetAssessment(scr.current.ID)
	if err != nil {
		return
	}
	scr.current = &a
	c := a.Progress.Compliance()
	scr.overall.SetValue(ratio(c.Assessed(), c.Applicable()))
	cat := scr.shell.cat
	scr.header.SetText(cat.T("as.header", a.SystemName, a.Period, a.Revision, levelText(scr.shell, a.Level), cat.T("as.state.open"), complianceText(scr.shell, c)))
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
