package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"daumoi/data/office"
	"daumoi/data/session"
)

// officeStatusCommands show where the province stands.
func officeStatusCommands() []*command {
	return []*command{
		{name: "office status", summaryKey: "cli.cmd.office_status", bind: typed(setupOfficeStatus, execOfficeStatus)},
		{name: "office remind", summaryKey: "cli.cmd.office_remind", bind: typed(setupOfficeRemind, execOfficeRemind)},
	}
}

// StatusSchema names the JSON format of office status (see
// data/office/STATUS.md).
const StatusSchema = office.StatusSchema

type officeStatusOptions struct {
	listOptions
	todayOption
	year int
	by   string // "agency", "item" or "group"
	out  string
}

func setupOfficeStatus(r *runner, fs *flag.FlagSet) *officeStatusOptions {
	o := &officeStatusOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	o.todayOption.register(r, fs)
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.status_year"))
	fs.StringVar(&o.by, "by", "agency", r.cat.T("cli.flag.status_by"))
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.status_out"))
	return o
}

// execOfficeStatus prints every agency's status for the year (--by
// agency), the roll-up by requirement (--by item) or by group — a
// directive's item as a whole (--by group), the last two with the share
// of agencies meeting each over the last five years: text and CSV as a
// table, JSON as the documented document with numbers as numbers; with
// --out the table is written to that file instead, xlsx only so, with
// date and number cells.
func execOfficeStatus(r *runner, o *officeStatusOptions, _ []string) error {
	today, err := o.day(r)
	today, year, err := reportYear(r, today, err, o.year)
	if err != nil {
		return err
	}
	switch {
	case o.by != "agency" && o.by != "item" && o.by != "group":
		return usageErrorf(r.cat.T("cli.err.bad_status_by", o.by))
	case o.format == "xlsx" && o.out == "":
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, deadline, err := s.ProvinceStatus(year, today)
		if err != nil {
			return err
		}
		doc := statusDocument{Schema: StatusSchema, Year: year, Deadline: deadline.Format(time.DateOnly), Today: today.Format(time.DateOnly), Agencies: list}
		if o.by != "agency" {
			if err := rollUpItems(s, &doc, o.by == "group"); err != nil {
				return err
			}
		}
		if o.out != "" {
			return r.exportStatus(s, o, doc)
		}
		return r.printStatus(r.env.Stdout, o, doc)
	})
}

// trendYears is how many years the trend by item covers, the chosen one
// last.
const trendYears = 5

// rollUpItems puts in doc, instead of the agencies, the roll-up by
// requirement (or by group) of its year and the trend of the last
// trendYears years.
func rollUpItems(s *session.Session, doc *statusDocument, byGroup bool) error {
	years := make([]int, trendYears)
	for i := range years {
		years[i] = doc.Year - trendYears + 1 + i
	}
	byYear, err := s.ProvinceItemsByYear(years)
	if err != nil {
		return err
	}
	trend := office.TrendByItem(years, byYear)
	doc.Agencies, doc.Trend, doc.Items = nil, &trend, byYear[len(years)-1]
	if byGroup {
		doc.Items, doc.Groups = nil, office.Groups(byYear[len(years)-1])
	}
	return nil
}

// printStatus writes doc in o's format.
func (r *runner) printStatus(w io.Writer, o *officeStatusOptions, doc statusDocument) error {
	switch {
	case o.format == "json":
		return doc.WriteJSON(w)
	case o.by == "item":
		return r.print(w, o.format, r.itemsTable(doc.Items, *doc.Trend, isText(o.format)))
	case o.by == "group":
		return r.print(w, o.format, r.itemsTable(groupRollups(doc.Groups), *doc.Trend, isText(o.format)))
	}
	return r.print(w, o.format, r.statusTable(doc.Agencies, isText(o.format)))
}

