package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// newReportsScreen builds the Reports area: preparing, previewing, signing
// and exporting reports, verifying a signed bundle, and the receipts the
// receiving office sent back.
func newReportsScreen(s *Shell) fyne.CanvasObject {
	cat := s.cat
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon(cat.T("reports.tab.make"), theme.DocumentIcon(), newReportMaker(s)),
		container.NewTabItemWithIcon(cat.T("reports.tab.verify"), theme.ConfirmIcon(), newVerifyScreen(s)),
		container.NewTabItemWithIcon(cat.T("reports.tab.receipts"), theme.MailReplyIcon(), newReceiptsTab(s)),
	)
	return tabs
}
