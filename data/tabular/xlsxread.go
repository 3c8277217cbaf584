package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxMergeFill bounds the cells written while spreading merged values, so a
// workbook of huge merged ranges cannot make the reader spin.
const maxMergeFill = 10_000_000

// ReadXLSX reads one worksheet of an .xlsx workbook: opts.Sheet, or the first
// visible sheet. The file is checked before parsing: its size, its ZIP
// directory's total unzipped size and entry count, and every entry inflated
// once to verify it has exactly its declared size and CRC (zip-bomb and
// corruption guard; excelize itself ignores a short or corrupt entry).
// excelize's own UnzipSizeLimit and UnzipXMLSizeLimit are set to the same
// bound so that nothing is spilled to temporary files.
//
// Cells are the text Excel displays (number formats applied), except that a
// number with a date format, whatever its locale or pattern, is rendered as
// ISO 8601: yyyy-mm-dd, plus hh:mm or hh:mm:ss when the format shows a time. A formula cell gives its cached result and
// is never evaluated (a formula saved without a result reads as empty); its
// column is listed in Row.Formulas.
// The value of a merged range is copied into every cell of the range on the
// rows that have other content, so a "Phòng ban" merged down several rows
// applies to each of them.
func ReadXLSX(r io.ReaderAt, size int64, opts ReadOptions) (sheet Sheet, err error) {
	opts = opts.withDefaults()
	if err := checkZip(r, size, opts); err != nil {
		return Sheet{}, err
	}
	defer func() {
		// excelize is a large third-party parser; a panic inside it on a
		// hostile file must not take the application down.
		if p := recover(); p != nil {
			sheet, err = Sheet{}, fmt.Errorf("%w: parser failure: %v", ErrNotXLSX, p)
		}
	}()
	f, err := openWorkbook(r, size, opts)
	if err != nil {
		return Sheet{}, err
	}
	defer f.Close()
	name, err := pickSheet(f, opts.Sheet)
	if err != nil {
		return Sheet{}, err
	}
	return readWorksheet(f, name, opts)
}

// XLSXSheets lists a workbook's worksheet names in tab order, with the same
// checks and sentinel errors as ReadXLSX, so the user can choose the sheet
// to import (ReadOptions.Sheet).
func XLSXSheets(r io.ReaderAt, size int64, opts ReadOptions) (names []string, err error) {
	opts = opts.withDefaults()
	if err := checkZip(r, size, opts); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			names, err = nil, fmt.Errorf("%w: parser failure: %v", ErrNotXLSX, p)
		}
	}()
	f, err := openWorkbook(r, size, opts)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if names = f.GetSheetList(); len(names) == 0 {
		return nil, fmt.Errorf("%w: workbook has no worksheet", ErrNotXLSX)
	}
	return names, nil
}

// openWorkbook opens a checked workbook with the unzip limits set and the
// short date pattern that makes built-in dates read as yyyy-mm-dd.
func openWorkbook(r io.ReaderAt, size int64, opts ReadOptions) (*excelize.File, error) {
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    opts.MaxUnzipBytes,
		UnzipXMLSizeLimit: opts.MaxUnzipBytes,
		ShortDatePattern:  "yyyy-mm-dd",
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	return f, nil
}

// checkZip rejects what is not a ZIP, legacy/encrypted workbooks, archives
// whose declared content exceeds the limits, and archives whose entries do
// not inflate to exactly their declared size and checksum.
func checkZip(r io.ReaderAt, size int64, opts ReadOptions) error {
	if size <= 0 {
		return ErrEmpty
	}
	if size > opts.MaxBytes {
		return fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, size, opts.MaxBytes)
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if bytes.HasPrefix(head, oleMagic) {
		return ErrLegacyOrEncrypted
	}
	if !bytes.HasPrefix(head, zipMagic) {
		return fmt.Errorf("%w: not a ZIP container", ErrNotXLSX)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	if err := checkDeclaredSizes(zr, opts.MaxUnzipBytes); err != nil {
		return err
	}
	return verifyEntries(zr)
}

// checkDeclaredSizes bounds the entry count and the total declared size.
func checkDeclaredSizes(zr *zip.Reader, limit int64) error {
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("%w: %d ZIP entries", ErrTooLarge, len(zr.File))
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(limit) {
			return fmt.Errorf("%w: unzipped content over %d bytes", ErrTooLarge, limit)
		}
	}
	return nil
}

// verifyEntries inflates every entry once. Go's ZIP reader stops an entry
// that inflates past its declared size and checks its CRC-32 at the end;
// excelize ignores those errors and would silently read a truncated sheet,
// so they are caught here. Work is bounded by the declared total.
func verifyEntries(zr *zip.Reader) error {
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrNotXLSX, zf.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrNotXLSX, zf.Name, err)
		}
	}
	return nil
}

