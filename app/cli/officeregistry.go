package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/reports/signing"
)

// officeRegistryCommands keep the receiving office's registry of agencies
// and their signing keys.
func officeRegistryCommands() []*command {
	return []*command{
		{name: "office agency add", summaryKey: "cli.cmd.office_agency_add", bind: typed(setupAgencyAdd, execAgencyAdd)},
		{name: "office agency edit", summaryKey: "cli.cmd.office_agency_edit", bind: typed(setupAgencyEdit, execAgencyEdit)},
		{name: "office agency list", summaryKey: "cli.cmd.office_agency_list", bind: typed(setupList, execAgencyList)},
		{name: "office agency key", summaryKey: "cli.cmd.office_agency_key", bind: typed(setupAgencyKey, execAgencyKey)},
		{name: "office agency revoke", summaryKey: "cli.cmd.office_agency_revoke", bind: typed(setupAgencyRevoke, execAgencyRevoke)},
		{name: "office agency import", summaryKey: "cli.cmd.office_agency_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupImport, execAgencyImport)},
		{name: "office agency import-keys", summaryKey: "cli.cmd.office_agency_import_keys", argsUsage: "DIR", minArgs: 1, maxArgs: 1, bind: typed(setupKeyImport, execKeyImport)},
	}
}

// agencyFlags are the flags that describe an agency.
type agencyFlags struct {
	a office.Agency
}

func (f *agencyFlags) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&f.a.Code, "code", "", r.cat.T("cli.flag.agency_code"))
	fs.StringVar(&f.a.Name, "name", "", r.cat.T("cli.flag.agency_name"))
	fs.StringVar(&f.a.Parent, "parent", "", r.cat.T("cli.flag.agency_parent"))
	fs.StringVar((*string)(&f.a.Kind), "agency-kind", "", r.cat.T("cli.flag.agency_kind"))
	fs.StringVar(&f.a.ContactName, "contact-name", "", r.cat.T("cli.flag.contact_name"))
	fs.StringVar(&f.a.ContactPhone, "contact-phone", "", r.cat.T("cli.flag.contact_phone"))
	fs.StringVar(&f.a.ContactEmail, "contact-email", "", r.cat.T("cli.flag.contact_email"))
}

// agency checks the required flags and reads the kind as people write it.
func (f *agencyFlags) agency(r *runner) (office.Agency, error) {
	if f.a.Code == "" || f.a.Name == "" {
		return office.Agency{}, usageErrorf(r.cat.T("cli.err.required", "--code, --name"))
	}
	k, err := office.ParseKindLabel(string(f.a.Kind))
	if err != nil {
		return office.Agency{}, err
	}
	a := f.a
	a.Kind = k
	return a, nil
}

// keyFlags are --pubkey and --from.
type keyFlags struct {
	pubkey, from string
}

func (f *keyFlags) register(r *runner, fs *flag.FlagSet) {
	fs.StringVar(&f.pubkey, "pubkey", "", r.cat.T("cli.flag.agency_pubkey"))
	fs.StringVar(&f.from, "from", "", r.cat.T("cli.flag.key_from"))
}

// key reads the public key file and the first valid day.
func (f *keyFlags) key(r *runner) (signing.PublicKey, time.Time, error) {
	if f.pubkey == "" || f.from == "" {
		return signing.PublicKey{}, time.Time{}, usageErrorf(r.cat.T("cli.err.required", "--pubkey, --from"))
	}
	from, err := parseDayFlag(r, "--from", f.from)
	if err != nil {
		return signing.PublicKey{}, time.Time{}, err
	}
	text, err := os.ReadFile(f.pubkey)
	if err != nil {
		return signing.PublicKey{}, time.Time{}, err
	}
	pub, err := signing.ParsePublicKey(text)
	return pub, from, err
}

// parseDayFlag parses a YYYY-MM-DD flag.
func parseDayFlag(r *runner, name, v string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, usageErrorf(r.cat.T("cli.err.bad_date_flag", name, v))
	}
	return t, nil
}

type agencyAddOptions struct {
	vaultOptions
	agencyFlags
	keyFlags
}

