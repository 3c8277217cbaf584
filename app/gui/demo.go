package gui

import (
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// demoButton is "Tạo kho dữ liệu mẫu". The demo vault builder (package
// data/demo) does not exist yet, so the button is disabled and says so.
func (s *Shell) demoButton() *widget.Button {
	b := widget.NewButtonWithIcon(s.cat.T("start.demo")+" — "+s.cat.T("start.demo.missing"), theme.ComputerIcon(), nil)
	b.Disable()
	return b
}
