package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"daumoi/assets/i18n"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/tabular"
)

// registerCommands are the commands of the system and asset registers.
func registerCommands() []*command {
	return []*command{
		{name: "system list", summaryKey: "cli.cmd.system_list", bind: typed(setupList, execSystemList)},
		{name: "system import", summaryKey: "cli.cmd.system_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupImport, execSystemImport)},
		{name: "system export", summaryKey: "cli.cmd.system_export", bind: typed(setupExport, execSystemExport)},
		{name: "asset list", summaryKey: "cli.cmd.asset_list", bind: typed(setupAssetList, execAssetList)},
		{name: "asset import", summaryKey: "cli.cmd.asset_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupImport, execAssetImport)},
		{name: "asset export", summaryKey: "cli.cmd.asset_export", bind: typed(setupExport, execAssetExport)},
	}
}

// --- systems ---

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

// yesNo renders a flag: translated words in text, true/false otherwise.
func (r *runner) yesNo(text, b bool) string {
	if !text {
		return strconv.FormatBool(b)
	}
	if b {
		return r.cat.T("value.yes")
	}
	return r.cat.T("value.no")
}

// --- assets ---

type assetListOptions struct {
	listOptions
	typ, status, search string
	violations          bool
}

func setupAssetList(r *runner, fs *flag.FlagSet) *assetListOptions {
	o := &assetListOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.StringVar(&o.typ, "type", "", r.cat.T("cli.flag.asset_type"))
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.asset_status"))
	fs.StringVar(&o.search, "search", "", r.cat.T("cli.flag.search"))
	fs.BoolVar(&o.violations, "violations", false, r.cat.T("cli.flag.violations"))
	return o
}

func execAssetList(r *runner, o *assetListOptions, _ []string) error {
	f := session.AssetFilter{Text: o.search, ViolationsOnly: o.violations}
	var err error
	if o.typ != "" {
		if f.Type, err = registers.ParseAssetType(o.typ); err != nil {
			return err
		}
	}
	if o.status != "" {
		if f.Status, err = registers.ParseAssetStatus(o.status); err != nil {
			return err
		}
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAssets(f)
		if err != nil {
			return err
		}
		text := o.format == "text" || o.format == ""
		t := table{
			keys: []string{"id", "type", "name", "hostname", "ips", "os", "responsible", "status", "violation"},
			titles: []string{"ID", r.cat.T("col.asset_type"), r.cat.T("col.asset"), "Hostname", "IP", r.cat.T("col.os"),
				r.cat.T("col.responsible"), r.cat.T("col.status"), r.cat.T("col.violation")},
		}
		for _, a := range list {
			typ, status := string(a.Type), string(a.Status)
			if text {
				typ, status = r.cat.T("asset_type."+typ), r.cat.T("asset_status."+status)
			}
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), typ, a.Name, a.Hostname, strings.Join(a.IPs, ", "),
				strings.TrimSpace(a.OS + " " + a.OSVersion), a.Responsible, status, r.yesNo(text, a.Violation())})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// --- import ---

type importOptions struct {
	vaultOptions
	dryRun, strict bool
}

func setupImport(r *runner, fs *flag.FlagSet) *importOptions {
	o := &importOptions{}
	o.register(r, fs)
	fs.BoolVar(&o.dryRun, "dry-run", false, r.cat.T("cli.flag.dry_run"))
	fs.BoolVar(&o.strict, "strict", false, r.cat.T("cli.flag.strict"))
	return o
}

// importFunc is ImportAssets or ImportSystems.
type importFunc func(s *session.Session, sheet tabular.Sheet, m tabular.Mapping, opts session.ImportOptions) (session.ImportReport, error)

func execAssetImport(r *runner, o *importOptions, args []string) error {
	return r.runImport(o, args, registers.AssetFields(), (*session.Session).ImportAssets)
}

func execSystemImport(r *runner, o *importOptions, args []string) error {
	return r.runImport(o, args, registers.SystemFields(), (*session.Session).ImportSystems)
}

// runImport reads the file before unlocking the vault, so a file that
// cannot be read fails at once and changes nothing.
func (r *runner) runImport(o *importOptions, args []string, fields []tabular.Field, do importFunc) error {
	sheet, err := session.LoadSheet(args[0], tabular.ReadOptions{})
	if err != nil {
		return err
	}
	m, err := tabular.DetectHeader(sheet, fields)
	if errors.Is(err, tabular.ErrMissingRequired) {
		var names []string
		for _, key := range m.Missing {
			names = append(names, r.cat.T("field."+key))
		}
		return errors.New(r.cat.T("err.tab.missing_required") + ": " + strings.Join(names, ", "))
	}
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		rep, err := do(s, sheet, m, session.ImportOptions{DryRun: o.dryRun, Strict: o.strict})
		r.printReport(r.env.Stdout, rep, o.dryRun, err)
		return err
	})
}

func (r *runner) printReport(w io.Writer, rep session.ImportReport, dryRun bool, err error) {
	fmt.Fprintln(w, r.cat.T("cli.import.read", rep.Rows, rep.HeaderRow))
	for _, c := range rep.Unknown {
		fmt.Fprintln(w, r.cat.T("cli.import.unknown_column", tabular.ColumnName(c.Index), c.Header))
	}
	for _, c := range rep.Duplicates {
		fmt.Fprintln(w, r.cat.T("cli.import.duplicate_column", tabular.ColumnName(c.Index), c.Header))
	}
	for _, sk := range rep.Skipped {
		var reasons []string
		for _, p := range sk.Problems {
			reasons = append(reasons, r.describeProblem(p))
		}
		fmt.Fprintln(w, r.cat.T("cli.import.skipped_row", sk.Row, strings.Join(reasons, "; ")))
	}
	switch {
	case dryRun:
		fmt.Fprintln(w, r.cat.T("cli.import.dry_run", rep.Valid, len(rep.Skipped)))
	case err == nil:
		fmt.Fprintln(w, r.cat.T("cli.import.done", rep.Imported, len(rep.Skipped)))
	}
}

// describeProblem renders one reason a row was refused: the field's name,
// the translated reason and the offending value.
func (r *runner) describeProblem(p registers.Problem) string {
	msg := r.describe(p.Err)
	if p.Field == "" {
		return msg
	}
	return r.cat.T("field."+p.Field) + " — " + msg
}

// --- export ---

type exportOptions struct {
	vaultOptions
	out string
}

func setupExport(r *runner, fs *flag.FlagSet) *exportOptions {
	o := &exportOptions{}
	o.register(r, fs)
	fs.StringVar(&o.out, "out", "", r.cat.T("cli.flag.export_out"))
	return o
}

// exportFunc is ExportAssets or ExportSystems.
type exportFunc func(s *session.Session, w io.Writer, f session.Format) (int, error)

func execAssetExport(r *runner, o *exportOptions, _ []string) error {
	return r.runExport(o, (*session.Session).ExportAssets)
}

func execSystemExport(r *runner, o *exportOptions, _ []string) error {
	return r.runExport(o, (*session.Session).ExportSystems)
}

func (r *runner) runExport(o *exportOptions, do exportFunc) error {
	if o.out == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--out"))
	}
	format, err := session.FormatOf(o.out)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var n int
		err := writeFileAtomic(s, o.out, 0o600, func(w io.Writer) error {
			var err error
			n, err = do(s, w, format)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.export.done", n, o.out))
		return nil
	})
}

// title is a rule's title in the output language: English when chosen and
// the pack gives it, else Vietnamese.
func (r *runner) title(vi, en string) string {
	if r.cat.Lang() == i18n.English && en != "" {
		return en
	}
	return vi
}
