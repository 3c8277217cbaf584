package office

import (
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"time"

	"daumoi/data/tabular"
)

// StatusSchema names the JSON document of the province's status (see
// STATUS.md).
const StatusSchema = "daumoi.province-status/1"

// StatusDocument is the province's status as JSON (STATUS.md): every
// agency's line, or the roll-up by requirement or by group (directive
// item) with the trend of each over the last years.
type StatusDocument struct {
	Schema   string         `json:"schema"`
	Year     int            `json:"year"`
	Deadline string         `json:"deadline"`
	Today    string         `json:"today"`
	Agencies []AgencyStatus `json:"agencies,omitempty"`
	Items    []ItemRollup   `json:"items,omitempty"`
	Groups   []GroupRollup  `json:"groups,omitempty"`
	Trend    *ItemsTrend    `json:"trend,omitempty"`
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
	// Titles are the columns titled otherwise than by their key (Header),
	// by column.
	Titles map[int]Title
}

// Title is a column's title: a catalog key and its arguments (the year
// of a trend column).
type Title struct {
	Key  string
	Args []any
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
// titles, group (GroupName) and text, then the counts of agencies. For a roll-up by
// group (the rollups of Groups) the text is the group's title.
func ItemsTable(rollups []ItemRollup) Table {
	tb := Table{Keys: itemKeys, NumberColumns: []int{4, 5, 6, 7, 8, 9}}
	n := strconv.Itoa
	for _, r := range rollups {
		c := r.Counts
		tb.Rows = append(tb.Rows, []string{r.PackTitle, r.CatalogueTitle, GroupName(r.Group), r.Text, n(c[ItemMet]), n(c[ItemPartly]),
			n(c[ItemNotMet]), n(c[ItemNotAssessed]), n(c[ItemNotApplicable]), n(r.Missed())})
	}
	return tb
}

// GroupsTable is the roll-up by group (directive item): ItemsTable of
// the groups, with the number of requirements of each after its title.
func GroupsTable(groups []GroupRollup) Table {
	rollups := make([]ItemRollup, len(groups))
	for i, g := range groups {
		rollups[i] = g.ItemRollup
	}
	tb := ItemsTable(rollups)
	tb.Keys = slices.Insert(slices.Clone(tb.Keys), 4, "requirements")
	tb.Titles = map[int]Title{4: {Key: "office.items.col.requirements"}}
	for i := range tb.NumberColumns {
		tb.NumberColumns[i]++
	}
	tb.NumberColumns = append([]int{4}, tb.NumberColumns...)
	for i, g := range groups {
		tb.Rows[i] = slices.Insert(tb.Rows[i], 4, strconv.Itoa(len(g.Requirements)))
	}
	return tb
}

// WithTrend adds to a roll-up table, whose rows are keys[i], one column
// per year of trend: the percentage (one decimal) of the comparable
// agencies that assessed the row which met it, empty when none did.
// Their titles take the year.
func (tb Table) WithTrend(keys []string, trend ItemsTrend) Table {
	if tb.Titles == nil {
		tb.Titles = map[int]Title{}
	}
	for _, y := range trend.Years {
		tb.Titles[len(tb.Keys)] = Title{Key: "office.items.col.share", Args: []any{y}}
		tb.NumberColumns = append(tb.NumberColumns, len(tb.Keys))
		tb.Keys = append(tb.Keys, "share")
	}
	for i, k := range keys {
		tb.Rows[i] = append(tb.Rows[i], trend.ShareCells(k)...)
	}
	return tb
}

// Header is the table's column titles: t of prefix+key, or of the
// column's Title.
func (tb Table) Header(prefix string, t Labels) []string {
	out := make([]string, len(tb.Keys))
	for i, k := range tb.Keys {
		if title, ok := tb.Titles[i]; ok {
			out[i] = t(title.Key, title.Args...)
			continue
		}
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

// ItemsTrendTable is ItemsTable with the trend of each requirement.
func ItemsTrendTable(rollups []ItemRollup, trend ItemsTrend) Table {
	keys := make([]string, len(rollups))
	for i, r := range rollups {
		keys[i] = r.Key
	}
	return ItemsTable(rollups).WithTrend(keys, trend)
}

// GroupsTrendTable is GroupsTable with the trend of each group.
func GroupsTrendTable(groups []GroupRollup, trend ItemsTrend) Table {
	keys := make([]string, len(groups))
	for i, g := range groups {
		keys[i] = g.Key
	}
	return GroupsTable(groups).WithTrend(keys, trend)
}
