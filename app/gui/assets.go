package gui

import (
	"io"
	"slices"
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
	"daumoi/data/textnorm"
	"daumoi/data/users"
)

// assetsService is what the assets screen needs of the session.
type assetsService interface {
	ListAssets(f session.AssetFilter) ([]registers.Asset, error)
	GetAsset(id int64) (registers.Asset, error)
	SaveAsset(a registers.Asset) (registers.Asset, error)
	ChangeAssetStatus(id int64, to registers.AssetStatus, san *registers.Sanitisation) error
	AddRepair(assetID int64, r registers.Repair) (registers.Repair, error)
	ReturnRepair(assetID, repairID int64, returnedOn string) error
	ListSystems(f session.SystemFilter) ([]registers.System, error)
	ImportAssets(sheet tabular.Sheet, m tabular.Mapping, opts session.ImportOptions) (session.ImportReport, error)
	ExportAssets(w io.Writer, format session.Format) (int, error)
}

// assetsScreen lists the asset register, searchable without diacritics and
// filtered by type, status, system and violations; a device holding state
// secrets while connected stands out in red.
type assetsScreen struct {
	shell      *Shell
	svc        assetsService
	systems    []registers.System
	search     *widget.Entry
	kind       *widget.Select
	status     *widget.Select
	system     *widget.Select
	violations *widget.Check
	count      *widget.Label
	list       *listTable[registers.Asset]
	// all is the whole register, read once off the UI thread (ten
	// thousand assets take a while) while loading turns, and again after
	// a change; keys are the assets' folded search texts, in the same
	// order. The filters then run in memory, at every key typed. gen
	// counts the reads, so that only the latest one's rows are kept.
	all     []registers.Asset
	keys    []string
	loading *widget.ProgressBarInfinite
	gen     int
}

// newAssetsScreen builds the Assets area.
func newAssetsScreen(s *Shell) fyne.CanvasObject {
	_, content := buildAssetsScreen(s)
	return content
}

// buildAssetsScreen builds the screen and returns it with its content.
func buildAssetsScreen(s *Shell) (*assetsScreen, fyne.CanvasObject) {
	scr := &assetsScreen{shell: s, svc: s.sess}
	cat := s.cat
	scr.systems, _ = s.sess.ListSystems(session.SystemFilter{})
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("asset.search"))
	scr.kind = newSelect(cat, append([]string{cat.T("asset.filter.any_type")}, assetTypeLabels(s)...), nil)
	scr.kind.SetSelectedIndex(0)
	scr.status = newSelect(cat, append([]string{cat.T("asset.filter.any_status")}, assetStatusLabels(s)...), nil)
	scr.status.SetSelectedIndex(0)
	scr.system = newSelect(cat, append([]string{cat.T("asset.filter.any_system")}, systemNames(scr.systems)...), nil)
	scr.system.SetSelectedIndex(0)
	scr.violations = widget.NewCheck(cat.T("asset.filter.violations"), nil)
	if _, ok := s.takePending().(violationsOnly); ok {
		scr.violations.Checked = true
	}
	scr.count = widget.NewLabel("")
	scr.loading = widget.NewProgressBarInfinite()
	scr.loading.Hide()
	scr.list = newListTable(scr.columns(), cat.T("asset.empty"), scr.onOpen)
	apply := func() { scr.applyFilter() }
	scr.search.OnChanged = func(string) { apply() }
	scr.kind.OnChanged = func(string) { apply() }
	scr.status.OnChanged = func(string) { apply() }
	scr.system.OnChanged = func(string) { apply() }
	scr.violations.OnChanged = func(bool) { apply() }
	scr.list.style = func(a registers.Asset) widget.Importance {
		if a.Violation() {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}

	add := widget.NewButtonWithIcon(cat.T("reg.add"), theme.ContentAddIcon(), func() { scr.onOpen(registers.Asset{}) })
	add.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon(cat.T("reg.import"), theme.UploadIcon(), func() {
		runImportFlow(s, registers.AssetFields(), scr.svc.ImportAssets, scr.reload)
	})
	exp := widget.NewButtonWithIcon(cat.T("reg.export"), theme.DownloadIcon(), func() {
		runExportFlow(s, "danh-muc-tai-san", scr.svc.ExportAssets)
	})
	if !s.me.Can(users.PermEditRegisters) {
		add.Disable()
		imp.Disable()
	}
	filters := container.NewGridWithColumns(4, scr.kind, scr.status, scr.system, scr.violations)
	bar := container.NewVBox(scr.search, filters, container.NewBorder(nil, nil, nil, container.NewHBox(add, imp, exp), scr.count), scr.loading)
	scr.reload()
	return scr, container.NewBorder(bar, nil, nil, nil, scr.list.view)
}

