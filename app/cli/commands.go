package cli

import (
	"fmt"
	"strings"

	"daumoi/app/buildinfo"
	"daumoi/app/errtext"
	"daumoi/data/session"
)

// allCommands returns the command table: the two built-in commands and
// each noun's commands, defined in the file named after the noun.
func allCommands() []*command {
	base := []*command{
		{name: "version", summaryKey: "cli.cmd.version", bind: typed(nil, execVersion)},
		{name: "help", summaryKey: "cli.cmd.help", argsUsage: "[CMD]", maxArgs: 2, bind: typed(nil, execHelp)},
	}
	for _, group := range [][]*command{
		forKind(session.KindAgency, activityCommands()),
		forKind(session.KindAgency, agencyCommands()),
		forKind(session.KindAgency, assessmentCommands()),
		forKind(session.KindAgency, assetCommands()),
		forKind(session.KindAgency, awarenessCommands()),
		forKind(session.KindAgency, bundleCommands()),
		demoCommands(),
		forKind(session.KindAgency, drillCommands()),
		dueCommands(), // an office vault has its own reports due
		forKind(session.KindAgency, evidenceCommands()),
		forKind(session.KindAgency, findingCommands()),
		forKind(session.KindAgency, incidentCommands()),
		keyCommands(),
		forKind(session.KindOffice, officeRegistryCommands()),
		forKind(session.KindOffice, officeIntakeCommands()),
		forKind(session.KindOffice, officeReceiptCommands()),
		forKind(session.KindOffice, officePAdESCommands()),
		forKind(session.KindOffice, officeStatusCommands()),
		forKind(session.KindOffice, officeSummaryCommands()),
		forKind(session.KindOffice, officeWarningCommands()),
		forKind(session.KindAgency, packCommands()),
		forKind(session.KindAgency, planCommands()),
		forKind(session.KindAgency, receiptCommands()),
		forKind(session.KindAgency, reportCommands()),
		forKind(session.KindAgency, scanCommands()),
		forKind(session.KindAgency, systemCommands()),
		userCommands(),
		vaultCommands(),
		pdfCommands(),
		verifyCommands(),
		forKind(session.KindAgency, warningCommands()),
	} {
		base = append(base, group...)
	}
	return base
}

// errorMessages maps the command line's own sentinel errors to message keys;
// the services' errors are in package errtext.
func errorMessages() []errtext.Message {
	return []errtext.Message{{Err: ErrNoPassphrase, Key: "err.no_passphrase"}, {Err: ErrRepairNotConfirmed, Key: "cli.repair.not_confirmed"},
		{Err: ErrSomeRefused, Key: "cli.office_intake.some_refused"}}
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
