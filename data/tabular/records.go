package tabular

import (
	"slices"
	"strings"
)

// Record is one data row below the header, keyed by field.
type Record struct {
	// Row is the Excel row number (1-based) for messages like "row 14: bad IP".
	Row int
	// Values holds every mapped field's cell ("" when the cell is empty).
	Values map[string]string
	// Formulas lists, in column order, the mapped fields whose value looks
	// like a spreadsheet formula (LooksLikeFormula); callers should reject
	// or flag them.
	Formulas []string
	// Computed lists, in column order, the mapped fields whose XLSX cell held
	// a formula: the value is the result Excel saved, not evaluated here, and
	// is empty if the file was saved without results.
	Computed []string
}

// Records returns the rows below m.HeaderRow as records. Rows whose mapped
// cells are all empty (notes, signatures in unmapped columns) and rows that
// repeat the header (printed sheets) are skipped.
func Records(sheet Sheet, m Mapping) []Record {
	cols := sortedColumns(m.Columns)
	var out []Record
	for _, row := range sheet.Rows {
		if row.Number <= m.HeaderRow {
			continue
		}
		if rec, ok := makeRecord(row, m, cols); ok {
			out = append(out, rec)
		}
	}
	return out
}

// makeRecord maps one row; ok is false for blank or repeated-header rows.
func makeRecord(row Row, m Mapping, cols []int) (Record, bool) {
	rec := Record{Row: row.Number, Values: make(map[string]string, len(cols))}
	empty, repeatsHeader := true, len(cols) > 0
	for _, col := range cols {
		if col < 0 {
			continue
		}
		key, v := m.Columns[col], row.Cell(col)
		rec.Values[key] = v
		if v != "" {
			empty = false
		}
		if col >= len(m.Headers) || v != m.Headers[col] {
			repeatsHeader = false
		}
		if LooksLikeFormula(v) {
			rec.Formulas = append(rec.Formulas, key)
		}
		if slices.Contains(row.Formulas, col) {
			rec.Computed = append(rec.Computed, key)
		}
	}
	return rec, !empty && !repeatsHeader
}

// TrimFooter drops the records after the last one that fills any of keys
// (the required fields): what follows a table — a signature block ("NGƯỜI
// LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"), totals, dates — is not data, although
// its cells fall in mapped columns. A row inside the table that lacks the
// keys is kept, so that the caller reports it.
func TrimFooter(recs []Record, keys ...string) []Record {
	last := -1
	for i, rec := range recs {
		for _, k := range keys {
			if strings.TrimSpace(rec.Values[k]) != "" {
				last = i
				break
			}
		}
	}
	return recs[:last+1]
}
