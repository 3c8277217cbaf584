package cli

import (
	"context"
	"daumoi/data/session"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// evidenceCommands add, read, list, link and date evidence files.
func evidenceCommands() []*command {
	return []*command{
		{name: "evidence link", summaryKey: "cli.cmd.evidence_link", argsUsage: "ID", maxArgs: 1, bind: typed(setupEvidenceLink, execEvidenceLink)},
		{name: "evidence dates", summaryKey: "cli.cmd.evidence_dates", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupEvidenceDates, execEvidenceDates)},
		{name: "evidence add", summaryKey: "cli.cmd.evidence_add", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupEvidenceAdd, execEvidenceAdd)},
		{name: "evidence get", summaryKey: "cli.cmd.evidence_get", argsUsage: "ID", maxArgs: 1, bind: typed(setupEvidenceGet, execEvidenceGet)},
		{name: "evidence list", summaryKey: "cli.cmd.evidence_list", bind: typed(setupList, execEvidenceList)},
	}
}

type evidenceLinkOptions struct {
	vaultOptions
	system, asset, item string
	remove              bool
}

func setupEvidenceLink(r *runner, fs *flag.FlagSet) *evidenceLinkOptions {
	o := &evidenceLinkOptions{}
	o.register(r, fs)
	fs.StringVar(&o.system, "system", "", r.cat.T("cli.flag.system"))
	fs.StringVar(&o.asset, "asset", "", r.cat.T("cli.flag.asset"))
	fs.StringVar(&o.item, "item", "", r.cat.T("cli.flag.item"))
	fs.BoolVar(&o.remove, "remove", false, r.cat.T("cli.flag.remove_link"))
	return o
}

func execEvidenceLink(r *runner, o *evidenceLinkOptions, args []string) error {
	var links []session.EvidenceLink
	for _, l := range []session.EvidenceLink{{Kind: session.LinkSystem, Target: o.system}, {Kind: session.LinkAsset, Target: o.asset},
		{Kind: session.LinkItem, Target: o.item}} {
		if l.Target != "" {
			links = append(links, l)
		}
	}
	if len(args) != 1 || len(links) != 1 {
		return usageErrorf(r.cat.T("cli.err.required", "ID, --system | --asset | --item"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		change, key := s.LinkEvidence, "cli.evidence.linked"
		if o.remove {
			change, key = s.UnlinkEvidence, "cli.evidence.unlinked"
		}
		if err := change(args[0], links[0]); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T(key, args[0], r.cat.T("link_kind."+string(links[0].Kind)), links[0].Target))
		return nil
	})
}

type evidenceDatesOptions struct {
	vaultOptions
	effective, expiry string
}

func setupEvidenceDates(r *runner, fs *flag.FlagSet) *evidenceDatesOptions {
	o := &evidenceDatesOptions{}
	o.register(r, fs)
	fs.StringVar(&o.effective, "effective", "", r.cat.T("cli.flag.effective"))
	fs.StringVar(&o.expiry, "expiry", "", r.cat.T("cli.flag.expiry"))
	return o
}

func execEvidenceDates(r *runner, o *evidenceDatesOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.SetEvidenceDates(args[0], o.effective, o.expiry); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.evidence.dated", args[0]))
		return nil
	})
}

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
