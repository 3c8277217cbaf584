package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// fileDialogSize is the size of the file and folder dialogs: larger than
// Fyne's default, so that long Vietnamese file names can be read.
func fileDialogSize() fyne.Size { return fyne.NewSize(760, 520) }

// chooseFile asks for one existing file and gives its path to chosen;
// nothing happens when the user cancels.
func (s *Shell) chooseFile(chosen func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		_ = rc.Close()
		chosen(rc.URI().Path())
	}, s.win)
	d.Resize(fileDialogSize())
	d.Show()
}

// chooseFolder asks for a folder and gives its path to chosen.
func (s *Shell) chooseFolder(chosen func(path string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		chosen(u.Path())
	}, s.win)
	d.Resize(fileDialogSize())
	d.Show()
}
