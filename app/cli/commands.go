package cli

import (
	"fmt"
	"strings"

	"daumoi/app/buildinfo"
	"daumoi/app/errtext"
)

// allCommands returns the command table: the two built-in commands and
// each noun's commands, defined in the file named after the noun.
func allCommands() []*command {
	base := []*command{
		{name: "version", summaryKey: "cli.cmd.version", bind: typed(nil, execVersion)},
		{name: "help", summaryKey: "cli.cmd.help", argsUsage: "[CMD]", maxArgs: 2, bind: typed(nil, execHelp)},
	}
	for _, group := range [][]*command{
		activityCommands(),
		agencyCommands(),
		assessmentCommands(),
		assetCommands(),
		awarenessCommands(),
		bundleCommands(),
		demoCommands(),
		drillCommands(),
		dueCommands(),
		evidenceCommands(),
		findingCommands(),
		incidentCommands(),
		keyCommands(),
		packCommands(),
		planCommands(),
		reportCommands(),
		scanCommands(),
		systemCommands(),
		userCommands(),
		vaultCommands(),
		pdfCommands(),
		verifyCommands(),
		warningCommands(),
	} {
		base = append(base, group...)
	}
	return base
}

// errorMessages maps the command line's own sentinel errors to message keys;
// the services' errors are in package errtext.
func errorMessages() []errtext.Message {
	return []errtext.Message{{Err: ErrNoPassphrase, Key: "err.no_passphrase"}, {Err: ErrRepairNotConfirmed, Key: "cli.repair.not_confirmed"}}
}

func execVersion(r *runner, _ *noOptions, _ []string) error {
	fmt.Fprintln(r.env.Stdout, buildinfo.String())
	return nil
}

func execHelp(r *runner, _ *noOptions, args []string) error {
	if len(args) == 0 {
		r.printUsage(r.env.Stdout)
		return nil
	}
	cmd, ok := r.commands[strings.Join(args, " ")]
	if !ok {
		return usageErrorf(r.cat.T("cli.err.unknown_command", args[0]))
	}
	return cmd.run(r, []string{"-h"})
}
