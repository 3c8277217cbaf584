package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newReportsScreen builds the Reports area: preparing, previewing, signing
// and exporting reports, and verifying a signed bundle.
func newReportsScreen(s *Shell) fyne.CanvasObject {
	cat := s.cat
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(cat.T("reports.tab.make"), theme.DocumentIcon(), newReportMaker(s)),
		container.NewTabItemWithIcon(cat.T("reports.tab.verify"), theme.ConfirmIcon(), newVerifyScreen(s)),
	)
	return tabs
}
