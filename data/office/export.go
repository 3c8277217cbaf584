package office

import (
	"encoding/json"
	"io"
	"strconv"
	"time"

	"daumoi/data/tabular"
)

// StatusSchema names the JSON document of the province's status (see
// STATUS.md).
const StatusSchema = "daumoi.province-status/1"

// StatusDocument is the province's status as JSON (STATUS.md): every
// agency's line, or the roll-up by requirement.
type StatusDocument struct {
	Schema   string         `json:"schema"`
	Year     int            `json:"year"`
	Deadline string         `json:"deadline"`
	Today    string         `json:"today"`
	Agencies []AgencyStatus `json:"agencies,omitempty"`
	Items    []ItemRollup   `json:"items,omitempty"`
}

// WriteJSON writes the document indented.
func (d StatusDocument) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// Table is a consolidated table of the province ready for export: column
// keys (the caller names them), rows of cells, and which columns hold
// dates (yyyy-mm-dd) and numbers, so that XLSX gets real date and number
// cells.
type Table struct {
	Keys          []string
	Rows          [][]string
	DateColumns   []int
	NumberColumns []int
}

// Labels names what a table shows: a column key, or a value of an
// enumerated column (its catalog key, e.g. "office.status.state.late").
type Labels func(key string, args ...any) string

// statusKeys are the columns of StatusTable.
var statusKeys = []string{"code", "name", "kind", "parent", "state", "deadline", "first_received", "last_received", "corrections",
	"compliance", "items_met", "items_assessed", "items_applicable", "systems", "without_approved_level", "violations",
	"findings_open", "findings_overdue", "open_incidents", "incidents_received", "overdue_clocks", "contact_name", "contact_phone", "contact_email"}

// StatusTable is the table of every agency's status: one row per agency,
// dates as Vietnam calendar days, compliance with one decimal (empty when
// nothing was assessed). t names the state and kind values.
func StatusTable(list []AgencyStatus, t Labels) Table {
	tb := Table{Keys: statusKeys, DateColumns: []int{5, 6, 7}}
	for i := 8; i <= 20; i++ {
		tb.NumberColumns = append(tb.NumberColumns, i)
	}
	n := strconv.Itoa
	for _, st := range list {
		compliance := ""
		if st.ItemsAssessed > 0 {
			compliance = strconv.FormatFloat(st.Compliance, 'f', 1, 64)
		}
		a := st.Agency
		tb.Rows = append(tb.Rows, []string{a.Code, a.Name, t("office.registry.kind." + string(a.Kind)), a.Parent,
			t("office.status.state." + string(st.State)), st.Deadline, stampDay(st.FirstReceived), stampDay(st.LastReceived),
			n(st.Corrections), compliance, n(st.ItemsMet), n(st.ItemsAssessed), n(st.ItemsApplicable), n(st.Systems),
			n(st.WithoutApproved), n(st.Violations), n(st.FindingsOpen), n(st.FindingsOverdue), n(st.OpenIncidents),
			n(st.IncidentsReceived), n(st.OverdueClocks), a.ContactName, a.ContactPhone, a.ContactEmail})
	}
	return tb
}

// stampDay is the Vietnam calendar day (yyyy-mm-dd) of an RFC 3339
// stamp, "" for none.
func stampDay(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	return t.In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
}

// itemKeys are the columns of ItemsTable.
var itemKeys = []string{"pack", "catalogue", "group", "text", "met", "partly", "not_met", "not_assessed", "not_applicable", "missed"}

// ItemsTable is the roll-up by requirement: its pack's and catalogue's
// titles, group and text, then the counts of agencies.
func ItemsTable(rollups []ItemRollup) Table {
	tb := Table{Keys: itemKeys, NumberColumns: []int{4, 5, 6, 7, 8, 9}}
	n := strconv.Itoa
	for _, r := range rollups {
		c := r.Counts
		tb.Rows = append(tb.Rows, []string{r.PackTitle, r.CatalogueTitle, r.Group, r.Text, n(c[ItemMet]), n(c[ItemPartly]),
			n(c[ItemNotMet]), n(c[ItemNotAssessed]), n(c[ItemNotApplicable]), n(r.Missed())})
	}
	return tb
}

// Header is the table's column titles: t of prefix+key.
func (tb Table) Header(prefix string, t Labels) []string {
	out := make([]string, len(tb.Keys))
	for i, k := range tb.Keys {
		out[i] = t(prefix + k)
	}
	return out
}

// WriteCSV writes the table with header as CSV (tabular.WriteCSV).
func (tb Table) WriteCSV(w io.Writer, header []string) error {
	return tabular.WriteCSV(w, header, tb.Rows)
}

// WriteXLSX writes the table with header as one XLSX sheet with date and
// number cells (tabular.WriteXLSXWith).
func (tb Table) WriteXLSX(w io.Writer, sheet string, header []string) error {
	return tabular.WriteXLSXWith(w, sheet, header, tb.Rows, tabular.XLSXOptions{DateColumns: tb.DateColumns, NumberColumns: tb.NumberColumns})
}
