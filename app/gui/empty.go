package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
)

// notBuilt returns the builder of the empty state of an area whose service
// does not exist yet: it says so plainly and shows no sample data.
func notBuilt(titleKey string) func(s *Shell) fyne.CanvasObject {
	return func(s *Shell) fyne.CanvasObject {
		icon := widget.NewIcon(theme.InfoIcon())
		title := widget.NewLabelWithStyle(s.cat.T("empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		body := widget.NewLabel(s.cat.T("empty.body", s.cat.T(titleKey), buildinfo.Version))
		body.Wrapping = fyne.TextWrapWord
		body.Alignment = fyne.TextAlignCenter
		box := container.NewVBox(container.NewCenter(icon), title, body)
		return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 160), box))
	}
}