func (scr *assetsScreen) columns() []listColumn[registers.Asset] {
	s := scr.shell
	cat := s.cat
	return []listColumn[registers.Asset]{
		{title: cat.T("field.name"), width: 260, text: func(a registers.Asset) string {
			if a.Violation() {
				return "⚠ " + a.Name
			}
			return a.Name
		}, key: func(a registers.Asset) string { return a.Name }},
		{title: cat.T("field.type"), width: 150, text: func(a registers.Asset) string { return cat.T("asset.type." + string(a.Type)) }},
		{title: cat.T("field.hostname"), width: 150, text: func(a registers.Asset) string { return a.Hostname }},
		{title: cat.T("field.ips"), width: 140, text: func(a registers.Asset) string { return strings.Join(a.IPs, ", ") }},
		{title: cat.T("field.os"), width: 170, text: func(a registers.Asset) string { return strings.TrimSpace(a.OS + " " + a.OSVersion) }},
		{title: cat.T("field.responsible"), width: 170, text: func(a registers.Asset) string { return a.Responsible }},
		{title: cat.T("asset.col.connected"), width: 110, text: func(a registers.Asset) string { return connectionText(s, a) }},
		{title: cat.T("asset.col.secret"), width: 80, text: func(a registers.Asset) string { return yesNoText(s, a.StateSecret) }},
		{title: cat.T("field.status"), width: 150, text: func(a registers.Asset) string { return cat.T("asset.status." + string(a.Status)) }},
	}
}

func connectionText(s *Shell, a registers.Asset) string {
	switch {
	case a.Internet && a.LAN:
		return "Internet, LAN"
	case a.Internet:
		return "Internet"
	case a.LAN:
		return "LAN"
	}
	return s.cat.T("asset.standalone")
}

// reload reads the whole register again off the UI thread, then shows
// the assets matching the filters.
func (scr *assetsScreen) reload() {
	scr.gen++
	gen := scr.gen
	var list []registers.Asset
	var keys []string
	scr.shell.withProgress(scr.loading, func() (err error) {
		list, keys, err = scr.readAll()
		return err
	}, func() {
		if gen == scr.gen {
			scr.all, scr.keys = list, keys
			scr.applyFilter()
		}
	}, nil)
}

// reloadNow is reload on the UI thread, for a caller that needs the rows
// at once.
func (scr *assetsScreen) reloadNow() {
	scr.gen++
	list, keys, err := scr.readAll()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.all, scr.keys = list, keys
	scr.applyFilter()
}

// readAll reads every asset, in the register's order, and folds each
// one's search text (registers.Asset.SearchText, what the vault
// searches).
func (scr *assetsScreen) readAll() ([]registers.Asset, []string, error) {
	list, err := scr.svc.ListAssets(session.AssetFilter{})
	if err != nil {
		return nil, nil, err
	}
	keys := make([]string, len(list))
	for i, a := range list {
		keys[i] = a.SearchText()
	}
	return list, keys, nil
}

