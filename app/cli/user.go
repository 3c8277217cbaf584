package cli

import (
	"daumoi/data/session"
	"daumoi/data/users"
	"flag"
	"fmt"
)

// userCommands add, list, disable and enable users.
func userCommands() []*command {
	return []*command{
		{name: "user add", summaryKey: "cli.cmd.user_add", bind: typed(setupUserAdd, execUserAdd)},
		{name: "user list", summaryKey: "cli.cmd.user_list", bind: typed(setupList, execUserList)},
		{name: "user disable", summaryKey: "cli.cmd.user_disable", argsUsage: "NAME", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execUserDisable)},
		{name: "user enable", summaryKey: "cli.cmd.user_enable", argsUsage: "NAME", minArgs: 1, maxArgs: 1, bind: typed(setupUserEnable, execUserEnable)},
	}
}

type userAddOptions struct {
	vaultOptions
	newUser, roles, fullName, position, newPassFile string
}

func setupUserAdd(r *runner, fs *flag.FlagSet) *userAddOptions {
	o := &userAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.newUser, "new-user", "", r.cat.T("cli.flag.new_user"))
	fs.StringVar(&o.roles, "role", "", r.cat.T("cli.flag.role"))
	fs.StringVar(&o.fullName, "full-name", "", r.cat.T("cli.flag.full_name"))
	fs.StringVar(&o.position, "position", "", r.cat.T("cli.flag.position"))
	fs.StringVar(&o.newPassFile, "new-passphrase-file", "", r.cat.T("cli.flag.new_passphrase_file"))
	return o
}

func execUserAdd(r *runner, o *userAddOptions, _ []string) error {
	if o.newUser == "" || o.roles == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--new-user, --role"))
	}
	roles, err := users.ParseRoles(o.roles)
	if err != nil {
		return err
	}
	newPass, err := r.secret("DAUMOI_NEW_PASSPHRASE", o.newPassFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		u := users.User{Name: o.newUser, FullName: o.fullName, Position: o.position, Roles: roles}
		if err := s.AddUser(u, newPass); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.user.added", o.newUser))
		return nil
	})
}

func execUserList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListUsers()
		if err != nil {
			return err
		}
		t := table{
			keys:   []string{"name", "full_name", "position", "roles", "status"},
			titles: []string{r.cat.T("col.user"), r.cat.T("col.full_name"), r.cat.T("col.position"), r.cat.T("col.roles"), r.cat.T("col.status")},
		}
		for _, u := range list {
			status := "active"
			if u.Disabled {
				status = "disabled"
			} else if u.MustReset {
				status = "must_reset"
			}
			if o.format == "text" || o.format == "" {
				status = r.cat.T("status." + status)
			}
			t.rows = append(t.rows, []string{u.Name, u.FullName, u.Position, users.FormatRoles(u.Roles), status})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execUserDisable(r *runner, o *vaultOptions, args []string) error {
	return r.withSession(o, func(s *session.Session) error {
		if err := s.SetDisabled(args[0], true); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.user.disabled", args[0]))
		return nil
	})
}

type userEnableOptions struct {
	vaultOptions
	newPassFile string
}

func setupUserEnable(r *runner, fs *flag.FlagSet) *userEnableOptions {
	o := &userEnableOptions{}
	o.register(r, fs)
	fs.StringVar(&o.newPassFile, "new-passphrase-file", "", r.cat.T("cli.flag.new_passphrase_file"))
	return o
}

// execUserEnable enables a user again with a first passphrase (their slots
// were removed when they were disabled); they change it at next unlock.
func execUserEnable(r *runner, o *userEnableOptions, args []string) error {
	newPass, err := r.secret("DAUMOI_NEW_PASSPHRASE", o.newPassFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	if err := users.CheckPassphrase(newPass); err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.SetDisabled(args[0], false); err != nil {
			return err
		}
		if err := s.ResetPassphrase(args[0], newPass); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.user.enabled", args[0]))
		return nil
	})
}
