package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"io"
	"time"
)

// reportCommands render reports as PDF.
func reportCommands() []*command {
	return []*command{
		{name: "report", summaryKey: "cli.cmd.report", bind: typed(setupReport, execReport)},
	}
}

// docOptions are the flags of the document's own parts and period.
type docOptions struct {
	number, symbol, authority, from, to string
}

func (d *docOptions) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&d.number, "number", "", r.cat.T("cli.flag.doc_number"))
	fs.StringVar(&d.symbol, "symbol", "", r.cat.T("cli.flag.doc_symbol"))
	fs.StringVar(&d.authority, "authority", "", r.cat.T("cli.flag.signer_authority"))
	fs.StringVar(&d.from, "from", "", r.cat.T("cli.flag.period_from"))
	fs.StringVar(&d.to, "to", "", r.cat.T("cli.flag.period_to"))
}

// period parses --from and --to (YYYY-MM-DD; empty: the default).
func (d *docOptions) period(r *runner) (from, to time.Time, err error) {
	parse := func(name, v string) (time.Time, error) {
		if v == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return t, usageErrorf(r.cat.T("cli.err.bad_date_flag", name, v))
		}
		return t, nil
	}
	if from, err = parse("--from", d.from); err != nil {
		return from, to, err
	}
	to, err = parse("--to", d.to)
	return from, to, err
}

type reportOptions struct {
	vaultOptions
	docOptions
	kind, out  string
	form       string
	year       int
	id         int64
	violations bool
}

func setupReport(r *runner, fs *flag.FlagSet) *reportOptions {
	o := &reportOptions{}
	o.vaultOptions.register(r, fs)
	o.docOptions.register(r, fs)
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.report_kind"))
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.report_year"))
	fs.Int64Var(&o.id, "id", 0, r.cat.T("cli.flag.report_id"))
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.BoolVar(&o.violations, "violations", false, r.cat.T("cli.flag.violations"))
	fs.StringVar(&o.form, "form", string(session.IncidentReportInitial), r.cat.T("cli.flag.incident_form"))
	return o
}

func execReport(r *runner, o *reportOptions, _ []string) error {
	if o.kind == "" || o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind, --out"))
	}
	if o.kind == incidentReportKind {
		if o.id == 0 {
			return usageErrorf(r.cat.T("cli.err.required", "--id"))
		}
		return r.withSession(&o.vaultOptions, func(s *session.Session) error {
			return r.renderIncidentReport(s, o.id, o.form, o.out)
		})
	}
	kind := session.ReportKind(o.kind)
	if !isReportKind(kind) {
		return usageErrorf(r.cat.T("cli.err.bad_report_kind", o.kind))
	}
	if kind == session.ReportAssessment && o.id == 0 {
		return usageErrorf(r.cat.T("cli.err.required", "--id"))
	}
	from, to, err := o.period(r)
	if err != nil {
		return err
	}
	req := session.ReportRequest{Kind: kind, Year: o.year, AssessmentID: o.id, ViolationsOnly: o.violations, From: from, To: to,
		Number: o.number, Symbol: o.symbol, SignerAuthority: o.authority}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var hash string
		err := writeFileAtomic(s, o.out, 0o600, func(w io.Writer) error {
			var err error
			hash, err = s.RenderReport(req, w)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.report.done", o.out, hash))
		return nil
	})
}

// incidentReportKind is report's --kind for an incident's report (Form 03
// or 04), which the incident report command renders too.
const incidentReportKind = "incident"

func isReportKind(k session.ReportKind) bool {
	for _, known := range session.ReportKinds() {
		if k == known {
			return true
		}
	}
	return false
}
