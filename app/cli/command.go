package cli

import (
	"daumoi/data/session"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one daumoi subcommand.
type command struct {
	name       string
	summaryKey string // i18n key of the one-line description
	argsUsage  string // what follows the flags in the usage line, e.g. "FILE"
	// minArgs and maxArgs bound the number of positional arguments
	// (maxArgs -1: any number).
	minArgs, maxArgs int
	// kind is the kind of vault the command works on; "" for any (the
	// vault's own commands: passphrase, users, backup…). See forKind.
	kind session.Kind
	// bind declares the command's flags on fs and returns the function that
	// runs the command with the positional arguments once fs is parsed.
	bind func(r *runner, fs *flag.FlagSet) func(args []string) error
}

// noOptions are the options of a command without flags.
type noOptions struct{}

// typed joins a command's setup, which declares its flags into its own
// options type O, and its exec, which receives that same type: the compiler,
// not a type assertion, checks that they agree. setup may be nil.
func typed[O any](setup func(r *runner, fs *flag.FlagSet) *O, exec func(r *runner, o *O, args []string) error) func(*runner, *flag.FlagSet) func([]string) error {
	return func(r *runner, fs *flag.FlagSet) func([]string) error {
		o := new(O)
		if setup != nil {
			o = setup(r, fs)
		}
		return func(args []string) error { return exec(r, o, args) }
	}
}

// run parses the command's flags, checks the number of positional
// arguments and executes it. -h prints the command's usage on stdout and
// succeeds; a bad flag or a wrong number of arguments is a usage error.
func (c *command) run(r *runner, args []string) error {
	fs := flag.NewFlagSet("daumoi "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	exec := c.bind(r, fs)
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.printUsage(r, fs, r.env.Stdout)
			return nil
		}
		return &usageError{msg: r.cat.T("cli.err.bad_flag", translateFlagError(r, err)), usage: c.usageText(r, fs)}
	}
	if c.maxArgs >= 0 && len(positional) > c.maxArgs {
		return &usageError{msg: r.cat.T("cli.err.unexpected_args", strings.Join(positional[c.maxArgs:], " ")), usage: c.usageText(r, fs)}
	}
	if len(positional) < c.minArgs {
		return usageErrorf(r.cat.T("cli.err.required", c.missingArgs(len(positional))))
	}
	return exec(positional)
}

// missingArgs names the required positional arguments after the first
// given ones, as the usage line spells them.
func (c *command) missingArgs(given int) string {
	words := strings.Fields(c.argsUsage)
	if given >= len(words) || c.minArgs > len(words) {
		return c.argsUsage
	}
	return strings.Join(words[given:c.minArgs], " ")
}

// parseInterspersed parses flags wherever they stand, so that
// "evidence add FILE --title T" works as documented; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func (c *command) usageText(r *runner, fs *flag.FlagSet) string {
	var b strings.Builder
	c.printUsage(r, fs, &b)
	return strings.TrimRight(b.String(), "\n")
}

func (c *command) printUsage(r *runner, fs *flag.FlagSet, w io.Writer) {
	line := "daumoi " + c.name
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		line += " [" + r.cat.T("cli.options") + "]"
	}
	if c.argsUsage != "" {
		line += " " + c.argsUsage
	}
	fmt.Fprintf(w, "%s: %s\n  %s\n", r.cat.T("cli.usage.line"), line, r.cat.T(c.summaryKey))
	if hasFlags {
		fmt.Fprintln(w)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// translateFlagError renders the flag package's English parse errors in the
// user's language where their shape is known.
func translateFlagError(r *runner, err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return r.cat.T("cli.flag.undefined", strings.TrimPrefix(msg, "flag provided but not defined: "))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return r.cat.T("cli.flag.needs_arg", strings.TrimPrefix(msg, "flag needs an argument: "))
	case strings.HasPrefix(msg, "invalid value "):
		return r.cat.T("cli.flag.invalid_value", strings.TrimPrefix(msg, "invalid value "))
	}
	return msg
}

// forKind marks cmds as working on vaults of kind k only.
func forKind(k session.Kind, cmds []*command) []*command {
	for _, c := range cmds {
		c.kind = k
	}
	return cmds
}
