package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strconv"
)

// planCommands record and list incident-response plans.
func planCommands() []*command {
	return []*command{
		{name: "plan add", summaryKey: "cli.cmd.plan_add", bind: typed(setupPlanAdd, execPlanAdd)},
		{name: "plan list", summaryKey: "cli.cmd.plan_list", bind: typed(setupSystemList, execPlanList)},
	}
}

type planAddOptions struct {
	vaultOptions
	system                                       int64
	version, title, approved, approver, evidence string
}

func setupPlanAdd(r *runner, fs *flag.FlagSet) *planAddOptions {
	o := &planAddOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.version, "version", "", r.cat.T("cli.flag.plan_version"))
	fs.StringVar(&o.title, "title", "", r.cat.T("cli.flag.plan_title"))
	fs.StringVar(&o.approved, "approved", "", r.cat.T("cli.flag.approved_on"))
	fs.StringVar(&o.approver, "approver", "", r.cat.T("cli.flag.approver"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execPlanAdd(r *runner, o *planAddOptions, _ []string) error {
	if o.system == 0 || o.version == "" || o.approved == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--system, --version, --approved"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		p, err := s.RecordResponsePlan(session.ResponsePlan{SystemID: o.system, Version: o.version, Title: o.title,
			ApprovedOn: o.approved, Approver: o.approver, EvidenceID: o.evidence})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.plan.added", p.SystemID, p.Version, p.ApprovedOn))
		fmt.Fprintln(r.env.Stdout, p.ID)
		return nil
	})
}

func execPlanList(r *runner, o *systemListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListResponsePlans(o.system)
		if err != nil {
			return err
		}
		t := table{keys: []string{"id", "system_id", "version", "approved_on", "approver", "review_needed", "system_changed_on"},
			titles: []string{"ID", r.cat.T("col.system_id"), r.cat.T("col.version"), r.cat.T("col.approved_on"), r.cat.T("col.approver"),
				r.cat.T("col.review_needed"), r.cat.T("col.system_changed_on")}}
		for _, p := range list {
			t.rows = append(t.rows, []string{itoa(p.ID), itoa(p.SystemID), p.Version, p.ApprovedOn, p.Approver, strconv.FormatBool(p.ReviewNeeded), p.SystemChangedOn})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}
