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
}

func setupOfficeIntake(r *runner, fs *flag.FlagSet) *officeIntakeOptions {
	o := &officeIntakeOptions{}
	o.vaultOptions.register(r, fs)
	return o
}

// execOfficeIntake receives each file (a folder: the *.zip files directly
// in it, by name) and prints one line per bundle: the file name, then
// accepted, duplicate, superseded ID or refused: REASON.
func execOfficeIntake(r *runner, o *officeIntakeOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		refused := 0
		_, err := s.IntakeFiles(context.Background(), args, func(_, _ int, res session.IntakeResult) {
			if res.Outcome == session.IntakeRefused {
				refused++
			}
			fmt.Fprintln(r.env.Stdout, res.FileName+": "+r.intakeLine(res))
		})
		if err != nil {
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
