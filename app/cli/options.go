package cli

import (
	"flag"
	"strconv"
)

// systemListOptions are those of a listing narrowed to one system
// (--system ID; 0 for all).
type systemListOptions struct {
	listOptions
	system int64
}

func setupSystemList(r *runner, fs *flag.FlagSet) *systemListOptions {
	o := &systemListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	return o
}

// parseID parses a positional record number.
func parseID(r *runner, arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf(r.cat.T("cli.err.bad_id", arg))
	}
	return id, nil
}

func setupVault(r *runner, fs *flag.FlagSet) *vaultOptions {
	o := &vaultOptions{}
	o.register(r, fs)
	return o
}

type listOptions struct {
	vaultOptions
	formatOption
}

func setupList(r *runner, fs *flag.FlagSet) *listOptions {
	o := &listOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	return o
}
