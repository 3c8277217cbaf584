package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/reports/bundle"
	"daumoi/reports/signing"
)

// receiptsTab is the agency's side of receipts, on the Reports screen: the
// receiving office's public key that receipts are checked against, the
// import of a receipt the office sent back, and the receipts imported.
type receiptsTab struct {
	shell    *Shell
	keyInfo  *widget.Label
	register *widget.Button
	importB  *widget.Button
	list     *listTable[session.ImportedReceipt]
}

// newReceiptsTab builds the tab.
func newReceiptsTab(s *Shell) fyne.CanvasObject {
	_, content := buildReceiptsTab(s)
	return content
}

// buildReceiptsTab builds the tab and returns it for the tests.
func buildReceiptsTab(s *Shell) (*receiptsTab, fyne.CanvasObject) {
	cat := s.cat
	r := &receiptsTab{shell: s, keyInfo: wrapLabel("")}
	r.register = widget.NewButtonWithIcon(cat.T("receipt.key_register"), theme.ContentAddIcon(), r.onRegister)
	r.importB = widget.NewButtonWithIcon(cat.T("receipt.import"), theme.DownloadIcon(), r.onImport)
	r.importB.Importance = widget.HighImportance
	if !s.me.Can(users.PermEditProfile) {
		r.register.Disable()
	}
	if !s.me.Can(users.PermEditRegisters) {
		r.importB.Disable()
	}
	r.list = newListTable(r.columns(), cat.T("receipt.empty"), nil)
	r.list.keep = true
	r.list.withDetail()
	help := wrapLabel(cat.T("receipt.help"))
	top := container.NewVBox(help, container.NewBorder(nil, nil, nil, r.register, r.keyInfo), container.NewBorder(nil, nil, nil, r.importB))
	r.reload()
	return r, container.NewBorder(top, nil, nil, nil, r.list.view)
}

// columns are the imported receipts' columns.
func (r *receiptsTab) columns() []listColumn[session.ImportedReceipt] {
	cat := r.shell.cat
	return []listColumn[session.ImportedReceipt]{
		{title: cat.T("office.col.kind"), width: 300, text: func(ir session.ImportedReceipt) string { return bundleKindLabel(cat, ir.Receipt.Kind) }},
		{title: cat.T("office.col.period"), width: 190, text: func(ir session.ImportedReceipt) string {
			return humanStamps(ir.Receipt.Period.From) + " – " + humanStamps(ir.Receipt.Period.To)
		}},
		{title: cat.T("receipt.col.received"), width: 150, text: func(ir session.ImportedReceipt) string { return vnTime(ir.ReceivedAt) },
			key: func(ir session.ImportedReceipt) string { return ir.ReceivedAt.UTC().Format("2006-01-02T15:04:05") }},
		{title: cat.T("receipt.col.office"), width: 260, text: func(ir session.ImportedReceipt) string { return ir.Receipt.Office }},
		{title: cat.T("receipt.col.officer"), width: 170, text: func(ir session.ImportedReceipt) string { return ir.Receipt.ReceivingOfficer }},
		{title: cat.T("receipt.col.imported"), width: 150, text: func(ir session.ImportedReceipt) string { return vnTime(ir.ImportedAt) }},
	}
}

// reload shows the office key and the receipts.
func (r *receiptsTab) reload() {
	s := r.shell
	if k, err := s.sess.OfficeKey(); err == nil {
		fp := k.Fingerprint()
		r.keyInfo.SetText(s.cat.T("receipt.key_info", fp.KeyID, fp.SHA256))
	} else {
		r.keyInfo.SetText(s.cat.T("receipt.key_none"))
	}
	list, err := s.sess.ImportedReceipts()
	if err != nil {
		s.showError(err)
		return
	}
	r.list.setRows(list)
}

// onRegister asks for the office's .pub file.
func (r *receiptsTab) onRegister() { r.shell.chooseFile(r.registerFile) }

// registerFile reads the office's .pub file at path and asks to compare
// its fingerprint with the one the office reads out before it is kept.
func (r *receiptsTab) registerFile(path string) {
	s := r.shell
	pub, err := bundle.ReadPublicKeyFile(path)
	if err != nil {
		s.showError(err)
		return
	}
	confirmFingerprint(s, s.cat.T("receipt.key_confirm_title"), s.cat.T("receipt.key_confirm_ask"), pub, func() {
		if err := s.sess.SetOfficeKey(pub); err != nil {
			s.showError(err)
			return
		}
		r.reload()
	})
}

// onImport verifies and keeps a receipt the office sent back.
func (r *receiptsTab) onImport() {
	s := r.shell
	s.chooseFile(func(path string) { r.importFile(path) })
}

// importFile imports the receipt at path (its signature beside it).
func (r *receiptsTab) importFile(path string) {
	s := r.shell
	ir, err := s.sess.ImportReceipt(path)
	if err != nil {
		s.showError(err)
		return
	}
	r.reload()
	s.showMessage(s.cat.T("receipt.import_title"), s.cat.T("receipt.imported", bundleKindLabel(s.cat, ir.Receipt.Kind),
		humanStamps(ir.Receipt.Period.From), humanStamps(ir.Receipt.Period.To), vnTime(ir.ReceivedAt), ir.Receipt.Office))
}

// confirmFingerprint shows a public key's id and SHA-256 fingerprint
// large, to be compared with the ones the key's owner reads out, and
// calls accept once the user confirms they match. It returns the dialog.
func confirmFingerprint(s *Shell, title, ask string, pub signing.PublicKey, accept func()) *dialog.CustomDialog {
	cat := s.cat
	fp := pub.Fingerprint()
	keyID := canvas.NewText(fp.KeyID, theme.Color(theme.ColorNameForeground))
	keyID.TextSize = 2 * theme.TextSize()
	keyID.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	var d *dialog.CustomDialog
	yes := widget.NewButtonWithIcon(cat.T("office.registry.key_confirm_yes"), theme.ConfirmIcon(), func() {
		d.Hide()
		accept()
	})
	yes.Importance = widget.HighImportance
	no := widget.NewButtonWithIcon(cat.T("office.registry.key_confirm_no"), theme.CancelIcon(), func() { d.Hide() })
	body := container.NewVBox(
		widget.NewLabel(cat.T("office.registry.key_confirm_id")), keyID,
		widget.NewLabel(cat.T("office.registry.key_confirm_sha")), fingerprintLines(fp.SHA256),
		wrapLabel(ask), container.NewHBox(yes, no))
	d = dialog.NewCustomWithoutButtons(plainTitle(title), container.New(fixedWidth{width: s.dialogWidth()}, body), s.win)
	showFitted(d)
	return d
}
