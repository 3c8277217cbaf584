package cli

import (
	"daumoi/data/registers"
	"daumoi/data/session"
	"flag"
	"fmt"
	"os"
	"strings"
)

// agencyCommands list the agency's roles named by the active packs and
// show or set how its documents are signed.
func agencyCommands() []*command {
	return []*command{
		{name: "agency roles", summaryKey: "cli.cmd.agency_roles", bind: typed(setupAgencyRoles, execAgencyRoles)},
		{name: "agency signing", summaryKey: "cli.cmd.agency_signing", bind: typed(setupAgencySigning, execAgencySigning)},
	}
}

// agencySigningOptions holds the signing flags given; nil means keep.
type agencySigningOptions struct {
	vaultOptions
	abbreviation, headTitle, collective, signAs *string
	// signatureImage and sealImage are PNG files to store ("" keeps).
	signatureImage, sealImage string
}

func setupAgencySigning(r *runner, fs *flag.FlagSet) *agencySigningOptions {
	o := &agencySigningOptions{}
	o.register(r, fs)
	set := func(dst **string) func(string) error {
		return func(v string) error { *dst = &v; return nil }
	}
	fs.Func("abbreviation", r.cat.T("cli.flag.signing_abbreviation"), set(&o.abbreviation))
	fs.Func("head-title", r.cat.T("cli.flag.signing_head_title"), set(&o.headTitle))
	fs.Func("collective", r.cat.T("cli.flag.signing_collective"), set(&o.collective))
	fs.Func("sign-as", r.cat.T("cli.flag.signing_sign_as"), set(&o.signAs))
	fs.StringVar(&o.signatureImage, "signature-image", "", r.cat.T("cli.flag.signing_signature_image"))
	fs.StringVar(&o.sealImage, "seal-image", "", r.cat.T("cli.flag.signing_seal_image"))
	return o
}

// execAgencySigning sets the signing details given by flags, then prints
// them with the authority lines they give.
func execAgencySigning(r *runner, o *agencySigningOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		p, err := s.Profile()
		if err != nil {
			return err
		}
		g := p.Signing
		if o.abbreviation != nil || o.headTitle != nil || o.collective != nil || o.signAs != nil {
			for dst, v := range map[*string]*string{&g.Abbreviation: o.abbreviation, &g.HeadTitle: o.headTitle, &g.CollectiveBody: o.collective} {
				if v != nil {
					*dst = *v
				}
			}
			if o.signAs != nil {
				g.SignAs = registers.SignAs(*o.signAs)
			}
			if err := s.SaveSigning(g); err != nil {
				return err
			}
			if p, err = s.Profile(); err != nil {
				return err
			}
			g = p.Signing
		}
		authority, _ := g.SignatureLines("")
		lines := strings.Join(authority, " / ")
		if lines == "" {
			lines = r.cat.T("cli.agency.signing_no_authority")
		}
		var choices []string
		for _, a := range registers.SignAsValues() {
			choices = append(choices, string(a)+" ("+a.Label()+")")
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.agency.signing", g.Abbreviation, g.Symbol("BC"), g.HeadTitle, g.CollectiveBody,
			g.SignAs.Label(), lines, strings.Join(choices, ", ")))
		return signatureImages(r, s, o)
	})
}

// signatureImages stores the images given by flags, then says which images
// the visible digital signature has.
func signatureImages(r *runner, s *session.Session, o *agencySigningOptions) error {
	img, err := s.SignatureImages()
	if err != nil {
		return err
	}
	if o.signatureImage != "" || o.sealImage != "" {
		for dst, path := range map[*[]byte]string{&img.Signature: o.signatureImage, &img.Seal: o.sealImage} {
			if path == "" {
				continue
			}
			if *dst, err = os.ReadFile(path); err != nil {
				return err
			}
		}
		if err := s.SaveSignatureImages(img); err != nil {
			return err
		}
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.agency.signature_images", yesNo(r, len(img.Signature) > 0), yesNo(r, len(img.Seal) > 0)))
	return nil
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
