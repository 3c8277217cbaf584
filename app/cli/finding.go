package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// findingCommands list, update and assign scan findings.
func findingCommands() []*command {
	return []*command{
		{name: "finding list", summaryKey: "cli.cmd.finding_list", bind: typed(setupFindingList, execFindingList)},
		{name: "finding set", summaryKey: "cli.cmd.finding_set", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupFindingSet, execFindingSet)},
		{name: "finding hosts", summaryKey: "cli.cmd.finding_hosts", bind: typed(setupFindingHosts, execFindingHosts)},
		{name: "finding assign", summaryKey: "cli.cmd.finding_assign", bind: typed(setupFindingAssign, execFindingAssign)},
	}
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
