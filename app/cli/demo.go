package cli

import (
	"daumoi/data/demo"
	"flag"
	"fmt"
)

// demoCommands make a demo vault.
func demoCommands() []*command {
	return []*command{
		{name: "demo", summaryKey: "cli.cmd.demo", bind: typed(setupDemo, execDemo)},
	}
}

type demoOptions struct {
	vault, passFile string
}

func setupDemo(r *runner, fs *flag.FlagSet) *demoOptions {
	o := &demoOptions{}
	fs.StringVar(&o.vault, "vault", "", r.cat.T("cli.flag.vault"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	return o
}

func execDemo(r *runner, o *demoOptions, _ []string) error {
	if o.vault == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--vault"))
	}
	pass, err := r.secret("DAUMOI_PASSPHRASE", o.passFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	if err := demo.Create(o.vault, pass, r.env.Now); err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.demo.done", o.vault, demo.FocalUser, demo.ITUser, demo.ManagerUser, demo.ManagerUser, demo.SigningPassphrase))
	return nil
}
