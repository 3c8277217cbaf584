package cli

import (
	"daumoi/data/registers"
	"daumoi/data/session"
	"fmt"
	"strconv"
)

// systemCommands list, import and export the information-system register.
func systemCommands() []*command {
	return []*command{
		{name: "system list", summaryKey: "cli.cmd.system_list", bind: typed(setupList, execSystemList)},
		{name: "system import", summaryKey: "cli.cmd.system_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupImport, execSystemImport)},
		{name: "system export", summaryKey: "cli.cmd.system_export", bind: typed(setupExport, execSystemExport)},
	}
}

func execSystemList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListSystems(session.SystemFilter{})
		if err != nil {
			return err
		}
		text := o.format == "text" || o.format == ""
		t := table{
			keys: []string{"id", "name", "level", "dossier", "decision", "plan_full", "regulation", "province_owned", "yearly_drill"},
			titles: []string{"ID", r.cat.T("col.system"), r.cat.T("col.level"), r.cat.T("col.dossier"), r.cat.T("col.decision"),
				r.cat.T("col.plan_full"), r.cat.T("col.regulation"), r.cat.T("col.province_owned"), r.cat.T("col.yearly_drill")},
		}
		for _, sys := range list {
			level := ""
			if sys.Level() > 0 {
				level = strconv.Itoa(sys.Level())
			}
			state := string(sys.Dossier.State)
			if text {
				state = r.cat.T("dossier." + state)
			}
			t.rows = append(t.rows, []string{strconv.FormatInt(sys.ID, 10), sys.Name, level, state, sys.Dossier.Decision.Number,
				fmt.Sprintf("%d/%d", sys.PlanSummary()[registers.PlanFull], len(registers.PlanParts())),
				sys.Regulation.Number, r.yesNo(text, sys.ProvinceOwned), r.yesNo(text, sys.NeedsYearlyDrill())})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func execSystemImport(r *runner, o *importOptions, args []string) error {
	return r.runImport(o, args, registers.SystemFields(), (*session.Session).ImportSystems)
}

func execSystemExport(r *runner, o *exportOptions, _ []string) error {
	return r.runExport(o, (*session.Session).ExportSystems)
}
