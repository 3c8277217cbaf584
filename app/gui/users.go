package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/users"
)

// usersService is what the users screen needs of the session.
type usersService interface {
	Me() (users.User, error)
	ListUsers() ([]users.User, error)
	AddUser(u users.User, pass []byte) error
	UpdateUser(u users.User) error
	SetDisabled(name string, disabled bool) error
	ResetPassphrase(name string, pass []byte) error
}

// usersScreen lists the vault's users and lets the focal point add, edit,
// disable or enable them and reset their passphrases.
type usersScreen struct {
	shell    *Shell
	svc      usersService
	list     *listTable[users.User]
	selected string // the login of the chosen user; "" for none

	add     *widget.Button
	edit    *widget.Button
	toggle  *widget.Button
	resetPw *widget.Button
	form    *userForm // the add or edit dialog on screen, if any
	working bool      // a slow call (adding a user, resetting a passphrase) runs

	resetField  *newPassphraseField // the reset dialog on screen, if any
	resetDialog *dialog.ConfirmDialog

	disableDialog *dialog.ConfirmDialog // the confirmation on screen, if any
	busy          *widget.ProgressBarInfinite
}

// newUsersScreen builds the Users area: only focal points manage users;
// others see an explanation (the service refuses them anyway).
func newUsersScreen(s *Shell) fyne.CanvasObject {
	scr := &usersScreen{shell: s, svc: s.sess}
	s.usersScr = scr
	cat := s.cat
	if !s.me.Can(users.PermManageUsers) {
		msg := widget.NewLabel(cat.T("users.not_permitted"))
		msg.Wrapping = fyne.TextWrapWord
		return container.NewVBox(msg)
	}
	scr.list = scr.makeList()
	scr.add = widget.NewButtonWithIcon(cat.T("users.add"), theme.ContentAddIcon(), scr.onAdd)
	scr.add.Importance = widget.HighImportance
	scr.edit = widget.NewButtonWithIcon(cat.T("users.edit"), theme.DocumentCreateIcon(), scr.onEdit)
	scr.toggle = widget.NewButtonWithIcon(cat.T("users.disable"), theme.CancelIcon(), scr.onToggle)
	scr.resetPw = widget.NewButtonWithIcon(cat.T("users.reset"), theme.ViewRefreshIcon(), scr.onReset)
	scr.busy = widget.NewProgressBarInfinite()
	scr.busy.Hide()
	scr.reload()
	bar := container.NewHBox(scr.add, scr.edit, scr.toggle, scr.resetPw)
	return container.NewBorder(bar, scr.busy, nil, nil, scr.list.view)
}

// makeList is the users' table; the chosen row stays selected for the
// buttons that act on it.
func (scr *usersScreen) makeList() *listTable[users.User] {
	cat := scr.shell.cat
	cols := []listColumn[users.User]{
		{title: cat.T("user.login"), width: 120, text: func(u users.User) string { return u.Name }},
		{title: cat.T("user.fullname"), width: 200, text: func(u users.User) string { return u.FullName }},
		{title: cat.T("user.position"), width: 170, text: func(u users.User) string { return u.Position }},
		{title: cat.T("user.roles"), width: 220, text: func(u users.User) string { return scr.shell.roleNames(u.Roles) }},
		{title: cat.T("users.status"), width: 150, text: scr.status},
	}
	lt := newListTable(cols, "", func(u users.User) { scr.selected = u.Name; scr.updateButtons() }).withDetail()
	lt.keep = true
	return lt
}

func (scr *usersScreen) status(u users.User) string {
	cat := scr.shell.cat
	switch {
	case u.Disabled:
		return cat.T("users.status.disabled")
	case u.MustReset:
		return cat.T("users.status.must_reset")
	}
	return cat.T("users.status.active")
}

// reload reads the users again and refreshes the table, the chosen user
// still chosen.
func (scr *usersScreen) reload() {
	list, err := scr.svc.ListUsers()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	chosen := scr.selected
	scr.list.setRows(list)
	scr.selected = ""
	scr.selectUser(chosen)
	scr.updateButtons()
}

// current returns the selected user.
func (scr *usersScreen) current() (users.User, bool) {
	u, ok := scr.list.selected()
	return u, ok && u.Name == scr.selected
}

func (scr *usersScreen) updateButtons() {
	u, ok := scr.current()
	for _, b := range []*widget.Button{scr.edit, scr.toggle, scr.resetPw} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && u.Disabled {
		scr.toggle.SetText(scr.shell.cat.T("users.enable"))
		scr.toggle.SetIcon(theme.ConfirmIcon())
	} else {
		scr.toggle.SetText(scr.shell.cat.T("users.disable"))
		scr.toggle.SetIcon(theme.CancelIcon())
	}
}

