package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Column width bounds (Excel character units) for automatic widths.
const (
	minAutoWidth = 8
	maxAutoWidth = 60
	maxCellUnits = 32_767 // Excel's cell limit, in UTF-16 code units
)

// WriteCSV writes header and rows as comma-separated UTF-8 with a byte-order
// mark and CRLF line ends, which Excel opens with Vietnamese intact. Every
// cell goes through Neutralize, so no cell can run as a formula; characters
// no spreadsheet can hold (control characters other than tab, CR, LF;
// invalid UTF-8) become U+FFFD in both writers.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("tabular: writing CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, rec := range append([][]string{header}, rows...) {
		if err := cw.Write(neutralizeAll(rec)); err != nil {
			return fmt.Errorf("tabular: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("tabular: writing CSV: %w", err)
	}
	return nil
}

func neutralizeAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = Neutralize(exportText(c))
	}
	return out
}

// exportText replaces what no spreadsheet file may hold — invalid UTF-8,
// control characters other than tab, LF and CR, and the non-characters
// U+FFFE and U+FFFF — with U+FFFD, so every export opens and reads back.
func exportText(s string) string {
	clean := func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return utf8.RuneError
		}
		return r
	}
	return strings.Map(clean, strings.ToValidUTF8(s, "\uFFFD"))
}

// WriteXLSX writes one worksheet named sheetName ("Sheet1" if empty): a bold,
// shaded, frozen header row with an auto-filter, then rows. widths gives
// column widths in Excel character units; a missing or zero width is
// estimated from the column's longest cell. Every cell is stored as a text
// cell, never as a formula, so XLSX needs no apostrophe escaping and cells
// read back exactly (XML-illegal control characters excepted). Cells over
// 32,767 UTF-16 units give ErrCellWrite; a name Excel refuses gives
// ErrBadSheetName.
func WriteXLSX(w io.Writer, sheetName string, header []string, rows [][]string, widths []float64) error {
	return WriteXLSXWith(w, sheetName, header, rows, XLSXOptions{Widths: widths})
}

// XLSXOptions shape an XLSX sheet: column widths (as for WriteXLSX) and
// the 0-based columns holding dates.
type XLSXOptions struct {
	Widths []float64
	// DateColumns are columns whose cells, written yyyy-mm-dd, become date
	// cells shown dd/mm/yyyy (Excel sorts and filters them as dates); other
	// text in them stays text.
	DateColumns []int
	// NumberColumns are columns whose cells that read as decimal numbers
	// ("12", "87.5") become number cells; other text in them stays text.
	NumberColumns []int
}

// XLSXDateFormat is the number format of the date cells WriteXLSXWith
// writes.
const XLSXDateFormat = "dd/mm/yyyy"

// WriteXLSXWith is WriteXLSX with options.
func WriteXLSXWith(w io.Writer, sheetName string, header []string, rows [][]string, opts XLSXOptions) error {
	widths := opts.Widths
	if sheetName == "" {
		sheetName = "Sheet1"
	}
	if err := checkCells(header, rows); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return fmt.Errorf("%w: %q: %w", ErrBadSheetName, sheetName, err)
	}
	if err := fillWorkbook(f, sheetName, header, rows); err != nil {
		return err
	}
	if err := formatSheet(f, sheetName, header, rows, widths); err != nil {
		return err
	}
	if err := markFormulaLookalikes(f, sheetName, rows); err != nil {
		return err
	}
	if err := writeDates(f, sheetName, rows, opts.DateColumns); err != nil {
		return err
	}
	if err := writeNumbers(f, sheetName, rows, opts.NumberColumns); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("tabular: writing XLSX: %w", err)
	}
	return nil
}

// checkCells refuses cells Excel cannot hold, rather than let them be cut.
func checkCells(header []string, rows [][]string) error {
	for r, rec := range append([][]string{header}, rows...) {
		for c, v := range rec {
			if len(v) > maxCellUnits && len(utf16.Encode([]rune(v))) > maxCellUnits {
				return fmt.Errorf("%w: row %d column %s exceeds %d characters", ErrCellWrite, r+1, ColumnName(c), maxCellUnits)
			}
		}
	}
	return nil
}

// fillWorkbook writes the header and rows as text cells.
func fillWorkbook(f *excelize.File, sheet string, header []string, rows [][]string) error {
	for r, rec := range append([][]string{header}, rows...) {
		for c, v := range rec {
			if v == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				return fmt.Errorf("%w: row %d column %d: %w", ErrCellWrite, r+1, c+1, err)
			}
			if err := f.SetCellStr(sheet, cell, exportText(v)); err != nil {
				return fmt.Errorf("%w: %s: %w", ErrCellWrite, cell, err)
			}
		}
	}
	return nil
}

