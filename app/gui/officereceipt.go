package gui

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/exportfile"
	"daumoi/data/session"
	"daumoi/data/users"
)

// receiptSection is a received bundle's receipt in the viewer: whether it
// was issued, by whom and when, a button for the head to issue it and one
// to save it for the agency.
type receiptSection struct {
	shell  *Shell
	id     int64
	state  *widget.Label
	issue  *widget.Button
	save   *widget.Button
	view   fyne.CanvasObject
	issued session.IssuedReceipt
}

// newReceiptSection builds the section for bundle id.
func newReceiptSection(s *Shell, id int64) *receiptSection {
	cat := s.cat
	r := &receiptSection{shell: s, id: id, state: wrapLabel("")}
	r.issue = widget.NewButtonWithIcon(cat.T("office.receipt.issue"), theme.ConfirmIcon(), r.onIssue)
	r.issue.Importance = widget.HighImportance
	r.save = widget.NewButtonWithIcon(cat.T("office.receipt.save"), theme.DocumentSaveIcon(), r.onSave)
	title := widget.NewLabelWithStyle(cat.T("office.receipt.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.view = container.NewVBox(widget.NewSeparator(), title, container.NewBorder(nil, nil, nil, container.NewHBox(r.issue, r.save), r.state))
	r.refresh()
	return r
}

// refresh shows whether the receipt exists and enables what can be done.
func (r *receiptSection) refresh() {
	s, cat := r.shell, r.shell.cat
	issued, err := s.sess.ReceiptFor(r.id)
	switch {
	case errors.Is(err, session.ErrNoReceipt):
		r.state.SetText(cat.T("office.receipt.none"))
		r.save.Disable()
		r.issue.Enable()
		if !s.me.Can(users.PermOfficeSign) {
			r.issue.Disable()
			r.state.SetText(cat.T("office.receipt.none_heads"))
		}
	case err != nil:
		r.state.SetText(s.describe(err))
		r.issue.Disable()
		r.save.Disable()
	default:
		r.issued = issued
		r.state.SetText(cat.T("office.receipt.issued", vnTime(issued.SignedAt), issued.SignedBy, issued.KeyID))
		r.issue.Disable()
		r.save.Enable()
	}
}

// onIssue signs the receipt with the head's key, off the UI thread.
func (r *receiptSection) onIssue() {
	s := r.shell
	s.askSigningPassphrase(s.cat.T("office.receipt.issue"), false, func(pass []byte) {
		sess := s.sess
		busy := dialog.NewCustomWithoutButtons(s.cat.T("office.receipt.signing"), widget.NewProgressBarInfinite(), s.win)
		busy.Show()
		s.goBackground(func() {
			_, err := sess.IssueReceipt(r.id, pass)
			fyne.Do(func() {
				busy.Hide()
				if err != nil {
					s.showError(err)
				}
				r.refresh()
			})
		})
	})
}

// onSave writes the receipt and its signature (FILE and FILE.minisig, as
// minisign -V expects them).
func (r *receiptSection) onSave() {
	s := r.shell
	saveReceipt(s, r.issued)
}

// saveReceipt asks where to save an issued receipt and writes it with its
// signature beside it.
func saveReceipt(s *Shell, issued session.IssuedReceipt) {
	reg := s.sess
	s.saveFile(saveJob{
		title: s.cat.T("office.receipt.save"), name: receiptFileName(issued), exts: []string{".json"},
		write: func(_ context.Context, w io.Writer, path string) error {
			err := exportfile.Write(path+".minisig", exportfile.Options{Perm: exportPerm, Replace: true, Registrar: reg}, writeBytes(issued.Signature))
			if err != nil {
				return err
			}
			_, err = w.Write(issued.Body)
			return err
		},
		done: func(path string) string { return s.cat.T("office.receipt.saved", path, path+".minisig") },
	})
}

// receiptFileName suggests a receipt's file name: agency, kind, bundle.
func receiptFileName(issued session.IssuedReceipt) string {
	return fmt.Sprintf("bien-nhan-%s-%s-%d.json", issued.Receipt.Agency.Code, issued.Receipt.Kind, issued.BundleID)
}

// writeReceiptFiles writes a receipt to path and its signature to
// path.minisig, each whole or not at all, replacing neither.
func writeReceiptFiles(reg exportfile.Registrar, path string, issued session.IssuedReceipt) error {
	o := exportfile.Options{Perm: exportPerm, Registrar: reg}
	if err := exportfile.Write(path+".minisig", o, writeBytes(issued.Signature)); err != nil {
		return err
	}
	return exportfile.Write(path, o, writeBytes(issued.Body))
}

// writeBytes is an exportfile writer of data.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
