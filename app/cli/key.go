package cli

import (
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/reports/signing"
	"flag"
	"fmt"
	"os"
)

// keyCommands make, export and generate report signing keys.
func keyCommands() []*command {
	return []*command{
		{name: "key create", summaryKey: "cli.cmd.key_create", bind: typed(setupKeyCreate, execKeyCreate)},
		{name: "key export", summaryKey: "cli.cmd.key_export", bind: typed(setupKeyExport, execKeyExport)},
		{name: "key generate", summaryKey: "cli.cmd.key_generate", bind: typed(setupKeyGenerate, execKeyGenerate)},
	}
}

// mayUseOwnKey checks, before the signing passphrase is asked for, that
// the acting user may sign and has a key.
func mayUseOwnKey(s *session.Session) error {
	me, err := s.Me()
	if err != nil {
		return err
	}
	if !me.Can(users.PermSign) {
		return fmt.Errorf("%w: %s", session.ErrNotPermitted, me.Name)
	}
	_, err = s.SigningKey(me.Name)
	return err
}

// exportedKey is the named user's current key, or by default the manager's
// (session.ManagerSigningKey).
func exportedKey(s *session.Session, signer string) (session.SigningKeyInfo, error) {
	if signer != "" {
		return s.SigningKey(signer)
	}
	return s.ManagerSigningKey()
}

type keyCreateOptions struct {
	vaultOptions
	signingPassFile string
}

func setupKeyCreate(r *runner, fs *flag.FlagSet) *keyCreateOptions {
	o := &keyCreateOptions{}
	o.register(r, fs)
	fs.StringVar(&o.signingPassFile, "signing-passphrase-file", "", r.cat.T("cli.flag.signing_passphrase_file"))
	return o
}

func execKeyCreate(r *runner, o *keyCreateOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		me, err := s.Me()
		if err != nil {
			return err
		}
		if !me.Can(users.PermSign) && !me.Can(users.PermOfficeSign) {
			return fmt.Errorf("%w: %s", session.ErrNotPermitted, me.Name)
		}
		pass, err := r.secret("DAUMOI_SIGNING_PASSPHRASE", o.signingPassFile, "cli.prompt.new_signing_passphrase", true)
		if err != nil {
			return err
		}
		info, err := s.CreateSigningKey(pass)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.created", me.Name))
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", info.Fingerprint.KeyID, info.Fingerprint.SHA256))
		return nil
	})
}

type keyExportOptions struct {
	vaultOptions
	out, signer string
}

func setupKeyExport(r *runner, fs *flag.FlagSet) *keyExportOptions {
	o := &keyExportOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.out"))
	fs.StringVar(&o.signer, "signer", "", r.cat.T("cli.flag.signer"))
	return o
}

func execKeyExport(r *runner, o *keyExportOptions, _ []string) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		info, err := exportedKey(s, o.signer)
		if err != nil {
			return err
		}
		text, err := info.PublicKey.MarshalText()
		if err != nil {
			return err
		}
		if err := writeFileAtomic(s, o.out, 0o600, writeAll(text)); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.exported", info.User, o.out))
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", info.Fingerprint.KeyID, info.Fingerprint.SHA256))
		return nil
	})
}

type keyGenerateOptions struct {
	outPub, outKey, passFile string
}

func setupKeyGenerate(r *runner, fs *flag.FlagSet) *keyGenerateOptions {
	o := &keyGenerateOptions{}
	fs.StringVar(&o.outPub, "out-pub", "", r.cat.T("cli.flag.out_pub"))
	fs.StringVar(&o.outKey, "out-key", "", r.cat.T("cli.flag.out_key"))
	fs.StringVar(&o.passFile, "passphrase-file", "", r.cat.T("cli.flag.passphrase_file"))
	return o
}

func execKeyGenerate(r *runner, o *keyGenerateOptions, _ []string) error {
	if o.outPub == "" || o.outKey == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out-pub, --out-key"))
	}
	for _, p := range []string{o.outKey, o.outPub} {
		if _, err := os.Lstat(p); err == nil {
			return &os.PathError{Op: "create", Path: p, Err: os.ErrExist}
		}
	}
	pass, err := r.secret("DAUMOI_PASSPHRASE", o.passFile, "cli.prompt.new_passphrase", true)
	if err != nil {
		return err
	}
	pub, sec, err := signing.GenerateKey()
	if err != nil {
		return err
	}
	encrypted, err := signing.EncryptSecretKey(sec, pass)
	if err != nil {
		return err
	}
	pubText, _ := pub.MarshalText()
	if err := writeFileAtomic(nil, o.outKey, 0o600, writeAll(encrypted)); err != nil {
		return err
	}
	if err := writeFileAtomic(nil, o.outPub, 0o644, writeAll(pubText)); err != nil {
		os.Remove(o.outKey)
		return err
	}
	fp := pub.Fingerprint()
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.generated", o.outPub, o.outKey))
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", fp.KeyID, fp.SHA256))
	return nil
}
