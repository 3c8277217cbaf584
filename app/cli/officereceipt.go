package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"daumoi/data/session"
	"daumoi/data/users"
)

// officeReceiptCommands write the office's signed receipts.
func officeReceiptCommands() []*command {
	return []*command{
		{name: "office receipt", summaryKey: "cli.cmd.office_receipt", argsUsage: "BUNDLE-ID", minArgs: 1, maxArgs: 1,
			bind: typed(setupOfficeReceipt, execOfficeReceipt)},
	}
}

type officeReceiptOptions struct {
	vaultOptions
	out, signingPassFile string
}

func setupOfficeReceipt(r *runner, fs *flag.FlagSet) *officeReceiptOptions {
	o := &officeReceiptOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

// execOfficeReceipt signs (once) the receipt of a received bundle and
// writes it to --out, its signature beside it (.minisig).
func execOfficeReceipt(r *runner, o *officeReceiptOptions, args []string) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return usageErrorf(r.cat.T("cli.err.bad_id", args[0]))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		pass, err := r.officeSigningPass(s, o.signingPassFile)
		if err != nil {
			return err
		}
		return r.writeReceipt(s, id, pass, o.out)
	})
}

// officeSigningPass asks for the head's signing passphrase once the acting
// user is known to hold PermOfficeSign and a key.
func (r *runner) officeSigningPass(s *session.Session, passFile string) ([]byte, error) {
	me, err := s.Me()
	if err != nil {
		return nil, err
	}
	if !me.Can(users.PermOfficeSign) {
		return nil, fmt.Errorf("%w: %s", session.ErrNotPermitted, me.Name)
	}
	if _, err := s.SigningKey(me.Name); err != nil {
		return nil, err
	}
	return r.secret("DAUMOI_SIGNING_PASSPHRASE", passFile, "cli.prompt.signing_passphrase", false)
}

// writeReceipt issues the receipt of bundle id (pass is not wiped) and
// writes out and out.minisig, refusing to replace either.
func (r *runner) writeReceipt(s *session.Session, id int64, pass []byte, out string) error {
	return r.writeReceipts(s, []int64{id}, []string{out}, pass)
}

// writeReceipts issues the receipts of the bundles ids, opening the key
// once (pass is not wiped), and writes each to outs[i] and outs[i].minisig,
// refusing to replace them.
func (r *runner) writeReceipts(s *session.Session, ids []int64, outs []string, pass []byte) error {
	return s.IssueReceipts(ids, append([]byte(nil), pass...), func(i int, got session.IssuedReceipt, err error) error {
		if err != nil {
			return err
		}
		if err := writeFileAtomic(s, outs[i], 0o600, writeAll(got.Body)); err != nil {
			return err
		}
		if err := writeFileAtomic(s, outs[i]+".minisig", 0o600, writeAll(got.Signature)); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office_receipt.written", ids[i], outs[i], got.KeyID))
		return nil
	})
}

// receiptName is the receipt file of a received bundle file:
// NAME.receipt.json for NAME.zip.
func receiptName(dir, bundleFile string) string {
	base := strings.TrimSuffix(filepath.Base(bundleFile), filepath.Ext(bundleFile))
	return filepath.Join(dir, base+".receipt.json")
}