// applyFilter shows the assets read that match the filters, as
// session.AssetFilter would select them.
func (scr *assetsScreen) applyFilter() {
	f := scr.filter()
	text := textnorm.Fold(f.Text)
	var list []registers.Asset
	for i, a := range scr.all {
		switch {
		case f.Type != "" && a.Type != f.Type,
			f.Status != "" && a.Status != f.Status,
			f.System != 0 && !slices.Contains(a.Systems, f.System),
			f.ViolationsOnly && !a.Violation(),
			text != "" && !strings.Contains(scr.keys[i], text):
			continue
		}
		list = append(list, a)
	}
	scr.count.SetText(scr.shell.cat.T("reg.count", len(list)))
	scr.list.setRows(list)
}

// filter is the filters chosen.
func (scr *assetsScreen) filter() session.AssetFilter {
	f := session.AssetFilter{Text: scr.search.Text, ViolationsOnly: scr.violations.Checked}
	if i := scr.kind.SelectedIndex(); i > 0 {
		f.Type = registers.AssetTypes()[i-1]
	}
	if i := scr.status.SelectedIndex(); i > 0 {
		f.Status = registers.AssetStatuses()[i-1]
	}
	if i := scr.system.SelectedIndex(); i > 0 {
		f.System = scr.systems[i-1].ID
	}
	return f
}

// show brings the asset with this id into view, selected, clearing the
// filters that would hide it.
func (scr *assetsScreen) show(id int64) {
	find := func() int {
		for i, a := range scr.list.rows {
			if a.ID == id {
				return i
			}
		}
		return -1
	}
	if find() < 0 {
		scr.search.SetText("")
		scr.kind.SetSelectedIndex(0)
		scr.status.SetSelectedIndex(0)
		scr.system.SetSelectedIndex(0)
		scr.violations.SetChecked(false)
	}
	if i := find(); i >= 0 {
		scr.list.highlight(i)
	}
}

func (scr *assetsScreen) onOpen(a registers.Asset) {
	if a.ID != 0 {
		fresh, err := scr.svc.GetAsset(a.ID)
		if err != nil {
			scr.shell.showError(err)
			return
		}
		a = fresh
	}
	newAssetForm(scr, a).show()
}

func assetTypeLabels(s *Shell) []string {
	var out []string
	for _, t := range registers.AssetTypes() {
		out = append(out, s.cat.T("asset.type."+string(t)))
	}
	return out
}

func assetStatusLabels(s *Shell) []string {
	var out []string
	for _, st := range registers.AssetStatuses() {
		out = append(out, s.cat.T("asset.status."+string(st)))
	}
	return out
}

func systemNames(list []registers.System) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Name
	}
	return out
}

// assetForm edits one asset in a dialog.
type assetForm struct {
	editForm
	scr *assetsScreen
	a   registers.Asset

	kind                                                       *widget.Select
	name, hostname, ips, macs, os, osVersion, serial, location *widget.Entry
	responsible, supplier, notes                               *widget.Entry
	inService, year, unit                                      *widget.Entry
	systems                                                    *widget.CheckGroup
	internet, lan, secret                                      *widget.Check
	violation                                                  *widget.Label
	form                                                       *widget.Form
}

func newAssetForm(scr *assetsScreen, a registers.Asset) *assetForm {
	f := &assetForm{editForm: editForm{shell: scr.shell}, scr: scr, a: a}
	f.build()
	return f
}