// exportStatus writes the consolidated table to --out: xlsx and csv with
// Vietnamese headers and values (office.StatusTable, office.ItemsTable),
// json as printed.
func (r *runner) exportStatus(s *session.Session, o *officeStatusOptions, doc statusDocument) error {
	tb, sheet := office.StatusTable(doc.Agencies, r.cat.T), r.cat.T("office.export.sheet_status")
	switch o.by {
	case "item":
		tb, sheet = office.ItemsTrendTable(doc.Items, *doc.Trend), r.cat.T("office.export.sheet_items")
	case "group":
		tb, sheet = office.GroupsTrendTable(doc.Groups, *doc.Trend), r.cat.T("office.items.sheet_groups")
	}
	header := tb.Header("office.export.col.", r.cat.T)
	write := func(w io.Writer) error {
		switch o.format {
		case "xlsx":
			return tb.WriteXLSX(w, sheet, header)
		case "csv":
			return tb.WriteCSV(w, header)
		case "json":
			return r.printStatus(w, o, doc)
		}
		return usageErrorf(r.cat.T("cli.err.bad_format", o.format))
	}
	if err := writeFileAtomic(s, o.out, 0o600, write); err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_status.written", len(tb.Rows), o.out))
	return nil
}

// statusDocument is office status --format json.
type statusDocument = office.StatusDocument

// statusTable is the status as a listing.
func (r *runner) statusTable(list []office.AgencyStatus, text bool) table {
	keys := []string{"code", "name", "kind", "parent", "state", "first_received", "corrections", "bundle_id", "compliance", "items_assessed",
		"items_applicable", "systems", "without_approved_level", "violations", "findings_open", "findings_overdue", "open_incidents", "overdue_clocks"}
	t := table{keys: keys}
	for _, k := range keys {
		t.titles = append(t.titles, r.cat.T("office.status.col."+k))
	}
	for _, st := range list {
		state, kind, first := string(st.State), string(st.Agency.Kind), st.FirstReceived
		if text {
			state, kind = r.cat.T("office.status.state."+state), r.cat.T("office.registry.kind."+kind)
			if t, err := time.Parse(time.RFC3339, first); err == nil {
				first = t.Format("2006-01-02 15:04")
			}
		}
		compliance := ""
		if st.ItemsAssessed > 0 {
			compliance = fmt.Sprintf("%.1f", st.Compliance)
		}
		n := strconv.Itoa
		t.rows = append(t.rows, []string{st.Agency.Code, st.Agency.Name, kind, st.Agency.Parent, state, first, n(st.Corrections), itoa(st.BundleID),
			compliance, n(st.ItemsAssessed), n(st.ItemsApplicable), n(st.Systems), n(st.WithoutApproved), n(st.Violations),
			n(st.FindingsOpen), n(st.FindingsOverdue), n(st.OpenIncidents), n(st.OverdueClocks)})
	}
	return t
}

// groupRollups are the groups' roll-ups as rows of itemsTable.
func groupRollups(groups []office.GroupRollup) []office.ItemRollup {
	out := make([]office.ItemRollup, len(groups))
	for i, g := range groups {
		out[i] = g.ItemRollup
	}
	return out
}

// itemsTable is the roll-up by requirement (or by group: its title as
// text) as a listing, then the share of agencies meeting it each year of
// trend: text shows the requirement's text, CSV and JSON its key too.
func (r *runner) itemsTable(list []office.ItemRollup, trend office.ItemsTrend, text bool) table {
	keys := []string{"key", "pack", "group", "text", "met", "partly", "not_met", "not_assessed", "not_applicable"}
	if text {
		keys = keys[1:]
	}
	t := table{keys: keys}
	for _, k := range keys {
		t.titles = append(t.titles, r.cat.T("office.export.col."+k))
	}
	for _, y := range trend.Years {
		t.keys = append(t.keys, "share_"+strconv.Itoa(y))
		t.titles = append(t.titles, r.cat.T("office.items.col.share", y))
	}
	for _, it := range list {
		c, n := it.Counts, strconv.Itoa
		row := []string{it.Key, it.PackTitle, it.Group, it.Text, n(c[office.ItemMet]), n(c[office.ItemPartly]), n(c[office.ItemNotMet]),
			n(c[office.ItemNotAssessed]), n(c[office.ItemNotApplicable])}
		if text {
			row = row[1:]
			row[1] = office.GroupName(it.Group)
		}
		row = append(row, trend.ShareCells(it.Key)...)
		t.rows = append(t.rows, row)
	}
	return t
}

// reportYear is the day of --today and the report year of --year (that
// day's year when 0), checked.
func reportYear(r *runner, today time.Time, err error, year int) (time.Time, int, error) {
	if err != nil {
		return today, 0, err
	}
	if year == 0 {
		year = today.Year()
	}
	if year < 2000 || year > 9999 {
		return today, year, usageErrorf(r.cat.T("cli.err.bad_year", strconv.Itoa(year)))
	}
	return today, year, nil
}
