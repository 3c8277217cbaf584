package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// The wizard's steps.
const (
	stepAgency = iota
	stepUser
	stepPassphrase
	stepRecovery
	stepDone
	stepCount
)

// wizard creates a vault: agency, first user, passphrase, then the
// recovery key, shown once, which the user must confirm having kept, and
// last what the agency already did of the obligations already due, with
// the dates, so that a new vault starts from the truth instead of a list
// of deadlines missed years ago.
type wizard struct {
	shell *Shell
	step  int

	kind                       *widget.RadioGroup // agency or receiving office
	kinds                      map[string]session.Kind
	org, office                *widget.Entry
	officeHelp                 *widget.Label
	login, fullName, position  *widget.Entry
	roleFocal, roleIT, roleMgr *widget.Check
	roleReceiver, roleHead     *widget.Check // an office's first user
	roleBox                    *fyne.Container
	rolesHelp                  *widget.Label
	pass                       *newPassphraseField

	code         *widget.Label
	savePDF      *widget.Button
	confirmGroup *widget.Entry
	confirmCheck *widget.Check

	doneBox  *fyne.Container
	doneRows []*doneRow

	stepTitle *widget.Label
	pages     []fyne.CanvasObject
	message   *widget.Label
	busy      *widget.ProgressBarInfinite
	back      *widget.Button
	next      *widget.Button

	working bool
	sess    *session.Session
	recover vault.RecoveryCode
	orgName string
}

// errRequired says a required field is empty.
var errRequired = errors.New("gui: required field is empty")

// showWizard shows the first step of the vault creation wizard.
func (s *Shell) showWizard() {
	w := &wizard{shell: s}
	w.makeWidgets()
	s.wizard = w
	cancel := widget.NewButtonWithIcon(s.cat.T("wizard.cancel"), theme.CancelIcon(), w.onCancel)
	cancel.Importance = widget.LowImportance
	body := container.NewVBox(
		w.stepTitle, container.NewStack(w.pages...), w.message, w.busy,
		container.NewBorder(nil, nil, cancel, container.NewHBox(w.back, w.next)),
	)
	s.setContent(s.lockedFrame(s.cat.T("wizard.title"), body))
	w.show(stepAgency)
}

func (w *wizard) makeWidgets() {
	cat := w.shell.cat
	submit := func(string) { w.onNext() }
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = submit
		return e
	}
	w.org = entry(cat.T("wizard.org.placeholder"))
	w.office = entry(cat.T("wizard.office.placeholder"))
	w.login = entry(cat.T("wizard.login.placeholder"))
	w.fullName = entry(cat.T("wizard.fullname.placeholder"))
	w.position = entry(cat.T("wizard.position.placeholder"))
	w.roleFocal = widget.NewCheck(cat.T("role.focal"), nil)
	w.roleFocal.SetChecked(true)
	w.roleFocal.Disable()
	w.roleIT = widget.NewCheck(cat.T("role.it"), nil)
	w.roleMgr = widget.NewCheck(cat.T("role.manager"), nil)
	w.roleReceiver = widget.NewCheck(cat.T("role.receiver"), nil)
	w.roleReceiver.SetChecked(true)
	w.roleReceiver.Disable()
	w.roleHead = widget.NewCheck(cat.T("role.head"), nil)
	w.roleHead.SetChecked(true)
	w.roleBox = container.NewHBox(w.roleFocal, w.roleIT, w.roleMgr)
	w.rolesHelp = widget.NewLabel(cat.T("wizard.roles.help"))
	w.officeHelp = widget.NewLabel(cat.T("wizard.office.help"))
	w.makeKindChoice()
	w.pass = w.shell.newPassphraseField()
	w.pass.entry.OnSubmitted = submit
	w.pass.confirm.OnSubmitted = submit

	w.code = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	w.code.SizeName = theme.SizeNameHeadingText
	w.savePDF = widget.NewButtonWithIcon(cat.T("wizard.recovery.pdf"), theme.DocumentPrintIcon(), w.onSavePDF)
	w.confirmGroup = widget.NewEntry()
	w.confirmGroup.SetPlaceHolder(cat.T("wizard.recovery.type_first"))
	w.confirmGroup.OnChanged = func(string) { w.updateConfirm() }
	w.confirmGroup.OnSubmitted = submit
	w.confirmCheck = widget.NewCheck(cat.T("wizard.recovery.kept"), w.onKeptChanged)

	w.stepTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.message = dangerLabel()
	w.busy = widget.NewProgressBarInfinite()
	w.busy.Hide()
	w.back = widget.NewButtonWithIcon(cat.T("wizard.back"), theme.NavigateBackIcon(), w.onBack)
	w.next = widget.NewButtonWithIcon(cat.T("wizard.next"), theme.NavigateNextIcon(), w.onNext)
	w.next.Importance = widget.HighImportance
	w.next.IconPlacement = widget.ButtonIconTrailingText
	w.doneBox = container.NewVBox()
	w.pages = []fyne.CanvasObject{w.agencyPage(), w.userPage(), w.passPage(), w.recoveryPage(), w.donePage()}
}