func setupAgencyAdd(r *runner, fs *flag.FlagSet) *agencyAddOptions {
	o := &agencyAddOptions{}
	o.vaultOptions.register(r, fs)
	o.agencyFlags.register(r, fs)
	o.keyFlags.register(r, fs)
	return o
}

func execAgencyAdd(r *runner, o *agencyAddOptions, _ []string) error {
	a, err := o.agency(r)
	if err != nil {
		return err
	}
	var pub signing.PublicKey
	var from time.Time
	withKey := o.pubkey != "" || o.from != ""
	if withKey {
		if pub, from, err = o.key(r); err != nil {
			return err
		}
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.AddAgency(a); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("office.registry.cli_agency_added", a.Code, a.Name))
		if !withKey {
			return nil
		}
		return r.addKey(s, a.Code, pub, from)
	})
}

// addKey registers a key and prints its fingerprint, to be compared with
// the one the agency read out.
func (r *runner) addKey(s *session.Session, code string, pub signing.PublicKey, from time.Time) error {
	k, err := s.AddAgencyKey(code, pub, from)
	if err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("office.registry.cli_key_added", k.KeyID, code, k.From.Format(time.DateOnly)))
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.key.fingerprint", k.Fingerprint.KeyID, k.Fingerprint.SHA256))
	fmt.Fprintln(r.env.Stdout, r.cat.T("office.registry.cli_compare_fingerprint"))
	return nil
}

type agencyEditOptions struct {
	vaultOptions
	agencyFlags
}

func setupAgencyEdit(r *runner, fs *flag.FlagSet) *agencyEditOptions {
	o := &agencyEditOptions{}
	o.vaultOptions.register(r, fs)
	o.agencyFlags.register(r, fs)
	return o
}

// execAgencyEdit changes the flags given; the others keep their value.
func execAgencyEdit(r *runner, o *agencyEditOptions, _ []string) error {
	if o.a.Code == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--code"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, _, err := s.Agency(o.a.Code)
		if err != nil {
			return err
		}
		for _, f := range []struct{ dst, v *string }{{&a.Name, &o.a.Name}, {&a.Parent, &o.a.Parent}, {&a.ContactName, &o.a.ContactName},
			{&a.ContactPhone, &o.a.ContactPhone}, {&a.ContactEmail, &o.a.ContactEmail}} {
			if *f.v != "" {
				*f.dst = *f.v
			}
		}
		if o.a.Kind != "" {
			if a.Kind, err = office.ParseKindLabel(string(o.a.Kind)); err != nil {
				return err
			}
		}
		if err := s.UpdateAgency(a); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("office.registry.cli_agency_updated", a.Code, a.Name))
		return nil
	})
}

func execAgencyList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.Agencies()
		if err != nil {
			return err
		}
		text := isText(o.format)
		t := table{
			keys: []string{"code", "name", "kind", "parent", "contact", "key_id", "fingerprint", "valid_from", "valid_until", "revoked"},
			titles: []string{r.cat.T("office.registry.col_code"), r.cat.T("office.registry.col_agency"), r.cat.T("office.registry.col_kind"), r.cat.T("office.registry.col_parent"),
				r.cat.T("office.registry.col_contact"), r.cat.T("office.registry.col_key_id"), r.cat.T("office.registry.col_fingerprint"), r.cat.T("office.registry.col_from"),
				r.cat.T("office.registry.col_until"), r.cat.T("office.registry.col_revoked")},
		}
		for _, a := range list {
			_, keys, err := s.Agency(a.Code)
			if err != nil {
				return err
			}
			t.rows = append(t.rows, agencyRows(r, a, keys, text)...)
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// agencyRows are an agency's lines of the listing: one per key, or one
// without a key.
func agencyRows(r *runner, a office.Agency, keys []office.Key, text bool) [][]string {
	kind := string(a.Kind)
	if text {
		kind = r.cat.T("office.registry.kind." + kind)
	}
	contact := strings.Join(nonEmpty(a.ContactName, a.ContactPhone, a.ContactEmail), ", ")
	head := []string{a.Code, a.Name, kind, a.Parent, contact}
	if len(keys) == 0 {
		return [][]string{append(head, "", "", "", "", "")}
	}
	var rows [][]string
	for _, k := range keys {
		until := ""
		if !k.Until.IsZero() {
			until = k.Until.Format(time.DateOnly)
		}
		fp := k.Fingerprint.SHA256
		if text {
			fp = shorten(fp, 20)
		}
		rows = append(rows, append(append([]string{}, head...), k.KeyID, fp, k.From.Format(time.DateOnly), until, r.yesNo(text, k.Revoked)))
	}
	return rows
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

type agencyKeyOptions struct {
	vaultOptions
	keyFlags
	code string
}

func setupAgencyKey(r *runner, fs *flag.FlagSet) *agencyKeyOptions {
	o := &agencyKeyOptions{}
	o.vaultOptions.register(r, fs)
	o.keyFlags.register(r, fs)
	fs.StringVar(&o.code, "code", "", r.cat.T("cli.flag.agency_code"))
	return o
}

func execAgencyKey(r *runner, o *agencyKeyOptions, _ []string) error {
	if o.code == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--code"))
	}
	pub, from, err := o.key(r)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		return r.addKey(s, o.code, pub, from)
	})
}

