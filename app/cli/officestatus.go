package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"time"

	"daumoi/data/office"
	"daumoi/data/session"
)

// officeStatusCommands show where the province stands.
func officeStatusCommands() []*command {
	return []*command{
		{name: "office status", summaryKey: "cli.cmd.office_status", bind: typed(setupOfficeStatus, execOfficeStatus)},
	}
}

// StatusSchema names the JSON format of office status (see
// data/office/STATUS.md).
const StatusSchema = "daumoi.province-status/1"

type officeStatusOptions struct {
	listOptions
	todayOption
	year int
}

func setupOfficeStatus(r *runner, fs *flag.FlagSet) *officeStatusOptions {
	o := &officeStatusOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	o.todayOption.register(r, fs)
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.status_year"))
	return o
}

// execOfficeStatus prints every agency's status for the year: text and
// CSV as a table, JSON as the documented document with numbers as numbers.
func execOfficeStatus(r *runner, o *officeStatusOptions, _ []string) error {
	today, err := o.day(r)
	if err != nil {
		return err
	}
	year := o.year
	if year == 0 {
		year = today.Year()
	}
	if year < 2000 || year > 9999 {
		return usageErrorf(r.cat.T("cli.err.bad_year", strconv.Itoa(year)))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, deadline, err := s.ProvinceStatus(year, today)
		if err != nil {
			return err
		}
		if o.format == "json" {
			enc := json.NewEncoder(r.env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(statusDocument{Schema: StatusSchema, Year: year, Deadline: deadline.Format(time.DateOnly), Today: today.Format(time.DateOnly), Agencies: list})
		}
		return r.print(r.env.Stdout, o.format, r.statusTable(list, isText(o.format)))
	})
}

// statusDocument is office status --format json.
type statusDocument struct {
	Schema   string                `json:"schema"`
	Year     int                   `json:"year"`
	Deadline string                `json:"deadline"`
	Today    string                `json:"today"`
	Agencies []office.AgencyStatus `json:"agencies"`
}

// statusTable is the status as a listing.
func (r *runner) statusTable(list []office.AgencyStatus, text bool) table {
	keys := []string{"code", "name", "kind", "parent", "state", "first_received", "corrections", "bundle_id", "compliance", "items_assessed",
		"items_applicable", "systems", "without_approved_level", "violations", "findings_open", "findings_overdue", "open_incidents"}
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
			n(st.FindingsOpen), n(st.FindingsOverdue), n(st.OpenIncidents)})
	}
	return t
}