func (w *wizard) agencyPage() fyne.CanvasObject {
	cat := w.shell.cat
	help := w.officeHelp
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	return widget.NewForm(
		widget.NewFormItem(cat.T("office.registry.wizard_kind"), w.kind),
		widget.NewFormItem(cat.T("wizard.org"), w.org),
		widget.NewFormItem(cat.T("wizard.office"), w.office),
		widget.NewFormItem("", help),
	)
}

func (w *wizard) userPage() fyne.CanvasObject {
	cat := w.shell.cat
	help := w.rolesHelp
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	return widget.NewForm(
		widget.NewFormItem(cat.T("user.login"), w.login),
		widget.NewFormItem(cat.T("user.fullname"), w.fullName),
		widget.NewFormItem(cat.T("user.position"), w.position),
		widget.NewFormItem(cat.T("user.roles"), w.roleBox),
		widget.NewFormItem("", help),
	)
}

func (w *wizard) passPage() fyne.CanvasObject {
	return widget.NewForm(w.pass.items()...)
}

func (w *wizard) recoveryPage() fyne.CanvasObject {
	cat := w.shell.cat
	intro := widget.NewLabel(cat.T("wizard.recovery.intro"))
	intro.Wrapping = fyne.TextWrapWord
	confirm := widget.NewLabel(cat.T("wizard.recovery.confirm"))
	confirm.Wrapping = fyne.TextWrapWord
	return container.NewVBox(intro, widget.NewCard("", "", w.code), container.NewHBox(w.savePDF),
		widget.NewSeparator(), confirm, w.confirmGroup, w.confirmCheck)
}

func (w *wizard) donePage() fyne.CanvasObject {
	intro := widget.NewLabel(w.shell.cat.T("wizard.done.intro"))
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(container.NewVBox(intro, w.doneBox))
	scroll.SetMinSize(fyne.NewSize(0, 330))
	return scroll
}

// fillDone lists the agency-wide obligations overdue or due today that an
// activity meets, each with a tick and a date.
func (w *wizard) fillDone() {
	rows, err := pastDoneRows(w.shell, w.sess, "", w.doneBox)
	if err != nil {
		setNote(w.message, w.shell.describe(err))
	}
	w.doneRows = rows
}

// recordDone records, for every ticked obligation, the activity its rule
// counts on the date given; a row without a valid date stops the step.
func (w *wizard) recordDone() error {
	r, err := recordPastDone(w.sess, w.doneRows, w.shell.cat.T("wizard.done.note"))
	switch {
	case errors.Is(err, errPastDoneDate):
		setNote(w.message, w.shell.cat.T("wizard.done.date_required"))
		w.shell.win.Content().Refresh()
		w.shell.win.Canvas().Focus(r.date)
	case err != nil:
		setNote(w.message, w.shell.describe(err))
	}
	return err
}

// show displays step i.
func (w *wizard) show(i int) {
	cat := w.shell.cat
	w.step = i
	for j, p := range w.pages {
		if j == i {
			p.Show()
		} else {
			p.Hide()
		}
	}
	w.stepTitle.SetText(cat.T("wizard.step", i+1, stepCount, cat.T([]string{"wizard.step.agency", "wizard.step.user", "wizard.step.passphrase", "wizard.step.recovery", "wizard.step.done"}[i])))
	setNote(w.message, "")
	w.back.Show()
	if i == stepAgency || i == stepRecovery || i == stepDone {
		w.back.Hide()
	}
	w.next.SetText(cat.T("wizard.next"))
	switch i {
	case stepAgency:
		w.shell.win.Canvas().Focus(w.org)
	case stepUser:
		w.shell.win.Canvas().Focus(w.login)
	case stepPassphrase:
		w.next.SetText(cat.T("wizard.create"))
		w.shell.win.Canvas().Focus(w.pass.entry)
	case stepRecovery:
		w.updateConfirm()
		w.shell.win.Canvas().Focus(w.confirmGroup)
	case stepDone:
		w.next.Enable()
		w.next.SetText(cat.T("wizard.finish"))
		w.shell.win.Canvas().Focus(w.next)
	}
}

