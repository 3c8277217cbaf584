package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/session"
)

// officeWarningCommands keep the office's register of the warnings it
// receives from above and relays to the agencies.
func officeWarningCommands() []*command {
	return []*command{
		{name: "office warning add", summaryKey: "cli.office_warning.cmd_add", bind: typed(setupOfficeWarningAdd, execOfficeWarningAdd)},
		{name: "office warning edit", summaryKey: "cli.office_warning.cmd_edit", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupOfficeWarningEdit, execOfficeWarningEdit)},
		{name: "office warning list", summaryKey: "cli.office_warning.cmd_list", bind: typed(setupOfficeWarningList, execOfficeWarningList)},
		{name: "office warning remove", summaryKey: "cli.office_warning.cmd_remove", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupOfficeWarningRemove, execOfficeWarningRemove)},
	}
}

// warningFlags are the flags that describe a warning; "" is a flag not
// given.
type warningFlags struct {
	received, issued, source, number, subject, severity string
	relayed, to, relayNumber, status, note              string
}

func (f *warningFlags) register(r *runner, fs *flag.FlagSet) {
	for _, v := range []struct {
		dst        *string
		name, help string
	}{
		{&f.received, "received", "cli.office_warning.flag_received"}, {&f.issued, "issued", "cli.office_warning.flag_issued"},
		{&f.source, "source", "cli.office_warning.flag_source"}, {&f.number, "number", "cli.office_warning.flag_number"},
		{&f.subject, "subject", "cli.office_warning.flag_subject"}, {&f.severity, "severity", "cli.office_warning.flag_severity"},
		{&f.relayed, "relayed", "cli.office_warning.flag_relayed"}, {&f.to, "to", "cli.office_warning.flag_to"},
		{&f.relayNumber, "relay-number", "cli.office_warning.flag_relay_number"}, {&f.status, "status", "cli.office_warning.flag_status"},
		{&f.note, "note", "cli.office_warning.flag_note"},
	} {
		fs.StringVar(v.dst, v.name, "", r.cat.T(v.help))
	}
}

// apply sets on w the fields whose flag was given. --to takes "all",
// "none" (not relayed: the relay is cleared) or agency codes separated by
// commas.
func (f *warningFlags) apply(w *office.Warning) error {
	for _, d := range []struct {
		dst *time.Time
		v   string
	}{{&w.Received, f.received}, {&w.Issued, f.issued}, {&w.Relayed, f.relayed}} {
		if d.v == "" {
			continue
		}
		t, err := office.ParseDay(d.v)
		if err != nil {
			return err
		}
		*d.dst = t
	}
	for _, s := range []struct{ dst, v *string }{{&w.Source, &f.source}, {&w.Number, &f.number}, {&w.Subject, &f.subject},
		{&w.RelayNumber, &f.relayNumber}, {&w.Note, &f.note}, {(*string)(&w.Severity), &f.severity}, {(*string)(&w.Status), &f.status}} {
		if *s.v != "" {
			*s.dst = *s.v
		}
	}
	switch to := strings.TrimSpace(f.to); strings.ToLower(to) {
	case "":
	case "none":
		w.Relayed, w.RelayedToAll, w.RelayedTo, w.RelayNumber = time.Time{}, false, nil, ""
	case "all":
		w.RelayedToAll, w.RelayedTo = true, nil
	default:
		w.RelayedToAll, w.RelayedTo = false, strings.Split(to, ",")
	}
	return nil
}

type officeWarningAddOptions struct {
	vaultOptions
	warningFlags
}

func setupOfficeWarningAdd(r *runner, fs *flag.FlagSet) *officeWarningAddOptions {
	o := &officeWarningAddOptions{}
	o.vaultOptions.register(r, fs)
	o.warningFlags.register(r, fs)
	return o
}

