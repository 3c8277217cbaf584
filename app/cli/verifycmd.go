package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"daumoi/reports/bundle"
	"daumoi/reports/signing"
)

// signingCommands are the commands that need no vault: checking a signed
// bundle, and making a key pair (for a receiving office testing its
// registry of trusted keys).
func signingCommands() []*command {
	return []*command{
		{name: "verify", summaryKey: "cli.cmd.verify", argsUsage: "FILE.zip", minArgs: 1, maxArgs: 1, bind: typed(setupVerify, execVerify)},
		{name: "key generate", summaryKey: "cli.cmd.key_generate", bind: typed(setupKeyGenerate, execKeyGenerate)},
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

type keyGenerateOptions struct {
	outPub, outKey, passFile string
}

func setupKeyGenerate(r *runner, fs *flag.FlagSet) *keyGenerateOptions {
	o := &keyGenerateOptions{}
	fs.StringVar(&o.outPub, "out-pub", "", r.cat.T("cli.flag.out_pub"))
	fs.StringVar(&o.outKey, "out-key", "", r.cat.T("cli.flag.out_key"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	return o
}

func execKeyGenerate(r *runner, o *keyGenerateOptions, _ []string) error {
	if o.outPub == "" || o.outKey == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out-pub, --out-key"))
	}
	for _, p := range []string{o.outKey, o.outPub} {
		if _, err := os.Lstat(p); err == nil {
			return &os.PathError{Op: "create", Path: p, Err: os.ErrExist}
		}
	}
	pass, err := r.secret("DAUMOI_PASSPHRASE", o.passFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	pub, sec, err := signing.GenerateKey()
	if err != nil {
		return err
	}
	encrypted, err := signing.EncryptSecretKey(sec, pass)
	if err != nil {
		return err
	}
	pubText, _ := pub.MarshalText()
	if err := writeFileAtomic(nil, o.outKey, 0o600, writeAll(encrypted)); err != nil {
		return err
	}
	if err := writeFileAtomic(nil, o.outPub, 0o644, writeAll(pubText)); err != nil {
		os.Remove(o.outKey)
		return err
	}
	fp := pub.Fingerprint()
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.generated", o.outPub, o.outKey))
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", fp.KeyID, fp.SHA256))
	return nil
}

func writeAll(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
