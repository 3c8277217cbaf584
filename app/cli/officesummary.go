package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"daumoi/app/buildinfo"
	"daumoi/data/session"
)

// officeSummaryCommands make the province's reports and set the office's
// identity they carry.
func officeSummaryCommands() []*command {
	return []*command{
		{name: "office summary", summaryKey: "cli.cmd.office_summary", bind: typed(setupOfficeSummary, execOfficeSummary)},
		{name: "office profile", summaryKey: "cli.cmd.office_profile", bind: typed(setupOfficeProfile, execOfficeProfile)},
	}
}

type officeSummaryOptions struct {
	vaultOptions
	todayOption
	kind, out, number, symbol, recommendationsFile, signingPassFile string
	year, month                                                     int
	bundle                                                          bool
}

func setupOfficeSummary(r *runner, fs *flag.FlagSet) *officeSummaryOptions {
	o := &officeSummaryOptions{}
	o.vaultOptions.register(r, fs)
	o.todayOption.register(r, fs)
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.office_summary_kind"))
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.office_summary_year"))
	fs.IntVar(&o.month, "month", 0, r.cat.T("cli.flag.office_summary_month"))
	fs.StringVar(&o.number, "number", "", r.cat.T("cli.flag.doc_number"))
	fs.StringVar(&o.symbol, "symbol", "", r.cat.T("cli.flag.doc_symbol"))
	fs.StringVar(&o.recommendationsFile, "recommendations-file", "", r.cat.T("cli.flag.office_summary_recommendations"))
	fs.BoolVar(&o.bundle, "bundle", false, r.cat.T("cli.flag.office_summary_bundle"))
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

// execOfficeSummary writes the provincial report as PDF, or with --bundle
// its bundle signed with the office head's key.
func execOfficeSummary(r *runner, o *officeSummaryOptions, _ []string) error {
	if o.kind == "" || o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind, --out"))
	}
	kind := session.SummaryKind(o.kind)
	if kind != session.SummaryAnnual && kind != session.SummaryMonthly {
		return usageErrorf(r.cat.T("cli.err.bad_summary_kind", o.kind))
	}
	today, err := o.day(r)
	if err != nil {
		return err
	}
	req := session.SummaryRequest{Kind: kind, Year: o.year, Month: o.month, Today: today, Number: o.number, Symbol: o.symbol, AppVersion: buildinfo.Version}
	if o.recommendationsFile != "" {
		text, err := os.ReadFile(o.recommendationsFile)
		if err != nil {
			return err
		}
		req.Recommendations = string(text)
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if o.bundle {
			pass, err := r.officeSigningPass(s, o.signingPassFile)
			if err != nil {
				return err
			}
			return r.writeBundle(s, o.out, pass, func(pass []byte, out session.Output) (session.BundleInfo, error) {
				return s.BuildProvinceBundle(req, pass, out)
			})
		}
		var hash string
		err := writeFileAtomic(s, o.out, 0o600, func(w io.Writer) error {
			var err error
			hash, err = s.RenderProvinceSummary(req, w)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.report.done", o.out, hash))
		return nil
	})
}
