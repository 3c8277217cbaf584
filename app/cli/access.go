package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"daumoi/app/errtext"
	"daumoi/app/exportfile"
	"daumoi/app/paths"
	"daumoi/data/session"
)

// ErrNoPassphrase is returned when no passphrase source is available.
var ErrNoPassphrase = errors.New("cli: no passphrase given")

// vaultOptions are the flags every command that opens a vault takes.
type vaultOptions struct {
	vault        string
	user         string
	passFile     string
	recoveryFile string
}

func (o *vaultOptions) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&o.vault, "vault", "", r.cat.T("cli.flag.vault"))
	fs.StringVar(&o.user, "user", "", r.cat.T("cli.flag.user"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	fs.StringVar(&o.recoveryFile, "recovery-key-file", "", r.cat.T("cli.flag.recovery_key_file"))
}

// vaultDir resolves --vault, then $DAUMOI_VAULT, then the per-user folder.
func (r *runner) vaultDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := r.env.Getenv("DAUMOI_VAULT"); env != "" {
		return env, nil
	}
	return paths.DefaultVaultDir(r.env.Getenv)
}

// userName resolves --user, then $DAUMOI_USER.
func (r *runner) userName(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := r.env.Getenv("DAUMOI_USER"); env != "" {
		return env, nil
	}
	return "", usageErrorf(r.cat.T("cli.err.no_user"))
}

// secret reads a passphrase from the environment variable, else the file,
// else a terminal prompt (twice when confirm is set).
func (r *runner) secret(envVar, file, promptKey string, confirm bool) ([]byte, error) {
	if v := r.env.Getenv(envVar); v != "" {
		return []byte(v), nil
	}
	if file != "" {
		return readSecretFile(file)
	}
	f, ok := r.env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, &usageError{msg: r.cat.T("cli.err.no_passphrase", envVar)}
	}
	pass, err := r.prompt(f, r.cat.T(promptKey))
	if err != nil || !confirm {
		return pass, err
	}
	again, err := r.prompt(f, r.cat.T("cli.prompt.again"))
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(pass, again) {
		return nil, fmt.Errorf("%w: %s", ErrNoPassphrase, r.cat.T("cli.err.mismatch"))
	}
	return pass, nil
}

func (r *runner) prompt(f *os.File, label string) ([]byte, error) {
	fmt.Fprint(r.env.Stderr, label+": ")
	pass, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(r.env.Stderr)
	return pass, err
}

// readSecretFile reads a passphrase or recovery code from a file, without
// its final line break.
func readSecretFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(b, "\r\n"), nil
}

// credential gathers the user's credential from flags and environment.
func (r *runner) credential(o *vaultOptions) (session.Credential, error) {
	user, err := r.userName(o.user)
	if err != nil {
		return session.Credential{}, err
	}
	if o.recoveryFile != "" {
		code, err := readSecretFile(o.recoveryFile)
		if err != nil {
			return session.Credential{}, err
		}
		return session.Credential{User: user, RecoveryCode: strings.TrimSpace(string(code))}, nil
	}
	pass, err := r.secret("DAUMOI_PASSPHRASE", o.passFile, "cli.prompt.passphrase", false)
	if err != nil {
		return session.Credential{}, err
	}
	return session.Credential{User: user, Passphrase: pass}, nil
}

// openSession unlocks the vault for one command.
func (r *runner) openSession(o *vaultOptions) (*session.Session, error) {
	dir, err := r.vaultDir(o.vault)
	if err != nil {
		return nil, err
	}
	cred, err := r.credential(o)
	if err != nil {
		return nil, err
	}
	s, err := session.Open(dir, cred, r.env.Now)
	if err != nil {
		return nil, err
	}
	r.warnIntegrity(s)
	if r.current != nil && r.current.kind != "" {
		if err := s.RequireKind(r.current.kind); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// warnIntegrity prints, one line each on stderr, what the roster check at
// unlock found (users, roles or history changed outside the application).
func (r *runner) warnIntegrity(s *session.Session) {
	for _, p := range s.IntegrityProblems() {
		fmt.Fprintf(r.env.Stderr, "daumoi: %s: %s\n", r.cat.T("cli.warn.prefix"), oneLine(errtext.Integrity(r.cat, p)))
	}
}

// withSession runs fn with an unlocked vault and closes it afterwards.
func (r *runner) withSession(o *vaultOptions, fn func(s *session.Session) error) error {
	s, err := r.openSession(o)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

// writeFileAtomic writes a file the user asked for so that a failure or a
// kill never leaves a partial file (package exportfile); temporary files
// are registered with reg (the open session, or nil) so that the next
// unlock deletes any left by a kill. It refuses, atomically, to replace an
// existing file.
func writeFileAtomic(reg exportfile.Registrar, path string, perm os.FileMode, write func(w io.Writer) error) error {
	return exportfile.Write(path, exportfile.Options{Perm: perm, Registrar: reg}, write)
}
