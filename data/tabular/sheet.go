package tabular

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
)

// Sheet is a table read from a file: its non-empty rows, cleaned.
type Sheet struct {
	// Name is the worksheet name (XLSX) or empty (CSV).
	Name string
	// Encoding names the text encoding a CSV was decoded from:
	// "utf-8", "utf-16le", "utf-16be" or "windows-1258". Empty for XLSX.
	Encoding string
	// Delimiter is the CSV field separator that was detected; 0 for XLSX.
	Delimiter rune
	// Rows holds the rows that have at least one non-blank cell, in file order.
	Rows []Row
}

// Row is one non-empty row of a Sheet.
type Row struct {
	// Number is the row number the user sees in Excel (1-based), so messages
	// such as "row 14: bad IP" point at the right line.
	Number int
	// Cells are the cell texts: NFC-normalised, trimmed, trailing empty cells
	// removed.
	Cells []string
	// Formulas lists, in increasing order, the 0-based columns whose XLSX
	// cell holds a formula; Cells has the result Excel last saved for it.
	// Always empty for CSV.
	Formulas []int
}

// Cell returns the cell in column col (0-based), or "" when the row is shorter.
func (r Row) Cell(col int) string {
	if col < 0 || col >= len(r.Cells) {
		return ""
	}
	return r.Cells[col]
}

// sheetBuilder collects rows while enforcing the read limits.
type sheetBuilder struct {
	opts  ReadOptions
	sheet Sheet
}

// add cleans raw cells and appends them as row number n, skipping blank rows.
// Trailing empty cells are dropped before the column limit is checked.
func (b *sheetBuilder) add(n int, raw []string) error {
	cells := make([]string, 0, min(len(raw), b.opts.MaxColumns))
	last := -1
	for i, v := range raw {
		c, err := b.clean(n, i, v)
		if err != nil {
			return err
		}
		if c == "" {
			continue
		}
		if i >= b.opts.MaxColumns {
			return fmt.Errorf("%w: row %d has a value in column %s (limit %d columns)", ErrTooManyColumns, n, ColumnName(i), b.opts.MaxColumns)
		}
		for len(cells) < i {
			cells = append(cells, "")
		}
		cells = append(cells, c)
		last = i
	}
	if last < 0 {
		return nil
	}
	if len(b.sheet.Rows) >= b.opts.MaxRows {
		return fmt.Errorf("%w: more than %d rows", ErrTooManyRows, b.opts.MaxRows)
	}
	b.sheet.Rows = append(b.sheet.Rows, Row{Number: n, Cells: cells})
	return nil
}

// clean normalises one cell and checks its length.
func (b *sheetBuilder) clean(row, col int, v string) (string, error) {
	if len(v) > b.opts.MaxCellLength*utf8.UTFMax || utf8.RuneCountInString(v) > b.opts.MaxCellLength {
		return "", fmt.Errorf("%w: row %d column %s (limit %d characters)", ErrCellTooLong, row, ColumnName(col), b.opts.MaxCellLength)
	}
	return trimCell(textnorm.NFC(v)), nil
}

// result returns the finished sheet, or ErrEmpty when no cell had text.
func (b *sheetBuilder) result() (Sheet, error) {
	if len(b.sheet.Rows) == 0 {
		return Sheet{}, ErrEmpty
	}
	return b.sheet, nil
}

// trimCell removes surrounding white space, including the non-breaking and
// zero-width spaces that pasting from web pages and Word leaves behind.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u2007', '\u202f':
			return true
		}
		return r >= '\u2000' && r <= '\u200a'
	})
}

// ColumnName returns the Excel column letters for a 0-based column index:
// 0 → "A", 25 → "Z", 26 → "AA". Negative indexes give "?".
func ColumnName(col int) string {
	if col < 0 {
		return "?"
	}
	var b []byte
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}