type agencyRevokeOptions struct {
	vaultOptions
	code, keyID, from, reason string
}

func setupAgencyRevoke(r *runner, fs *flag.FlagSet) *agencyRevokeOptions {
	o := &agencyRevokeOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.code, "code", "", r.cat.T("cli.flag.agency_code"))
	fs.StringVar(&o.keyID, "key-id", "", r.cat.T("cli.flag.key_id"))
	fs.StringVar(&o.from, "from", "", r.cat.T("cli.flag.revoke_from"))
	fs.StringVar(&o.reason, "reason", "", r.cat.T("cli.flag.revoke_reason"))
	return o
}

func execAgencyRevoke(r *runner, o *agencyRevokeOptions, _ []string) error {
	if o.code == "" || o.keyID == "" || o.from == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--code, --key-id, --from"))
	}
	from, err := parseDayFlag(r, "--from", o.from)
	if err != nil {
		return err
	}
	keyID := strings.ToUpper(strings.ReplaceAll(o.keyID, " ", ""))
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.RevokeAgencyKey(o.code, keyID, from, o.reason); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("office.registry.cli_key_revoked", keyID, o.code, from.Format(time.DateOnly)))
		return nil
	})
}

// execAgencyImport imports the office's own list of agencies as the
// registers are imported: the file is read before the vault is unlocked.
func execAgencyImport(r *runner, o *importOptions, args []string) error {
	return r.runImport(o, args, office.AgencyFields(), (*session.Session).ImportAgencies)
}

type keyImportOptions struct {
	vaultOptions
	from   string
	dryRun bool
}

func setupKeyImport(r *runner, fs *flag.FlagSet) *keyImportOptions {
	o := &keyImportOptions{}
	o.vaultOptions.register(r, fs)
	fs.StringVar(&o.from, "from", "", r.cat.T("cli.flag.key_from"))
	fs.BoolVar(&o.dryRun, "dry-run", false, r.cat.T("cli.flag.dry_run"))
	return o
}

func execKeyImport(r *runner, o *keyImportOptions, args []string) error {
	if o.from == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--from"))
	}
	from, err := parseDayFlag(r, "--from", o.from)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		results, err := s.ImportAgencyKeys(args[0], from, o.dryRun)
		if err != nil {
			return err
		}
		for _, res := range results {
			fmt.Fprintln(r.env.Stdout, r.keyResultLine(res))
		}
		n := session.CountOutcomes(results)
		key := "office.registry.cli_keys_done"
		if o.dryRun {
			key = "office.registry.cli_keys_dry_run"
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T(key, n[session.KeyAdded], len(results)-n[session.KeyAdded]))
		return nil
	})
}

// keyResultLine is one file's line: "FILE: added KEYID" or the reason.
func (r *runner) keyResultLine(res session.KeyFileResult) string {
	outcome := r.cat.T("office.registry.key_outcome." + string(res.Outcome))
	if res.Outcome == session.KeyAdded {
		return r.cat.T("office.registry.cli_key_file_added", res.File, outcome, res.Key.KeyID, res.Key.Fingerprint.SHA256)
	}
	return r.cat.T("office.registry.cli_key_file_refused", res.File, outcome, r.describe(res.Err))
}
