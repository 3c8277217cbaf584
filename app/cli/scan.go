package cli

import (
	"daumoi/app/scansummary"
	"daumoi/data/session"
	"flag"
	"fmt"
	"os"
)

// scanCommands import, record and list vulnerability scans.
func scanCommands() []*command {
	return []*command{
		{name: "scan import", summaryKey: "cli.cmd.scan_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupScanImport, execScanImport)},
		{name: "scan add", summaryKey: "cli.cmd.scan_add", bind: typed(setupScanAdd, execScanAdd)},
		{name: "scan list", summaryKey: "cli.cmd.scan_list", bind: typed(setupSystemList, execScanList)},
	}
}

type scanImportOptions struct {
	vaultOptions
	system                   int64
	date, kind, evidence     string
	performer, provider, scp string
	yes                      bool
}

func setupScanImport(r *runner, fs *flag.FlagSet) *scanImportOptions {
	o := &scanImportOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.scan_system"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.scan_date"))
	fs.BoolVar(&o.yes, "yes", false, r.cat.T("cli.flag.scan_yes"))
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
		res, err := s.ImportScanReport(f, session.ScanImport{SystemID: o.system, Date: o.date, ConfirmDate: o.yes, Kind: o.kind,
			Performer: o.performer, Provider: o.provider, Scope: o.scp, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		printImport(r, res)
		return nil
	})
}

// printImport prints the import's summary (the lines the GUI shows), then
// the new scan's id alone on the last line.
func printImport(r *runner, res session.ScanImportResult) {
	for _, line := range scansummary.Lines(r.cat, res, itoa(res.Scan.SystemID), func(d string) string { return d }, 0) {
		fmt.Fprintln(r.env.Stdout, line)
	}
	fmt.Fprintln(r.env.Stdout, res.Scan.ID)
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
