package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
	"daumoi/data/textnorm"
)

// showError shows err in a dialog, in the interface language.
func (s *Shell) showError(err error) {
	s.showMessage(s.cat.T("dialog.error"), s.describe(err))
}

// showMessage shows a titled message in a dialog with one button.
func (s *Shell) showMessage(title, message string) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	showFitted(dialog.NewCustom(plainTitle(title), s.cat.T("dialog.ok"), container.New(fixedWidth{width: 440}, text), s.win))
}

// lockedFrame is the layout of the screens shown before a session is open
// (first run, unlock, restore): the product's name and icon over a centred,
// fixed-width card.
func (s *Shell) lockedFrame(title string, body fyne.CanvasObject) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(48))
	name := widget.NewLabelWithStyle(windowTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	card := container.NewVBox(container.NewHBox(icon, name), widget.NewSeparator(), heading, body)
	return container.NewVScroll(container.NewCenter(container.New(fixedWidth{width: 620}, card)))
}

// fixedWidth lays out one object at a fixed width and its own minimum
// height.
type fixedWidth struct{ width float32 }

// MinSize is the fixed width by the tallest object's minimum height.
func (l fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

// Layout gives every object the whole area.
func (l fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// entryText returns an entry's text in NFC, trimmed of surrounding spaces.
func entryText(e *widget.Entry) string { return textnorm.NFC(strings.TrimSpace(e.Text)) }

// secretBytes returns a passphrase entry's text in NFC as bytes; a
// passphrase is never trimmed.
func secretBytes(e *widget.Entry) []byte { return []byte(textnorm.NFC(e.Text)) }

// dangerLabel is a label for validation and error messages, hidden while
// it has nothing to say (see setNote).
func dangerLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setNote shows text in l, or hides l when text is empty, so empty
// messages leave no gap.
func setNote(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// showFitted shows d at its minimum size. Wrapped labels report a tall
// minimum height until they are first laid out at their real width, so a
// dialog sized when shown would keep a blank band; resizing it to nothing
// once shown lets Fyne clamp it to the true minimum.
func showFitted(d dialog.Dialog) {
	d.Show()
	d.Resize(fyne.NewSize(1, 1))
}

// dialogWidth is the width of a form or message dialog: 600 px, less on
// a narrow window, so that entries are wide enough to type in and prose
// wraps between words, not inside them.
func (s *Shell) dialogWidth() float32 {
	return max(320, min(600, s.win.Canvas().Size().Width-80))
}

// showWide shows d dialogWidth wide at its minimum height. A wrapped
// label reports the height it needs at the width it was last laid out
// at, so the dialog is sized twice: once to lay the labels out at the
// new width, once to take their true height.
func (s *Shell) showWide(d dialog.Dialog) {
	d.Show()
	size := fyne.NewSize(s.dialogWidth(), 1)
	d.Resize(size)
	d.Resize(size)
}

// plainTitle is a button's text as the title of the dialog it opens:
// without the "…" that tells, on the button, that a dialog follows.
func plainTitle(text string) string {
	text = strings.TrimSpace(text)
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(text, "…"), "..."))
}

// localTitle is a rule's title in the catalogue's language: the English
// one when English is chosen and the pack gives it, else the Vietnamese.
func localTitle(cat *i18n.Catalog, vi, en string) string {
	if cat.Lang() == i18n.English && en != "" {
		return en
	}
	return vi
}

// newSelect is a choice whose empty state asks, in the user's language,
// to choose (Fyne's own placeholder, "(Select one)", is English).
func newSelect(cat translator, options []string, changed func(string)) *widget.Select {
	sel := widget.NewSelect(options, changed)
	sel.PlaceHolder = cat.T("text.select_one")
	return sel
}
