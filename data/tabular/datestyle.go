package tabular

import (
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// dateKind says how a date-formatted number is rendered.
type dateKind int

const (
	noDate      dateKind = iota
	dateOnly             // 2006-01-02
	dateMinutes          // 2006-01-02 15:04
	dateSeconds          // 2006-01-02 15:04:05
)

// maxStyles bounds the cell styles examined; Excel allows 64,000.
const maxStyles = 65_536

// dateStyles maps each cell style index whose number format shows a date to
// the way ReadXLSX renders it. Locale-dependent and custom date formats all
// become ISO 8601, so "3/4/2024" from a US-format cell cannot be misread
// day-first.
func dateStyles(f *excelize.File) map[int]dateKind {
	out := map[int]dateKind{}
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return out
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			if nf != nil {
				custom[nf.NumFmtID] = nf.FormatCode
			}
		}
	}
	for i, xf := range f.Styles.CellXfs.Xf[:min(len(f.Styles.CellXfs.Xf), maxStyles)] {
		if xf.NumFmtID == nil {
			continue
		}
		if kind := numFmtKind(*xf.NumFmtID, custom); kind != noDate {
			out[i] = kind
		}
	}
	return out
}

// numFmtKind classifies a number format: a custom code when the workbook
// defines one for id, else Excel's built-in formats (14-17, 22 and the East
// Asian 27-36, 50-58 are dates; 18-21 and 45-47 are times of day only).
func numFmtKind(id int, custom map[int]string) dateKind {
	if code, ok := custom[id]; ok {
		return formatCodeKind(code)
	}
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return dateOnly
	case id == 22:
		return dateMinutes
	}
	return noDate
}

// formatCodeKind classifies a custom format code. Quoted text, escaped
// characters and bracketed parts (colours, locales) are ignored; elapsed
// times ([h]:mm) and times of day without a date are not dates.
func formatCodeKind(code string) dateKind {
	lower := strings.ToLower(code)
	if strings.Contains(lower, "[h") || strings.Contains(lower, "[m") || strings.Contains(lower, "[s") {
		return noDate
	}
	s := stripFormatLiterals(lower)
	hasTime := strings.ContainsAny(s, "hs")
	if !strings.ContainsAny(s, "dy") && (!strings.Contains(s, "m") || hasTime) {
		return noDate
	}
	switch {
	case strings.Contains(s, "s"):
		return dateSeconds
	case strings.Contains(s, "h"):
		return dateMinutes
	}
	return dateOnly
}

// stripFormatLiterals removes "quoted text", [brackets], \x escapes and the
// _x / *x spacing directives from a format code.
func stripFormatLiterals(code string) string {
	var b strings.Builder
	inQuote, inBracket, skip := false, false, false
	for _, r := range code {
		switch {
		case skip:
			skip = false
		case inQuote:
			inQuote = r != '"'
		case inBracket:
			inBracket = r != ']'
		case r == '"':
			inQuote = true
		case r == '[':
			inBracket = true
		case r == '\\' || r == '_' || r == '*':
			skip = true
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// applyDates replaces the displayed text of date-formatted numeric cells
// with ISO 8601 built from the stored serial number.
func applyDates(rows []Row, dates []dateCell, date1904 bool) {
	for _, d := range dates {
		i := rowIndex(rows, d.row)
		if i == len(rows) || rows[i].Number != d.row || rows[i].Cell(d.col) == "" {
			continue
		}
		if iso, ok := isoDate(d.serial, d.kind, date1904); ok {
			rows[i].Cells[d.col] = iso
		}
	}
}

// isoDate renders an Excel serial number as ISO 8601.
func isoDate(serial string, kind dateKind, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(serial), 64)
	if err != nil || v < 1 || v > maxExcelSerial {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return "", false
	}
	t = t.Round(time.Second)
	switch kind {
	case dateSeconds:
		return t.Format("2006-01-02 15:04:05"), true
	case dateMinutes:
		return t.Format("2006-01-02 15:04"), true
	}
	return t.Format("2006-01-02"), true
}
