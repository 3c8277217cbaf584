package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/vault"
)

// showFirstRun shows the first screen when the vault folder holds no vault:
// create a vault, open one elsewhere, restore a backup, or try a demo vault.
func (s *Shell) showFirstRun() {
	cat := s.cat
	intro := widget.NewLabel(cat.T("start.intro"))
	intro.Wrapping = fyne.TextWrapWord
	folder := widget.NewLabel(cat.T("start.folder", s.dir))
	folder.Wrapping = fyne.TextWrapWord
	folder.SizeName = theme.SizeNameCaptionText

	create := widget.NewButtonWithIcon(cat.T("start.create"), theme.ContentAddIcon(), s.showWizard)
	create.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(cat.T("start.open"), theme.FolderOpenIcon(), s.onChooseExisting)
	restore := widget.NewButtonWithIcon(cat.T("start.restore"), theme.UploadIcon(), s.showRestore)
	demo := s.demoButton()
	s.setContent(s.lockedFrame(cat.T("start.title"), container.NewVBox(
		intro, folder, widget.NewSeparator(), create, open, restore, demo,
	)))
	s.win.Canvas().Focus(create)
}

// onChooseExisting lets the user pick a folder holding a vault.
func (s *Shell) onChooseExisting() {
	s.chooseFolder(s.openExisting)
}

// openExisting switches to the vault in dir, or says there is none.
func (s *Shell) openExisting(dir string) {
	if !vault.Exists(dir) {
		s.showError(vault.ErrNoVault)
		return
	}
	s.useFolder(dir)
}
