package gui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/reports/signing"
)

// agencyRow is one agency of the registry with its keys, oldest first.
type agencyRow struct {
	a    office.Agency
	keys []office.Key
}

// currentKey is the key valid now (not ended), or nil.
func (r agencyRow) currentKey() *office.Key {
	for i := len(r.keys) - 1; i >= 0; i-- {
		if r.keys[i].Until.IsZero() {
			return &r.keys[i]
		}
	}
	return nil
}

// officeAgenciesScreen is the receiving office's registry: the agencies
// that report to it, each with its signing keys.
type officeAgenciesScreen struct {
	shell  *Shell
	all    []agencyRow
	list   *listTable[agencyRow]
	search *widget.Entry
	detail *fyne.Container
	chosen string // the code of the agency shown in detail, "" for none

	// The dialogs on display, if any (kept for the tests).
	form   *agencyForm
	keyAdd *keyAddForm
	revoke *revokeForm
	// keysConfirm registers the keys of the key import on display, once
	// its preview is confirmed; nil when none waits.
	keysConfirm func()
}

func newOfficeAgenciesScreen(s *Shell) fyne.CanvasObject {
	scr := &officeAgenciesScreen{shell: s}
	s.agenciesScr = scr
	cat := s.cat
	scr.list = newListTable(scr.columns(), cat.T("office.registry.empty"), func(r agencyRow) { scr.show(r.a.Code) })
	scr.list.keep = true
	scr.search = widget.NewEntry()
	scr.search.SetPlaceHolder(cat.T("office.registry.search"))
	scr.search.OnChanged = func(string) { scr.apply() }
	add := widget.NewButtonWithIcon(cat.T("office.registry.add"), theme.ContentAddIcon(), func() { scr.openForm(office.Agency{Kind: office.KindDepartment}, true) })
	add.Importance = widget.HighImportance
	sheet := widget.NewButtonWithIcon(cat.T("office.registry.import_sheet"), theme.UploadIcon(), scr.onImportSheet)
	keys := widget.NewButtonWithIcon(cat.T("office.registry.import_keys"), theme.FolderOpenIcon(), scr.onImportKeys)
	if !s.me.Can(users.PermReceive) {
		add.Disable()
		sheet.Disable()
		keys.Disable()
	}
	scr.detail = container.NewVBox(wrapLabel(cat.T("office.registry.choose")))
	top := container.NewBorder(nil, nil, nil, container.NewHBox(add, sheet, keys), scr.search)
	split := container.NewVSplit(scr.list.view, container.NewVScroll(scr.detail))
	split.Offset = 0.5
	scr.reload()
	return container.NewBorder(top, nil, nil, nil, split)
}

// columns are the list's columns.
func (scr *officeAgenciesScreen) columns() []listColumn[agencyRow] {
	cat := scr.shell.cat
	return []listColumn[agencyRow]{
		{title: cat.T("office.registry.col_code"), width: 130, text: func(r agencyRow) string { return r.a.Code }},
		{title: cat.T("office.registry.col_agency"), width: 250, text: func(r agencyRow) string { return r.a.Name }},
		{title: cat.T("office.registry.col_kind"), width: 130, text: func(r agencyRow) string { return cat.T("office.registry.kind." + string(r.a.Kind)) }},
		{title: cat.T("office.registry.col_parent"), width: 160, text: func(r agencyRow) string { return r.a.Parent }},
		{title: cat.T("office.registry.col_current_key"), width: 150, text: func(r agencyRow) string {
			if k := r.currentKey(); k != nil && !k.Revoked {
				return k.KeyID
			}
			return cat.T("office.registry.no_key")
		}},
		{title: cat.T("office.registry.col_keys"), width: 70, text: func(r agencyRow) string { return strconv.Itoa(len(r.keys)) },
			key: func(r agencyRow) string { return fmt.Sprintf("%06d", len(r.keys)) }},
	}
}

