package gui

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/tabular"
	"daumoi/data/users"
)

// systemsService is what the systems screen needs of the session.
type systemsService interface {
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	GetSystem(id int64) (registers.System, error)
	SaveSystem(sys registers.System) (registers.System, error)
	AdvanceDossier(id int64, step registers.DossierStep) (registers.System, error)
	DeleteSystem(id int64) error
	ImportSystems(sheet tabular.Sheet, m tabular.Mapping, opts session.ImportOptions) (session.ImportReport, error)
	ExportSystems(w io.Writer, format session.Format) (int, error)
}

// systemsScreen lists the information systems with their level and dossier
// state, filtered and searched as the user types, and opens each in a form.
type systemsScreen struct {
	shell  *Shell
	svc    systemsService
	search *widget.Entry
	level  *widget.Select
	state  *widget.Select
	count  *widget.Label
	list   *listTable[registers.System]
}

// newSystemsScreen builds the Information systems area.
func newSystemsScreen(s *Shell) fyne.CanvasObject {
	_, content := buildSystemsScreen(s)
	return content
}

// buildSystemsScreen builds the screen and returns it with its content.
func buildSystemsScreen(s *Shell) (*systemsScreen, fyne.CanvasObject) {
	scr := &systemsScreen{shell: s, svc: s.sess}
	cat := s.cat
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("reg.search"))
	scr.level = newSelect(cat, levelOptions(s), nil)
	scr.level.SetSelectedIndex(0)
	scr.state = newSelect(cat, dossierOptions(s), nil)
	scr.state.SetSelectedIndex(0)
	if f, ok := s.takePending().(dossierFilter); ok {
		for i, st := range registers.DossierStates() {
			if st == f.state {
				scr.state.SetSelectedIndex(i + 1)
			}
		}
	}
	scr.count = widget.NewLabel("")
	scr.list = newListTable(scr.columns(), cat.T("sys.empty"), scr.onOpen)
	scr.level.OnChanged = func(string) { scr.reload() }
	scr.state.OnChanged = func(string) { scr.reload() }
	scr.search.OnChanged = func(string) { scr.reload() }

	add := widget.NewButtonWithIcon(cat.T("reg.add"), theme.ContentAddIcon(), func() { scr.onOpen(registers.System{}) })
	add.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon(cat.T("reg.import"), theme.UploadIcon(), scr.onImport)
	exp := widget.NewButtonWithIcon(cat.T("reg.export"), theme.DownloadIcon(), scr.onExport)
	if !s.me.Can(users.PermEditRegisters) {
		add.Disable()
		imp.Disable()
	}
	filters := container.NewGridWithColumns(2, scr.level, scr.state)
	bar := container.NewVBox(scr.search, container.NewBorder(nil, nil, nil, container.NewHBox(scr.count, add, imp, exp), filters))
	scr.reload()
	return scr, container.NewBorder(bar, nil, nil, nil, scr.list.view)
}

func (scr *systemsScreen) columns() []listColumn[registers.System] {
	cat := scr.shell.cat
	return []listColumn[registers.System]{
		{title: cat.T("sys.col.name"), width: 280, text: func(s registers.System) string { return s.Name }},
		{title: cat.T("sys.col.level"), width: 80, text: func(s registers.System) string { return levelText(scr.shell, s.Level()) }},
		{title: cat.T("sys.col.dossier"), width: 160, text: func(s registers.System) string { return dossierText(scr.shell, s.Dossier.State) }},
		{title: cat.T("sys.col.unit"), width: 200, text: func(s registers.System) string { return s.OperatingUnit }},
		{title: cat.T("sys.col.drill"), width: 140, text: func(s registers.System) string { return yesNoText(scr.shell, s.NeedsYearlyDrill()) }},
		{title: cat.T("sys.col.regulation"), width: 100, text: func(s registers.System) string { return yesNoText(scr.shell, s.Regulation.Issued) }},
	}
}

// reload asks the service for the systems matching the filters.
func (scr *systemsScreen) reload() {
	f := session.SystemFilter{Text: scr.search.Text}
	if i := scr.level.SelectedIndex(); i > 0 {
		f.MinLevel = i
	}
	if i := scr.state.SelectedIndex(); i > 0 {
		f.State = registers.DossierStates()[i-1]
	}
	list, err := scr.svc.ListSystems(f)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.count.SetText(scr.shell.cat.T("reg.count", len(list)))
	scr.list.setRows(list)
}

func (scr *systemsScreen) onOpen(sys registers.System) {
	if sys.ID != 0 {
		fresh, err := scr.svc.GetSystem(sys.ID)
		if err != nil {
			scr.shell.showError(err)
			return
		}
		sys = fresh
	}
	newSystemForm(scr, sys).show()
}

