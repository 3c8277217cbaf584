package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strings"
)

// agencyCommands list the agency's roles named by the active packs.
func agencyCommands() []*command {
	return []*command{
		{name: "agency roles", summaryKey: "cli.cmd.agency_roles", bind: typed(setupAgencyRoles, execAgencyRoles)},
	}
}

type agencyRolesOptions struct {
	vaultOptions
	set   string
	clear bool
}

func setupAgencyRoles(r *runner, fs *flag.FlagSet) *agencyRolesOptions {
	o := &agencyRolesOptions{}
	o.register(r, fs)
	fs.StringVar(&o.set, "set", "", r.cat.T("cli.flag.agency_roles"))
	fs.BoolVar(&o.clear, "clear", false, r.cat.T("cli.flag.agency_roles_clear"))
	return o
}

// execAgencyRoles prints the agency's roles and the ones the packs know,
// after setting them if asked.
func execAgencyRoles(r *runner, o *agencyRolesOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if o.set != "" || o.clear {
			var roles []string
			if !o.clear {
				roles = strings.Split(o.set, ",")
			}
			if err := s.SetAgencyRoles(roles); err != nil {
				return err
			}
		}
		roles, err := s.AgencyRoles()
		if err != nil {
			return err
		}
		known, err := s.KnownAgencyRoles()
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.agency.roles", strings.Join(roles, ", "), strings.Join(known, ", ")))
		return nil
	})
}