// reload reads the registry again and shows it, keeping the search and
// the agency in detail.
func (scr *officeAgenciesScreen) reload() {
	svc := scr.shell.sess
	list, err := svc.Agencies()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	rows := make([]agencyRow, 0, len(list))
	for _, a := range list {
		_, keys, err := svc.Agency(a.Code)
		if err != nil {
			scr.shell.showError(err)
			return
		}
		rows = append(rows, agencyRow{a: a, keys: keys})
	}
	scr.all = rows
	scr.apply()
	if scr.chosen != "" {
		scr.show(scr.chosen)
	}
}

// apply lists the agencies matching the search, which ignores case and
// diacritics ("ubnd phuong" finds "UBND phường").
func (scr *officeAgenciesScreen) apply() {
	query := scr.search.Text
	var rows []agencyRow
	for _, r := range scr.all {
		if textnorm.Contains(strings.Join([]string{r.a.Code, r.a.Name, r.a.Parent, r.a.ContactName}, " "), query) {
			rows = append(rows, r)
		}
	}
	scr.list.setRows(rows)
}

// row is the agency with code, if registered.
func (scr *officeAgenciesScreen) row(code string) (agencyRow, bool) {
	for _, r := range scr.all {
		if r.a.Code == code {
			return r, true
		}
	}
	return agencyRow{}, false
}

