package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"daumoi/data/session"
	"daumoi/data/users"
)

// vaultCommands are the commands of the vault, users and history.
func vaultCommands() []*command {
	return []*command{
		{name: "init", summaryKey: "cli.cmd.init", bind: typed(setupInit, execInit)},
		{name: "user add", summaryKey: "cli.cmd.user_add", bind: typed(setupUserAdd, execUserAdd)},
		{name: "user list", summaryKey: "cli.cmd.user_list", bind: typed(setupList, execUserList)},
		{name: "passwd", summaryKey: "cli.cmd.passwd", bind: typed(setupPasswd, execPasswd)},
		{name: "audit verify", summaryKey: "cli.cmd.audit_verify", bind: typed(setupVault, execAuditVerify)},
		{name: "backup", summaryKey: "cli.cmd.backup", bind: typed(setupBackup, execBackup)},
		{name: "restore", summaryKey: "cli.cmd.restore", bind: typed(setupRestore, execRestore)},
		{name: "vault repair", summaryKey: "cli.cmd.vault_repair", bind: typed(setupRepair, execRepair)},
		{name: "evidence add", summaryKey: "cli.cmd.evidence_add", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupEvidenceAdd, execEvidenceAdd)},
		{name: "evidence get", summaryKey: "cli.cmd.evidence_get", argsUsage: "ID", maxArgs: 1, bind: typed(setupEvidenceGet, execEvidenceGet)},
		{name: "evidence list", summaryKey: "cli.cmd.evidence_list", bind: typed(setupList, execEvidenceList)},
	}
}

func setupVault(r *runner, fs *flag.FlagSet) *vaultOptions {
	o := &vaultOptions{}
	o.register(r, fs)
	return o
}

// --- init ---

type initOptions struct {
	vaultOptions
	org, office, roles, fullName, position, recoveryOut string
}

func setupInit(r *runner, fs *flag.FlagSet) *initOptions {
	o := &initOptions{}
	fs.StringVar(&o.vault, "vault", "", r.cat.T("cli.flag.vault"))
	fs.StringVar(&o.user, "user", "", r.cat.T("cli.flag.user"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	fs.StringVar(&o.org, "org", "", r.cat.T("cli.flag.org"))
	fs.StringVar(&o.office, "receiving-office", "", r.cat.T("cli.flag.receiving_office"))
	fs.StringVar(&o.roles, "role", "focal,it,manager", r.cat.T("cli.flag.role"))
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
	roles, err := users.ParseRoles(o.roles)
	if err != nil {
		return err
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
		Org: o.org, ReceivingOffice: o.office, Passphrase: pass, Now: time.Now,
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

// --- users ---

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

// --- backup / restore ---

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

// --- evidence ---

type evidenceAddOptions struct {
	vaultOptions
	title, description string
}

func setupEvidenceAdd(r *runner, fs *flag.FlagSet) *evidenceAddOptions {
	o := &evidenceAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.title, "title", "", r.cat.T("cli.flag.title"))
	fs.StringVar(&o.description, "description", "", r.cat.T("cli.flag.description"))
	return o
}

func execEvidenceAdd(r *runner, o *evidenceAddOptions, args []string) error {
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: args[0], Err: os.ErrInvalid}
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		e, err := s.AddEvidence(context.Background(), f, session.EvidenceMeta{
			Title: o.title, FileName: filepath.Base(args[0]), Description: o.description,
		}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.evidence.added", e.Title, e.Size, e.SHA256))
		fmt.Fprintln(r.env.Stdout, e.ID)
		return nil
	})
}

type evidenceGetOptions struct {
	vaultOptions
	out string
}

func setupEvidenceGet(r *runner, fs *flag.FlagSet) *evidenceGetOptions {
	o := &evidenceGetOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	return o
}

func execEvidenceGet(r *runner, o *evidenceGetOptions, args []string) error {
	if len(args) != 1 || o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "ID, --out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var e session.Evidence
		err := writeFileAtomic(s, o.out, 0o600, func(w io.Writer) error {
			var err error
			e, err = s.CopyEvidence(context.Background(), args[0], w)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.evidence.written", e.Title, o.out))
		return nil
	})
}

func execEvidenceList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListEvidence()
		if err != nil {
			return err
		}
		t := table{
			keys:   []string{"id", "title", "file_name", "media_type", "size", "sha256", "added_by", "added_at"},
			titles: []string{"ID", r.cat.T("col.title"), r.cat.T("col.file_name"), r.cat.T("col.media_type"), r.cat.T("col.size"), "SHA-256", r.cat.T("col.added_by"), r.cat.T("col.added_at")},
		}
		for _, e := range list {
			t.rows = append(t.rows, []string{e.ID, e.Title, e.FileName, e.MediaType, strconv.FormatInt(e.Size, 10), e.SHA256, e.AddedBy, e.AddedAt.Format("2006-01-02 15:04")})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
