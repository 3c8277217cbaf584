package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// resetForm is the modal "Đặt mật khẩu mới" shown after a recovery-code
// unlock or to a user whose passphrase was set by the focal point. It has
// no cancel button: the only ways out are a successful change or locking.
type resetForm struct {
	shell  *Shell
	field  *newPassphraseField
	save   *widget.Button
	busy   *widget.ProgressBarInfinite
	dialog *dialog.CustomDialog
}

// showForcedReset shows the forced passphrase change over a neutral
// background: no screen with vault data is built until it succeeds.
func (s *Shell) showForcedReset() {
	cat := s.cat
	why := widget.NewLabel(cat.T("reset.why"))
	why.Wrapping = fyne.TextWrapWord
	s.setContent(s.lockedFrame(cat.T("reset.title"), why))

	f := &resetForm{shell: s, field: s.newPassphraseField()}
	f.save = widget.NewButtonWithIcon(cat.T("reset.save"), theme.ConfirmIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.busy = widget.NewProgressBarInfinite()
	f.busy.Hide()
	f.field.confirm.OnSubmitted = func(string) { f.onSave() }
	f.field.entry.OnSubmitted = func(string) { s.win.Canvas().Focus(f.field.confirm) }
	lock := widget.NewButtonWithIcon(cat.T("shell.lock"), theme.LoginIcon(), f.onLock)
	intro := widget.NewLabel(cat.T("reset.intro", s.me.Name))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(f.field.items()...)
	body := container.NewVBox(intro, form, f.busy, container.NewHBox(f.save, lock))
	f.dialog = dialog.NewCustomWithoutButtons(cat.T("reset.title"), container.New(fixedWidth{width: 560}, body), s.win)
	s.reset = f
	showFitted(f.dialog)
	s.win.Canvas().Focus(f.field.entry)
}

// onSave changes the passphrase off the UI thread, then enters the session.
func (f *resetForm) onSave() {
	pass, err := f.field.value()
	if err != nil {
		return
	}
	f.save.Disable()
	f.busy.Show()
	f.busy.Start()
	sess := f.shell.sess
	f.shell.goBackground(func() {
		err := sess.ChangePassphrase(pass)
		clear(pass)
		fyne.Do(func() {
			if f.shell.reset != f {
				return // locked meanwhile: the session is closed
			}
			f.busy.Stop()
			f.busy.Hide()
			f.save.Enable()
			if err != nil {
				setNote(f.field.problem, f.shell.describe(err))
				return
			}
			f.dialog.Hide()
			f.shell.enter(sess)
			f.shell.reset = nil
		})
	})
}

// onLock gives up: the session is closed and the unlock screen shown.
func (f *resetForm) onLock() {
	f.dialog.Hide()
	f.shell.reset = nil
	f.shell.closeVault()
	f.shell.showStart()
}
