package cli

import (
	"daumoi/app/buildinfo"
	"daumoi/data/incidents"
	"daumoi/data/session"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// incidentCommands record incidents, advance them through their states, and report them.
func incidentCommands() []*command {
	return []*command{
		{name: "incident add", summaryKey: "cli.cmd.incident_add", bind: typed(setupIncidentAdd, execIncidentAdd)},
		{name: "incident list", summaryKey: "cli.cmd.incident_list", bind: typed(setupList, execIncidentList)},
		{name: "incident show", summaryKey: "cli.cmd.incident_show", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentShow, execIncidentShow)},
		{name: "incident advance", summaryKey: "cli.cmd.incident_advance", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentAdvance, execIncidentAdvance)},
		{name: "incident notify", summaryKey: "cli.cmd.incident_notify", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentNotify, execIncidentNotify)},
		{name: "incident report", summaryKey: "cli.cmd.incident_report", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentReport, execIncidentReport)},
		{name: "incident email", summaryKey: "cli.cmd.incident_email", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execIncidentEmail)},
		{name: "incident bundle", summaryKey: "cli.cmd.incident_bundle", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentBundle, execIncidentBundle)},
	}
}

type incidentAddOptions struct {
	vaultOptions
	title, detected, kind, flags, description, how, measures string
	system                                                   int64
}

func setupIncidentAdd(r *runner, fs *flag.FlagSet) *incidentAddOptions {
	o := &incidentAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.title, "title", "", r.cat.T("cli.flag.incident_title"))
	fs.StringVar(&o.detected, "detected", "", r.cat.T("cli.flag.detected"))
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.kind, "type", "other", r.cat.T("cli.flag.incident_type", strings.Join(incidents.Types(), ", ")))
	fs.StringVar(&o.flags, "flags", "", r.cat.T("cli.flag.incident_flags"))
	fs.StringVar(&o.description, "description", "", r.cat.T("cli.flag.description"))
	fs.StringVar(&o.how, "how", "", r.cat.T("cli.flag.detected_how"))
	fs.StringVar(&o.measures, "measures", "", r.cat.T("cli.flag.measures"))
	return o
}

func execIncidentAdd(r *runner, o *incidentAddOptions, _ []string) error {
	if o.title == "" || o.detected == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--title, --detected"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		detected, err := incidents.ParseTime(o.detected)
		if err != nil {
			return err
		}
		in, err := s.AddIncident(session.Incident{Title: o.title, Detected: detected, SystemID: o.system, Type: o.kind,
			Flags: strings.Split(o.flags, ","), Description: o.description, DetectedHow: o.how, Measures: o.measures})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.incident.added", in.Title, in.Detected.Format(time.RFC3339)))
		fmt.Fprintln(r.env.Stdout, in.ID)
		return nil
	})
}

func execIncidentList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListIncidents()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "detected", "title", "type", "system_id", "flags", "state", "response_ended"},
			titles: []string{"ID", r.cat.T("col.detected"), r.cat.T("col.title"), r.cat.T("col.kind"), r.cat.T("col.system_id"),
				r.cat.T("col.flags"), r.cat.T("col.state"), r.cat.T("col.response_ended")}}
		for _, in := range list {
			ended := ""
			if !in.ResponseEnded.IsZero() {
				ended = in.ResponseEnded.Format(time.RFC3339)
			}
			t.rows = append(t.rows, []string{itoa(in.ID), in.Detected.Format(time.RFC3339), in.Title, in.Type, itoa(in.SystemID),
				strings.Join(in.Flags, ","), string(in.State), ended})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type incidentShowOptions struct {
	listOptions
	now string
}

func setupIncidentShow(r *runner, fs *flag.FlagSet) *incidentShowOptions {
	o := &incidentShowOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.StringVar(&o.now, "now", "", r.cat.T("cli.flag.now"))
	return o
}

// execIncidentShow prints the incident, its timeline and its deadline
// clocks (the table honours --format).
func execIncidentShow(r *runner, o *incidentShowOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		now := r.env.Now()
		if o.now != "" {
			if now, err = incidents.ParseTime(o.now); err != nil {
				return err
			}
		}
		d, err := s.GetIncident(id)
		if err != nil {
			return err
		}
		clocks, err := s.IncidentDeadlines(id, now)
		if err != nil {
			return err
		}
		if o.format == "text" || o.format == "" {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.incident.header", d.ID, d.Title, string(d.State), d.Detected.Format(time.RFC3339)))
			for _, e := range d.Timeline {
				fmt.Fprintf(r.env.Stdout, "  %s  %s (%s)\n", e.At.Format(time.RFC3339), e.Text, e.By)
			}
		}
		return r.print(r.env.Stdout, o.format, clockTable(r, clocks))
	})
}

