package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"daumoi/data/session"
)

// ErrSomeRefused means office intake refused at least one bundle (the
// others were stored); the exit status is 1.
var ErrSomeRefused = errors.New("cli: some bundles were refused")

// officeIntakeCommands receive agencies' bundles at the office.
func officeIntakeCommands() []*command {
	return []*command{
		{name: "office intake", summaryKey: "cli.cmd.office_intake", argsUsage: "FILE.zip…|DIR", minArgs: 1, maxArgs: -1,
			bind: typed(setupOfficeIntake, execOfficeIntake)},
	}
}

type officeIntakeOptions struct {
	vaultOptions
	receipts, signingPassFile string
	signatures                bool
}

func setupOfficeIntake(r *runner, fs *flag.FlagSet) *officeIntakeOptions {
	o := &officeIntakeOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.receipts, "receipts", "", r.cat.T("cli.flag.receipts"))
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	fs.BoolVar(&o.signatures, "pdf-signatures", false, r.cat.T("cli.flag.pdf_signatures"))
	return o
}

// execOfficeIntake receives each file (a folder: the *.zip files directly
// in it, by name) and prints one line per bundle: the file name, then
// accepted, duplicate, superseded ID or refused: REASON. With --receipts,
// the head's signing passphrase is asked first and the receipt of each
// bundle accepted or superseding is written to that folder
// (NAME.receipt.json and its .minisig for NAME.zip).
func execOfficeIntake(r *runner, o *officeIntakeOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var pass []byte
		if o.receipts != "" {
			var err error
			if pass, err = r.officeSigningPass(s, o.signingPassFile); err != nil {
				return err
			}
			defer clear(pass)
		}
		refused := 0
		var stored []session.IntakeResult
		_, err := s.IntakeFiles(context.Background(), args, func(_, _ int, res session.IntakeResult) {
			switch res.Outcome {
			case session.IntakeRefused:
				refused++
			case session.IntakeAccepted, session.IntakeSuperseded:
				stored = append(stored, res)
			}
			fmt.Fprintln(r.env.Stdout, res.FileName+": "+r.intakeLine(res))
			if o.signatures && res.Bundle.ID != 0 {
				r.printReportSignatures(s, res.Bundle.ID)
			}
		})
		if err != nil {
			return err
		}
		if err := r.writeIntakeReceipts(s, o.receipts, stored, pass); err != nil {
			return err
		}
		if refused > 0 {
			return fmt.Errorf("%w: %d", ErrSomeRefused, refused)
		}
		return nil
	})
}

// intakeLine is what intake did with one bundle, as CLI.md words it.
func (r *runner) intakeLine(res session.IntakeResult) string {
	switch res.Outcome {
	case session.IntakeSuperseded:
		return fmt.Sprintf("superseded %d", res.Supersedes)
	case session.IntakeRefused:
		return "refused: " + oneLine(r.describe(res.Reason))
	}
	return string(res.Outcome)
}

// writeIntakeReceipts writes the receipts of the bundles stored into dir,
// if dir is not "".
func (r *runner) writeIntakeReceipts(s *session.Session, dir string, stored []session.IntakeResult, pass []byte) error {
	if dir == "" || len(stored) == 0 {
		return nil
	}
	ids, outs := make([]int64, len(stored)), make([]string, len(stored))
	for i, res := range stored {
		ids[i], outs[i] = res.Bundle.ID, receiptName(dir, res.FileName)
	}
	return r.writeReceipts(s, ids, outs, pass)
}
