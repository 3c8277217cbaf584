package cli

import (
	"daumoi/data/session"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// activityCommands record and list the activities that meet obligations.
func activityCommands() []*command {
	return []*command{
		{name: "activity add", summaryKey: "cli.cmd.activity_add", bind: typed(setupActivityAdd, execActivityAdd)},
		{name: "activity list", summaryKey: "cli.cmd.activity_list", bind: typed(setupList, execActivityList)},
	}
}

type activityAddOptions struct {
	vaultOptions
	kind, date, note, evidence string
	system                     int64
}

func setupActivityAdd(r *runner, fs *flag.FlagSet) *activityAddOptions {
	o := &activityAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.activity_kind"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.note, "note", "", r.cat.T("cli.flag.note"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execActivityAdd(r *runner, o *activityAddOptions, _ []string) error {
	if o.kind == "" || o.date == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind, --date"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.RecordActivity(session.Activity{Kind: o.kind, Date: o.date, SystemID: o.system, Note: o.note, EvidenceID: o.evidence})
		if errors.Is(err, session.ErrUnknownActivityKind) {
			kinds, kerr := s.ActivityKinds()
			if kerr != nil {
				return errors.Join(err, kerr)
			}
			return &detailedError{r.cat.T("err.unknown_activity_kind_list", o.kind, strings.Join(kinds, ", "))}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.activity.added", a.Kind, a.Date))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execActivityList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListActivities(session.ActivityFilter{})
		if err != nil {
			return err
		}
		t := table{
			keys: []string{"id", "date", "kind", "system_id", "note", "evidence", "recorded_by"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.kind"), r.cat.T("col.system_id"), r.cat.T("col.note"),
				r.cat.T("col.evidence"), r.cat.T("col.recorded_by")},
		}
		for _, a := range list {
			system := ""
			if a.SystemID != 0 {
				system = strconv.FormatInt(a.SystemID, 10)
			}
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), a.Date, a.Kind, system, a.Note, a.EvidenceID, a.RecordedBy})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
