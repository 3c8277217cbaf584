package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strconv"
)

// awarenessCommands record and list awareness training.
func awarenessCommands() []*command {
	return []*command{
		{name: "awareness add", summaryKey: "cli.cmd.awareness_add", bind: typed(setupAwarenessAdd, execAwarenessAdd)},
		{name: "awareness list", summaryKey: "cli.cmd.awareness_list", bind: typed(setupList, execAwarenessList)},
	}
}

type awarenessAddOptions struct {
	vaultOptions
	date, topic, audience, evidence string
	count                           int
}

func setupAwarenessAdd(r *runner, fs *flag.FlagSet) *awarenessAddOptions {
	o := &awarenessAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.topic, "topic", "", r.cat.T("cli.flag.topic"))
	fs.StringVar(&o.audience, "audience", "", r.cat.T("cli.flag.audience"))
	fs.IntVar(&o.count, "count", 0, r.cat.T("cli.flag.attendees"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execAwarenessAdd(r *runner, o *awarenessAddOptions, _ []string) error {
	if o.date == "" || o.topic == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--date, --topic"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.RecordAwareness(session.AwarenessSession{Date: o.date, Topic: o.topic, Audience: o.audience, Attendees: o.count, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.awareness.added", a.Topic, a.Date, a.Attendees))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execAwarenessList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAwareness()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "date", "topic", "audience", "attendees", "evidence"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.topic"), r.cat.T("col.audience"), r.cat.T("col.attendees"), r.cat.T("col.evidence")}}
		for _, a := range list {
			t.rows = append(t.rows, []string{itoa(a.ID), a.Date, a.Topic, a.Audience, strconv.Itoa(a.Attendees), a.EvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
