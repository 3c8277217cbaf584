package cli

import (
	"daumoi/app/exportfile"
	"daumoi/data/session"
	"daumoi/data/users"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// vaultCommands create, back up, restore, verify and repair the vault and rotate its keys.
func vaultCommands() []*command {
	return []*command{
		{name: "init", summaryKey: "cli.cmd.init", bind: typed(setupInit, execInit)},
		{name: "passwd", summaryKey: "cli.cmd.passwd", bind: typed(setupPasswd, execPasswd)},
		{name: "audit verify", summaryKey: "cli.cmd.audit_verify", bind: typed(setupVault, execAuditVerify)},
		{name: "backup", summaryKey: "cli.cmd.backup", bind: typed(setupBackup, execBackup)},
		{name: "restore", summaryKey: "cli.cmd.restore", bind: typed(setupRestore, execRestore)},
		{name: "vault repair", summaryKey: "cli.cmd.vault_repair", bind: typed(setupRepair, execRepair)},
		{name: "vault rotate-key", summaryKey: "cli.cmd.rotate_key", bind: typed(setupVault, execRotateKey)},
		{name: "recovery new", summaryKey: "cli.cmd.recovery_new", bind: typed(setupRecoveryNew, execRecoveryNew)},
	}
}

type initOptions struct {
	vaultOptions
	org, office, roles, fullName, position, recoveryOut, kind string
}

func setupInit(r *runner, fs *flag.FlagSet) *initOptions {
	o := &initOptions{}
	fs.StringVar(&o.vault, "vault", "", r.cat.T("cli.flag.vault"))
	fs.StringVar(&o.user, "user", "", r.cat.T("cli.flag.user"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	fs.StringVar(&o.org, "org", "", r.cat.T("cli.flag.org"))
	fs.StringVar(&o.office, "receiving-office", "", r.cat.T("cli.flag.receiving_office"))
	fs.StringVar(&o.kind, "kind", "agency", r.cat.T("cli.flag.vault_kind"))
	fs.StringVar(&o.roles, "role", "", r.cat.T("cli.flag.role"))
	fs.StringVar(&o.fullName, "full-name", "", r.cat.T("cli.flag.full_name"))
	fs.StringVar(&o.position, "position", "", r.cat.T("cli.flag.position"))
	fs.StringVar(&o.recoveryOut, "recovery-key-out", "", r.cat.T("cli.flag.recovery_key_out"))
	return o
}

func execInit(r *runner, o *initOptions, _ []string) error {
	if o.org == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--org"))
	}
	dir, err := r.vaultDir(o.vault)
	if err != nil {
		return err
	}
	user, err := r.userName(o.user)
	if err != nil {
		return err
	}
	kind, err := session.ParseKind(o.kind)
	if err != nil {
		return err
	}
	var roles []users.Role // none: every role of the kind
	if o.roles != "" {
		if roles, err = users.ParseRoles(o.roles); err != nil {
			return err
		}
	}
	pass, err := r.secret("DAUMOI_PASSPHRASE", o.passFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	if o.recoveryOut != "" {
		if _, err := os.Lstat(o.recoveryOut); err == nil {
			return &fs.PathError{Op: "create", Path: o.recoveryOut, Err: os.ErrExist}
		}
	}
	s, code, err := session.Create(dir, session.CreateParams{
		Org: o.org, ReceivingOffice: o.office, Kind: kind, Passphrase: pass, Now: r.env.Now,
		User: users.User{Name: user, FullName: o.fullName, Position: o.position, Roles: roles},
	})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.init.done", dir))
	if o.recoveryOut != "" {
		err := writeFileAtomic(s, o.recoveryOut, 0o600, func(w io.Writer) error {
			_, err := fmt.Fprintln(w, code)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.init.recovery_written", o.recoveryOut))
		return nil
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.init.recovery_once"))
	fmt.Fprintln(r.env.Stdout, code)
	return nil
}

type passwdOptions struct {
	vaultOptions
	newPassFile string
}

func setupPasswd(r *runner, fs *flag.FlagSet) *passwdOptions {
	o := &passwdOptions{}
	o.register(r, fs)
	fs.StringVar(&o.newPassFile, "new-passphrase-file", "", r.cat.T("cli.flag.new_passphrase_file"))
	return o
}

func execPasswd(r *runner, o *passwdOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		newPass, err := r.secret("DAUMOI_NEW_PASSPHRASE", o.newPassFile, "cli.prompt.new_passphrase", true)
		if err != nil {
			return err
		}
		if err := s.ChangePassphrase(newPass); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.passwd.done"))
		return nil
	})
}

func execAuditVerify(r *runner, o *vaultOptions, _ []string) error {
	return r.withSession(o, func(s *session.Session) error {
		res, err := s.VerifyHistory()
		if err != nil {
			if res.BrokenAt > 0 {
				return errors.New(r.cat.T("cli.audit.broken", res.BrokenAt, res.Reason))
			}
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.audit.ok", res.Entries, res.Head.Hash))
		return nil
	})
}

type backupOptions struct {
	vaultOptions
	out string
}

func setupBackup(r *runner, fs *flag.FlagSet) *backupOptions {
	o := &backupOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	return o
}

func execBackup(r *runner, o *backupOptions, _ []string) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := writeFileAtomic(s, o.out, 0o600, s.Backup); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.backup.done", o.out))
		return nil
	})
}

type restoreOptions struct {
	vaultOptions
	from string
}

func setupRestore(r *runner, fs *flag.FlagSet) *restoreOptions {
	o := &restoreOptions{}
	o.register(r, fs)
	fs.StringVar(&o.from, "from", "", r.cat.T("cli.flag.from"))
	return o
}

func execRestore(r *runner, o *restoreOptions, _ []string) error {
	if o.from == "" || o.vault == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--from, --vault"))
	}
	cred, err := r.credential(&o.vaultOptions)
	if err != nil {
		return err
	}
	f, err := os.Open(o.from)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := session.Restore(f, o.vault, cred); err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.restore.done", o.vault))
	return nil
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
