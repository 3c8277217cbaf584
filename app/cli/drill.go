package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// drillCommands record and list incident-response drills.
func drillCommands() []*command {
	return []*command{
		{name: "drill add", summaryKey: "cli.cmd.drill_add", bind: typed(setupDrillAdd, execDrillAdd)},
		{name: "drill list", summaryKey: "cli.cmd.drill_list", bind: typed(setupList, execDrillList)},
	}
}

type drillAddOptions struct {
	vaultOptions
	date, scenario, systems, participants, findings, evidence string
	liveFire                                                  bool
}

func setupDrillAdd(r *runner, fs *flag.FlagSet) *drillAddOptions {
	o := &drillAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.StringVar(&o.scenario, "scenario", "", r.cat.T("cli.flag.scenario"))
	fs.StringVar(&o.systems, "systems", "", r.cat.T("cli.flag.systems"))
	fs.StringVar(&o.participants, "participants", "", r.cat.T("cli.flag.participants"))
	fs.StringVar(&o.findings, "findings", "", r.cat.T("cli.flag.drill_findings"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	fs.BoolVar(&o.liveFire, "live-fire", false, r.cat.T("cli.flag.live_fire"))
	return o
}

func execDrillAdd(r *runner, o *drillAddOptions, _ []string) error {
	if o.date == "" || o.scenario == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--date, --scenario"))
	}
	var systems []int64
	for _, part := range strings.Split(o.systems, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return usageErrorf(r.cat.T("cli.err.bad_id", part))
		}
		systems = append(systems, id)
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		d, err := s.RecordDrill(session.Drill{Date: o.date, Scenario: o.scenario, SystemIDs: systems, Participants: o.participants,
			LiveFire: o.liveFire, Findings: o.findings, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.activity.added", "drill", d.Date))
		fmt.Fprintln(r.env.Stdout, d.ID)
		return nil
	})
}

func execDrillList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListDrills()
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "date", "scenario", "systems", "live_fire", "participants", "findings", "evidence"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.scenario"), r.cat.T("col.systems"), r.cat.T("col.live_fire"),
				r.cat.T("col.participants"), r.cat.T("col.drill_findings"), r.cat.T("col.evidence")}}
		for _, d := range list {
			var systems []string
			for _, id := range d.SystemIDs {
				systems = append(systems, itoa(id))
			}
			t.rows = append(t.rows, []string{itoa(d.ID), d.Date, d.Scenario, strings.Join(systems, " "), strconv.FormatBool(d.LiveFire),
				d.Participants, d.Findings, d.EvidenceID})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
