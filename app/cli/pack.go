package cli

import (
	"daumoi/data/packs"
	"daumoi/data/session"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
)

// packCommands import, list, activate and deactivate regulation packs.
func packCommands() []*command {
	return []*command{
		{name: "pack list", summaryKey: "cli.cmd.pack_list", bind: typed(setupList, execPackList)},
		{name: "pack import", summaryKey: "cli.cmd.pack_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execPackImport)},
		{name: "pack activate", summaryKey: "cli.cmd.pack_activate", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupPackActivate, execPackActivate)},
		{name: "pack deactivate", summaryKey: "cli.cmd.pack_deactivate", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execPackDeactivate)},
	}
}

func execPackList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListPacks()
		if err != nil {
			return err
		}
		text := isText(o.format)
		t := table{
			keys: []string{"id", "title", "version", "origin", "active", "items", "criteria", "obligations", "sha256"},
			titles: []string{"ID", r.cat.T("col.title"), r.cat.T("col.version"), r.cat.T("col.origin"), r.cat.T("col.active"),
				r.cat.T("col.items"), r.cat.T("col.criteria"), r.cat.T("col.obligations"), "SHA-256"},
		}
		for _, p := range list {
			origin := "shipped"
			if p.Imported {
				origin = "imported"
			}
			sum := p.SHA256
			if text {
				origin, sum = r.cat.T("pack_origin."+origin), sum[:12]
			}
			t.rows = append(t.rows, []string{p.ID, p.TitleVI, strconv.Itoa(p.Version), origin, r.yesNo(text, p.Active),
				strconv.Itoa(p.Items), strconv.Itoa(p.Criteria), strconv.Itoa(p.Obligations), sum})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execPackImport(r *runner, o *vaultOptions, args []string) error {
	raw, err := readSmallFile(args[0], packs.MaxPackSize)
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		info, err := s.ImportPack(raw)
		if err != nil {
			return r.packError(err)
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.pack.imported", info.ID, info.Version, info.Items, info.Obligations))
		return nil
	})
}

// packError renders a refused pack with the exact problem the validator
// found (its path in the file and what is wrong).
func (r *runner) packError(err error) error {
	var ve *packs.ValidationError
	switch {
	case errors.As(err, &ve):
		return &detailedError{r.cat.T("err.pack_invalid", r.describe(ve))}
	case errors.Is(err, packs.ErrNotNewer):
		return &detailedError{r.cat.T("err.pack_not_newer", r.describe(err))}
	}
	return err
}

// readSmallFile reads a regular file of at most limit bytes.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: path, Err: os.ErrInvalid}
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

type packActivateOptions struct {
	vaultOptions
	off bool
}

func setupPackActivate(r *runner, fs *flag.FlagSet) *packActivateOptions {
	o := &packActivateOptions{}
	o.register(r, fs)
	fs.BoolVar(&o.off, "off", false, r.cat.T("cli.flag.pack_off"))
	return o
}

func execPackActivate(r *runner, o *packActivateOptions, args []string) error {
	return r.setPackActive(&o.vaultOptions, args, !o.off)
}

func execPackDeactivate(r *runner, o *vaultOptions, args []string) error {
	return r.setPackActive(o, args, false)
}

func (r *runner) setPackActive(o *vaultOptions, args []string, active bool) error {
	return r.withSession(o, func(s *session.Session) error {
		if err := s.SetPackActive(args[0], active); err != nil {
			return err
		}
		key := "cli.pack.deactivated"
		if active {
			key = "cli.pack.activated"
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T(key, args[0]))
		return nil
	})
}