// formatSheet styles the header, freezes it, adds the filter and widths.
func formatSheet(f *excelize.File, sheet string, header []string, rows [][]string, widths []float64) error {
	cols := len(header)
	for _, rec := range rows {
		cols = max(cols, len(rec))
	}
	if cols == 0 {
		return nil
	}
	last, err := excelize.CoordinatesToCellName(cols, len(rows)+1)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCellWrite, err)
	}
	lastHeader, _ := excelize.CoordinatesToCellName(cols, 1)
	style, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	err = errors.Join(err,
		f.SetCellStyle(sheet, "A1", lastHeader, style),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
		f.AutoFilter(sheet, "A1:"+last, nil),
		setWidths(f, sheet, cols, header, rows, widths),
	)
	if err != nil {
		return fmt.Errorf("tabular: formatting XLSX: %w", err)
	}
	return nil
}

func setWidths(f *excelize.File, sheet string, cols int, header []string, rows [][]string, widths []float64) error {
	for c := 0; c < cols; c++ {
		width := 0.0
		if c < len(widths) {
			width = widths[c]
		}
		if width <= 0 {
			width = autoWidth(c, header, rows)
		}
		name := ColumnName(c)
		if err := f.SetColWidth(sheet, name, name, min(width, 255)); err != nil {
			return err
		}
	}
	return nil
}

// autoWidth estimates a width from the longest cell (first 1,000 rows).
func autoWidth(col int, header []string, rows [][]string) float64 {
	longest := 0
	for _, rec := range append([][]string{header}, rows[:min(len(rows), 1000)]...) {
		if col < len(rec) {
			longest = max(longest, utf8.RuneCountInString(rec[col]))
		}
	}
	return float64(min(max(longest+2, minAutoWidth), maxAutoWidth))
}

// markFormulaLookalikes gives data cells that start like a formula a style
// with Excel's quotePrefix flag set.
func markFormulaLookalikes(f *excelize.File, sheet string, rows [][]string) error {
	style := -1
	for r, rec := range rows {
		for c, v := range rec {
			if Neutralize(v) == v {
				continue
			}
			if style < 0 {
				var err error
				if style, err = quotePrefixStyle(f); err != nil {
					return err
				}
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+2)
			if err == nil {
				err = f.SetCellStyle(sheet, cell, cell, style)
			}
			if err != nil {
				return fmt.Errorf("tabular: formatting XLSX: %w", err)
			}
		}
	}
	return nil
}

// quotePrefixStyle adds a left-aligned cell style and sets its quotePrefix
// attribute, which excelize's Style type does not expose.
func quotePrefixStyle(f *excelize.File) (int, error) {
	id, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return 0, fmt.Errorf("tabular: formatting XLSX: %w", err)
	}
	if f.Styles == nil || f.Styles.CellXfs == nil || id <= 0 || id >= len(f.Styles.CellXfs.Xf) {
		return 0, errors.New("tabular: formatting XLSX: style table unavailable")
	}
	quote := true
	f.Styles.CellXfs.Xf[id].QuotePrefix = &quote
	return id, nil
}

// writeDates turns the yyyy-mm-dd cells of the date columns into date
// cells with the dd/mm/yyyy format.
func writeDates(f *excelize.File, sheet string, rows [][]string, cols []int) error {
	if len(cols) == 0 {
		return nil
	}
	format := XLSXDateFormat
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format, Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return fmt.Errorf("tabular: formatting XLSX: %w", err)
	}
	for r, rec := range rows {
		for _, c := range cols {
			if c < 0 || c >= len(rec) {
				continue
			}
			t, err := time.Parse(time.DateOnly, rec[c])
			if err != nil {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+2)
			if err == nil {
				err = f.SetCellValue(sheet, cell, t)
			}
			if err == nil {
				err = f.SetCellStyle(sheet, cell, cell, style)
			}
			if err != nil {
				return fmt.Errorf("%w: %s: %w", ErrCellWrite, cell, err)
			}
		}
	}
	return nil
}

// writeNumbers turns the decimal cells of the number columns into number
// cells.
func writeNumbers(f *excelize.File, sheet string, rows [][]string, cols []int) error {
	for r, rec := range rows {
		for _, c := range cols {
			if c < 0 || c >= len(rec) {
				continue
			}
			v, err := strconv.ParseFloat(rec[c], 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+2)
			if err == nil {
				err = f.SetCellFloat(sheet, cell, v, -1, 64)
			}
			if err != nil {
				return fmt.Errorf("%w: %s: %w", ErrCellWrite, cell, err)
			}
		}
	}
	return nil
}
