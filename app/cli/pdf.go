package cli

import (
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"daumoi/data/token"
	"daumoi/reports/pades"

	"golang.org/x/term"
)

// pdfCommands sign a PDF with a certificate on a PKCS#11 token (PAdES) and
// verify such signatures; neither needs a vault.
func pdfCommands() []*command {
	return []*command{
		{name: "pdf sign", summaryKey: "cli.cmd.pdf_sign", argsUsage: "IN.pdf", minArgs: 1, maxArgs: 1, bind: typed(setupPDFSign, execPDFSign)},
		{name: "pdf keys", summaryKey: "cli.cmd.pdf_keys", bind: typed(setupPDFKeys, execPDFKeys)},
		{name: "pdf verify", summaryKey: "cli.cmd.pdf_verify", argsUsage: "FILE.pdf", minArgs: 1, maxArgs: 1, bind: typed(setupPDFVerify, execPDFVerify)},
	}
}

// tokenFlags choose the module, the token and its PIN.
type tokenFlags struct {
	module, label, pinFile string
	slot                   int
}

// register declares the token flags.
func (o *tokenFlags) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&o.module, "pkcs11", "", r.cat.T("cli.flag.pdf_pkcs11"))
	fs.StringVar(&o.label, "token", "", r.cat.T("cli.flag.pdf_token"))
	fs.IntVar(&o.slot, "slot", -1, r.cat.T("cli.flag.pdf_slot"))
	fs.StringVar(&o.pinFile, "pin-file", "", r.cat.T("cli.flag.pdf_pin_file"))
}

// openToken asks for the PIN and opens the token.
func (r *runner) openToken(o tokenFlags) (*token.Token, error) {
	pin, err := r.tokenPIN(o.pinFile)
	if err != nil {
		return nil, err
	}
	defer clear(pin)
	cfg := token.Config{Module: o.module, Label: o.label}
	if o.slot >= 0 {
		cfg.Slot = &o.slot
	}
	return token.Open(cfg, string(pin))
}

type pdfKeysOptions struct {
	tokenFlags
}

func setupPDFKeys(r *runner, fs *flag.FlagSet) *pdfKeysOptions {
	o := &pdfKeysOptions{}
	o.register(r, fs)
	return o
}

// execPDFKeys lists the token's keys that have a certificate, to choose
// one with --key-label.
func execPDFKeys(r *runner, o *pdfKeysOptions, _ []string) error {
	if o.module == "" {
		return usageErrorf(r.cat.T("cli.err.pdf_sign_required"))
	}
	tk, err := r.openToken(o.tokenFlags)
	if err != nil {
		return err
	}
	defer tk.Close()
	keys, err := tk.Keys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		c := k.Certificate
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.pdf.key", k.Label, c.Subject.String(), c.Issuer.String(),
			pades.DisplayTime(c.NotBefore), pades.DisplayTime(c.NotAfter)))
	}
	return nil
}

type pdfSignOptions struct {
	tokenFlags
	out, keyLabel, tsa, chain, number, reason, location string
	appendix                                            bool
}

func setupPDFSign(r *runner, fs *flag.FlagSet) *pdfSignOptions {
	o := &pdfSignOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.pdf_out"))
	fs.StringVar(&o.keyLabel, "key-label", "", r.cat.T("cli.flag.pdf_key_label"))
	fs.StringVar(&o.tsa, "tsa", "", r.cat.T("cli.flag.pdf_tsa"))
	fs.StringVar(&o.chain, "chain", "", r.cat.T("cli.flag.pdf_chain"))
	fs.BoolVar(&o.appendix, "appendix", false, r.cat.T("cli.flag.pdf_appendix"))
	fs.StringVar(&o.number, "number", "", r.cat.T("cli.flag.pdf_number"))
	fs.StringVar(&o.reason, "reason", "", r.cat.T("cli.flag.pdf_reason"))
	fs.StringVar(&o.location, "location", "", r.cat.T("cli.flag.pdf_location"))
	return o
}

