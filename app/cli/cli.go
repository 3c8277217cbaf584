// Package cli implements the daumoi command line: the same services as the
// GUI, for automation, for the receiving office's batch work, and for tests.
//
// The command names, flags and exit codes are a contract (see CLI.md in the
// design documents): 0 success, 1 the operation failed, 2 usage error. Errors
// are one line on stderr, in Vietnamese unless DAUMOI_LANG=en.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"daumoi/app/errtext"
	"daumoi/assets/i18n"
)

// Exit statuses of the daumoi command.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// Env is everything a command sees of the outside world, so that tests can
// run commands in-process with their own streams and environment.
type Env struct {
	Getenv func(key string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock (time.Now when nil); tests fix it so that scripts
	// do not depend on today's date.
	Now func() time.Time
}

// OSEnv returns the Env of the running process.
func OSEnv() Env {
	return Env{Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now}
}

// Main runs the command line with args (without the program name) in the
// process's environment and returns the exit status.
func Main(args []string) int {
	return Run(args, OSEnv())
}

// Run runs one daumoi command and returns its exit status.
func Run(args []string, env Env) int {
	r := newRunner(env)
	if len(args) == 0 {
		r.printUsage(env.Stderr)
		return ExitUsage
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		args = append([]string{"help"}, args[1:]...)
	}
	cmd, rest := r.lookup(args)
	if cmd == nil {
		group := args[0]
		if len(args) > 1 && r.isGroup(args[0]+" "+args[1]) {
			group = args[0] + " " + args[1]
		}
		if r.isGroup(group) {
			return r.fail(&usageError{msg: r.cat.T("cli.err.subcommand", group), usage: r.groupUsage(group)})
		}
		return r.fail(usageErrorf(r.cat.T("cli.err.unknown_command", args[0])))
	}
	r.current = cmd
	return r.fail(cmd.run(r, rest))
}

// maxCommandWords is the length of the longest command name
// ("office agency add").
const maxCommandWords = 3

// lookup finds the command with the longest name args begin with, and the
// arguments after its name; nil when none.
func (r *runner) lookup(args []string) (*command, []string) {
	for n := min(maxCommandWords, len(args)); n > 0; n-- {
		if cmd, ok := r.commands[strings.Join(args[:n], " ")]; ok {
			return cmd, args[n:]
		}
	}
	return nil, nil
}

// runner carries what every command needs: the catalogue of the chosen
// language, the environment and the command table.
type runner struct {
	env      Env
	cat      *i18n.Catalog
	commands map[string]*command
	current  *command // the command being run, for its vault kind
}

func newRunner(env Env) *runner {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	lang, _ := i18n.ParseLang(env.Getenv("DAUMOI_LANG"))
	r := &runner{env: env, cat: i18n.MustLoad(lang)}
	r.commands = map[string]*command{}
	for _, c := range allCommands() {
		r.commands[c.name] = c
	}
	return r
}

// fail prints err (if any) as one line on stderr and returns the exit status
// that matches it.
func (r *runner) fail(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(r.env.Stderr, "daumoi: %s: %s\n", r.cat.T("cli.err.prefix"), oneLine(ue.msg))
		if ue.usage != "" {
			fmt.Fprintln(r.env.Stderr, ue.usage)
		}
		return ExitUsage
	}
	fmt.Fprintf(r.env.Stderr, "daumoi: %s: %s\n", r.cat.T("cli.err.prefix"), oneLine(r.describe(err)))
	return ExitFail
}

// describe turns an error into the user's language. Errors the CLI knows
// (sentinels of the services) get a translated message; others keep their
// own text.
func (r *runner) describe(err error) string {
	return errtext.Describe(r.cat, err, errorMessages()...)
}

// printUsage writes the list of commands.
func (r *runner) printUsage(w io.Writer) {
	fmt.Fprintln(w, r.cat.T("cli.usage"))
	names := make([]string, 0, len(r.commands))
	for n := range r.commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s\n", n, r.cat.T(r.commands[n].summaryKey))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.cat.T("cli.usage.footer"))
}

// isGroup reports whether name is the first word of two-word commands
// ("user" for "user add").
func (r *runner) isGroup(name string) bool {
	for n := range r.commands {
		if strings.HasPrefix(n, name+" ") {
			return true
		}
	}
	return false
}

// groupUsage lists the commands of a group.
func (r *runner) groupUsage(name string) string {
	var lines []string
	for n, c := range r.commands {
		if strings.HasPrefix(n, name+" ") {
			lines = append(lines, fmt.Sprintf("  daumoi %-18s %s", n, r.cat.T(c.summaryKey)))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(msg string) error { return &usageError{msg: msg} }