// selectUser selects the row of the user called name.
func (scr *usersScreen) selectUser(name string) {
	for i, u := range scr.list.rows {
		if u.Name == name {
			scr.list.selectRow(i)
			return
		}
	}
}

// onAdd opens the add-user dialog.
func (scr *usersScreen) onAdd() {
	scr.form = scr.shell.newUserForm(users.User{Roles: []users.Role{users.RoleIT}}, true, scr.onAddConfirmed)
}

// onAddConfirmed adds the user described by the form, off the UI thread
// (wrapping the vault key for the new passphrase takes about half a
// second); the dialog closes once the user is added.
func (scr *usersScreen) onAddConfirmed(f *userForm) bool {
	if scr.working {
		return false
	}
	pass, err := f.pass.value()
	if err != nil {
		return false
	}
	u := f.user()
	scr.setWorking(f, true)
	scr.shell.goBackground(func() {
		err := scr.svc.AddUser(u, pass)
		clear(pass)
		fyne.Do(func() {
			defer scr.setWorking(f, false)
			if err != nil {
				scr.shell.showError(err)
				return
			}
			f.dialog.Hide()
			scr.reload()
			scr.selectUser(u.Name)
		})
	})
	return false
}

// setWorking shows the form busy (or not) while a slow call runs.
func (scr *usersScreen) setWorking(f *userForm, working bool) {
	scr.working = working
	if working {
		f.save.Disable()
		f.busy.Show()
		f.busy.Start()
		return
	}
	f.busy.Stop()
	f.busy.Hide()
	f.save.Enable()
}

// onEdit opens the edit dialog of the selected user.
func (scr *usersScreen) onEdit() {
	u, ok := scr.current()
	if !ok {
		return
	}
	scr.form = scr.shell.newUserForm(u, false, scr.onEditConfirmed)
}

// onEditConfirmed saves the edited full name, position and roles.
func (scr *usersScreen) onEditConfirmed(f *userForm) bool {
	u := f.user()
	if err := scr.svc.UpdateUser(u); err != nil {
		scr.shell.showError(err)
		return false
	}
	scr.reload()
	scr.refreshMe(u.Name)
	return true
}

// refreshMe re-reads the signed-in user after a change to their account, so
// the sidebar shows their new roles.
func (scr *usersScreen) refreshMe(name string) {
	if name != scr.shell.me.Name {
		return
	}
	if me, err := scr.svc.Me(); err == nil {
		scr.shell.me = me
		scr.shell.rebuild(areaUsers)
	}
}

// onToggle enables the selected user, or asks before disabling them:
// disabling also changes the vault key, so that copies of the vault the
// user kept no longer open what is written afterwards.
func (scr *usersScreen) onToggle() {
	u, ok := scr.current()
	if !ok || scr.working {
		return
	}
	if u.Disabled {
		if err := scr.svc.SetDisabled(u.Name, false); err != nil {
			scr.shell.showError(err)
			return
		}
		scr.reload()
		return
	}
	cat := scr.shell.cat
	text := wrapLabel(cat.T("users.disable.confirm", u.Name))
	scr.disableDialog = dialog.NewCustomConfirm(cat.T("users.disable"), cat.T("users.disable.go"), cat.T("dialog.cancel"),
		container.New(fixedWidth{width: 520}, text), func(ok bool) {
			scr.disableDialog = nil
			if ok {
				scr.disable(u.Name)
			}
		}, scr.shell.win)
	showFitted(scr.disableDialog)
}

// disable disables name and rotates the vault key off the UI thread, with
// the activity bar.
func (scr *usersScreen) disable(name string) {
	scr.working = true
	scr.toggle.Disable()
	scr.busy.Show()
	scr.busy.Start()
	scr.shell.goBackground(func() {
		err := scr.svc.SetDisabled(name, true)
		fyne.Do(func() {
			defer func() { scr.working = false }()
			scr.busy.Stop()
			scr.busy.Hide()
			scr.toggle.Enable()
			if err != nil {
				scr.shell.showError(err)
				return
			}
			scr.reload()
			scr.shell.showMessage(scr.shell.cat.T("users.disable"), scr.shell.cat.T("users.disabled_done", name))
		})
	})
}