// pickSheet returns the requested sheet, or the first visible one.
func pickSheet(f *excelize.File, want string) (string, error) {
	names := f.GetSheetList()
	if len(names) == 0 {
		return "", fmt.Errorf("%w: workbook has no worksheet", ErrNotXLSX)
	}
	if want != "" {
		for _, n := range names {
			if strings.EqualFold(n, want) {
				return n, nil
			}
		}
		return "", fmt.Errorf("%w: %q", ErrNoSheet, want)
	}
	for _, n := range names {
		if visible, err := f.GetSheetVisible(n); err == nil && visible {
			return n, nil
		}
	}
	return names[0], nil
}

// readWorksheet streams the rows of one sheet into a Sheet.
func readWorksheet(f *excelize.File, name string, opts ReadOptions) (Sheet, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return Sheet{}, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	defer rows.Close()
	b := sheetBuilder{opts: opts, sheet: Sheet{Name: name}}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return Sheet{}, fmt.Errorf("%w: row %d: %w", ErrNotXLSX, n, err)
		}
		if err := b.add(n, cells); err != nil {
			return Sheet{}, err
		}
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return Sheet{}, fmt.Errorf("%w: %w", ErrTooManyRows, err)
		}
		return Sheet{}, fmt.Errorf("%w: %w", ErrNotXLSX, err)
	}
	facts := scanWorksheet(f, name, dateStyles(f))
	applyDates(b.sheet.Rows, facts.dates, f.WorkBook != nil && f.WorkBook.WorkbookPr != nil && f.WorkBook.WorkbookPr.Date1904)
	if err := spreadMerged(f, &b.sheet, opts.MaxColumns); err != nil {
		return Sheet{}, err
	}
	markFormulas(&b.sheet, facts.formulas)
	return b.result()
}

// spreadMerged copies each merged range's value into the range's other cells
// on rows already present in the sheet.
func spreadMerged(f *excelize.File, s *Sheet, maxCols int) error {
	refs, err := mergedRanges(f, s.Name)
	if err != nil {
		return fmt.Errorf("%w: merged cells: %w", ErrNotXLSX, err)
	}
	return applyMerges(s.Rows, refs, maxCols, maxMergeFill)
}

// applyMerges fills the ranges refs ("A1:F1") from their top-left cells,
// visiting at most budget cells in all; beyond that it fails with
// ErrTooLarge. Unparseable ranges are ignored.
func applyMerges(rows []Row, refs []string, maxCols, budget int) error {
	for _, ref := range refs {
		x1, y1, x2, y2, ok := mergeBounds(ref, maxCols)
		if !ok {
			continue
		}
		value := cellAt(rows, y1, x1)
		if value == "" {
			continue
		}
		if budget -= fillRange(rows, value, x1, y1, x2, y2, budget); budget < 0 {
			return fmt.Errorf("%w: merged ranges cover too many cells", ErrTooLarge)
		}
	}
	return nil
}

// markFormulas records which cells of each row hold a formula.
func markFormulas(s *Sheet, cells map[int][]int) {
	for i := range s.Rows {
		if cols, ok := cells[s.Rows[i].Number]; ok {
			slices.Sort(cols)
			s.Rows[i].Formulas = slices.Compact(cols)
		}
	}
}

// mergeBounds returns a merged range ("A1:F1") as 0-based columns and
// 1-based rows, with columns clamped to the column limit.
func mergeBounds(ref string, maxCols int) (x1, y1, x2, y2 int, ok bool) {
	start, end, found := strings.Cut(ref, ":")
	if !found {
		end = start
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(start)
	c2, r2, err2 := excelize.CellNameToCoordinates(end)
	if err1 != nil || err2 != nil {
		return 0, 0, 0, 0, false
	}
	c1, c2 = min(c1, c2), max(c1, c2)
	r1, r2 = min(r1, r2), max(r1, r2)
	return c1 - 1, r1, min(c2, maxCols) - 1, r2, c1 <= maxCols
}

// rowIndex finds the first row whose Number is at least n.
func rowIndex(rows []Row, n int) int {
	return sort.Search(len(rows), func(i int) bool { return rows[i].Number >= n })
}

func cellAt(rows []Row, number, col int) string {
	i := rowIndex(rows, number)
	if i == len(rows) || rows[i].Number != number {
		return ""
	}
	return rows[i].Cell(col)
}

// fillRange writes value into empty cells of the range and returns how many
// cells it visited; it stops once budget cells have been visited.
func fillRange(rows []Row, value string, x1, y1, x2, y2, budget int) int {
	visited := 0
	for i := rowIndex(rows, y1); i < len(rows) && rows[i].Number <= y2; i++ {
		if visited > budget {
			return visited
		}
		for len(rows[i].Cells) <= x2 {
			rows[i].Cells = append(rows[i].Cells, "")
		}
		for x := x1; x <= x2; x++ {
			if rows[i].Cells[x] == "" {
				rows[i].Cells[x] = value
			}
		}
		visited += x2 - x1 + 1
	}
	return visited
}
