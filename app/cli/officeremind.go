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

type officeRemindOptions struct {
	listOptions
	todayOption
	year   int
	within int
}

func setupOfficeRemind(r *runner, fs *flag.FlagSet) *officeRemindOptions {
	o := &officeRemindOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	o.todayOption.register(r, fs)
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.status_year"))
	fs.IntVar(&o.within, "within", office.DefaultRemindWithin, r.cat.T("cli.flag.remind_within"))
	return o
}

// execOfficeRemind lists the agencies that have not sent their annual
// report when the deadline is at most --within days away or past, with
// their contacts; text adds each e-mail to copy, JSON has them as
// subject and body.
func execOfficeRemind(r *runner, o *officeRemindOptions, _ []string) error {
	today, err := o.day(r)
	today, year, err := reportYear(r, today, err, o.year)
	if err != nil {
		return err
	}
	if o.within < 0 {
		return usageErrorf(r.cat.T("cli.err.bad_within", strconv.Itoa(o.within)))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, deadline, err := s.ProvinceReminders(year, today, o.within)
		if err != nil {
			return err
		}
		if o.format == "json" {
			enc := json.NewEncoder(r.env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(remindDocument{Year: year, Deadline: deadline.Format(time.DateOnly), Today: today.Format(time.DateOnly), Reminders: list})
		}
		if len(list) == 0 && isText(o.format) {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_remind.none", deadline.Format("02/01/2006")))
			return nil
		}
		if err := r.print(r.env.Stdout, o.format, r.remindTable(list, isText(o.format))); err != nil || !isText(o.format) {
			return err
		}
		for _, m := range list {
			to := m.Status.Agency.Name
			if e := m.Status.Agency.ContactEmail; e != "" {
				to += " <" + e + ">"
			}
			fmt.Fprintf(r.env.Stdout, "\n--- %s\n%s\n\n%s", to, m.Subject, m.Body)
		}
		return nil
	})
}

// remindDocument is office remind --format json.
type remindDocument struct {
	Year      int               `json:"year"`
	Deadline  string            `json:"deadline"`
	Today     string            `json:"today"`
	Reminders []office.Reminder `json:"reminders"`
}

// remindTable is the reminders as a listing.
func (r *runner) remindTable(list []office.Reminder, text bool) table {
	keys := []string{"code", "name", "state", "days_left", "contact_name", "contact_phone", "contact_email"}
	t := table{keys: keys}
	for _, k := range keys {
		t.titles = append(t.titles, r.cat.T("office.export.col."+k))
	}
	for _, m := range list {
		a, state := m.Status.Agency, string(m.Status.State)
		if text {
			state = r.cat.T("office.status.state." + state)
		}
		t.rows = append(t.rows, []string{a.Code, a.Name, state, strconv.Itoa(m.DaysLeft), a.ContactName, a.ContactPhone, a.ContactEmail})
	}
	return t
}