func (scr *systemsScreen) onImport() {
	runImportFlow(scr.shell, registers.SystemFields(), scr.svc.ImportSystems, scr.reload)
}

func (scr *systemsScreen) onExport() {
	runExportFlow(scr.shell, "he-thong-thong-tin", scr.svc.ExportSystems)
}

// levelOptions are "every level" then "level ≥ N".
func levelOptions(s *Shell) []string {
	opts := []string{s.cat.T("sys.filter.any_level")}
	for l := 1; l <= 5; l++ {
		opts = append(opts, s.cat.T("sys.filter.level_at_least", l))
	}
	return opts
}

// dossierOptions are "every state" then each dossier state.
func dossierOptions(s *Shell) []string {
	opts := []string{s.cat.T("sys.filter.any_state")}
	for _, st := range registers.DossierStates() {
		opts = append(opts, dossierText(s, st))
	}
	return opts
}

func levelText(s *Shell, level int) string {
	if level == 0 {
		return s.cat.T("sys.level.none")
	}
	return s.cat.T("sys.level", level)
}

func dossierText(s *Shell, st registers.DossierState) string {
	if st == "" {
		st = registers.DossierDrafting
	}
	return s.cat.T("sys.dossier." + string(st))
}

func yesNoText(s *Shell, b bool) string {
	if b {
		return s.cat.T("reg.yes")
	}
	return s.cat.T("reg.no")
}

// systemForm edits one system in a dialog: fields with validation next to
// them, the dossier workflow, and a guard against closing with unsaved
// changes.
type systemForm struct {
	editForm
	scr *systemsScreen
	sys registers.System

	name, purpose, unit, owner, scope, users, hosting, justification *widget.Entry
	regNumber, regDate, goLive, notes                                *widget.Entry
	infoTypes                                                        *widget.CheckGroup
	service, level                                                   *widget.Select
	regIssued, tested, province                                      *widget.Check
	plan                                                             map[registers.PlanPart]*widget.Select
	form                                                             *widget.Form
}

func newSystemForm(scr *systemsScreen, sys registers.System) *systemForm {
	f := &systemForm{editForm: editForm{shell: scr.shell}, scr: scr, sys: sys, plan: map[registers.PlanPart]*widget.Select{}}
	f.build()
	return f
}

func (f *systemForm) build() {
	s := f.scr.shell
	cat := s.cat
	sys := f.sys
	f.name = f.entry(sys.Name, requiredValidator(s))
	f.purpose = f.multi(sys.Purpose)
	f.unit = f.entry(sys.OperatingUnit, nil)
	f.owner = f.entry(sys.Owner, nil)
	f.scope = f.entry(sys.Scope, nil)
	f.users = f.entry(countText(sys.Users), validatorOf(s, func(v string) error { _, err := registers.ParseCount(v); return err }))
	f.hosting = f.entry(sys.Hosting, nil)
	f.justification = f.multi(sys.LevelJustification)
	f.regNumber = f.entry(sys.Regulation.Number, nil)
	f.regDate = f.entry(dayLabel(sys.Regulation.Date), dateValidator(s))
	f.goLive = f.entry(dayLabel(sys.GoLiveDate), dateValidator(s))
	f.notes = f.multi(sys.Notes)
	f.infoTypes = widget.NewCheckGroup(infoTypeLabels(s), func([]string) { f.dirty = true })
	f.infoTypes.Horizontal = true
	for _, t := range sys.InfoTypes {
		f.infoTypes.Selected = append(f.infoTypes.Selected, capFirst(s.cat.T("info_type."+string(t))))
	}
	f.service = newSelect(cat, serviceTypeLabels(s), func(string) { f.dirty = true })
	f.service.PlaceHolder = s.cat.T("select.placeholder")
	if sys.ServiceType != "" {
		f.service.SetSelected(capFirst(cat.T("service_type." + string(sys.ServiceType))))
	}
	var levels []string
	for l := 1; l <= 5; l++ {
		levels = append(levels, levelText(s, l))
	}
	f.level = newSelect(cat, levels, func(string) { f.dirty = true })
	f.level.PlaceHolder = s.cat.T("select.placeholder")
	f.level.PlaceHolder = cat.T("sys.level.none")
	if sys.ProposedLevel > 0 {
		f.level.SetSelectedIndex(sys.ProposedLevel - 1)
	}
	f.regIssued = f.check(cat.T("sys.field.regulation_issued"), sys.Regulation.Issued)
	f.tested = f.check(cat.T("field.tested_before_go_live"), sys.TestedBeforeGoLive)
	f.province = f.check(cat.T("sys.province_hint"), sys.ProvinceOwned)
	f.form = f.makeForm()
	f.dirty = false
}