// execPDFSign signs IN.pdf on the token into --out, written atomically:
// nothing is written when the PIN is wrong or the token fails.
func execPDFSign(r *runner, o *pdfSignOptions, args []string) error {
	if o.out == "" || o.module == "" {
		return usageErrorf(r.cat.T("cli.err.pdf_sign_required"))
	}
	if o.appendix && o.number == "" {
		return usageErrorf(r.cat.T("cli.err.pdf_number_required"))
	}
	in, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	chain, err := readChain(o.chain)
	if err != nil {
		return err
	}
	tk, err := r.openToken(o.tokenFlags)
	if err != nil {
		return err
	}
	defer tk.Close()
	key, err := tk.Find(o.keyLabel)
	if err != nil {
		return err
	}
	opts := pades.Options{Time: r.env.Now(), Reason: o.reason, Location: o.location, TSAURL: o.tsa}
	if o.appendix {
		opts.Appendix = &pades.Appendix{Number: o.number}
	}
	s := pades.Signer{Key: key.Signer(), Certificate: key.Certificate, Chain: chain}
	start := time.Now()
	if err := writeFileAtomic(nil, o.out, 0o644, func(w io.Writer) error { return pades.Sign(in, w, s, opts) }); err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.pdf.signed", o.out, key.Certificate.Subject.CommonName, time.Since(start).Round(time.Millisecond)))
	return nil
}

// readChain reads the issuing certificates to embed, if a file is given.
func readChain(path string) ([]*x509.Certificate, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return pades.ParseCertificates(b)
}

// tokenPIN reads the token PIN from --pin-file, else $DAUMOI_PIN, else a
// terminal prompt. It is handed to the module and never stored.
func (r *runner) tokenPIN(file string) ([]byte, error) {
	if file != "" {
		return readSecretFile(file)
	}
	if v := r.env.Getenv("DAUMOI_PIN"); v != "" {
		return []byte(v), nil
	}
	f, ok := r.env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, &usageError{msg: r.cat.T("cli.err.no_pin")}
	}
	return r.prompt(f, r.cat.T("cli.prompt.pin"))
}

type pdfVerifyOptions struct {
	trust string
}

func setupPDFVerify(r *runner, fs *flag.FlagSet) *pdfVerifyOptions {
	o := &pdfVerifyOptions{}
	fs.StringVar(&o.trust, "trust", "", r.cat.T("cli.flag.pdf_trust"))
	return o
}

// execPDFVerify prints every signature of the PDF and fails (exit 1) when
// one is not valid.
func execPDFVerify(r *runner, o *pdfVerifyOptions, args []string) error {
	doc, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var roots *x509.CertPool
	if o.trust != "" {
		certs, err := readChain(o.trust)
		if err != nil {
			return err
		}
		roots = pades.Pool(certs)
	}
	infos, err := pades.Verify(doc, roots)
	if err != nil {
		return err
	}
	var firstErr error
	for i, s := range infos {
		printSignature(r, i+1, s)
		if firstErr == nil && s.Err != nil {
			firstErr = s.Err
		}
	}
	return firstErr
}

// printSignature prints one signature's findings.
func printSignature(r *runner, n int, s pades.SignatureInfo) {
	w := r.env.Stdout
	verdict := r.cat.T("cli.pdf.valid")
	if !s.Valid() {
		verdict = r.cat.T("cli.pdf.invalid")
	}
	source := r.cat.T("cli.pdf.time_signer")
	if s.Timestamped {
		source = r.cat.T("cli.pdf.time_tsa")
	}
	fmt.Fprintln(w, r.cat.T("cli.pdf.signature", n, verdict))
	fmt.Fprintln(w, r.cat.T("cli.pdf.subject", s.Subject))
	fmt.Fprintln(w, r.cat.T("cli.pdf.issuer", s.Issuer))
	fmt.Fprintln(w, r.cat.T("cli.pdf.time", pades.DisplayTime(s.SigningTime), source))
	fmt.Fprintln(w, r.cat.T("cli.pdf.checks", yesNo(r, s.Intact && s.Unmodified), yesNo(r, s.CertValid), yesNo(r, s.Trusted)))
}

// yesNo is "có" or "không".
func yesNo(r *runner, b bool) string {
	if b {
		return r.cat.T("cli.pdf.yes")
	}
	return r.cat.T("cli.pdf.no")
}