// show puts an agency and its keys in the detail pane, with its buttons.
func (scr *officeAgenciesScreen) show(code string) {
	r, ok := scr.row(code)
	if !ok {
		return
	}
	scr.chosen = code
	cat := scr.shell.cat
	head := widget.NewLabelWithStyle(r.a.Code+" — "+r.a.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	facts := wrapLabel(scr.facts(r.a))
	edit := widget.NewButtonWithIcon(cat.T("office.registry.edit"), theme.DocumentCreateIcon(), func() { scr.openForm(r.a, false) })
	addKey := widget.NewButtonWithIcon(cat.T("office.registry.key_add"), theme.ContentAddIcon(), func() { scr.openKeyAdd(r.a) })
	revoke := widget.NewButtonWithIcon(cat.T("office.registry.key_revoke"), theme.CancelIcon(), func() { scr.openRevoke(r) })
	revoke.Importance = widget.DangerImportance
	if !scr.shell.me.Can(users.PermReceive) {
		edit.Disable()
		addKey.Disable()
		revoke.Disable()
	}
	if len(scr.revocable(r)) == 0 {
		revoke.Disable()
	}
	objs := []fyne.CanvasObject{head, facts, container.NewHBox(edit, addKey, revoke), widget.NewSeparator()}
	if len(r.keys) == 0 {
		objs = append(objs, wrapLabel(cat.T("office.registry.no_keys")))
	}
	for i := len(r.keys) - 1; i >= 0; i-- {
		objs = append(objs, wrapLabel(scr.keyText(r.keys[i])))
	}
	scr.detail.Objects = objs
	scr.detail.Refresh()
}

// facts are an agency's kind, parent and contact, one a line.
func (scr *officeAgenciesScreen) facts(a office.Agency) string {
	cat := scr.shell.cat
	lines := []string{cat.T("office.registry.fact_kind", cat.T("office.registry.kind."+string(a.Kind)))}
	if a.Parent != "" {
		lines = append(lines, cat.T("office.registry.fact_parent", a.Parent))
	}
	if contact := strings.Join(nonEmptyTexts(a.ContactName, a.ContactPhone, a.ContactEmail), " · "); contact != "" {
		lines = append(lines, cat.T("office.registry.fact_contact", contact))
	}
	return strings.Join(lines, "\n")
}

// keyText describes a key: its id and validity, then its fingerprint.
func (scr *officeAgenciesScreen) keyText(k office.Key) string {
	cat := scr.shell.cat
	var state string
	switch {
	case k.Revoked:
		state = cat.T("office.registry.key_state_revoked", day(k.Until), k.Reason)
	case !k.Until.IsZero():
		state = cat.T("office.registry.key_state_replaced", day(k.Until))
	default:
		state = cat.T("office.registry.key_state_current")
	}
	return cat.T("office.registry.key_line", k.KeyID, day(k.From), state, k.Fingerprint.SHA256)
}

// day is a registry day as people write it.
func day(t time.Time) string { return t.Format("02/01/2006") }

func nonEmptyTexts(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// revocable are an agency's keys not yet revoked.
func (scr *officeAgenciesScreen) revocable(r agencyRow) []office.Key {
	var out []office.Key
	for _, k := range r.keys {
		if !k.Revoked {
			out = append(out, k)
		}
	}
	return out
}

// agencyForm adds or edits an agency.
type agencyForm struct {
	editForm
	adding                bool
	code, name, parent    *widget.Entry
	contact, phone, email *widget.Entry
	kind                  *widget.Select
	kinds                 map[string]office.Kind
	onSave                func()
}

// openForm shows the agency form: a new agency, or a to edit (its code
// stays).
func (scr *officeAgenciesScreen) openForm(a office.Agency, adding bool) {
	s := scr.shell
	cat := s.cat
	f := &agencyForm{editForm: editForm{shell: s, perm: users.PermReceive}, adding: adding, kinds: map[string]office.Kind{}}
	f.code = f.entry(a.Code, requiredValidator(s))
	f.name = f.entry(a.Name, requiredValidator(s))
	f.parent = f.entry(a.Parent, nil)
	f.contact = f.entry(a.ContactName, nil)
	f.phone = f.entry(a.ContactPhone, nil)
	f.email = f.entry(a.ContactEmail, nil)
	var labels []string
	for _, k := range office.Kinds() {
		label := cat.T("office.registry.kind." + string(k))
		f.kinds[label] = k
		labels = append(labels, label)
	}
	f.kind = newSelect(cat, labels, func(string) { f.changed() })
	f.kind.SetSelected(cat.T("office.registry.kind." + string(a.Kind)))
	f.dirty = false
	if !adding {
		f.code.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem(cat.T("field.agency_code"), f.code),
		widget.NewFormItem(cat.T("field.agency_name"), f.name),
		widget.NewFormItem(cat.T("field.agency_parent"), f.parent),
		widget.NewFormItem(cat.T("field.agency_kind"), f.kind),
		widget.NewFormItem(cat.T("field.agency_contact_name"), f.contact),
		widget.NewFormItem(cat.T("field.agency_contact_phone"), f.phone),
		widget.NewFormItem(cat.T("field.agency_contact_email"), f.email),
	)
	title, heading := cat.T("office.registry.add"), cat.T("office.registry.add_heading")
	if !adding {
		title, heading = cat.T("office.registry.edit"), a.Code+" — "+a.Name
	}
	f.onSave = func() { scr.saveAgency(f) }
	scr.form = f
	f.open(title, heading, form, f.onSave)
}

// agency is the agency the form describes.
func (f *agencyForm) agency() office.Agency {
	return office.Agency{Code: entryText(f.code), Name: entryText(f.name), Parent: entryText(f.parent), Kind: f.kinds[f.kind.Selected],
		ContactName: entryText(f.contact), ContactPhone: entryText(f.phone), ContactEmail: entryText(f.email)}
}

// saveAgency stores the form's agency and shows it.
func (scr *officeAgenciesScreen) saveAgency(f *agencyForm) {
	svc := scr.shell.sess
	a := f.agency()
	save := svc.UpdateAgency
	if f.adding {
		save = svc.AddAgency
	}
	if err := save(a); err != nil {
		scr.shell.showError(err)
		return
	}
	f.dlg.Hide()
	scr.form = nil
	scr.chosen = a.Code
	scr.reload()
}

// keyAddForm takes an agency's new key: a .pub file or its pasted text,
// and the first day it is valid.
type keyAddForm struct {
	code    string
	text    *widget.Entry
	from    *widget.Entry
	dlg     *dialog.CustomDialog
	next    *widget.Button
	confirm *dialog.CustomDialog // the fingerprint to confirm, once shown
	pub     signing.PublicKey
	day     time.Time
	accept  func() // registers the key (the confirm dialog's button)
}

// openKeyAdd shows the key form for agency a.
func (scr *officeAgenciesScreen) openKeyAdd(a office.Agency) {
	s := scr.shell
	cat := s.cat
	f := &keyAddForm{code: a.Code}
	f.text = widget.NewMultiLineEntry()
	f.text.SetPlaceHolder(cat.T("office.registry.key_paste"))
	f.text.SetMinRowsVisible(3)
	f.text.Wrapping = fyne.TextWrapBreak
	f.from = widget.NewEntry()
	f.from.SetText(day(office.Day(s.now())))
	f.from.Validator = dateValidator(s)
	choose := widget.NewButtonWithIcon(cat.T("office.registry.key_file"), theme.FolderOpenIcon(), func() { scr.chooseKeyFile(f) })
	f.next = widget.NewButtonWithIcon(cat.T("office.registry.key_check"), theme.ConfirmIcon(), func() { scr.checkKey(f) })
	f.next.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(cat.T("dialog.cancel"), theme.CancelIcon(), func() { f.dlg.Hide() })
	form := widget.NewForm(
		widget.NewFormItem(cat.T("office.registry.key_text"), container.NewBorder(nil, choose, nil, nil, f.text)),
		widget.NewFormItem(cat.T("office.registry.key_from"), f.from),
	)
	intro := wrapLabel(cat.T("office.registry.key_intro", a.Code, a.Name))
	body := container.NewVBox(intro, form, container.NewHBox(f.next, cancel))
	f.dlg = dialog.NewCustomWithoutButtons(cat.T("office.registry.key_add"), container.New(fixedWidth{width: s.dialogWidth()}, body), s.win)
	scr.keyAdd = f
	showFitted(f.dlg)
}

// chooseKeyFile reads a .pub file into the form.
func (scr *officeAgenciesScreen) chooseKeyFile(f *keyAddForm) {
	scr.shell.chooseFile(func(path string) {
		data, err := readFileStart(path, 4096)
		if err != nil {
			scr.shell.showError(err)
			return
		}
		f.text.SetText(string(data))
	}, ".pub")
}

// checkKey reads the key and shows its fingerprint, large, to be compared
// with the one the agency read out; only a confirmation registers it.
func (scr *officeAgenciesScreen) checkKey(f *keyAddForm) {
	pub, err := signing.ParsePublicKey([]byte(strings.TrimSpace(f.text.Text) + "\n"))
	if err != nil {
		scr.shell.showError(err)
		return
	}
	d, ok := scr.dayOf(f.from)
	if !ok {
		return
	}
	f.pub, f.day = pub, d
	scr.showFingerprint(f)
}

// showFingerprint is the confirmation dialog of a new key.
func (scr *officeAgenciesScreen) showFingerprint(f *keyAddForm) {
	s := scr.shell
	f.accept = func() { scr.registerKey(f) }
	f.confirm = confirmFingerprint(s, s.cat.T("office.registry.key_confirm_title"), s.cat.T("office.registry.key_confirm_ask", f.code), f.pub, f.accept)
}

// fingerprintLines shows a SHA-256 fingerprint (16 groups of four) large,
// in two lines of eight groups.
func fingerprintLines(sha string) fyne.CanvasObject {
	groups := strings.Fields(sha)
	box := container.NewVBox()
	for i := 0; i < len(groups); i += 8 {
		t := canvas.NewText(strings.Join(groups[i:min(i+8, len(groups))], " "), theme.Color(theme.ColorNameForeground))
		t.TextSize = 1.5 * theme.TextSize()
		t.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
		box.Add(t)
	}
	return box
}

// registerKey stores the confirmed key.
func (scr *officeAgenciesScreen) registerKey(f *keyAddForm) {
	k, err := scr.shell.sess.AddAgencyKey(f.code, f.pub, f.day)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	f.confirm.Hide()
	f.dlg.Hide()
	scr.keyAdd = nil
	scr.reload()
	scr.shell.showMessage(scr.shell.cat.T("office.registry.key_add"), scr.shell.cat.T("office.registry.key_added", k.KeyID, f.code, day(k.From)))
}

// revokeForm revokes one of an agency's keys from a day, with a reason.
type revokeForm struct {
	code   string
	key    *widget.Select
	ids    map[string]string // choice → key id
	from   *widget.Entry
	reason *widget.Entry
	dlg    *dialog.CustomDialog
	submit func()
}

// openRevoke shows the revocation form for r's keys not yet revoked.
func (scr *officeAgenciesScreen) openRevoke(r agencyRow) {
	s := scr.shell
	cat := s.cat
	f := &revokeForm{code: r.a.Code, ids: map[string]string{}}
	var choices []string
	for _, k := range scr.revocable(r) {
		label := cat.T("office.registry.revoke_choice", k.KeyID, day(k.From))
		f.ids[label] = k.KeyID
		choices = append(choices, label)
	}
	f.key = newSelect(cat, choices, nil)
	if len(choices) > 0 {
		f.key.SetSelectedIndex(len(choices) - 1)
	}
	f.from = widget.NewEntry()
	f.from.SetText(day(office.Day(s.now())))
	f.from.Validator = dateValidator(s)
	f.reason = widget.NewEntry()
	f.submit = func() { scr.revokeKey(f) }
	ok := widget.NewButtonWithIcon(cat.T("office.registry.key_revoke"), theme.CancelIcon(), f.submit)
	ok.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon(cat.T("dialog.cancel"), theme.CancelIcon(), func() { f.dlg.Hide() })
	form := widget.NewForm(
		widget.NewFormItem(cat.T("office.registry.revoke_key"), f.key),
		widget.NewFormItem(cat.T("office.registry.revoke_from"), f.from),
		widget.NewFormItem(cat.T("office.registry.revoke_reason"), f.reason),
	)
	body := container.NewVBox(wrapLabel(cat.T("office.registry.revoke_intro", r.a.Code, r.a.Name)), form, container.NewHBox(ok, cancel))
	f.dlg = dialog.NewCustomWithoutButtons(cat.T("office.registry.key_revoke"), container.New(fixedWidth{width: s.dialogWidth()}, body), s.win)
	scr.revoke = f
	showFitted(f.dlg)
}

// revokeKey revokes the chosen key.
func (scr *officeAgenciesScreen) revokeKey(f *revokeForm) {
	keyID, chosen := f.ids[f.key.Selected]
	if !chosen {
		scr.shell.showMessage(scr.shell.cat.T("dialog.error"), scr.shell.cat.T("office.registry.no_key_chosen"))
		return
	}
	d, ok := scr.dayOf(f.from)
	if !ok {
		return
	}
	if err := scr.shell.sess.RevokeAgencyKey(f.code, keyID, d, entryText(f.reason)); err != nil {
		scr.shell.showError(err)
		return
	}
	f.dlg.Hide()
	scr.revoke = nil
	scr.reload()
}

// onImportSheet imports the office's own list of agencies (.xlsx, .csv)
// through the register import's steps: columns, dry run, import.
func (scr *officeAgenciesScreen) onImportSheet() {
	runImportFlow(scr.shell, office.AgencyFields(), scr.shell.sess.ImportAgencies, scr.reload)
}

// onImportKeys asks for the day the keys are valid from, then for the
// folder of .pub files.
func (scr *officeAgenciesScreen) onImportKeys() {
	s := scr.shell
	cat := s.cat
	from := widget.NewEntry()
	from.SetText(day(office.Day(s.now())))
	from.Validator = dateValidator(s)
	items := []*widget.FormItem{
		widget.NewFormItem("", wrapLabel(cat.T("office.registry.import_keys_intro"))),
		widget.NewFormItem(cat.T("office.registry.key_from"), from),
	}
	d := dialog.NewForm(cat.T("office.registry.import_keys"), cat.T("office.registry.choose_folder"), cat.T("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if d, ok := scr.dayOf(from); ok {
			scr.chooseKeyFolder(d)
		}
	}, s.win)
	s.showWide(d)
}

// chooseKeyFolder asks for the folder and imports its keys.
func (scr *officeAgenciesScreen) chooseKeyFolder(from time.Time) {
	scr.shell.chooseFolder(func(dir string) { scr.importKeys(dir, from) })
}

// importKeys shows what importing dir's .pub files would do — each
// file's outcome, with the fingerprint of each key to be added — and
// registers the keys only once the user confirms.
func (scr *officeAgenciesScreen) importKeys(dir string, from time.Time) {
	s := scr.shell
	cat := s.cat
	results, err := s.sess.ImportAgencyKeys(dir, from, true)
	if err != nil {
		s.showError(err)
		return
	}
	n := session.CountOutcomes(results)[session.KeyAdded]
	body := scr.keyReport(cat.T("office.registry.import_keys_preview", n, len(results)-n), results, true)
	if n == 0 {
		scr.showKeyReport(dialog.NewCustom(cat.T("office.registry.import_keys"), cat.T("reg.close"), body, s.win))
		return
	}
	scr.keysConfirm = func() { scr.commitKeys(dir, from) }
	scr.showKeyReport(dialog.NewCustomConfirm(cat.T("office.registry.import_keys"), cat.T("office.registry.import_keys_go", n), cat.T("dialog.cancel"), body,
		func(ok bool) {
			if ok {
				scr.keysConfirm()
			}
		}, s.win))
}

// commitKeys registers the keys and shows what became of each file.
func (scr *officeAgenciesScreen) commitKeys(dir string, from time.Time) {
	s := scr.shell
	cat := s.cat
	scr.keysConfirm = nil
	results, err := s.sess.ImportAgencyKeys(dir, from, false)
	if err != nil {
		s.showError(err)
		return
	}
	scr.reload()
	n := session.CountOutcomes(results)[session.KeyAdded]
	body := scr.keyReport(cat.T("office.registry.import_keys_done", n, len(results)-n), results, false)
	scr.showKeyReport(dialog.NewCustom(cat.T("office.registry.import_keys"), cat.T("reg.close"), body, s.win))
}

// keyReport is a summary over one line per file; in a preview, the keys
// to add are "to be registered".
func (scr *officeAgenciesScreen) keyReport(summary string, results []session.KeyFileResult, preview bool) fyne.CanvasObject {
	cat := scr.shell.cat
	var lines []string
	for _, r := range results {
		outcome := cat.T("office.registry.key_outcome." + string(r.Outcome))
		if r.Outcome == session.KeyAdded {
			if preview {
				outcome = cat.T("office.registry.key_outcome_to_add")
			}
			lines = append(lines, cat.T("office.registry.import_keys_added", r.File, outcome, r.Key.KeyID, r.Key.Fingerprint.SHA256))
			continue
		}
		lines = append(lines, cat.T("office.registry.import_keys_refused", r.File, outcome, sentence(errtext.Describe(cat, r.Err))))
	}
	head := widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	return container.NewBorder(head, nil, nil, nil, container.NewVScroll(wrapLabel(strings.Join(lines, "\n"))))
}

// showKeyReport shows a key import's dialog as large as the window allows.
func (scr *officeAgenciesScreen) showKeyReport(d dialog.Dialog) {
	size := scr.shell.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(860, size.Width-80), min(520, size.Height-80)))
	d.Show()
}

// dayOf reads a date field (dd/mm/yyyy or YYYY-MM-DD); when it is empty
// or no date, it says so and returns false.
func (scr *officeAgenciesScreen) dayOf(e *widget.Entry) (time.Time, bool) {
	d, err := parseDay(e.Text)
	if err != nil || d.IsZero() {
		scr.shell.showMessage(scr.shell.cat.T("dialog.error"), scr.shell.cat.T("office.registry.bad_date"))
		return time.Time{}, false
	}
	return d, true
}
