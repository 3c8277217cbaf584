package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/data/session"
	"daumoi/data/tabular"
)

// importFunc imports a mapped sheet (session.ImportAssets or ImportSystems).
type importFunc func(sheet tabular.Sheet, m tabular.Mapping, opts session.ImportOptions) (session.ImportReport, error)

// exportFunc writes a register in a format (session.ExportAssets or
// ExportSystems) and returns the number of rows.
type exportFunc func(w io.Writer, format session.Format) (int, error)

// importFlow walks the user through importing a CSV or Excel file: choose
// the file, confirm how its columns map to fields, look at a dry run's
// report, then import the valid rows in one transaction. Nothing is written
// before the last confirmation.
type importFlow struct {
	shell  *Shell
	fields []tabular.Field // the fields the user may map a column to (not the ignored row number)
	run    importFunc
	done   func()
	sheet  tabular.Sheet
	m      tabular.Mapping
	picks  map[int]*widget.Select
	strict *widget.Check
	all    []tabular.Field // fields with the ignored ones, for finding the header
}

func runImportFlow(s *Shell, fields []tabular.Field, run importFunc, done func()) {
	fl := newImportFlow(s, fields, run, done)
	s.chooseFile(fl.load, ".csv", ".xlsx")
}

// newImportFlow prepares a flow over fields (as registers.AssetFields
// gives them).
func newImportFlow(s *Shell, fields []tabular.Field, run importFunc, done func()) *importFlow {
	fl := &importFlow{shell: s, run: run, done: done, all: fields}
	for _, f := range fields {
		if !f.Ignored {
			fl.fields = append(fl.fields, f)
		}
	}
	return fl
}

// load reads the file off the UI thread, with a progress indicator.
func (fl *importFlow) load(path string) {
	s := fl.shell
	wait := dialog.NewCustomWithoutButtons(s.cat.T("imp.reading"), widget.NewProgressBarInfinite(), s.win)
	wait.Show()
	s.goBackground(func() {
		sheet, err := session.LoadSheet(path, tabular.ReadOptions{})
		var m tabular.Mapping
		if err == nil {
			m, err = tabular.DetectHeader(sheet, fl.all)
			if errors.Is(err, tabular.ErrMissingRequired) {
				err = nil // the user fixes the mapping
			}
		}
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				s.showError(err)
				return
			}
			fl.sheet, fl.m = sheet, m
			fl.showMapping()
		})
	})
}