func (f *systemForm) makeForm() *widget.Form {
	cat := f.scr.shell.cat
	item := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(cat.T(key), w) }
	items := []*widget.FormItem{
		item("field.name", f.name),
		item("field.purpose", f.purpose),
		item("field.operating_unit", f.unit),
		item("field.owner", f.owner),
		item("field.scope", f.scope),
		item("field.users", f.users),
		item("field.info_types", f.infoTypes),
		item("field.service_type", f.service),
		item("field.hosting", f.hosting),
		item("field.proposed_level", f.levelRow()),
		item("field.level_justification", f.justification),
		item("sys.field.regulation", container.NewBorder(nil, nil, f.regIssued, nil, container.NewGridWithColumns(2, f.regNumber, f.regDate))),
		item("field.go_live_date", container.NewBorder(nil, nil, nil, f.tested, f.goLive)),
		item("field.province_owned", f.province),
	}
	items = append(items, widget.NewFormItem("", widget.NewLabelWithStyle(cat.T("sys.plan_heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})))
	for _, part := range registers.PlanParts() {
		sel := newSelect(cat, planStatusLabels(f.scr.shell), func(string) { f.dirty = true })
		if st := f.sys.Plan[part]; st != "" {
			sel.SetSelected(capFirst(cat.T("plan_status." + string(st))))
		}
		f.plan[part] = sel
		items = append(items, widget.NewFormItem(capFirst(cat.T("plan."+string(part))), sel))
	}
	items = append(items, item("field.notes", f.notes))
	form := widget.NewForm(items...)
	return form
}

// levelRow is the level choice with the level helper next to it (for a
// system already saved).
func (f *systemForm) levelRow() fyne.CanvasObject {
	s := f.scr.shell
	helper := widget.NewButton(s.cat.T("lvl.open"), func() {
		showLevelHelper(s, s.sess, f.sys, func(saved registers.System) {
			f.dlg.Hide()
			f.scr.reload()
			newSystemForm(f.scr, saved).show()
		})
	})
	if f.sys.ID == 0 || !s.me.Can(users.PermEditRegisters) {
		helper.Disable()
	}
	return container.NewBorder(nil, nil, nil, helper, f.level)
}

func (f *systemForm) check(label string, on bool) *widget.Check {
	c := widget.NewCheck(label, func(bool) { f.dirty = true })
	c.SetChecked(on)
	return c
}

// show opens the form's dialog, with the dossier workflow for a saved
// system.
func (f *systemForm) show() {
	cat := f.scr.shell.cat
	title := cat.T("sys.new")
	if f.sys.ID != 0 {
		title = f.sys.Name
	}
	var dossier fyne.CanvasObject = widget.NewLabel("")
	if f.sys.ID != 0 {
		dossier = f.dossierPanel()
	}
	f.open(cat.T("sys.form_title"), title, container.NewVBox(f.form, widget.NewSeparator(), dossier), f.onSave)
}

// collect reads the widgets into a system.
func (f *systemForm) collect() registers.System {
	s := f.scr.shell
	sys := f.sys
	sys.Name = entryText(f.name)
	sys.Purpose = entryText(f.purpose)
	sys.OperatingUnit = entryText(f.unit)
	sys.Owner = entryText(f.owner)
	sys.Scope = entryText(f.scope)
	sys.Users, _ = registers.ParseCount(entryText(f.users))
	sys.Hosting = entryText(f.hosting)
	sys.LevelJustification = entryText(f.justification)
	sys.Regulation = registers.Regulation{Issued: f.regIssued.Checked, Number: entryText(f.regNumber), Date: entryText(f.regDate)}
	sys.GoLiveDate = entryText(f.goLive)
	sys.TestedBeforeGoLive = f.tested.Checked
	sys.ProvinceOwned = f.province.Checked
	sys.Notes = entryText(f.notes)
	sys.ProposedLevel = f.level.SelectedIndex() + 1
	sys.InfoTypes = nil
	for _, t := range registers.InfoTypes() {
		for _, sel := range f.infoTypes.Selected {
			if sel == capFirst(s.cat.T("info_type."+string(t))) {
				sys.InfoTypes = append(sys.InfoTypes, t)
			}
		}
	}
	sys.ServiceType = ""
	if i := f.service.SelectedIndex(); i >= 0 {
		sys.ServiceType = registers.ServiceTypes()[i]
	}
	sys.Plan = map[registers.PlanPart]registers.PlanStatus{}
	for part, sel := range f.plan {
		if i := sel.SelectedIndex(); i >= 0 {
			sys.Plan[part] = planStatuses()[i]
		}
	}
	return sys
}

func (f *systemForm) onSave() {
	if err := f.form.Validate(); err != nil {
		return // the message stands next to the field
	}
	added := f.sys.ID == 0
	saved, err := f.scr.svc.SaveSystem(f.collect())
	if err != nil {
		f.scr.shell.showError(err)
		return
	}
	f.sys, f.dirty = saved, false
	f.dlg.Hide()
	f.scr.reload()
	if added {
		f.scr.shell.askSystemPastDone(saved, f.scr.reload)
	}
}

// dossierPanel shows the dossier's state, its history and a button per
// allowed step.
func (f *systemForm) dossierPanel() fyne.CanvasObject {
	s := f.scr.shell
	cat := s.cat
	d := f.sys.Dossier
	title := widget.NewLabelWithStyle(cat.T("sys.dossier_title", dossierText(s, d.State)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box := container.NewVBox(title)
	for _, ev := range d.History {
		line := fmt.Sprintf("%s — %s → %s (%s)", dayLabel(ev.Date), dossierText(s, ev.From), dossierText(s, ev.To), ev.By)
		if ev.Decision.Number != "" {
			line += " — " + cat.T("sys.decision_line", ev.Decision.Number, dayLabel(ev.Decision.Date), ev.Decision.Authority)
		}
		if ev.Note != "" {
			line += " — " + ev.Note
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	steps := container.NewHBox()
	for _, to := range registers.DossierStates() {
		if !registers.CanAdvance(d.State, to) {
			continue
		}
		to := to
		b := widget.NewButton(cat.T("sys.step."+string(to)), func() { f.onStep(to) })
		if !s.me.Can(users.PermEditRegisters) || f.dirty {
			b.Disable()
		}
		steps.Add(b)
	}
	box.Add(steps)
	return box
}

// onStep asks for the step's date (and decision or reason) and records it.
func (f *systemForm) onStep(to registers.DossierState) {
	s := f.scr.shell
	cat := s.cat
	date := widget.NewEntry()
	date.SetText(s.now().Format("2006-01-02"))
	date.Validator = dateValidator(s)
	items := []*widget.FormItem{widget.NewFormItem(cat.T("sys.step.date"), date)}
	note, number, decDate, authority := widget.NewMultiLineEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	switch to {
	case registers.DossierApproved:
		decDate.Validator = dateValidator(s)
		authority.SetPlaceHolder("UBND tỉnh Vĩnh Long")
		items = append(items, widget.NewFormItem(cat.T("sys.decision.number"), number),
			widget.NewFormItem(cat.T("sys.decision.date"), decDate), widget.NewFormItem(cat.T("sys.decision.authority"), authority))
	case registers.DossierDrafting:
		items = append(items, widget.NewFormItem(cat.T("sys.step.reason"), note))
	}
	dialog.ShowForm(cat.T("sys.step."+string(to)), cat.T("reg.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		step := registers.DossierStep{To: to, Date: entryText(date), Note: entryText(note),
			Decision: registers.Decision{Number: entryText(number), Date: entryText(decDate), Authority: entryText(authority)}}
		saved, err := f.scr.svc.AdvanceDossier(f.sys.ID, step)
		if err != nil {
			s.showError(err)
			return
		}
		f.sys = saved
		f.dlg.Hide()
		f.scr.reload()
		newSystemForm(f.scr, saved).show()
	}, s.win)
}

func infoTypeLabels(s *Shell) []string {
	var out []string
	for _, t := range registers.InfoTypes() {
		out = append(out, capFirst(s.cat.T("info_type."+string(t))))
	}
	return out
}

func serviceTypeLabels(s *Shell) []string {
	var out []string
	for _, t := range registers.ServiceTypes() {
		out = append(out, capFirst(s.cat.T("service_type."+string(t))))
	}
	return out
}

func planStatuses() []registers.PlanStatus {
	return []registers.PlanStatus{registers.PlanFull, registers.PlanPartial, registers.PlanNone}
}

func planStatusLabels(s *Shell) []string {
	var out []string
	for _, st := range planStatuses() {
		out = append(out, capFirst(s.cat.T("plan_status."+string(st))))
	}
	return out
}

// capFirst upper-cases the first letter, for labels made from the
// catalogue's lower-case terms ("công cộng" → "Công cộng").
func capFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func countText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// validatorOf turns a normaliser's error into a message in the user's
// language, shown next to the field.
func validatorOf(s *Shell, check func(string) error) fyne.StringValidator {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if err := check(v); err != nil {
			return fmt.Errorf("%s", s.describe(err))
		}
		return nil
	}
}

func dateValidator(s *Shell) fyne.StringValidator {
	return validatorOf(s, func(v string) error { _, err := registers.NormalizeDate(v); return err })
}

func requiredValidator(s *Shell) fyne.StringValidator {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s", s.cat.T("reg.required"))
		}
		return nil
	}
}
