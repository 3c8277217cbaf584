package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newReportsScreen builds the Reports area: verifying a signed bundle works
// now; preparing, signing and exporting reports comes with the report
// services, and until then its tab says so instead of showing sample data.
func newReportsScreen(s *Shell) fyne.CanvasObject {
	cat := s.cat
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(cat.T("reports.tab.verify"), theme.ConfirmIcon(), newVerifyScreen(s)),
		container.NewTabItemWithIcon(cat.T("reports.tab.make"), theme.DocumentIcon(), notBuilt("reports.tab.make")(s)),
	)
	return tabs
}
