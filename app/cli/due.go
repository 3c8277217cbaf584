package cli

import (
	"daumoi/app/calendar"
	"daumoi/data/obligations"
	"daumoi/data/session"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// dueCommands show what is due and export it as a calendar.
func dueCommands() []*command {
	return []*command{
		{name: "due", summaryKey: "cli.cmd.due", bind: typed(setupDue, execDue)},
		{name: "due not-applicable", summaryKey: "cli.cmd.due_not_applicable", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupDueNotApplicable, execDueNotApplicable)},
	}
}

type dueOptions struct {
	listOptions
	todayOption
	icsFile    string
	applicable bool
}

func setupDue(r *runner, fs *flag.FlagSet) *dueOptions {
	o := &dueOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	o.todayOption.register(r, fs)
	fs.StringVar(&o.icsFile, "ics", "", r.cat.T("cli.flag.ics"))
	fs.BoolVar(&o.applicable, "applicable", false, r.cat.T("cli.flag.due_applicable"))
	return o
}

func execDue(r *runner, o *dueOptions, _ []string) error {
	today, err := o.day(r)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.Obligations(today)
		if err != nil {
			return err
		}
		names, err := systemNames(s)
		if err != nil {
			return err
		}
		if o.icsFile != "" {
			return r.writeICS(s, o.icsFile, list, names, today)
		}
		return r.print(r.env.Stdout, o.format, r.dueTable(list, names, isText(o.format), o.applicable))
	})
}

// systemNames names the vault's systems by id; a receiving office's vault
// has none (its obligations are the office's own reports).
func systemNames(s *session.Session) (map[string]string, error) {
	names := map[string]string{}
	if k, err := s.Kind(); err != nil || k == session.KindOffice {
		return names, err
	}
	systems, err := s.ListSystems(session.SystemFilter{})
	for _, sys := range systems {
		names[strconv.FormatInt(sys.ID, 10)] = sys.Name
	}
	return names, err
}

// dueTable lists the obligations, without the ones that do not apply if
// applicable is set.
func (r *runner) dueTable(list []obligations.Obligation, names map[string]string, text, applicable bool) table {
	t := table{
		keys: []string{"id", "status", "due", "system_id", "system", "title", "source", "reason", "satisfied_by", "satisfied_on"},
		titles: []string{"ID", r.cat.T("col.status"), r.cat.T("col.due"), r.cat.T("col.system_id"), r.cat.T("col.system"),
			r.cat.T("col.obligation"), r.cat.T("col.legal_source"), r.cat.T("col.reason"), r.cat.T("col.satisfied_by"), r.cat.T("col.satisfied_on")},
	}
	for _, ob := range list {
		if applicable && ob.Status == obligations.StatusNotApplicable {
			continue
		}
		status, reason := string(ob.Status), ob.Reason
		if text {
			status = r.cat.T("obligation_status." + status)
			if reason != "" {
				reason = r.cat.T("obligation_reason." + reason)
			}
		}
		if text && ob.Note != "" {
			reason += ": " + ob.Note
		}
		if text && !ob.Received.IsZero() {
			reason = strings.TrimPrefix(reason+"; "+r.cat.T("cli.due.received", ob.Received.In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006")), "; ")
		}
		due := ""
		if !ob.Due.IsZero() {
			due = ob.Due.Format(time.DateOnly)
		}
		by, on := "", ""
		if ob.SatisfiedBy != nil {
			by, on = ob.SatisfiedBy.ID, ob.SatisfiedBy.At.Format(time.DateOnly)
		}
		t.rows = append(t.rows, []string{ob.ID, status, due, ob.SystemID, names[ob.SystemID], r.title(ob.TitleVI, ob.TitleEN), calendar.LegalSource(ob.Source),
			reason, by, on})
	}
	return t
}

// writeICS exports the applicable obligations with a due date as all-day
// events (package calendar, shared with the GUI).
func (r *runner) writeICS(s *session.Session, path string, list []obligations.Obligation, names map[string]string, today time.Time) error {
	err := writeFileAtomic(s, path, 0o600, func(w io.Writer) error { return calendar.Write(w, r.cat, list, names, today) })
	if err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.ics.written", len(calendar.Events(r.cat, list, names)), path))
	return nil
}

type dueNotApplicableOptions struct {
	vaultOptions
	reason string
}

func setupDueNotApplicable(r *runner, fs *flag.FlagSet) *dueNotApplicableOptions {
	o := &dueNotApplicableOptions{}
	o.register(r, fs)
	fs.StringVar(&o.reason, "reason", "", r.cat.T("cli.flag.na_reason"))
	return o
}

// execDueNotApplicable marks one obligation (its id as 'due' prints it)
// not applicable with the reason.
func execDueNotApplicable(r *runner, o *dueNotApplicableOptions, args []string) error {
	if strings.TrimSpace(o.reason) == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--reason"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.MarkObligationNotApplicable(args[0], o.reason); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.due.marked", args[0]))
		return nil
	})
}