func (f *assetForm) build() {
	s := f.scr.shell
	cat := s.cat
	a := f.a
	f.kind = newSelect(cat, assetTypeLabels(s), func(string) { f.dirty = true })
	f.kind.PlaceHolder = cat.T("select.placeholder")
	if a.Type != "" {
		f.kind.SetSelected(cat.T("asset.type." + string(a.Type)))
	}
	f.name = f.entry(a.Name, requiredValidator(s))
	f.hostname = f.entry(a.Hostname, validatorOf(s, func(v string) error { _, err := registers.NormalizeHostname(v); return err }))
	f.ips = f.entry(strings.Join(a.IPs, ", "), validatorOf(s, func(v string) error { _, err := registers.NormalizeIPs(v); return err }))
	f.macs = f.entry(strings.Join(a.MACs, ", "), validatorOf(s, func(v string) error { _, err := registers.NormalizeMACs(v); return err }))
	f.os = f.entry(a.OS, nil)
	f.osVersion = f.entry(a.OSVersion, nil)
	f.os.SetPlaceHolder(cat.T("field.os"))
	f.osVersion.SetPlaceHolder(cat.T("field.os_version"))
	f.serial = f.entry(a.Serial, nil)
	f.inService = f.entry(dayLabel(a.InServiceDate), dateValidator(s))
	f.inService.SetPlaceHolder(cat.T("history.date.placeholder"))
	year := ""
	if a.ManufactureYear > 0 {
		year = strconv.Itoa(a.ManufactureYear)
	}
	f.year = f.entry(year, validatorOf(s, func(v string) error { _, err := registers.ParseYear(v); return err }))
	f.unit = f.entry(a.ManagingUnit, nil)
	f.location = f.entry(a.Location, nil)
	f.responsible = f.entry(a.Responsible, nil)
	f.supplier = f.entry(a.Supplier, nil)
	f.notes = f.multi(a.Notes)
	f.systems = widget.NewCheckGroup(systemNames(f.scr.systems), func([]string) { f.dirty = true })
	for _, id := range a.Systems {
		for _, sys := range f.scr.systems {
			if sys.ID == id {
				f.systems.Selected = append(f.systems.Selected, sys.Name)
			}
		}
	}
	f.violation = widget.NewLabel("")
	f.violation.Importance = widget.DangerImportance
	f.violation.Wrapping = fyne.TextWrapWord
	f.internet = f.check(cat.T("field.internet"), a.Internet)
	f.lan = f.check(cat.T("field.lan"), a.LAN)
	f.secret = f.check(cat.T("field.state_secret"), a.StateSecret)
	f.updateViolation()
	f.form = f.makeForm()
	f.dirty = false
}

func (f *assetForm) makeForm() *widget.Form {
	cat := f.scr.shell.cat
	item := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(cat.T(key), w) }
	return widget.NewForm(
		item("field.type", f.kind),
		item("field.name", f.name),
		item("field.hostname", f.hostname),
		item("field.ips", f.ips),
		item("field.macs", f.macs),
		item("field.os", container.NewGridWithColumns(2, f.os, f.osVersion)),
		item("field.serial", container.NewGridWithColumns(2, f.serial, container.NewBorder(nil, nil, widget.NewLabel(cat.T("field.manufacture_year")), nil, f.year))),
		item("field.in_service_date", f.inService),
		item("field.managing_unit", f.unit),
		item("field.location", f.location),
		item("field.responsible", f.responsible),
		item("field.supplier", f.supplier),
		item("field.systems", f.systems),
		item("asset.col.connected", container.NewVBox(container.NewHBox(f.internet, f.lan, f.secret), f.violation)),
		item("field.notes", f.notes),
	)
}

func (f *assetForm) check(label string, on bool) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(on)
	c.OnChanged = func(bool) {
		f.dirty = true
		f.updateViolation()
	}
	return c
}

// updateViolation warns at once when the boxes describe a violation.
func (f *assetForm) updateViolation() {
	if f.secret == nil || f.internet == nil || f.lan == nil {
		return
	}
	if f.secret.Checked && (f.internet.Checked || f.lan.Checked) {
		f.violation.SetText("⚠ " + f.scr.shell.cat.T("asset.violation"))
		f.violation.Show()
		return
	}
	f.violation.SetText("")
	f.violation.Hide()
}

// show opens the form's dialog, with the lifecycle for a saved asset.
func (f *assetForm) show() {
	cat := f.scr.shell.cat
	title := cat.T("asset.new")
	if f.a.ID != 0 {
		title = f.a.Name
	}
	parts := container.NewVBox(f.form)
	if f.a.ID != 0 {
		parts.Add(widget.NewSeparator())
		parts.Add(f.lifecyclePanel())
	}
	f.open(cat.T("asset.form_title"), title, parts, f.onSave)
}

