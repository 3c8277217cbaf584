package cli

import (
	"flag"
	"strconv"
	"time"

	"daumoi/data/incidents"
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

// todayOption is the --today flag of commands that depend on the date.
type todayOption struct{ today string }

func (o *todayOption) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&o.today, "today", "", r.cat.T("cli.flag.today"))
}

// day returns --today, or today's date in Vietnam, as 00:00 UTC of that
// date.
func (o *todayOption) day(r *runner) (time.Time, error) {
	if o.today == "" {
		y, m, d := r.env.Now().In(incidents.Zone()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, o.today)
	if err != nil {
		return t, usageErrorf(r.cat.T("cli.err.bad_today", o.today))
	}
	return t, nil
}
