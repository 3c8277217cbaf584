package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"daumoi/app/buildinfo"
	"daumoi/data/session"
)

// incidentCommands are the commands of issue 8: scans and findings,
// incidents, response plans, drills, official warnings and awareness.
func incidentCommands() []*command {
	return []*command{
		{name: "scan import", summaryKey: "cli.cmd.scan_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupScanImport, execScanImport)},
		{name: "scan add", summaryKey: "cli.cmd.scan_add", bind: typed(setupScanAdd, execScanAdd)},
		{name: "scan list", summaryKey: "cli.cmd.scan_list", bind: typed(setupSystemList, execScanList)},
		{name: "finding list", summaryKey: "cli.cmd.finding_list", bind: typed(setupFindingList, execFindingList)},
		{name: "finding set", summaryKey: "cli.cmd.finding_set", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupFindingSet, execFindingSet)},
		{name: "finding hosts", summaryKey: "cli.cmd.finding_hosts", bind: typed(setupFindingHosts, execFindingHosts)},
		{name: "finding assign", summaryKey: "cli.cmd.finding_assign", bind: typed(setupFindingAssign, execFindingAssign)},
		{name: "incident add", summaryKey: "cli.cmd.incident_add", bind: typed(setupIncidentAdd, execIncidentAdd)},
		{name: "incident list", summaryKey: "cli.cmd.incident_list", bind: typed(setupList, execIncidentList)},
		{name: "incident show", summaryKey: "cli.cmd.incident_show", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentShow, execIncidentShow)},
		{name: "incident advance", summaryKey: "cli.cmd.incident_advance", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentAdvance, execIncidentAdvance)},
		{name: "incident notify", summaryKey: "cli.cmd.incident_notify", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentNotify, execIncidentNotify)},
		{name: "incident report", summaryKey: "cli.cmd.incident_report", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentReport, execIncidentReport)},
		{name: "incident email", summaryKey: "cli.cmd.incident_email", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execIncidentEmail)},
		{name: "incident bundle", summaryKey: "cli.cmd.incident_bundle", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupIncidentBundle, execIncidentBundle)},
		{name: "plan add", summaryKey: "cli.cmd.plan_add", bind: typed(setupPlanAdd, execPlanAdd)},
		{name: "plan list", summaryKey: "cli.cmd.plan_list", bind: typed(setupSystemList, execPlanList)},
		{name: "drill add", summaryKey: "cli.cmd.drill_add", bind: typed(setupDrillAdd, execDrillAdd)},
		{name: "drill list", summaryKey: "cli.cmd.drill_list", bind: typed(setupList, execDrillList)},
		{name: "warning add", summaryKey: "cli.cmd.warning_add", bind: typed(setupWarningAdd, execWarningAdd)},
		{name: "warning set", summaryKey: "cli.cmd.warning_set", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupWarningSet, execWarningSet)},
		{name: "warning list", summaryKey: "cli.cmd.warning_list", bind: typed(setupList, execWarningList)},
		{name: "awareness add", summaryKey: "cli.cmd.awareness_add", bind: typed(setupAwarenessAdd, execAwarenessAdd)},
		{name: "awareness list", summaryKey: "cli.cmd.awareness_list", bind: typed(setupList, execAwarenessList)},
	}
}