func clockTable(r *runner, clocks []session.DeadlineClock) table {
	t := table{keys: []string{"rule", "due_at", "status", "remaining", "met_by", "title"},
		titles: []string{r.cat.T("col.rule"), r.cat.T("col.due_at"), r.cat.T("col.status"), r.cat.T("col.remaining"), r.cat.T("col.met_by"), r.cat.T("col.title")}}
	for _, c := range clocks {
		t.rows = append(t.rows, []string{c.PackID + "/" + c.RuleID, c.DueAt.Format(time.RFC3339), string(c.Status),
			c.Remaining.Round(time.Minute).String(), c.MetBy, r.title(c.TitleVI, c.TitleEN)})
	}
	return t
}

type incidentAdvanceOptions struct {
	vaultOptions
	to, at string
}

func setupIncidentAdvance(r *runner, fs *flag.FlagSet) *incidentAdvanceOptions {
	o := &incidentAdvanceOptions{}
	o.register(r, fs)
	fs.StringVar(&o.to, "to", "", r.cat.T("cli.flag.incident_state"))
	fs.StringVar(&o.at, "at", "", r.cat.T("cli.flag.at"))
	return o
}

// optionalTime parses --at ("" is now).
func optionalTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return incidents.ParseTime(s)
}

func execIncidentAdvance(r *runner, o *incidentAdvanceOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.to == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--to"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		at, err := optionalTime(o.at)
		if err != nil {
			return err
		}
		in, err := s.AdvanceIncident(id, session.IncidentState(o.to), at)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.incident.advanced", in.ID, string(in.State)))
		return nil
	})
}

type incidentNotifyOptions struct {
	vaultOptions
	kind, at, to string
}

func setupIncidentNotify(r *runner, fs *flag.FlagSet) *incidentNotifyOptions {
	o := &incidentNotifyOptions{}
	o.register(r, fs)
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.notification_kind", strings.Join(incidents.NotificationKinds(), ", ")))
	fs.StringVar(&o.at, "at", "", r.cat.T("cli.flag.at"))
	fs.StringVar(&o.to, "to", "", r.cat.T("cli.flag.recipient"))
	return o
}

func execIncidentNotify(r *runner, o *incidentNotifyOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.kind == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		at, err := optionalTime(o.at)
		if err != nil {
			return err
		}
		n, err := s.RecordIncidentNotification(id, session.IncidentNotification{Kind: o.kind, At: at, Recipient: o.to})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.incident.notified", n.Kind, n.At.Format(time.RFC3339)))
		return nil
	})
}

type incidentReportOptions struct {
	vaultOptions
	form, out string
}

func setupIncidentReport(r *runner, fs *flag.FlagSet) *incidentReportOptions {
	o := &incidentReportOptions{}
	o.register(r, fs)
	fs.StringVar(&o.form, "form", string(session.IncidentReportInitial), r.cat.T("cli.flag.incident_form"))
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	return o
}

func execIncidentReport(r *runner, o *incidentReportOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		return r.renderIncidentReport(s, id, o.form, o.out)
	})
}

// renderIncidentReport writes incident id's report of form (initial or
// closure) to out as PDF: what both "incident report" and "report --kind
// incident" do.
func (r *runner) renderIncidentReport(s *session.Session, id int64, form, out string) error {
	// Build first, so that a refused report leaves no file behind.
	if _, err := s.IncidentDocument(id, session.IncidentReportKind(form)); err != nil {
		return err
	}
	var hash string
	err := writeFileAtomic(s, out, 0o600, func(w io.Writer) error {
		var err error
		hash, err = s.RenderIncidentReport(id, session.IncidentReportKind(form), w)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.report.done", out, hash))
	return nil
}

func execIncidentEmail(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		subject, body, err := s.IncidentEmail(id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, subject)
		fmt.Fprintln(r.env.Stdout)
		fmt.Fprint(r.env.Stdout, body)
		return nil
	})
}

type incidentBundleOptions struct {
	vaultOptions
	out, evidence, signingPassFile string
}

func setupIncidentBundle(r *runner, fs *flag.FlagSet) *incidentBundleOptions {
	o := &incidentBundleOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.bundle_evidence"))
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

// execIncidentBundle builds the signed incident bundle, as the bundle
// command does for the annual one.
func execIncidentBundle(r *runner, o *incidentBundleOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	req := session.IncidentBundleRequest{IncidentID: id, AppVersion: buildinfo.Version}
	req.EvidenceIDs = splitIDs(o.evidence)
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if _, err := s.GetIncident(id); err != nil {
			return err
		}
		return r.signBundle(s, o.out, o.signingPassFile, func(pass []byte, out session.Output) (session.BundleInfo, error) {
			return s.BuildIncidentBundle(req, pass, out)
		})
	})
}
