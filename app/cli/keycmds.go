package cli

import (
	"flag"
	"fmt"
	"io/fs"
	"os"

	"daumoi/app/exportfile"
	"daumoi/data/session"
	"daumoi/data/users"
)

// keyCommands are the commands that revoke access: key rotation, disabling
// a user, a new recovery code.
func keyCommands() []*command {
	return []*command{
		{name: "vault rotate-key", summaryKey: "cli.cmd.rotate_key", bind: typed(setupVault, execRotateKey)},
		{name: "user disable", summaryKey: "cli.cmd.user_disable", argsUsage: "NAME", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execUserDisable)},
		{name: "user enable", summaryKey: "cli.cmd.user_enable", argsUsage: "NAME", minArgs: 1, maxArgs: 1, bind: typed(setupUserEnable, execUserEnable)},
		{name: "recovery new", summaryKey: "cli.cmd.recovery_new", bind: typed(setupRecoveryNew, execRecoveryNew)},
	}
}

func execRotateKey(r *runner, o *vaultOptions, _ []string) error {
	return r.withSession(o, func(s *session.Session) error {
		if err := s.RotateKey(); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.rotate.done"))
		return nil
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

type recoveryNewOptions struct {
	vaultOptions
	out string
}

func setupRecoveryNew(r *runner, fs *flag.FlagSet) *recoveryNewOptions {
	o := &recoveryNewOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.recovery_out"))
	return o
}

// execRecoveryNew replaces the recovery code and shows the new one once,
// or writes it to --out (mode 0600, never over an existing file). The file
// is prepared before the code changes; should it still fail afterwards,
// the code is printed so that it is not lost.
func execRecoveryNew(r *runner, o *recoveryNewOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var f *exportfile.File
		if o.out != "" {
			// Refused again, atomically, when published; asked here so that
			// the code is not changed for nothing.
			if _, err := os.Lstat(o.out); err == nil {
				return &fs.PathError{Op: "create", Path: o.out, Err: fs.ErrExist}
			}
			var err error
			if f, err = exportfile.Create(o.out, exportfile.Options{Perm: 0o600, Registrar: s}); err != nil {
				return err
			}
			defer f.Abort()
		}
		code, err := s.NewRecoveryCode()
		if err != nil {
			return err
		}
		if f == nil {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.recovery.once"))
			fmt.Fprintln(r.env.Stdout, code)
			return nil
		}
		_, err = fmt.Fprintln(f, code)
		if err == nil {
			err = f.Publish()
		}
		if err != nil {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.recovery.not_written"))
			fmt.Fprintln(r.env.Stdout, code)
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.recovery.written", o.out))
		return nil
	})
}
