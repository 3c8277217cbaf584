package gui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"time"

	"daumoi/app/exportfile"
	"daumoi/assets/i18n"
	"daumoi/data/vault"
	"daumoi/reports/pdfdoc"
)

// recoveryDocument is the one-page recovery sheet: agency, vault id and
// folder, date, the code and what to do with it. The layout is pdfdoc's.
func recoveryDocument(cat *i18n.Catalog, org, vaultID, dir string, now time.Time, code vault.RecoveryCode) pdfdoc.Document {
	return pdfdoc.Document{
		Agency:  pdfdoc.AgencyBlock{Issuer: org},
		Date:    now,
		Kind:    cat.T("pdf.recovery.kind"),
		Summary: cat.T("pdf.recovery.summary"),
		Body: []pdfdoc.Block{
			pdfdoc.Paragraph{Text: cat.T("pdf.recovery.vault", vaultID), NoIndent: true},
			pdfdoc.Paragraph{Text: cat.T("pdf.recovery.folder", dir), NoIndent: true},
			pdfdoc.Paragraph{Text: cat.T("pdf.recovery.date", now.Format("02/01/2006")), NoIndent: true},
			pdfdoc.Paragraph{Text: displayCode(code), Bold: true, Align: pdfdoc.AlignCenter, NoIndent: true},
			pdfdoc.List{Marker: pdfdoc.MarkerDash, Items: []string{
				cat.T("pdf.recovery.keep"),
				cat.T("pdf.recovery.use"),
				cat.T("pdf.recovery.once"),
			}},
		},
	}
}

// writePDF renders doc to path the way every export is written (package
// exportfile), so a failure leaves no half-written sheet.
func writePDF(path string, doc pdfdoc.Document) error {
	return writeFileAtomic(nil, path, func(w io.Writer) error { return pdfdoc.Render(doc, w) })
}

// writeFileAtomic writes path (the user chose it in a save dialog, which
// already asked about replacing it) so that a failure or a kill never
// leaves a partial file (package exportfile). reg, if not nil (the open
// session), registers temporary files so the next unlock deletes leftovers.
func writeFileAtomic(reg exportfile.Registrar, path string, write func(io.Writer) error) error {
	return exportfile.Write(path, exportfile.Options{Perm: 0o600, Replace: true, Registrar: reg}, write)
}

// recoverySheet is a recovery code to print or save as its one-page sheet.
type recoverySheet struct {
	org, vaultID string
	code         vault.RecoveryCode
}

// saveRecoverySheet writes the sheet to path.
func (s *Shell) saveRecoverySheet(sheet recoverySheet, path string) error {
	return writePDF(path, recoveryDocument(s.cat, sheet.org, sheet.vaultID, s.dir, s.now(), sheet.code))
}

// askSaveRecoverySheet asks where to save the recovery sheet (to print it)
// and writes it there.
func (s *Shell) askSaveRecoverySheet(sheet recoverySheet) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		if err := s.saveRecoverySheet(sheet, path); err != nil {
			s.showError(err)
			return
		}
		s.showMessage(s.cat.T("wizard.recovery.pdf"), s.cat.T("wizard.recovery.saved", path))
	}, s.win)
	d.SetFileName("ma-khoi-phuc-daumoi.pdf")
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
