package gui

import (
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

// writePDF renders doc to path the way every export is written (package
// exportfile), so a failure leaves no half-written sheet.
func writePDF(path string, doc pdfdoc.Document) error {
	return exportfile.Replace(path, func(w io.Writer) error { return pdfdoc.Render(doc, w) })
}