// onBack goes one step back (not after the vault was created).
func (w *wizard) onBack() {
	if w.working || w.step == stepAgency || w.step == stepRecovery || w.step == stepDone {
		return
	}
	w.show(w.step - 1)
}

// onCancel returns to the first screen; after creation the vault is kept
// and the unlock screen is shown.
func (w *wizard) onCancel() {
	if w.working {
		return
	}
	if w.sess != nil {
		_ = w.sess.Close()
		w.sess = nil
	}
	w.shell.wizard = nil
	w.shell.showStart()
}

// onNext checks the step and moves on; on the passphrase step it creates
// the vault; on the last step it opens the main window.
func (w *wizard) onNext() {
	if w.working {
		return
	}
	switch w.step {
	case stepAgency:
		if entryText(w.org) == "" {
			setNote(w.message, w.shell.cat.T("wizard.org.required"))
			return
		}
		w.show(stepUser)
	case stepUser:
		if err := w.checkUser(); err != nil {
			return
		}
		w.show(stepPassphrase)
	case stepPassphrase:
		pass, err := w.pass.value()
		if err != nil {
			return
		}
		w.create(pass)
	case stepRecovery:
		if !w.confirmed() {
			setNote(w.message, w.shell.cat.T("wizard.recovery.required"))
			return
		}
		w.recover = ""
		w.code.SetText("")
		if w.vaultKind() == session.KindOffice {
			w.finish() // an office has no obligations of its own to mark done
			return
		}
		w.fillDone()
		w.show(stepDone)
	case stepDone:
		if w.recordDone() != nil {
			return
		}
		w.finish()
	}
}

// makeKindChoice is the choice between an agency's vault and a
// receiving office's.
func (w *wizard) makeKindChoice() {
	cat := w.shell.cat
	agency, office := cat.T("office.registry.wizard_agency"), cat.T("office.registry.wizard_office")
	w.kinds = map[string]session.Kind{agency: session.KindAgency, office: session.KindOffice}
	w.kind = widget.NewRadioGroup([]string{agency, office}, func(string) { w.onKindChanged() })
	w.kind.Required = true
	w.kind.SetSelected(agency)
}

// vaultKind is the kind of vault chosen.
func (w *wizard) vaultKind() session.Kind { return w.kinds[w.kind.Selected] }

// onKindChanged shows the fields and roles of the kind chosen: an office
// sends its reports nowhere, and its first user receives and signs.
func (w *wizard) onKindChanged() {
	if w.roleBox == nil {
		return
	}
	cat := w.shell.cat
	if w.vaultKind() == session.KindOffice {
		w.office.Disable()
		w.org.SetPlaceHolder(cat.T("office.registry.wizard_org_placeholder"))
		w.officeHelp.SetText(cat.T("office.registry.wizard_office_help"))
		w.roleBox.Objects = []fyne.CanvasObject{w.roleReceiver, w.roleHead}
		w.rolesHelp.SetText(cat.T("office.registry.wizard_roles_help"))
	} else {
		w.office.Enable()
		w.org.SetPlaceHolder(cat.T("wizard.org.placeholder"))
		w.officeHelp.SetText(cat.T("wizard.office.help"))
		w.roleBox.Objects = []fyne.CanvasObject{w.roleFocal, w.roleIT, w.roleMgr}
		w.rolesHelp.SetText(cat.T("wizard.roles.help"))
	}
	w.roleBox.Refresh()
}

// firstUser is the user described on the user step.
func (w *wizard) firstUser() users.User {
	if w.vaultKind() == session.KindOffice {
		roles := []users.Role{users.RoleReceiver}
		if w.roleHead.Checked {
			roles = append(roles, users.RoleHead)
		}
		return users.User{Name: entryText(w.login), FullName: entryText(w.fullName), Position: entryText(w.position), Roles: roles}
	}
	roles := []users.Role{users.RoleFocal}
	if w.roleIT.Checked {
		roles = append(roles, users.RoleIT)
	}
	if w.roleMgr.Checked {
		roles = append(roles, users.RoleManager)
	}
	return users.User{Name: entryText(w.login), FullName: entryText(w.fullName), Position: entryText(w.position), Roles: roles}
}

