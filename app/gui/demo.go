package gui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/demo"
	"daumoi/data/vault"
)

// demoScreen builds the sample vault (package data/demo) in a folder next
// to the real one, for trying the application out.
type demoScreen struct {
	shell   *Shell
	dir     string
	pass    *newPassphraseField
	create  *widget.Button
	busy    *widget.ProgressBarInfinite
	working bool
}

// demoButton is "Tạo kho dữ liệu mẫu".
func (s *Shell) demoButton() *widget.Button {
	return widget.NewButtonWithIcon(s.cat.T("start.demo"), theme.ComputerIcon(), s.showDemo)
}

// demoDir is the demo vault's folder: next to the vault folder, so the
// real one stays free.
func (s *Shell) demoDir() string { return s.dir + "-mau" }

// showDemo explains the demo vault and asks for its passphrase.
func (s *Shell) showDemo() {
	cat := s.cat
	d := &demoScreen{shell: s, dir: s.demoDir(), pass: s.newPassphraseField()}
	s.demo = d
	intro := widget.NewLabel(cat.T("demo.intro", demo.Agency, demo.FocalUser, demo.ITUser, demo.ManagerUser, demo.SigningPassphrase))
	intro.Wrapping = fyne.TextWrapWord
	folder := widget.NewLabel(cat.T("start.folder", d.dir))
	folder.Wrapping = fyne.TextWrapWord
	folder.SizeName = theme.SizeNameCaptionText
	d.create = widget.NewButtonWithIcon(cat.T("demo.create"), theme.ConfirmIcon(), d.onCreate)
	d.create.Importance = widget.HighImportance
	d.busy = widget.NewProgressBarInfinite()
	d.busy.Hide()
	d.pass.entry.OnSubmitted = func(string) { s.win.Canvas().Focus(d.pass.confirm) }
	d.pass.confirm.OnSubmitted = func(string) { d.onCreate() }
	back := widget.NewButtonWithIcon(cat.T("wizard.back"), theme.NavigateBackIcon(), s.showStart)
	s.setContent(s.lockedFrame(cat.T("start.demo"), container.NewVBox(
		intro, folder, widget.NewForm(d.pass.items()...), d.busy,
		container.NewBorder(nil, nil, back, d.create),
	)))
	s.win.Canvas().Focus(d.pass.entry)
}

// onCreate builds the demo vault off the UI thread (it creates three
// passphrase slots and many records), then shows its unlock screen. An
// existing demo vault is simply opened.
func (d *demoScreen) onCreate() {
	if d.working {
		return
	}
	pass, err := d.pass.value()
	if err != nil {
		return
	}
	d.working = true
	d.create.Disable()
	d.busy.Show()
	d.busy.Start()
	d.shell.goBackground(func() {
		err := demo.Create(d.dir, pass, d.shell.now)
		clear(pass)
		fyne.Do(func() { d.onCreated(err) })
	})
}

func (d *demoScreen) onCreated(err error) {
	defer func() { d.working = false }()
	d.busy.Stop()
	d.busy.Hide()
	d.create.Enable()
	if err != nil && !errors.Is(err, vault.ErrVaultExists) {
		setNote(d.pass.problem, d.shell.describe(err))
		return
	}
	// The demo folder is not remembered: the next start offers the real
	// vault again.
	s := d.shell
	s.closeVault()
	s.dir = d.dir
	s.demo = nil
	s.showStart()
	if s.unlock != nil {
		s.unlock.user.SetSelected(demo.FocalUser)
	}
}