// showMapping lets the user confirm or change which field each column is.
func (fl *importFlow) showMapping() {
	s := fl.shell
	cat := s.cat
	options := []string{cat.T("imp.ignore")}
	for _, f := range fl.fields {
		options = append(options, cat.T("field."+f.Key))
	}
	picks := map[int]*widget.Select{}
	form := widget.NewForm()
	for col, header := range fl.m.Headers {
		if strings.TrimSpace(header) == "" {
			continue
		}
		sel := newSelect(cat, options, nil)
		sel.SetSelectedIndex(0)
		if key, ok := fl.m.Columns[col]; ok {
			for i, f := range fl.fields {
				if f.Key == key {
					sel.SetSelectedIndex(i + 1)
				}
			}
		}
		picks[col] = sel
		form.Append(fmt.Sprintf("%s: %s", tabular.ColumnName(col), header), sel)
	}
	fl.strict = widget.NewCheck(cat.T("imp.strict"), nil)
	fl.picks = picks // last: a non-nil picks means the mapping is ready
	var required []string
	for _, f := range fl.fields {
		if f.Required {
			required = append(required, f.Key)
		}
	}
	below := len(tabular.TrimFooter(tabular.Records(fl.sheet, fl.m), required...)) // as the import counts them
	intro := widget.NewLabel(cat.T("imp.mapping_intro", fl.m.HeaderRow, below))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(intro, fl.strict, nil, nil, container.NewVScroll(form))
	d := dialog.NewCustomConfirm(cat.T("imp.mapping_title"), cat.T("imp.check"), cat.T("reg.cancel"), body, func(ok bool) {
		if ok {
			fl.dryRun()
		}
	}, s.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// mapping returns the user's mapping.
func (fl *importFlow) mapping() tabular.Mapping {
	m := fl.m
	m.Columns = map[int]string{}
	for col, sel := range fl.picks {
		if i := sel.SelectedIndex(); i > 0 {
			m.Columns[col] = fl.fields[i-1].Key
		}
	}
	return m
}

// dryRun validates every row and shows the report; nothing is written.
func (fl *importFlow) dryRun() {
	s := fl.shell
	m := fl.mapping()
	if err := m.Validate(fl.fields); err != nil {
		s.showMessage(s.cat.T("imp.mapping_title"), fl.describeMapping(err))
		return
	}
	rep, err := fl.run(fl.sheet, m, session.ImportOptions{DryRun: true, Strict: fl.strict.Checked})
	if err != nil && !errors.Is(err, session.ErrNoValidRows) {
		s.showError(err)
		return
	}
	fl.showReport(m, rep)
}

func (fl *importFlow) describeMapping(err error) string {
	s := fl.shell
	var lines []string
	for _, e := range unwrapAll(err) {
		lines = append(lines, s.describe(e)+fieldSuffix(e))
	}
	return strings.Join(lines, "\n")
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fieldSuffix keeps the detail after the sentinel's own text ("…: name").
func fieldSuffix(err error) string {
	if _, detail, ok := strings.Cut(err.Error(), ": "); ok {
		if _, d2, ok := strings.Cut(detail, ": "); ok {
			return " (" + d2 + ")"
		}
		return " (" + detail + ")"
	}
	return ""
}

// showReport shows what the import would do — which rows are new, which
// update which asset with which changes, which are unchanged or refused —
// and asks to go ahead.
func (fl *importFlow) showReport(m tabular.Mapping, rep session.ImportReport) {
	s := fl.shell
	cat := s.cat
	var lines []string
	for _, c := range rep.Unknown {
		lines = append(lines, cat.T("imp.unknown_column", tabular.ColumnName(c.Index), c.Header))
	}
	for _, line := range errtext.ReportLines(cat, rep, "imp.skipped_row") {
		lines = append(lines, sentence(line))
	}
	summary := widget.NewLabel(cat.T("imp.summary", rep.Rows, rep.New, len(rep.Updated), len(rep.Unchanged), len(rep.Skipped)))
	summary.Wrapping = fyne.TextWrapWord
	summary.TextStyle.Bold = true
	if rep.Valid > 0 && rep.New+len(rep.Updated) == 0 {
		lines = append([]string{cat.T("imp.nothing_to_do")}, lines...)
	}
	details := widget.NewLabel(strings.Join(lines, "\n"))
	details.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(summary, nil, nil, nil, container.NewVScroll(details))
	canImport := rep.New+len(rep.Updated) > 0 && !(fl.strict.Checked && len(rep.Skipped) > 0)
	confirm := cat.T("imp.go", rep.New, len(rep.Updated))
	switch {
	case len(rep.Updated) == 0:
		confirm = cat.T("imp.go_new", rep.New)
	case rep.New == 0:
		confirm = cat.T("imp.go_update", len(rep.Updated))
	}
	if !canImport {
		d := dialog.NewCustom(cat.T("imp.report_title"), cat.T("reg.close"), body, s.win)
		d.Resize(fyne.NewSize(960, 600))
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm(cat.T("imp.report_title"), confirm, cat.T("reg.cancel"), body, func(ok bool) {
		if ok {
			fl.commit(m)
		}
	}, s.win)
	d.Resize(fyne.NewSize(960, 600))
	d.Show()
}

// commit imports the valid rows in one transaction.
func (fl *importFlow) commit(m tabular.Mapping) {
	s := fl.shell
	rep, err := fl.run(fl.sheet, m, session.ImportOptions{Strict: fl.strict.Checked})
	if err != nil {
		s.showError(err)
		return
	}
	s.showMessage(s.cat.T("imp.done_title"), s.cat.T("imp.done", rep.New, len(rep.Updated), len(rep.Unchanged), len(rep.Skipped)))
	fl.done()
}

// runExportFlow asks where to save and writes the register there, by the
// file's extension (.xlsx, .csv or .json). The exported file is not
// encrypted: the user is told so.
func runExportFlow(s *Shell, base string, export exportFunc) {
	s.saveFile(registerExportJob(s, base, export))
}

// registerExportJob writes a register in the format of the chosen file's
// extension.
func registerExportJob(s *Shell, base string, export exportFunc) saveJob {
	cat := s.cat
	n := 0
	return saveJob{
		title: cat.T("reg.export"), name: base + ".xlsx", exts: []string{".xlsx", ".csv", ".json"},
		write: func(_ context.Context, w io.Writer, path string) error {
			format, err := session.FormatOf(path)
			if err != nil {
				return err
			}
			n, err = export(w, format)
			return err
		},
		done: func(path string) string { return cat.T("exp.done", n, path) },
	}
}
