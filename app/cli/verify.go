package cli

import (
	"daumoi/reports/bundle"
	"flag"
	"fmt"
	"io"
)

// verifyCommands check a signed bundle without a vault.
func verifyCommands() []*command {
	return []*command{
		{name: "verify", summaryKey: "cli.cmd.verify", argsUsage: "FILE.zip", minArgs: 1, maxArgs: 1, bind: typed(setupVerify, execVerify)},
	}
}

type verifyOptions struct {
	pubkey, trustDir string
}

func setupVerify(r *runner, fs *flag.FlagSet) *verifyOptions {
	o := &verifyOptions{}
	fs.StringVar(&o.pubkey, "pubkey", "", r.cat.T("cli.flag.pubkey"))
	fs.StringVar(&o.trustDir, "trust", "", r.cat.T("cli.flag.trust"))
	return o
}

func execVerify(r *runner, o *verifyOptions, args []string) error {
	if (o.pubkey == "") == (o.trustDir == "") {
		return usageErrorf(r.cat.T("cli.err.verify_trust"))
	}
	trust, err := loadTrust(o)
	if err != nil {
		return err
	}
	res, err := bundle.VerifyFile(args[0], trust)
	if err != nil {
		return err
	}
	printVerified(r, r.env.Stdout, res)
	return nil
}

func loadTrust(o *verifyOptions) (bundle.Trust, error) {
	if o.trustDir != "" {
		return bundle.LoadTrustDir(o.trustDir)
	}
	return bundle.LoadTrustFile(o.pubkey)
}

func printVerified(r *runner, w io.Writer, res bundle.Result) {
	fmt.Fprintln(w, r.cat.T("cli.verify.ok"))
	fmt.Fprintln(w, r.cat.T("cli.verify.agency", res.Agency.Name, res.Agency.Code))
	fmt.Fprintln(w, r.cat.T("cli.verify.period", res.Period.From.Format("2006-01-02"), res.Period.To.Format("2006-01-02")))
	fmt.Fprintln(w, r.cat.T("cli.verify.kind", res.Kind))
	fmt.Fprintln(w, r.cat.T("cli.verify.signer", res.Signer.Name, res.Signer.KeyID, res.TrustedAs))
	fmt.Fprintln(w, r.cat.T("cli.verify.created", res.Created.Format("2006-01-02T15:04:05Z07:00")))
	fmt.Fprintln(w, r.cat.T("cli.verify.files", len(res.Files)))
}
