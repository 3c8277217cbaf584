// Package tabular is the file layer for importing and exporting registers
// (asset inventories, system lists) as CSV and XLSX.
//
// Reading is built for the files agencies actually keep: a UTF-8 BOM, UTF-16
// ("Unicode text" from Excel) or Windows-1258 text, comma, semicolon or tab
// separators, title rows and merged title cells above the header, empty rows,
// NFD text, padded cells. Every reader is bounded (file size, unzipped size,
// rows, columns, cell length) and fails with a sentinel error instead of
// panicking or hanging.
//
// The flow for an import is:
//
//	sheet, err := tabular.ReadXLSX(f, size, tabular.ReadOptions{})
//	mapping, err := tabular.DetectHeader(sheet, fields) // user may edit mapping
//	for _, rec := range tabular.Records(sheet, mapping) { ... rec.Row, rec.Values ... }
//
// Cells read from XLSX are the values Excel displays (number formats
// applied), except numbers with a date format, which are rendered as ISO
// 8601 so that no locale's day/month order can be misread. Merged ranges are
// spread over their cells. Formula cells yield their cached result and are
// listed in Row.Formulas; formulas are never evaluated. ParseDate accepts the
// date spellings found in real files, including Excel serial numbers.
//
// Every value entering the system is normalised to NFC (textnorm.NFC) and
// trimmed; header matching ignores case, diacritics and punctuation
// (textnorm.Fold).
//
// Writers neutralise spreadsheet formula injection (OWASP "CSV injection"):
// see Neutralize.
package tabular
