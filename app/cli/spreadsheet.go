package cli

import (
	"daumoi/app/errtext"
	"daumoi/data/session"
	"daumoi/data/tabular"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

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
	for _, line := range errtext.ReportLines(r.cat, rep, "cli.import.skipped_row", errorMessages()...) {
		fmt.Fprintln(w, line)
	}
	switch {
	case dryRun:
		fmt.Fprintln(w, r.cat.T("cli.import.dry_run", rep.New, len(rep.Updated), len(rep.Unchanged), len(rep.Skipped)))
	case err == nil:
		fmt.Fprintln(w, r.cat.T("cli.import.done", rep.New, len(rep.Updated), len(rep.Unchanged), len(rep.Skipped)))
	}
}

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
