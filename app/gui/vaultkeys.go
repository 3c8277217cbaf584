package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// vaultKeysSection is the Settings part where the focal point changes the
// vault key and replaces the recovery code. Both run off the UI thread
// (rotation re-encrypts the vault) with an activity bar.
type vaultKeysSection struct {
	shell   *Shell
	rotate  *widget.Button
	newCode *widget.Button
	busy    *widget.ProgressBarInfinite
	working bool

	codeDialog *dialog.CustomDialog // the new code on screen, if any
	codeLabel  *widget.Label
}

// newVaultKeysSection builds the section, or returns nil for a user who
// may not manage the keys.
func newVaultKeysSection(s *Shell) (*vaultKeysSection, fyne.CanvasObject) {
	if !s.me.Can(users.PermManageKeys) {
		return nil, nil
	}
	k := &vaultKeysSection{shell: s, busy: widget.NewProgressBarInfinite()}
	k.busy.Hide()
	k.rotate = widget.NewButtonWithIcon(s.cat.T("keys.rotate"), theme.ViewRefreshIcon(), k.onRotate)
	k.newCode = widget.NewButtonWithIcon(s.cat.T("keys.new_code"), theme.AccountIcon(), k.onNewCode)
	help := wrapLabel(s.cat.T("keys.help"))
	return k, widget.NewCard(s.cat.T("keys.title"), "", container.NewVBox(help, container.NewHBox(k.rotate, k.newCode), k.busy))
}

// onRotate explains what a new key does and changes it once confirmed.
func (k *vaultKeysSection) onRotate() {
	s := k.shell
	showFitted(dialog.NewCustomConfirm(s.cat.T("keys.rotate"), s.cat.T("keys.rotate_go"), s.cat.T("dialog.cancel"),
		container.New(fixedWidth{width: 520}, wrapLabel(s.cat.T("keys.rotate_confirm"))), func(ok bool) {
			if ok {
				k.run(s.sess.RotateKey, func() { s.showMessage(s.cat.T("keys.rotate"), s.cat.T("keys.rotated")) })
			}
		}, s.win))
}

// onNewCode explains that the old code stops working, then makes a new
// one and shows it once.
func (k *vaultKeysSection) onNewCode() {
	s := k.shell
	showFitted(dialog.NewCustomConfirm(s.cat.T("keys.new_code"), s.cat.T("keys.new_code_go"), s.cat.T("dialog.cancel"),
		container.New(fixedWidth{width: 520}, wrapLabel(s.cat.T("keys.new_code_confirm"))), func(ok bool) {
			if !ok {
				return
			}
			var code vault.RecoveryCode
			k.run(func() error {
				var err error
				code, err = s.sess.NewRecoveryCode()
				return err
			}, func() { k.showCode(code) })
		}, s.win))
}

// showCode shows the new recovery code once, with the printable sheet of
// the first-run wizard; closing the dialog forgets it.
func (k *vaultKeysSection) showCode(code vault.RecoveryCode) {
	s := k.shell
	org := ""
	if p, err := s.sess.Profile(); err == nil {
		org = p.Name
	}
	sheet := recoverySheet{org: org, vaultID: s.sess.VaultID(), code: code}
	k.codeLabel = widget.NewLabelWithStyle(displayCode(code), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	k.codeLabel.SizeName = theme.SizeNameHeadingText
	save := widget.NewButtonWithIcon(s.cat.T("wizard.recovery.pdf"), theme.DocumentPrintIcon(), func() { s.saveFile(s.recoverySheetJob(sheet, nil)) })
	body := container.NewVBox(wrapLabel(s.cat.T("keys.code_intro")), widget.NewCard("", "", k.codeLabel), container.NewHBox(save))
	k.codeDialog = dialog.NewCustom(s.cat.T("keys.new_code"), s.cat.T("wizard.recovery.kept"), container.New(fixedWidth{width: 560}, body), s.win)
	k.codeDialog.SetOnClosed(func() {
		k.codeLabel.SetText("")
		k.codeDialog, k.codeLabel = nil, nil
	})
	k.codeDialog.Show()
}

// run does work off the UI thread with the activity bar, then done (or
// the error) on the UI thread.
func (k *vaultKeysSection) run(work func() error, done func()) {
	k.working = true
	k.rotate.Disable()
	k.newCode.Disable()
	k.busy.Show()
	k.busy.Start()
	k.shell.goBackground(func() {
		err := work()
		fyne.Do(func() {
			defer func() { k.working = false }() // after the result is on screen
			k.busy.Stop()
			k.busy.Hide()
			k.rotate.Enable()
			k.newCode.Enable()
			if err != nil {
				k.shell.showError(err)
				return
			}
			done()
		})
	})
}