// checkUser validates the user step and shows what is wrong.
func (w *wizard) checkUser() error {
	u := w.firstUser()
	if err := users.CheckName(u.Name); err != nil {
		setNote(w.message, w.shell.describe(err))
		return err
	}
	if u.FullName == "" {
		setNote(w.message, w.shell.cat.T("wizard.fullname.required"))
		return errRequired
	}
	if _, err := users.Normalize(u); err != nil {
		setNote(w.message, w.shell.describe(err))
		return err
	}
	return nil
}

// create makes the vault off the UI thread (the key derivation takes about
// half a second) and shows the recovery key.
func (w *wizard) create(pass []byte) {
	w.working = true
	w.next.Disable()
	w.back.Disable()
	w.busy.Show()
	w.busy.Start()
	setNote(w.message, "")
	params := session.CreateParams{
		Org: entryText(w.org), ReceivingOffice: entryText(w.office), Kind: w.vaultKind(),
		User: w.firstUser(), Passphrase: pass, Now: w.shell.now,
	}
	if params.Kind == session.KindOffice {
		params.ReceivingOffice = ""
	}
	dir := w.shell.dir
	w.shell.goBackground(func() {
		sess, code, err := session.Create(dir, params)
		clear(pass)
		fyne.Do(func() { w.onCreated(params.Org, sess, code, err) })
	})
}

func (w *wizard) onCreated(org string, sess *session.Session, code vault.RecoveryCode, err error) {
	defer func() { w.working = false }()
	w.busy.Stop()
	w.busy.Hide()
	w.next.Enable()
	w.back.Enable()
	if err != nil {
		setNote(w.message, w.shell.describe(err))
		return
	}
	w.sess, w.recover, w.orgName = sess, code, org
	w.pass.clear()
	w.code.SetText(displayCode(code))
	w.show(stepRecovery)
}

// displayCode lays the recovery code out on two lines of four groups.
func displayCode(code vault.RecoveryCode) string {
	groups := strings.Split(code.String(), "-")
	if len(groups) <= 4 {
		return strings.Join(groups, "  ")
	}
	half := (len(groups) + 1) / 2
	return strings.Join(groups[:half], "  ") + "\n" + strings.Join(groups[half:], "  ")
}

// firstGroup is the recovery code's first group, which the user may type to
// confirm.
func (w *wizard) firstGroup() string {
	g, _, _ := strings.Cut(w.recover.String(), "-")
	return g
}

// confirmed reports whether the user typed the first group or ticked the box.
func (w *wizard) confirmed() bool {
	if w.recover == "" {
		return false
	}
	typed := strings.ToUpper(strings.TrimSpace(w.confirmGroup.Text))
	return w.confirmCheck.Checked || typed == strings.ToUpper(w.firstGroup())
}

// updateConfirm enables "finish" only once the user confirmed.
func (w *wizard) updateConfirm() {
	if w.step != stepRecovery {
		return
	}
	if w.confirmed() {
		w.next.Enable()
		setNote(w.message, "")
	} else {
		w.next.Disable()
	}
}

// onKeptChanged enables "finish" and, once ticked, gives it the focus so
// Space finishes.
func (w *wizard) onKeptChanged(kept bool) {
	w.updateConfirm()
	if kept && w.step == stepRecovery {
		w.shell.win.Canvas().Focus(w.next)
	}
}

// finish forgets the recovery code and opens the main window.
func (w *wizard) finish() {
	sess := w.sess
	w.sess, w.recover = nil, ""
	w.code.SetText("")
	w.shell.wizard = nil
	w.shell.app.Preferences().SetString(prefVaultDir, w.shell.dir)
	w.shell.enter(sess)
}

// onSavePDF asks where to save the recovery sheet and writes it.
func (w *wizard) onSavePDF() {
	w.shell.saveFile(w.pdfJob())
}

// pdfJob writes the recovery sheet; the new vault, not yet the shell's
// session, registers the temporary file.
func (w *wizard) pdfJob() saveJob {
	return w.shell.recoverySheetJob(recoverySheet{org: w.orgName, vaultID: w.sess.VaultID(), code: w.recover}, w.sess)
}