func (f *assetForm) collect() registers.Asset {
	a := f.a
	if i := f.kind.SelectedIndex(); i >= 0 {
		a.Type = registers.AssetTypes()[i]
	}
	a.Name = entryText(f.name)
	a.Hostname = entryText(f.hostname)
	a.IPs, _ = registers.NormalizeIPs(entryText(f.ips))
	a.MACs, _ = registers.NormalizeMACs(entryText(f.macs))
	a.OS, a.OSVersion = entryText(f.os), entryText(f.osVersion)
	a.Serial, a.Location = entryText(f.serial), entryText(f.location)
	a.InServiceDate = normalizeDay(entryText(f.inService))
	a.ManufactureYear, _ = registers.ParseYear(entryText(f.year))
	a.ManagingUnit = entryText(f.unit)
	a.Responsible, a.Supplier = entryText(f.responsible), entryText(f.supplier)
	a.Notes = entryText(f.notes)
	a.Internet, a.LAN, a.StateSecret = f.internet.Checked, f.lan.Checked, f.secret.Checked
	a.Systems = nil
	for _, sys := range f.scr.systems {
		for _, sel := range f.systems.Selected {
			if sel == sys.Name {
				a.Systems = append(a.Systems, sys.ID)
			}
		}
	}
	return a
}

// onSave checks the form, saves, and shows the saved asset selected in
// the list with a confirmation. A field that is wrong or missing (the name)
// is named in a message as well as marked next to the field.
func (f *assetForm) onSave() {
	s := f.scr.shell
	if bad := f.invalidFields(); len(bad) > 0 {
		s.showMessage(s.cat.T("dialog.error"), s.cat.T("asset.fix_fields", strings.Join(bad, ", ")))
		return
	}
	if f.kind.SelectedIndex() < 0 {
		s.showMessage(s.cat.T("dialog.error"), s.cat.T("asset.type_required"))
		return
	}
	saved, err := f.scr.svc.SaveAsset(f.collect())
	if err != nil {
		s.showError(err)
		return
	}
	f.a, f.dirty = saved, false
	f.dlg.Hide()
	f.scr.reloadNow() // show needs the saved row at once
	f.scr.show(saved.ID)
	s.showMessage(s.cat.T("asset.saved_title"), s.cat.T("asset.saved", saved.Name))
}

// invalidFields names the form's fields whose validator refuses them.
func (f *assetForm) invalidFields() []string {
	_ = f.form.Validate() // marks the fields
	var bad []string
	var invalid func(o fyne.CanvasObject) bool
	invalid = func(o fyne.CanvasObject) bool {
		if v, ok := o.(fyne.Validatable); ok && v.Validate() != nil {
			return true
		}
		if c, ok := o.(*fyne.Container); ok {
			return slices.ContainsFunc(c.Objects, invalid)
		}
		return false
	}
	for _, it := range f.form.Items {
		if invalid(it.Widget) {
			bad = append(bad, it.Text)
		}
	}
	return bad
}

