package cli

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"daumoi/data/session"
)

// officePAdESCommands set the authorities the office trusts for signed
// report PDFs and show a received bundle's report signatures.
func officePAdESCommands() []*command {
	return []*command{
		{name: "office trust-ca", summaryKey: "cli.cmd.office_trust_ca", argsUsage: "CA.pem", maxArgs: 1, bind: typed(setupOfficeTrust, execOfficeTrust)},
		{name: "office signatures", summaryKey: "cli.cmd.office_signatures", argsUsage: "BUNDLE-ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execOfficeSignatures)},
	}
}

type officeTrustOptions struct {
	vaultOptions
	clear bool
}

func setupOfficeTrust(r *runner, fs *flag.FlagSet) *officeTrustOptions {
	o := &officeTrustOptions{}
	o.vaultOptions.register(r, fs)
	fs.BoolVar(&o.clear, "clear", false, r.cat.T("cli.flag.trust_clear"))
	return o
}

// execOfficeTrust sets (CA.pem), clears (--clear) or prints the trusted
// certificate authorities.
func execOfficeTrust(r *runner, o *officeTrustOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		switch {
		case o.clear:
			if err := s.SetTrustedRoots(nil); err != nil {
				return err
			}
		case len(args) == 1:
			b, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			if err := s.SetTrustedRoots(b); err != nil {
				return err
			}
		}
		roots, err := s.TrustedRoots()
		if err != nil {
			return err
		}
		if len(roots) == 0 {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_trust.none"))
		}
		for _, c := range roots {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_trust.root", c.Subject.String(), c.NotAfter.Format("2006-01-02")))
		}
		return nil
	})
}

// execOfficeSignatures prints the PAdES signatures of a received bundle's
// report PDFs.
func execOfficeSignatures(r *runner, o *vaultOptions, args []string) error {
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return usageErrorf(r.cat.T("cli.err.bad_id", args[0]))
	}
	return r.withSession(o, func(s *session.Session) error {
		return r.printReportSignatures(s, id)
	})
}

// printReportSignatures prints, for each report PDF of bundle id, its
// signatures or that it has none, indented under the bundle's line.
func (r *runner) printReportSignatures(s *session.Session, id int64) error {
	v, err := s.OpenBundleView(id)
	if err != nil {
		return err
	}
	defer v.Close()
	reports, err := s.ReportSignatures(v)
	if err != nil {
		return err
	}
	for _, rs := range reports {
		switch {
		case rs.Err != nil:
			fmt.Fprintln(r.env.Stdout, "  "+r.cat.T("cli.office_signatures.unreadable", rs.Path, oneLine(r.describe(rs.Err))))
		case !rs.Signed:
			fmt.Fprintln(r.env.Stdout, "  "+r.cat.T("cli.office_signatures.none", rs.Path))
		default:
			fmt.Fprintln(r.env.Stdout, "  "+rs.Path+":")
			for i, sig := range rs.Signatures {
				printSignature(r, i+1, sig)
			}
		}
	}
	return nil
}
