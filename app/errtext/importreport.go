package errtext

import (
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

// ReportLines are an import report's lines about rows, grouped by what
// needs a look first: refused rows with their reasons (skippedKey's message
// takes the row number and the reasons), then updates with their changes,
// then new rows, then unchanged rows, each group in row order.
func ReportLines(cat *i18n.Catalog, rep session.ImportReport, skippedKey string, extra ...Message) []string {
	var out []string
	for _, sk := range rep.Skipped {
		var reasons []string
		for _, p := range sk.Problems {
			reasons = append(reasons, DescribeProblem(cat, p, extra...))
		}
		out = append(out, cat.T(skippedKey, sk.Row, strings.Join(reasons, "; ")))
	}
	for _, group := range [][]session.RowMatch{rep.Updated, rep.Added, rep.Unchanged} {
		for _, m := range group {
			out = append(out, DescribeMatch(cat, m))
		}
	}
	return out
}

// DescribeMatch renders a new row, or a row that matched an asset of the
// register: the asset, the key it was found by and, for an update, each
// change.
func DescribeMatch(cat *i18n.Catalog, m session.RowMatch) string {
	if m.By == session.AgencyMatchBy {
		return describeAgencyMatch(cat, m)
	}
	if m.ID == 0 {
		return cat.T("import.new_row", m.Row, m.Name)
	}
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

// describeAgencyMatch renders a row of an agency list that names an agency
// of the registry by its code.
func describeAgencyMatch(cat *i18n.Catalog, m session.RowMatch) string {
	if len(m.Changes) == 0 {
		return cat.T("office.registry.import_unchanged", m.Row, m.Name)
	}
	var parts []string
	for _, c := range m.Changes {
		parts = append(parts, cat.T("import.change", cat.T("field."+c.Field), orEmpty(cat, c.Old), orEmpty(cat, c.New)))
	}
	return cat.T("office.registry.import_updated", m.Row, m.Name, strings.Join(parts, "; "))
}