// lifecyclePanel shows the status with its allowed changes, the repair log
// and the sanitisation records.
func (f *assetForm) lifecyclePanel() fyne.CanvasObject {
	s := f.scr.shell
	cat := s.cat
	box := container.NewVBox(widget.NewLabelWithStyle(cat.T("asset.lifecycle", cat.T("asset.status."+string(f.a.Status))),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	changes := container.NewHBox()
	for _, to := range registers.AssetStatuses() {
		if !registers.CanChangeStatus(f.a.Status, to) {
			continue
		}
		to := to
		b := widget.NewButton(cat.T("asset.to."+string(to)), func() { f.onStatus(to) })
		if !s.me.Can(users.PermEditRegisters) {
			b.Disable()
		}
		changes.Add(b)
	}
	repair := widget.NewButtonWithIcon(cat.T("asset.add_repair"), theme.ContentAddIcon(), f.onRepair)
	if !s.me.Can(users.PermEditRegisters) {
		repair.Disable()
	}
	changes.Add(repair)
	box.Add(changes)
	for _, r := range f.a.Repairs {
		line := cat.T("asset.repair_line", r.Date, r.What, r.Vendor, r.By)
		if r.ReturnedOn != "" {
			line += " — " + cat.T("asset.returned", r.ReturnedOn)
			box.Add(wrapLabel(line))
			continue
		}
		r := r
		back := widget.NewButton(cat.T("asset.mark_returned"), func() { f.onReturned(r) })
		box.Add(container.NewBorder(nil, nil, nil, back, wrapLabel(line)))
	}
	for _, san := range f.a.Sanitisations {
		box.Add(wrapLabel(cat.T("asset.sanitisation_line", san.Date, cat.T("sanitisation."+string(san.Method)), san.Performer, san.Witness)))
	}
	return box
}

func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// onStatus changes the status; repurposing or disposing first records how
// the device's data was destroyed (Chỉ thị 11 item 1đ).
func (f *assetForm) onStatus(to registers.AssetStatus) {
	s := f.scr.shell
	cat := s.cat
	if !registers.NeedsSanitisation(to) {
		f.applyStatus(to, nil)
		return
	}
	var methods []string
	for _, m := range registers.SanitisationMethods() {
		methods = append(methods, capFirst(cat.T("sanitisation."+string(m))))
	}
	method := newSelect(cat, methods, nil)
	method.PlaceHolder = cat.T("select.placeholder")
	date := widget.NewEntry()
	date.SetText(s.now().Format("2006-01-02"))
	date.Validator = dateValidator(s)
	performer, witness := widget.NewEntry(), widget.NewEntry()
	performer.Validator = requiredValidator(s)
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("field.sanitisation_method"), method),
		widget.NewFormItem(cat.T("field.sanitisation_date"), date),
		widget.NewFormItem(cat.T("field.sanitisation_performer"), performer),
		widget.NewFormItem(cat.T("field.sanitisation_witness"), witness),
	}
	dialog.ShowForm(cat.T("asset.to."+string(to)), cat.T("reg.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		san := &registers.Sanitisation{Date: entryText(date), Performer: entryText(performer), Witness: entryText(witness)}
		if i := method.SelectedIndex(); i >= 0 {
			san.Method = registers.SanitisationMethods()[i]
		}
		f.applyStatus(to, san)
	}, s.win)
}

func (f *assetForm) applyStatus(to registers.AssetStatus, san *registers.Sanitisation) {
	if err := f.scr.svc.ChangeAssetStatus(f.a.ID, to, san); err != nil {
		f.scr.shell.showError(err)
		return
	}
	f.reopen()
}

func (f *assetForm) onRepair() {
	s := f.scr.shell
	cat := s.cat
	date, by, vendor, what := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	date.SetText(s.now().Format("2006-01-02"))
	date.Validator = dateValidator(s)
	what.Validator = requiredValidator(s)
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("asset.repair.date"), date),
		widget.NewFormItem(cat.T("asset.repair.by"), by),
		widget.NewFormItem(cat.T("asset.repair.vendor"), vendor),
		widget.NewFormItem(cat.T("asset.repair.what"), what),
	}
	dialog.ShowForm(cat.T("asset.add_repair"), cat.T("reg.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		r := registers.Repair{Date: entryText(date), By: entryText(by), Vendor: entryText(vendor), What: entryText(what)}
		if _, err := f.scr.svc.AddRepair(f.a.ID, r); err != nil {
			s.showError(err)
			return
		}
		f.reopen()
	}, s.win)
}

func (f *assetForm) onReturned(r registers.Repair) {
	if err := f.scr.svc.ReturnRepair(f.a.ID, r.ID, f.scr.shell.now().Format("2006-01-02")); err != nil {
		f.scr.shell.showError(err)
		return
	}
	f.reopen()
}

// reopen shows the asset again as stored, after a change made through its
// own call.
func (f *assetForm) reopen() {
	f.dlg.Hide()
	f.scr.reload()
	f.scr.onOpen(f.a)
}