// onReset asks for a new first passphrase for the selected user.
func (scr *usersScreen) onReset() {
	u, ok := scr.current()
	if !ok {
		return
	}
	cat := scr.shell.cat
	field := scr.shell.newPassphraseField()
	intro := widget.NewLabel(cat.T("users.reset.intro", u.Name))
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(intro, widget.NewForm(field.items()...))
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(cat.T("users.reset"), cat.T("dialog.save"), cat.T("dialog.cancel"),
		container.New(fixedWidth{width: 520}, content), func(ok bool) {
			if !ok {
				return
			}
			pass, err := field.value()
			if err != nil {
				d.Show()
				return
			}
			scr.working = true
			scr.shell.goBackground(func() {
				err := scr.svc.ResetPassphrase(u.Name, pass)
				clear(pass)
				fyne.Do(func() {
					defer func() { scr.working = false }()
					if err != nil {
						scr.shell.showError(err)
						return
					}
					scr.reload()
				})
			})
		}, scr.shell.win)
	scr.resetField, scr.resetDialog = field, d
	d.Show()
}

// userForm is the add or edit dialog.
type userForm struct {
	login, fullName, position  *widget.Entry
	roleFocal, roleIT, roleMgr *widget.Check       // an agency's roles (nil in an office vault)
	roleChecks                 []roleCheck         // the vault kind's roles, in display order
	pass                       *newPassphraseField // nil when editing
	dialog                     *dialog.CustomDialog
	save                       *widget.Button
	busy                       *widget.ProgressBarInfinite
	submit                     func()
}

// newUserForm shows the dialog; onOK returns true when the dialog may close.
func (s *Shell) newUserForm(u users.User, adding bool, onOK func(*userForm) bool) *userForm {
	cat := s.cat
	f := &userForm{}
	f.login = widget.NewEntry()
	f.login.SetText(u.Name)
	f.fullName = widget.NewEntry()
	f.fullName.SetText(u.FullName)
	f.position = widget.NewEntry()
	f.position.SetText(u.Position)
	f.roleChecks = s.roleChecks(u)
	roleRow := container.NewHBox()
	for _, c := range f.roleChecks {
		roleRow.Add(c.check)
		switch c.role {
		case users.RoleFocal:
			f.roleFocal = c.check
		case users.RoleIT:
			f.roleIT = c.check
		case users.RoleManager:
			f.roleMgr = c.check
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("user.login"), f.login),
		widget.NewFormItem(cat.T("user.fullname"), f.fullName),
		widget.NewFormItem(cat.T("user.position"), f.position),
		widget.NewFormItem(cat.T("user.roles"), roleRow),
	}
	title := cat.T("users.edit.title", u.Name)
	if adding {
		title = cat.T("users.add")
		f.pass = s.newPassphraseField()
		items = append(items, f.pass.items()...)
	} else {
		f.login.Disable()
	}
	f.submit = func() {
		if onOK(f) {
			f.dialog.Hide()
		}
	}
	for _, e := range []*widget.Entry{f.login, f.fullName, f.position} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	if f.pass != nil {
		f.pass.confirm.OnSubmitted = func(string) { f.submit() }
	}
	f.save = widget.NewButtonWithIcon(cat.T("dialog.save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.busy = widget.NewProgressBarInfinite()
	f.busy.Hide()
	cancel := widget.NewButtonWithIcon(cat.T("dialog.cancel"), theme.CancelIcon(), func() { f.dialog.Hide() })
	body := container.NewVBox(widget.NewForm(items...), f.busy, container.NewHBox(f.save, cancel))
	f.dialog = dialog.NewCustomWithoutButtons(plainTitle(title), container.New(fixedWidth{width: 600}, body), s.win)
	showFitted(f.dialog)
	if adding {
		s.win.Canvas().Focus(f.login)
	} else {
		s.win.Canvas().Focus(f.fullName)
	}
	return f
}

// user is the user described by the form.
func (f *userForm) user() users.User {
	var roles []users.Role
	for _, c := range f.roleChecks {
		if c.check.Checked {
			roles = append(roles, c.role)
		}
	}
	return users.User{Name: entryText(f.login), FullName: entryText(f.fullName), Position: entryText(f.position), Roles: roles}
}

// roleCheck is a role's check box in the user form.
type roleCheck struct {
	check *widget.Check
	role  users.Role
}

// roleChecks are check boxes for the roles of the vault's kind, checked
// for the roles u holds.
func (s *Shell) roleChecks(u users.User) []roleCheck {
	var out []roleCheck
	for _, r := range s.kind.Roles() {
		c := widget.NewCheck(s.cat.T("role."+string(r)), nil)
		c.SetChecked(u.Has(r))
		out = append(out, roleCheck{check: c, role: r})
	}
	return out
}
