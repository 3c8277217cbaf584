package cli

import (
	"daumoi/data/session"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// assessmentCommands open, fill, approve, revise and list compliance assessments.
func assessmentCommands() []*command {
	return []*command{
		{name: "assessment list", summaryKey: "cli.cmd.assessment_list", bind: typed(setupSystemList, execAssessmentList)},
		{name: "assessment show", summaryKey: "cli.cmd.assessment_show", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupList, execAssessmentShow)},
		{name: "assessment open", summaryKey: "cli.cmd.assessment_open", bind: typed(setupAssessmentOpen, execAssessmentOpen)},
		{name: "assessment set", summaryKey: "cli.cmd.assessment_set", argsUsage: "ID ITEM", minArgs: 2, maxArgs: 2, bind: typed(setupAssessmentSet, execAssessmentSet)},
		{name: "assessment approve", summaryKey: "cli.cmd.assessment_approve", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentApprove)},
		{name: "assessment return", summaryKey: "cli.cmd.assessment_return", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupAssessmentReturn, execAssessmentReturn)},
		{name: "assessment revise", summaryKey: "cli.cmd.assessment_revise", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentRevise)},
		{name: "assessment copy-previous", summaryKey: "cli.cmd.assessment_copy", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentCopy)},
	}
}

func execAssessmentList(r *runner, o *systemListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAssessments(o.system)
		if err != nil {
			return err
		}
		text := isText(o.format)
		t := table{keys: []string{"id", "system_id", "system", "period", "revision", "level", "state", "assessed", "total",
			"pass", "partial", "fail", "not_applicable", "approved_by", "approved_at"}}
		t.titles = []string{"ID", r.cat.T("col.system_id"), r.cat.T("col.system"), r.cat.T("col.period"), r.cat.T("col.revision"),
			r.cat.T("col.level"), r.cat.T("col.state"), r.cat.T("col.assessed"), r.cat.T("col.total"), r.cat.T("item_status.pass"),
			r.cat.T("item_status.partial"), r.cat.T("item_status.fail"), r.cat.T("item_status.not_applicable"),
			r.cat.T("col.approved_by"), r.cat.T("col.approved_at")}
		for _, a := range list {
			state := string(a.State)
			if text {
				state = r.cat.T("assessment_state." + state)
			}
			c := a.Progress.Counts
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), strconv.FormatInt(a.SystemID, 10), a.SystemName, a.Period,
				strconv.Itoa(a.Revision), strconv.Itoa(a.Level), state, strconv.Itoa(a.Progress.Done()), strconv.Itoa(a.Progress.Total),
				strconv.Itoa(c[session.ItemPass]), strconv.Itoa(c[session.ItemPartial]), strconv.Itoa(c[session.ItemFail]),
				strconv.Itoa(c[session.ItemNotApplicable]), a.ApprovedBy, a.ApprovedAt})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execAssessmentShow(r *runner, o *listOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.GetAssessment(id)
		if err != nil {
			return err
		}
		text := isText(o.format)
		if text {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.header", a.SystemName, a.Period, a.Revision, a.Level,
				r.cat.T("assessment_state."+string(a.State)), a.Progress.Done(), a.Progress.Total))
			if a.ReturnComment != "" {
				fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.return_comment", a.ReturnedBy, a.ReturnComment))
			}
		}
		t := table{
			keys: []string{"pack", "group", "item", "text", "status", "note", "evidence", "assessed_by", "assessed_at"},
			titles: []string{r.cat.T("col.pack"), r.cat.T("col.group"), r.cat.T("col.item"), r.cat.T("col.requirement"),
				r.cat.T("col.status"), r.cat.T("col.note"), r.cat.T("col.evidence"), r.cat.T("col.assessed_by"), r.cat.T("col.assessed_at")},
		}
		for _, g := range a.Groups {
			for _, it := range g.Items {
				status, itemText := string(it.Status), it.TextVI
				if text {
					status = r.cat.T("item_status." + status)
					itemText = shorten(itemText, 60)
				}
				t.rows = append(t.rows, []string{it.PackID, g.Group, it.ItemID, itemText, status, it.Note,
					strings.Join(it.EvidenceIDs, ","), it.AssessedBy, it.AssessedAt})
			}
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

type assessmentOpenOptions struct {
	vaultOptions
	system int64
	period string
	copy   bool
}

func setupAssessmentOpen(r *runner, fs *flag.FlagSet) *assessmentOpenOptions {
	o := &assessmentOpenOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.period, "period", "", r.cat.T("cli.flag.period"))
	fs.BoolVar(&o.copy, "copy-previous", false, r.cat.T("cli.flag.copy_previous"))
	return o
}

func execAssessmentOpen(r *runner, o *assessmentOpenOptions, _ []string) error {
	if o.system == 0 || o.period == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--system, --period"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.OpenAssessment(o.system, o.period)
		if err != nil {
			return err
		}
		if o.copy {
			n, err := s.CopyPrevious(a.ID)
			if err != nil {
				return err
			}
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.copied", n))
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.opened", a.SystemName, a.Period, a.Revision, a.Progress.Total))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

type assessmentSetOptions struct {
	vaultOptions
	status, note, evidence string
}

func setupAssessmentSet(r *runner, fs *flag.FlagSet) *assessmentSetOptions {
	o := &assessmentSetOptions{}
	o.register(r, fs)
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.item_status"))
	fs.StringVar(&o.note, "note", "", r.cat.T("cli.flag.note"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_ids"))
	return o
}

func execAssessmentSet(r *runner, o *assessmentSetOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.status == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--status"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var ev []string
		if o.evidence != "" {
			ev = strings.Split(o.evidence, ",")
		}
		if err := s.SetAssessmentItem(id, args[1], session.ItemStatus(o.status), o.note, ev); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.item_set", args[1], r.cat.T("item_status."+o.status)))
		return nil
	})
}

func execAssessmentApprove(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		if err := s.ApproveAssessment(id); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.approved", id))
		return nil
	})
}

type assessmentReturnOptions struct {
	vaultOptions
	comment string
}

func setupAssessmentReturn(r *runner, fs *flag.FlagSet) *assessmentReturnOptions {
	o := &assessmentReturnOptions{}
	o.register(r, fs)
	fs.StringVar(&o.comment, "comment", "", r.cat.T("cli.flag.return_comment"))
	return o
}

func execAssessmentReturn(r *runner, o *assessmentReturnOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if strings.TrimSpace(o.comment) == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--comment"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.ReturnAssessment(id, o.comment); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.returned", id))
		return nil
	})
}

func execAssessmentRevise(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		a, err := s.NewRevision(id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.opened", a.SystemName, a.Period, a.Revision, a.Progress.Total))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execAssessmentCopy(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		n, err := s.CopyPrevious(id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.copied", n))
		return nil
	})
}
