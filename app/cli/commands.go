package cli

import (
	"fmt"

	"daumoi/app/buildinfo"
)

// allCommands returns the command table. Commands are added here as the
// services behind them are built; none is listed before it works.
func allCommands() []*command {
	return []*command{
		{name: "version", summaryKey: "cli.cmd.version", exec: execVersion},
		{name: "help", summaryKey: "cli.cmd.help", argsUsage: "[CMD]", maxArgs: 1, exec: execHelp},
	}
}

// errorMessages maps the services' sentinel errors to message keys. The
// first match wins, so list specific errors before general ones.
func errorMessages() []errorMessage {
	return nil
}

// errorMessage pairs a sentinel error with the i18n key of its message.
type errorMessage struct {
	err error
	key string
}

func execVersion(r *runner, _ any, _ []string) error {
	fmt.Fprintln(r.env.Stdout, buildinfo.String())
	return nil
}

func execHelp(r *runner, _ any, args []string) error {
	if len(args) == 0 {
		r.printUsage(r.env.Stdout)
		return nil
	}
	cmd, ok := r.commands[args[0]]
	if !ok {
		return usageErrorf(r.cat.T("cli.err.unknown_command", args[0]))
	}
	return cmd.run(r, []string{"-h"})
}