func itoa(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// --- scans and findings ---

type scanImportOptions struct {
	vaultOptions
	system                   int64
	date, kind, evidence     string
	performer, provider, scp string
}

func setupScanImport(r *runner, fs *flag.FlagSet) *scanImportOptions {
	o := &scanImportOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.scan_system"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.kind, "kind", session.ScanVulnerability, r.cat.T("cli.flag.scan_kind"))
	fs.StringVar(&o.performer, "performer", session.PerformerInternal, r.cat.T("cli.flag.performer"))
	fs.StringVar(&o.provider, "provider", "", r.cat.T("cli.flag.provider"))
	fs.StringVar(&o.scp, "scope", "", r.cat.T("cli.flag.scope"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execScanImport(r *runner, o *scanImportOptions, args []string) error {
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		res, err := s.ImportScanReport(f, session.ScanImport{SystemID: o.system, Date: o.date, Kind: o.kind, Performer: o.performer,
			Provider: o.provider, Scope: o.scp, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		printImport(r, res)
		return nil
	})
}

func printImport(r *runner, res session.ScanImportResult) {
	w := r.env.Stdout
	fmt.Fprintln(w, r.cat.T("cli.scan.imported", res.Format, res.Scan.SystemID, res.Scan.Date, res.Hosts))
	fmt.Fprintln(w, r.cat.T("cli.scan.severities", res.BySeverity["critical"], res.BySeverity["high"], res.BySeverity["medium"],
		res.BySeverity["low"], res.Info))
	fmt.Fprintln(w, r.cat.T("cli.scan.findings", res.New, res.Seen, res.Closed))
	fmt.Fprintln(w, r.cat.T("cli.scan.matched", len(res.Matched)))
	for _, m := range res.Matched {
		fmt.Fprintf(w, "  %s %s → #%d %s\n", m.Host, m.Hostname, m.AssetID, m.AssetName)
	}
	fmt.Fprintln(w, r.cat.T("cli.scan.unmatched", len(res.Unmatched)))
	for _, m := range res.Unmatched {
		fmt.Fprintf(w, "  %s %s\n", m.Host, m.Hostname)
	}
	for _, p := range res.Problems {
		fmt.Fprintln(w, r.cat.T("cli.scan.problem", p))
	}
	fmt.Fprintln(w, res.Scan.ID)
}

type scanAddOptions struct {
	vaultOptions
	system                                                        int64
	date, kind, tool, performer, provider, scp, summary, evidence string
}

func setupScanAdd(r *runner, fs *flag.FlagSet) *scanAddOptions {
	o := &scanAddOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.kind, "kind", session.ScanVulnerability, r.cat.T("cli.flag.scan_kind"))
	fs.StringVar(&o.tool, "tool", "", r.cat.T("cli.flag.tool"))
	fs.StringVar(&o.performer, "performer", session.PerformerInternal, r.cat.T("cli.flag.performer"))
	fs.StringVar(&o.provider, "provider", "", r.cat.T("cli.flag.provider"))
	fs.StringVar(&o.scp, "scope", "", r.cat.T("cli.flag.scope"))
	fs.StringVar(&o.summary, "summary", "", r.cat.T("cli.flag.summary"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execScanAdd(r *runner, o *scanAddOptions, _ []string) error {
	if o.system == 0 || o.date == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--system, --date"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		sc, err := s.RecordScan(session.Scan{SystemID: o.system, Date: o.date, Kind: o.kind, Tool: o.tool, Performer: o.performer,
			Provider: o.provider, Scope: o.scp, Summary: o.summary, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.activity.added", sc.Kind, sc.Date))
		fmt.Fprintln(r.env.Stdout, sc.ID)
		return nil
	})
}

// systemListOptions are those of a listing narrowed to one system
// (--system ID; 0 for all).
type systemListOptions struct {
	listOptions
	system int64
}

func setupSystemList(r *runner, fs *flag.FlagSet) *systemListOptions {
	o := &systemListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	return o
}

func execScanList(r *runner, o *systemListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListScans(o.system)
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "system_id", "date", "kind", "tool", "performer", "provider", "summary", "evidence"},
			titles: []string{"ID", r.cat.T("col.system_id"), r.cat.T("col.date"), r.cat.T("col.kind"), r.cat.T("col.tool"),
				r.cat.T("col.performer"), r.cat.T("col.provider"), r.cat.T("col.summary"), r.cat.T("col.evidence")}}
		for _, sc := range list {
			t.rows = append(t.rows, []string{itoa(sc.ID), itoa(sc.SystemID), sc.Date, sc.Kind, sc.Tool, sc.Performer, sc.Provider, sc.Summary, sc.EvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type findingListOptions struct {
	systemListOptions
	status, severity string
}

func setupFindingList(r *runner, fs *flag.FlagSet) *findingListOptions {
	o := &findingListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.finding_status"))
	fs.StringVar(&o.severity, "severity", "", r.cat.T("cli.flag.severity"))
	return o
}

func execFindingList(r *runner, o *findingListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListFindings(session.FindingFilter{Status: o.status, SystemID: o.system, Severity: o.severity})
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "severity", "cvss", "system_id", "asset_id", "host", "port", "cve", "name", "status", "owner", "due", "due_rule", "fix_evidence"},
			titles: []string{"ID", r.cat.T("col.severity"), "CVSS", r.cat.T("col.system_id"), r.cat.T("col.asset_id"), r.cat.T("col.host"),
				r.cat.T("col.port"), "CVE", r.cat.T("col.finding"), r.cat.T("col.status"), r.cat.T("col.owner"), r.cat.T("col.due"), r.cat.T("col.due_rule"), r.cat.T("col.fix_evidence")}}
		for _, f := range list {
			t.rows = append(t.rows, []string{itoa(f.ID), f.Severity, strconv.FormatFloat(f.CVSS, 'f', 1, 64), itoa(f.SystemID), itoa(f.AssetID),
				f.Host, f.Port, strings.Join(f.CVEs, " "), f.Name, f.Status, f.Owner, f.DueDate, f.DueRule, f.FixEvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type findingSetOptions struct {
	vaultOptions
	status, owner, due, evidence string
}

func setupFindingSet(r *runner, fs *flag.FlagSet) *findingSetOptions {
	o := &findingSetOptions{}
	o.register(r, fs)
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.finding_status"))
	fs.StringVar(&o.owner, "owner", "", r.cat.T("cli.flag.owner"))
	fs.StringVar(&o.due, "due", "", r.cat.T("cli.flag.due"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.fix_evidence"))
	return o
}

func execFindingSet(r *runner, o *findingSetOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		u := session.FindingUpdate{Status: o.status, Owner: o.owner, DueDate: o.due, FixEvidenceID: o.evidence}
		if o.evidence == "none" {
			u.FixEvidenceID, u.ClearFixEvidence = "", true
		}
		f, err := s.UpdateFinding(id, u)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.finding.updated", f.ID, f.Status, f.DueDate))
		return nil
	})
}

type findingHostsOptions struct {
	vaultOptions
	formatOption
	system int64
}

func setupFindingHosts(r *runner, fs *flag.FlagSet) *findingHostsOptions {
	o := &findingHostsOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	return o
}

// execFindingHosts lists the scanned hosts whose findings matched no asset.
func execFindingHosts(r *runner, o *findingHostsOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListUnmatchedHosts(o.system)
		if err != nil {
			return err
		}
		t := table{keys: []string{"system_id", "host", "hostname", "open", "total", "last_seen"},
			titles: []string{r.cat.T("col.system_id"), r.cat.T("col.host"), r.cat.T("col.hostname"), r.cat.T("col.open_findings"),
				r.cat.T("col.total_findings"), r.cat.T("col.last_seen")}}
		for _, h := range list {
			t.rows = append(t.rows, []string{itoa(h.SystemID), h.Host, h.Hostname, strconv.Itoa(h.Open), strconv.Itoa(h.Total), h.LastSeen})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type findingAssignOptions struct {
	vaultOptions
	system, asset int64
	host          string
	remember      bool
}

func setupFindingAssign(r *runner, fs *flag.FlagSet) *findingAssignOptions {
	o := &findingAssignOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.host, "host", "", r.cat.T("cli.flag.scan_host"))
	fs.Int64Var(&o.asset, "asset", 0, r.cat.T("cli.flag.asset"))
	fs.BoolVar(&o.remember, "remember", false, r.cat.T("cli.flag.remember_address"))
	return o
}

// execFindingAssign gives the findings of an unmatched host to an asset.
func execFindingAssign(r *runner, o *findingAssignOptions, _ []string) error {
	if o.system == 0 || o.host == "" || o.asset == 0 {
		return usageErrorf(r.cat.T("cli.finding.assign_needs"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		n, err := s.AssignHost(session.HostAssignment{SystemID: o.system, Host: o.host, AssetID: o.asset, RememberAddress: o.remember})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.finding.assigned", n, o.host, o.asset))
		return nil
	})
}

// --- incidents ---

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
	fs.StringVar(&o.kind, "type", "other", r.cat.T("cli.flag.incident_type", strings.Join(session.IncidentTypes(), ", ")))
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
		detected, err := session.ParseIncidentTime(o.detected)
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
		now := time.Now()
		if o.now != "" {
			if now, err = session.ParseIncidentTime(o.now); err != nil {
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
	return session.ParseIncidentTime(s)
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
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.notification_kind", strings.Join(session.NotificationKinds(), ", ")))
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
		// Build first, so that a refused report leaves no file behind.
		if _, err := s.IncidentDocument(id, session.IncidentReportKind(o.form)); err != nil {
			return err
		}
		var hash string
		err := writeFileAtomic(s, o.out, 0o600, func(w io.Writer) error {
			var err error
			hash, err = s.RenderIncidentReport(id, session.IncidentReportKind(o.form), w)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.report.done", o.out, hash))
		return nil
	})
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

// --- plans, drills, warnings, awareness ---

type planAddOptions struct {
	vaultOptions
	system                                       int64
	version, title, approved, approver, evidence string
}

func setupPlanAdd(r *runner, fs *flag.FlagSet) *planAddOptions {
	o := &planAddOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.version, "version", "", r.cat.T("cli.flag.plan_version"))
	fs.StringVar(&o.title, "title", "", r.cat.T("cli.flag.plan_title"))
	fs.StringVar(&o.approved, "approved", "", r.cat.T("cli.flag.approved_on"))
	fs.StringVar(&o.approver, "approver", "", r.cat.T("cli.flag.approver"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execPlanAdd(r *runner, o *planAddOptions, _ []string) error {
	if o.system == 0 || o.version == "" || o.approved == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--system, --version, --approved"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		p, err := s.RecordResponsePlan(session.ResponsePlan{SystemID: o.system, Version: o.version, Title: o.title,
			ApprovedOn: o.approved, Approver: o.approver, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.plan.added", p.SystemID, p.Version, p.ApprovedOn))
		fmt.Fprintln(r.env.Stdout, p.ID)
		return nil
	})
}

func execPlanList(r *runner, o *systemListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListResponsePlans(o.system)
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "system_id", "version", "approved_on", "approver", "review_needed", "system_changed_on"},
			titles: []string{"ID", r.cat.T("col.system_id"), r.cat.T("col.version"), r.cat.T("col.approved_on"), r.cat.T("col.approver"),
				r.cat.T("col.review_needed"), r.cat.T("col.system_changed_on")}}
		for _, p := range list {
			t.rows = append(t.rows, []string{itoa(p.ID), itoa(p.SystemID), p.Version, p.ApprovedOn, p.Approver, strconv.FormatBool(p.ReviewNeeded), p.SystemChangedOn})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type drillAddOptions struct {
	vaultOptions
	date, scenario, systems, participants, findings, evidence string
	liveFire                                                  bool
}

func setupDrillAdd(r *runner, fs *flag.FlagSet) *drillAddOptions {
	o := &drillAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.scenario, "scenario", "", r.cat.T("cli.flag.scenario"))
	fs.StringVar(&o.systems, "systems", "", r.cat.T("cli.flag.systems"))
	fs.StringVar(&o.participants, "participants", "", r.cat.T("cli.flag.participants"))
	fs.StringVar(&o.findings, "findings", "", r.cat.T("cli.flag.drill_findings"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	fs.BoolVar(&o.liveFire, "live-fire", false, r.cat.T("cli.flag.live_fire"))
	return o
}

func execDrillAdd(r *runner, o *drillAddOptions, _ []string) error {
	if o.date == "" || o.scenario == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--date, --scenario"))
	}
	var systems []int64
	for _, part := range strings.Split(o.systems, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf(r.cat.T("cli.err.bad_id", part))
		}
		systems = append(systems, id)
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		d, err := s.RecordDrill(session.Drill{Date: o.date, Scenario: o.scenario, SystemIDs: systems, Participants: o.participants,
			LiveFire: o.liveFire, Findings: o.findings, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.activity.added", "drill", d.Date))
		fmt.Fprintln(r.env.Stdout, d.ID)
		return nil
	})
}

type warningAddOptions struct {
	vaultOptions
	number, date, source, cves, products, action string
}

func setupWarningAdd(r *runner, fs *flag.FlagSet) *warningAddOptions {
	o := &warningAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.number, "number", "", r.cat.T("cli.flag.warning_number"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.source, "source", "", r.cat.T("cli.flag.warning_source"))
	fs.StringVar(&o.cves, "cve", "", r.cat.T("cli.flag.cves"))
	fs.StringVar(&o.products, "product", "", r.cat.T("cli.flag.products"))
	fs.StringVar(&o.action, "action", "", r.cat.T("cli.flag.action"))
	return o
}

func execWarningAdd(r *runner, o *warningAddOptions, _ []string) error {
	if o.number == "" || o.date == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--number, --date"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		w, err := s.RecordWarning(session.Warning{Number: o.number, Date: o.date, Source: o.source, Action: o.action,
			CVEs: strings.Split(o.cves, ","), Products: strings.Split(o.products, ";")})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.warning.added", w.Number, w.Date))
		fmt.Fprintln(r.env.Stdout, w.ID)
		return nil
	})
}

type warningSetOptions struct {
	vaultOptions
	status, action string
}

func setupWarningSet(r *runner, fs *flag.FlagSet) *warningSetOptions {
	o := &warningSetOptions{}
	o.register(r, fs)
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.warning_status", strings.Join(session.WarningStatuses(), ", ")))
	fs.StringVar(&o.action, "action", "", r.cat.T("cli.flag.action"))
	return o
}

func execWarningSet(r *runner, o *warningSetOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.status == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--status"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.SetWarningStatus(id, o.status, o.action); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.warning.updated", id, o.status))
		return nil
	})
}

func execWarningList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListWarnings()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "number", "date", "source", "cve", "products", "assets", "status", "closed_on", "action"},
			titles: []string{"ID", r.cat.T("col.number"), r.cat.T("col.date"), r.cat.T("col.source"), "CVE", r.cat.T("col.products"),
				r.cat.T("col.assets_matched"), r.cat.T("col.status"), r.cat.T("col.closed_on"), r.cat.T("col.action")}}
		for _, w := range list {
			var assets []string
			for _, a := range w.Assets {
				assets = append(assets, itoa(a))
			}
			t.rows = append(t.rows, []string{itoa(w.ID), w.Number, w.Date, w.Source, strings.Join(w.CVEs, " "), strings.Join(w.Products, "; "),
				strings.Join(assets, " "), w.Status, w.ClosedOn, w.Action})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type awarenessAddOptions struct {
	vaultOptions
	date, topic, audience, evidence string
	count                           int
}

func setupAwarenessAdd(r *runner, fs *flag.FlagSet) *awarenessAddOptions {
	o := &awarenessAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.topic, "topic", "", r.cat.T("cli.flag.topic"))
	fs.StringVar(&o.audience, "audience", "", r.cat.T("cli.flag.audience"))
	fs.IntVar(&o.count, "count", 0, r.cat.T("cli.flag.attendees"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execAwarenessAdd(r *runner, o *awarenessAddOptions, _ []string) error {
	if o.date == "" || o.topic == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--date, --topic"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.RecordAwareness(session.AwarenessSession{Date: o.date, Topic: o.topic, Audience: o.audience, Attendees: o.count, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.awareness.added", a.Topic, a.Date, a.Attendees))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execDrillList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListDrills()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "date", "scenario", "systems", "live_fire", "participants", "findings", "evidence"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.scenario"), r.cat.T("col.systems"), r.cat.T("col.live_fire"),
				r.cat.T("col.participants"), r.cat.T("col.drill_findings"), r.cat.T("col.evidence")}}
		for _, d := range list {
			var systems []string
			for _, id := range d.SystemIDs {
				systems = append(systems, itoa(id))
			}
			t.rows = append(t.rows, []string{itoa(d.ID), d.Date, d.Scenario, strings.Join(systems, " "), strconv.FormatBool(d.LiveFire),
				d.Participants, d.Findings, d.EvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execAwarenessList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAwareness()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "date", "topic", "audience", "attendees", "evidence"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.topic"), r.cat.T("col.audience"), r.cat.T("col.attendees"), r.cat.T("col.evidence")}}
		for _, a := range list {
			t.rows = append(t.rows, []string{itoa(a.ID), a.Date, a.Topic, a.Audience, strconv.Itoa(a.Attendees), a.EvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
