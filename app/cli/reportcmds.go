package cli

import (
	"daumoi/app/exportfile"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"daumoi/app/buildinfo"
	"daumoi/data/session"
	"daumoi/data/users"
)

// reportCommands are the commands of issue 7: reports as PDF, the signed
// annual bundle, and the manager's signing key kept in the vault.
func reportCommands() []*command {
	return []*command{
		{name: "report", summaryKey: "cli.cmd.report", bind: typed(setupReport, execReport)},
		{name: "bundle", summaryKey: "cli.cmd.bundle", bind: typed(setupBundle, execBundle)},
		{name: "key create", summaryKey: "cli.cmd.key_create", bind: typed(setupKeyCreate, execKeyCreate)},
		{name: "key export", summaryKey: "cli.cmd.key_export", bind: typed(setupKeyExport, execKeyExport)},
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
	return o
}

func execReport(r *runner, o *reportOptions, _ []string) error {
	if o.kind == "" || o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind, --out"))
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

func isReportKind(k session.ReportKind) bool {
	for _, known := range session.ReportKinds() {
		if k == known {
			return true
		}
	}
	return false
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

// mayUseOwnKey checks, before the signing passphrase is asked for, that
// the acting user may sign and has a key.
func mayUseOwnKey(s *session.Session) error {
	me, err := s.Me()
	if err != nil {
		return err
	}
	if !me.Can(users.PermSign) {
		return fmt.Errorf("%w: %s", session.ErrNotPermitted, me.Name)
	}
	_, err = s.SigningKey(me.Name)
	return err
}

// exportedKey is the named user's current key, or by default the manager's
// (session.ManagerSigningKey).
func exportedKey(s *session.Session, signer string) (session.SigningKeyInfo, error) {
	if signer != "" {
		return s.SigningKey(signer)
	}
	return s.ManagerSigningKey()
}

type keyCreateOptions struct {
	vaultOptions
	signingPassFile string
}

func setupKeyCreate(r *runner, fs *flag.FlagSet) *keyCreateOptions {
	o := &keyCreateOptions{}
	o.register(r, fs)
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

func execKeyCreate(r *runner, o *keyCreateOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		me, err := s.Me()
		if err != nil {
			return err
		}
		if !me.Can(users.PermSign) {
			return fmt.Errorf("%w: %s", session.ErrNotPermitted, me.Name)
		}
		pass, err := r.secret("DAUMOI_SIGNING_PASSPHRASE", o.signingPassFile, "cli.prompt.new_signing_passphrase", true)
		if err != nil {
			return err
		}
		info, err := s.CreateSigningKey(pass)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.created", me.Name))
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", info.Fingerprint.KeyID, info.Fingerprint.SHA256))
		return nil
	})
}

type keyExportOptions struct {
	vaultOptions
	out, signer string
}

func setupKeyExport(r *runner, fs *flag.FlagSet) *keyExportOptions {
	o := &keyExportOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.signer, "signer", "", r.cat.T("cli.flag.signer"))
	return o
}

func execKeyExport(r *runner, o *keyExportOptions, _ []string) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		info, err := exportedKey(s, o.signer)
		if err != nil {
			return err
		}
		text, err := info.PublicKey.MarshalText()
		if err != nil {
			return err
		}
		if err := writeFileAtomic(s, o.out, 0o600, writeAll(text)); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.exported", info.User, o.out))
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", info.Fingerprint.KeyID, info.Fingerprint.SHA256))
		return nil
	})
}