func execOfficeWarningAdd(r *runner, o *officeWarningAddOptions, _ []string) error {
	if o.received == "" || o.source == "" || o.subject == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--received, --source, --subject"))
	}
	var w office.Warning
	if err := o.apply(&w); err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		added, err := s.AddOfficeWarning(w)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_warning.added", added.ID, added.Subject))
		return nil
	})
}

type officeWarningEditOptions struct {
	vaultOptions
	warningFlags
}

func setupOfficeWarningEdit(r *runner, fs *flag.FlagSet) *officeWarningEditOptions {
	o := &officeWarningEditOptions{}
	o.vaultOptions.register(r, fs)
	o.warningFlags.register(r, fs)
	return o
}

// execOfficeWarningEdit changes the flags given; the others keep their
// value.
func execOfficeWarningEdit(r *runner, o *officeWarningEditOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		w, err := s.OfficeWarning(id)
		if err != nil {
			return err
		}
		if err := o.apply(&w); err != nil {
			return err
		}
		if err := s.UpdateOfficeWarning(w); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_warning.updated", w.ID, w.Subject))
		return nil
	})
}

type officeWarningListOptions struct {
	listOptions
	month string
}

func setupOfficeWarningList(r *runner, fs *flag.FlagSet) *officeWarningListOptions {
	o := &officeWarningListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.StringVar(&o.month, "month", "", r.cat.T("cli.office_warning.flag_month"))
	return o
}

// monthRange reads --month (YYYY-MM or mm/yyyy) as its first and last
// days; none gives zero days (every warning).
func (o *officeWarningListOptions) monthRange(r *runner) (time.Time, time.Time, error) {
	if o.month == "" {
		return time.Time{}, time.Time{}, nil
	}
	for _, layout := range []string{"2006-01", "01/2006", "1/2006"} {
		if t, err := time.Parse(layout, strings.TrimSpace(o.month)); err == nil {
			return t, t.AddDate(0, 1, -1), nil
		}
	}
	return time.Time{}, time.Time{}, usageErrorf(r.cat.T("cli.office_warning.bad_month", o.month))
}

func execOfficeWarningList(r *runner, o *officeWarningListOptions, _ []string) error {
	from, to, err := o.monthRange(r)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.OfficeWarnings(from, to)
		if err != nil {
			return err
		}
		agencies, err := s.Agencies()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "received", "issued", "source", "number", "subject", "severity", "status", "relayed", "relay_number", "relayed_to", "recipients"}}
		for _, k := range t.keys {
			t.titles = append(t.titles, r.cat.T("cli.office_warning.col."+k))
		}
		for _, w := range list {
			t.rows = append(t.rows, warningRow(r, w, len(agencies), isText(o.format)))
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// warningRow is a warning's line of the listing: in text, days as
// dd/mm/yyyy and severity and status in words; else as stored.
func warningRow(r *runner, w office.Warning, agencies int, text bool) []string {
	layout := time.DateOnly
	severity, status := string(w.Severity), string(w.Status)
	if text {
		layout, severity, status = "02/01/2006", w.Severity.Label(), w.Status.Label()
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(layout)
	}
	to := strings.Join(w.RelayedTo, " ")
	if w.RelayedToAll {
		to = "all"
		if text {
			to = r.cat.T("cli.office_warning.to_all")
		}
	}
	recipients := ""
	if w.IsRelayed() {
		recipients = fmt.Sprint(w.Recipients(agencies))
	}
	return []string{itoa(w.ID), day(w.Received), day(w.Issued), w.Source, w.Number, w.Subject, severity, status, day(w.Relayed), w.RelayNumber, to, recipients}
}

type officeWarningRemoveOptions struct {
	vaultOptions
	reason string
}

func setupOfficeWarningRemove(r *runner, fs *flag.FlagSet) *officeWarningRemoveOptions {
	o := &officeWarningRemoveOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.reason, "reason", "", r.cat.T("cli.office_warning.flag_reason"))
	return o
}

func execOfficeWarningRemove(r *runner, o *officeWarningRemoveOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.RemoveOfficeWarning(id, o.reason); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_warning.removed", id))
		return nil
	})
}
