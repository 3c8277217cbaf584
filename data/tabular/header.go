package tabular

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"daumoi/data/textnorm"
)

// HeaderScanRows is how many non-empty rows from the top DetectHeader
// searches for the header (title rows, agency name, date lines come first).
const HeaderScanRows = 30

// Field is a canonical field the caller wants from the file, with the
// column names users write for it. Key itself also counts as an alias.
// Matching ignores case, Vietnamese diacritics, punctuation and spacing, and
// also tries the text inside and outside parentheses and either side of a
// slash: "Tên máy (Hostname)" matches both "Tên máy" and "hostname".
//
// An Ignored field (the row number "STT") is recognised so that its column
// is neither mapped nor listed as unknown; it still helps find the header.
type Field struct {
	Key      string
	Aliases  []string
	Required bool
	Ignored  bool
}

// Column is one header cell: its 0-based column index and its text.
type Column struct {
	Index  int
	Header string
}

// Mapping tells which column holds which field. It is a plain struct so the
// GUI can show it and let the user change Columns before importing; call
// Validate after editing.
type Mapping struct {
	// HeaderRow is the Excel row number (1-based) of the header.
	HeaderRow int
	// Headers are the header row's cells.
	Headers []string
	// Columns maps a 0-based column index to a field Key.
	Columns map[int]string
	// Unknown lists non-empty header cells that name no field; their columns
	// are ignored.
	Unknown []Column
	// Duplicates lists columns naming a field already taken by a column to
	// their left; they are ignored.
	Duplicates []Column
	// Missing lists the Keys of required fields no column maps to.
	Missing []string
}

// DetectHeader finds the header among the first HeaderScanRows non-empty
// rows: the row naming the most distinct fields (the earliest on a tie).
// It returns ErrNoHeader when no row names any field, and the full mapping
// together with an error wrapping ErrMissingRequired when required fields
// are absent, so the user can complete it by hand.
func DetectHeader(sheet Sheet, fields []Field) (Mapping, error) {
	index := aliasIndex(fields)
	bestRow, bestScore := -1, 0
	for i, row := range sheet.Rows[:min(len(sheet.Rows), HeaderScanRows)] {
		if score := len(matchRow(row, index)); score > bestScore {
			bestRow, bestScore = i, score
		}
	}
	if bestRow < 0 {
		return Mapping{}, ErrNoHeader
	}
	m := buildMapping(sheet.Rows[bestRow], index, fields)
	if len(m.Missing) > 0 {
		return m, fmt.Errorf("%w: %s", ErrMissingRequired, strings.Join(m.Missing, ", "))
	}
	return m, nil
}

// aliasIndex maps every normalised alias (and key) to its field Key. The
// first field claiming an alias keeps it.
func aliasIndex(fields []Field) map[string]string {
	index := map[string]string{}
	for _, f := range fields {
		for _, a := range append([]string{f.Key}, f.Aliases...) {
			if k := headerKey(a); k != "" {
				if _, taken := index[k]; !taken {
					index[k] = f.Key
				}
			}
		}
	}
	return index
}

// matchRow returns the distinct field keys the row's cells name.
func matchRow(row Row, index map[string]string) map[string]bool {
	found := map[string]bool{}
	for _, c := range row.Cells {
		if key, ok := lookupHeader(c, index); ok {
			found[key] = true
		}
	}
	return found
}

// buildMapping assigns each header cell to a field, left to right.
func buildMapping(row Row, index map[string]string, fields []Field) Mapping {
	m := Mapping{HeaderRow: row.Number, Headers: slices.Clone(row.Cells), Columns: map[int]string{}}
	taken := map[string]bool{}
	ignored := map[string]bool{}
	for _, f := range fields {
		ignored[f.Key] = f.Ignored
	}
	for i, c := range row.Cells {
		key, ok := lookupHeader(c, index)
		switch {
		case ok && ignored[key]:
		case !ok && c != "":
			m.Unknown = append(m.Unknown, Column{Index: i, Header: c})
		case ok && taken[key]:
			m.Duplicates = append(m.Duplicates, Column{Index: i, Header: c})
		case ok:
			m.Columns[i] = key
			taken[key] = true
		}
	}
	m.Missing = missingRequired(fields, taken)
	return m
}

func missingRequired(fields []Field, taken map[string]bool) []string {
	var missing []string
	for _, f := range fields {
		if f.Required && !taken[f.Key] {
			missing = append(missing, f.Key)
		}
	}
	return missing
}

// lookupHeader tries the header's normalised variants against the index.
func lookupHeader(header string, index map[string]string) (string, bool) {
	for _, k := range headerVariants(header) {
		if key, ok := index[k]; ok {
			return key, true
		}
	}
	return "", false
}

// headerVariants returns the normalised header, the text outside
// parentheses, each parenthesised part, and each part around a slash.
func headerVariants(header string) []string {
	var out []string
	add := func(s string) {
		if k := headerKey(s); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	add(header)
	outside, inside := splitParens(header)
	add(outside)
	for _, p := range inside {
		add(p)
	}
	for _, part := range strings.Split(outside, "/") {
		add(part)
	}
	return out
}

// splitParens separates "a (b) c [d]" into "a  c " and ["b", "d"].
func splitParens(s string) (string, []string) {
	var outside strings.Builder
	var inside []string
	var cur strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
			if depth == 0 {
				inside = append(inside, cur.String())
				cur.Reset()
			}
		case depth > 0:
			cur.WriteRune(r)
		default:
			outside.WriteRune(r)
		}
	}
	return outside.String(), inside
}

// headerKey folds case and diacritics (textnorm.Fold) and turns punctuation
// and symbols into single spaces: "Địa chỉ IP:" → "dia chi ip".
func headerKey(s string) string {
	folded := textnorm.Fold(s)
	return strings.Join(strings.FieldsFunc(folded, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	}), " ")
}

// Validate checks a mapping, typically after the user edited it: every key
// is one of fields, no field has two columns, no column index is negative
// or beyond DefaultMaxColumns, and every required field has a column.
// All problems are returned together (errors.Join); test them with errors.Is
// against ErrUnknownField, ErrDuplicateField, ErrBadColumn and
// ErrMissingRequired.
func (m Mapping) Validate(fields []Field) error {
	known := map[string]bool{}
	for _, f := range fields {
		known[f.Key] = true
	}
	var errs []error
	taken := map[string]int{}
	for _, col := range sortedColumns(m.Columns) {
		key := m.Columns[col]
		if col < 0 || col >= DefaultMaxColumns {
			errs = append(errs, fmt.Errorf("%w: column index %d", ErrBadColumn, col))
		}
		if !known[key] {
			errs = append(errs, fmt.Errorf("%w: %q (column %s)", ErrUnknownField, key, ColumnName(col)))
		}
		if prev, dup := taken[key]; dup {
			errs = append(errs, fmt.Errorf("%w: %q in columns %s and %s", ErrDuplicateField, key, ColumnName(prev), ColumnName(col)))
		} else {
			taken[key] = col
		}
	}
	present := map[string]bool{}
	for k := range taken {
		present[k] = true
	}
	if missing := missingRequired(fields, present); len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%w: %s", ErrMissingRequired, strings.Join(missing, ", ")))
	}
	return errors.Join(errs...)
}

func sortedColumns(cols map[int]string) []int {
	idx := make([]int, 0, len(cols))
	for i := range cols {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return idx
}
