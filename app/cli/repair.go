package cli

import (
	"daumoi/app/errtext"
	"daumoi/data/session"
	"daumoi/data/vault"
	"errors"
	"flag"
	"fmt"
	"time"
)

// ErrRepairNotConfirmed is returned by "vault repair" without --yes after it
// explained what it would drop.
var ErrRepairNotConfirmed = errors.New("cli: repair not confirmed; nothing was changed")

type repairOptions struct {
	vaultOptions
	yes bool
}

func setupRepair(r *runner, fs *flag.FlagSet) *repairOptions {
	o := &repairOptions{}
	o.register(r, fs)
	fs.BoolVar(&o.yes, "yes", false, r.cat.T("cli.flag.repair_yes"))
	return o
}

// execRepair unlocks the vault offering to drop damaged final journal
// records: it prints what would be dropped and drops it only with --yes.
func execRepair(r *runner, o *repairOptions, _ []string) error {
	dir, err := r.vaultDir(o.vault)
	if err != nil {
		return err
	}
	cred, err := r.credential(&o.vaultOptions)
	if err != nil {
		return err
	}
	l, err := session.OpenLocked(dir, r.env.Now)
	if err != nil {
		return err
	}
	defer l.Close()
	time.Sleep(l.RetryAfter()) // the delay owed by recent wrong passphrases, as session.Open
	asked := false
	l.SetRepair(func(p vault.RepairPlan) bool {
		asked = true
		fmt.Fprintln(r.env.Stdout, errtext.RepairPlan(r.cat, p))
		return o.yes
	})
	s, err := l.Unlock(cred)
	switch {
	case err != nil && asked && !o.yes:
		return fmt.Errorf("%w: %w", ErrRepairNotConfirmed, err)
	case err != nil:
		return err
	}
	defer s.Close()
	if asked {
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.repair.done"))
	} else {
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.repair.nothing"))
	}
	return nil
}
