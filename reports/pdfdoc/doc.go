// Package pdfdoc renders Vietnamese administrative documents to PDF in the
// format of Nghị định 30/2020/NĐ-CP (Appendix I).
//
// A [Document] describes one document: the agency block and the national motto
// at the top, number and symbol, place and date, document kind and summary
// (trích yếu), a body of [Block]s (headings, paragraphs, lists, tables that
// break across pages with repeated header rows, images, bar charts, page
// breaks), the "Nơi nhận:" list and the signature block. [Render] lays it out
// on A4 (margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm) in
// Liberation Serif, the Times New Roman–compatible font embedded by
// daumoi/assets/fonts, body text 14 pt justified with a first-line indent, and
// page numbers from page 2, centred in the top margin.
//
// Text is printed exactly as given after cleaning: every string is put in
// Unicode NFC (textnorm.NFC), control and format characters are removed, and
// any rune the font cannot show (emoji and everything above U+FFFF included)
// becomes "?". Render never panics: gofpdf's weak spots are avoided up front
// and a panic that slips through is recovered and returned as ErrInternal.
//
// Output is deterministic: the same Document gives the same bytes (the PDF
// creation date is the document date, not the clock).
//
// The layout is done here rather than with gofpdf's MultiCell, so that every
// line's position is known: this is what makes repeated table headers, rows
// taller than a page and keep-together signature blocks possible.
package pdfdoc
