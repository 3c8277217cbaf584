package errtext

import (
	"slices"
	"strings"

	"daumoi/assets/i18n"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// DescribeProblem renders one reason an imported row was refused, the same
// in the GUI and on the command line: the field's name, the reason with
// the offending value, and for a field with a fixed list of values the
// values it accepts ("Loại tài sản — loại tài sản không có trong danh
// sách: "Máy fax" (chọn một trong: Máy chủ, …)").
func DescribeProblem(cat *i18n.Catalog, p registers.Problem, extra ...Message) string {
	msg := Describe(cat, p.Err, extra...)
	if p.Field == "" {
		return msg
	}
	if choices := registers.FieldChoices(p.Field); len(choices) > 0 && p.IsUnknownChoice() {
		msg += " (" + cat.T("imp.allowed", strings.Join(choices, ", ")) + ")"
	}
	return cat.T("field."+p.Field) + " — " + msg
}

// ReportLines are an import report's lines about rows, in row order: each
// update with its changes, each unchanged row, each refused row with its
// reasons (skippedKey's message takes the row number and the reasons).
func ReportLines(cat *i18n.Catalog, rep session.ImportReport, skippedKey string, extra ...Message) []string {
	type line struct {
		row  int
		text string
	}
	var lines []line
	for _, m := range append(slices.Clone(rep.Updated), rep.Unchanged...) {
		lines = append(lines, line{m.Row, DescribeMatch(cat, m)})
	}
	for _, sk := range rep.Skipped {
		var reasons []string
		for _, p := range sk.Problems {
			reasons = append(reasons, DescribeProblem(cat, p, extra...))
		}
		lines = append(lines, line{sk.Row, cat.T(skippedKey, sk.Row, strings.Join(reasons, "; "))})
	}
	slices.SortStableFunc(lines, func(a, b line) int { return a.row - b.row })
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// DescribeMatch renders a row that matched an asset of the register: the
// asset, the key it was found by and, for an update, each change.
func DescribeMatch(cat *i18n.Catalog, m session.RowMatch) string {
	by := cat.T("import.by." + m.By)
	if len(m.Changes) == 0 {
		return cat.T("import.unchanged_row", m.Row, m.ID, m.Name, by)
	}
	var parts []string
	for _, c := range m.Changes {
		parts = append(parts, cat.T("import.change", cat.T("field."+c.Field), orEmpty(cat, c.Old), orEmpty(cat, c.New)))
	}
	return cat.T("import.updated_row", m.Row, m.ID, m.Name, by, strings.Join(parts, "; "))
}

func orEmpty(cat *i18n.Catalog, s string) string {
	if s == "" {
		return cat.T("import.empty_value")
	}
	return strings.ReplaceAll(s, "\n", " ")
}
