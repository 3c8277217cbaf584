package cli

import (
	"flag"
	"fmt"

	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/reports/docs"
)

// officeProfileOptions are the office's identity on its documents: a flag
// given replaces that field, the others are kept.
type officeProfileOptions struct {
	vaultOptions
	name, code, owner, abbreviation, headTitle, signAs, place *string
}

func setupOfficeProfile(r *runner, fs *flag.FlagSet) *officeProfileOptions {
	o := &officeProfileOptions{}
	o.vaultOptions.register(r, fs)
	set := func(dst **string) func(string) error {
		return func(v string) error { *dst = &v; return nil }
	}
	fs.Func("name", r.cat.T("cli.flag.office_profile_name"), set(&o.name))
	fs.Func("code", r.cat.T("cli.flag.office_profile_code"), set(&o.code))
	fs.Func("owner-authority", r.cat.T("cli.flag.office_profile_owner"), set(&o.owner))
	fs.Func("abbreviation", r.cat.T("cli.flag.signing_abbreviation"), set(&o.abbreviation))
	fs.Func("head-title", r.cat.T("cli.flag.signing_head_title"), set(&o.headTitle))
	fs.Func("sign-as", r.cat.T("cli.flag.signing_sign_as"), set(&o.signAs))
	fs.Func("place", r.cat.T("cli.flag.office_profile_place"), set(&o.place))
	return o
}

// execOfficeProfile changes the fields given, then prints what the
// office's reports will carry.
func execOfficeProfile(r *runner, o *officeProfileOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		p, err := s.Profile()
		if err != nil {
			return err
		}
		changed := false
		for dst, v := range map[*string]*string{&p.Name: o.name, &p.Code: o.code, &p.OwnerAuthority: o.owner,
			&p.Signing.Abbreviation: o.abbreviation, &p.Signing.HeadTitle: o.headTitle, &p.Signing.Place: o.place} {
			if v != nil {
				*dst, changed = *v, true
			}
		}
		if o.signAs != nil {
			p.Signing.SignAs, changed = registers.SignAs(*o.signAs), true
		}
		if changed {
			if err := s.SaveProfile(p); err != nil {
				return err
			}
			if p, err = s.Profile(); err != nil {
				return err
			}
		}
		place := p.Signing.Place
		if place == "" {
			place = docs.DefaultPlace
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.office.profile", p.Name, p.Code, p.OwnerAuthority, p.Signing.Symbol("BC"), p.Signing.HeadTitle, p.Signing.SignAs.Label(), place))
		return nil
	})
}
