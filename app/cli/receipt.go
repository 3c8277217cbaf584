package cli

import (
	"flag"
	"fmt"
	"time"

	"daumoi/data/session"
	"daumoi/reports/bundle"
)

// receiptCommands are the agency's side of receipts: the receiving
// office's key in the profile, and importing a receipt.
func receiptCommands() []*command {
	return []*command{
		{name: "agency office-key", summaryKey: "cli.cmd.agency_office_key", bind: typed(setupAgencyOfficeKey, execAgencyOfficeKey)},
		{name: "receipt import", summaryKey: "cli.cmd.receipt_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1,
			bind: typed(setupReceiptImport, execReceiptImport)},
	}
}

type agencyOfficeKeyOptions struct {
	vaultOptions
	pubkey string
}

func setupAgencyOfficeKey(r *runner, fs *flag.FlagSet) *agencyOfficeKeyOptions {
	o := &agencyOfficeKeyOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.pubkey, "pubkey", "", r.cat.T("cli.flag.office_pubkey"))
	return o
}

// execAgencyOfficeKey sets the receiving office's key from --pubkey, or
// without it shows the one set; either way it prints its fingerprint.
func execAgencyOfficeKey(r *runner, o *agencyOfficeKeyOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if o.pubkey != "" {
			pub, err := bundle.ReadPublicKeyFile(o.pubkey)
			if err != nil {
				return err
			}
			if err := s.SetOfficeKey(pub); err != nil {
				return err
			}
		}
		pub, err := s.OfficeKey()
		if err != nil {
			return err
		}
		fp := pub.Fingerprint()
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.agency_office_key.current"))
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", fp.KeyID, fp.SHA256))
		return nil
	})
}

type receiptImportOptions struct {
	vaultOptions
}

func setupReceiptImport(r *runner, fs *flag.FlagSet) *receiptImportOptions {
	o := &receiptImportOptions{}
	o.vaultOptions.register(r, fs)
	return o
}

// execReceiptImport verifies and stores a receipt (FILE and
// FILE.minisig) and says which report the office received when.
func execReceiptImport(r *runner, o *receiptImportOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		got, err := s.ImportReceipt(args[0])
		if err != nil {
			return err
		}
		rc := got.Receipt
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.receipt_import.done", rc.Kind, rc.Period.From, rc.Period.To,
			rc.Office, got.ReceivedAt.In(time.FixedZone("ICT", 7*3600)).Format("15:04 02/01/2006")))
		fmt.Fprintln(r.env.Stdout, "SHA-256: "+rc.BundleSHA256)
		return nil
	})
}
