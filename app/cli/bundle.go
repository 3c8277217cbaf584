package cli

import (
	"daumoi/app/buildinfo"
	"daumoi/app/exportfile"
	"daumoi/data/session"
	"flag"
	"fmt"
	"strings"
)

// bundleCommands build the signed annual report bundle.
func bundleCommands() []*command {
	return []*command{
		{name: "bundle", summaryKey: "cli.cmd.bundle", bind: typed(setupBundle, execBundle)},
	}
}

type bundleOptions struct {
	vaultOptions
	docOptions
	kind, out, evidence, signingPassFile string
	year                                 int
}

func setupBundle(r *runner, fs *flag.FlagSet) *bundleOptions {
	o := &bundleOptions{}
	o.vaultOptions.register(r, fs)
	o.docOptions.register(r, fs)
	fs.StringVar(&o.kind, "kind", "annual", r.cat.T("cli.flag.bundle_kind"))
	fs.IntVar(&o.year, "year", 0, r.cat.T("cli.flag.report_year"))
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.bundle_evidence"))
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

func execBundle(r *runner, o *bundleOptions, _ []string) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	from, to, err := o.period(r)
	if err != nil {
		return err
	}
	req := session.BundleRequest{Kind: o.kind, Year: o.year, From: from, To: to, AppVersion: buildinfo.Version,
		Number: o.number, Symbol: o.symbol, SignerAuthority: o.authority}
	req.EvidenceIDs = splitIDs(o.evidence)
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		return r.signBundle(s, o.out, o.signingPassFile, func(pass []byte, out session.Output) (session.BundleInfo, error) {
			return s.BuildBundle(req, pass, out)
		})
	})
}

// splitIDs reads a comma-separated list of ids, ignoring blanks.
func splitIDs(list string) []string {
	var ids []string
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// signBundle asks for the signing passphrase (once the acting user is known
// to hold a key), has build write the signed bundle to out through a
// temporary file, and prints what was written.
func (r *runner) signBundle(s *session.Session, out, passFile string, build func(pass []byte, out session.Output) (session.BundleInfo, error)) error {
	if err := mayUseOwnKey(s); err != nil {
		return err
	}
	pass, err := r.secret("DAUMOI_SIGNING_PASSPHRASE", passFile, "cli.prompt.signing_passphrase", false)
	if err != nil {
		return err
	}
	return r.writeBundle(s, out, pass, build)
}

// writeBundle has build write the signed bundle to out through a
// temporary file with pass, and prints what was written.
func (r *runner) writeBundle(s *session.Session, out string, pass []byte, build func(pass []byte, out session.Output) (session.BundleInfo, error)) error {
	f, err := exportfile.Create(out, exportfile.Options{Perm: 0o600, Registrar: s})
	if err != nil {
		return err
	}
	// The session publishes the file once the bundle is in the history.
	info, err := build(pass, f)
	if err != nil {
		f.Abort()
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.bundle.done", out, info.Files, info.KeyID))
	fmt.Fprintln(r.env.Stdout, "SHA-256: "+info.SHA256)
	return nil
}
