package gui

import (
	"context"
	"io"

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

// recoverySheet is a recovery code to print or save as its one-page sheet.
type recoverySheet struct {
	org, vaultID string
	code         vault.RecoveryCode
}

// recoverySheetJob saves the sheet as PDF through saveFile; reg registers
// the temporary file (nil: the shell's session).
func (s *Shell) recoverySheetJob(sheet recoverySheet, reg exportfile.Registrar) saveJob {
	cat := s.cat
	doc := recoveryDocument(cat, sheet.org, sheet.vaultID, s.dir, s.now(), sheet.code)
	return saveJob{
		title: cat.T("wizard.recovery.pdf"), name: "ma-khoi-phuc-daumoi.pdf", reg: reg,
		write: func(_ context.Context, out io.Writer, _ string) error { return pdfdoc.Render(doc, out) },
		done:  func(path string) string { return cat.T("wizard.recovery.saved", path) },
	}
}
