package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/users"
)

// editForm is what the register forms share: their dialog, whether
// anything changed, fields that mark the form changed, and a Close that
// asks before dropping unsaved changes.
type editForm struct {
	shell *Shell
	dlg   dialog.Dialog
	dirty bool
	perm  users.Permission // who may save; PermEditRegisters when empty
}

func (e *editForm) changed() { e.dirty = true }

// entry is a one-line field with an optional validator.
func (e *editForm) entry(text string, validate fyne.StringValidator) *widget.Entry {
	w := widget.NewEntry()
	w.SetText(text)
	w.Validator = validate
	w.OnChanged = func(string) { e.changed() }
	return w
}

// multi is a wrapped multi-line field.
func (e *editForm) multi(text string) *widget.Entry {
	w := widget.NewMultiLineEntry()
	w.Wrapping = fyne.TextWrapWord
	w.SetMinRowsVisible(2)
	w.SetText(text)
	w.OnChanged = func(string) { e.changed() }
	return w
}

// open shows the dialog: a bold heading, the scrolling body, and Close and
// Save (disabled for users who may not edit registers).
func (e *editForm) open(dialogTitle, heading string, body fyne.CanvasObject, onSave func()) {
	cat := e.shell.cat
	save := widget.NewButtonWithIcon(cat.T("reg.save"), theme.DocumentSaveIcon(), onSave)
	save.Importance = widget.HighImportance
	perm := e.perm
	if perm == "" {
		perm = users.PermEditRegisters
	}
	if !e.shell.me.Can(perm) {
		save.Disable()
	}
	buttons := container.NewHBox(widget.NewButton(cat.T("reg.close"), e.onClose), save)
	head := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	content := container.NewBorder(head, container.NewBorder(nil, nil, nil, buttons), nil, nil, container.NewVScroll(body))
	e.dlg = dialog.NewCustomWithoutButtons(plainTitle(dialogTitle), content, e.shell.win)
	e.dlg.Resize(fyne.NewSize(860, 640))
	e.dlg.Show()
}

// onClose asks before dropping unsaved changes.
func (e *editForm) onClose() {
	if !e.dirty {
		e.dlg.Hide()
		return
	}
	cat := e.shell.cat
	dialog.ShowConfirm(cat.T("reg.unsaved_title"), cat.T("reg.unsaved_body"), func(discard bool) {
		if discard {
			e.dlg.Hide()
		}
	}, e.shell.win)
}
