package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strings"
)

// warningCommands record, update and list official warnings.
func warningCommands() []*command {
	return []*command{
		{name: "warning add", summaryKey: "cli.cmd.warning_add", bind: typed(setupWarningAdd, execWarningAdd)},
		{name: "warning set", summaryKey: "cli.cmd.warning_set", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupWarningSet, execWarningSet)},
		{name: "warning list", summaryKey: "cli.cmd.warning_list", bind: typed(setupList, execWarningList)},
	}
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
