package tabular

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbookRels is the part of xl/_rels/workbook.xml.rels needed to find a
// worksheet's XML part.
type workbookRels struct {
	Relationship []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// mergedRanges returns the merged ranges ("A1:F1") of a worksheet.
//
// excelize's GetMergeCells unmarshals the whole worksheet into memory, which
// costs about ten times the XML size and a quarter of the read time. Merged
// ranges are stored after the cell data, so this scans only the bytes after
// the worksheet's sheetData element. When the worksheet part cannot be found
// in memory, it falls back to GetMergeCells.
func mergedRanges(f *excelize.File, sheet string) ([]string, error) {
	data, ok := worksheetXML(f, sheet)
	if !ok {
		return slowMergedRanges(f, sheet)
	}
	end := bytes.LastIndex(data, []byte("sheetData>"))
	if end < 0 {
		return nil, nil
	}
	return scanMergeCells(data[end+len("sheetData>"):]), nil
}

func slowMergedRanges(f *excelize.File, sheet string) ([]string, error) {
	cells, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	refs := make([]string, len(cells))
	for i, c := range cells {
		refs[i] = c.GetStartAxis() + ":" + c.GetEndAxis()
	}
	return refs, nil
}

// scanMergeCells collects the ref attribute of every mergeCell element.
// The fragment is not a whole document, so raw tokens are read and any
// syntax error simply ends the scan.
func scanMergeCells(fragment []byte) []string {
	d := xml.NewDecoder(bytes.NewReader(fragment))
	var refs []string
	for {
		tok, err := d.RawToken()
		if err != nil { // io.EOF, or the end of what parses
			return refs
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "mergeCell" {
			for _, a := range se.Attr {
				if a.Name.Local == "ref" {
					refs = append(refs, a.Value)
				}
			}
		}
	}
}

// worksheetXML finds the worksheet's XML part through the workbook's
// relationships and returns its bytes as excelize holds them in memory.
func worksheetXML(f *excelize.File, sheet string) ([]byte, bool) {
	if f.WorkBook == nil {
		return nil, false
	}
	rid := ""
	for _, s := range f.WorkBook.Sheets.Sheet {
		if s.Name == sheet {
			rid = s.ID
		}
	}
	relsData, ok := pkgBytes(f, "xl/_rels/workbook.xml.rels")
	if rid == "" || !ok {
		return nil, false
	}
	var rels workbookRels
	if xml.Unmarshal(relsData, &rels) != nil {
		return nil, false
	}
	for _, r := range rels.Relationship {
		if r.ID == rid {
			return pkgBytes(f, partPath(r.Target))
		}
	}
	return nil, false
}

// partPath resolves a workbook relationship target to a package part name.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean("xl/" + target)
}

func pkgBytes(f *excelize.File, name string) ([]byte, bool) {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// sheetFacts is what ReadXLSX learns from its own pass over the sheet XML.
type sheetFacts struct {
	formulas map[int][]int // row number → 0-based columns holding a formula
	dates    []dateCell    // numeric cells whose number format is a date
}

// dateCell is a numeric cell with a date format: its raw serial value.
type dateCell struct {
	row, col int // 1-based row, 0-based column
	serial   string
	kind     dateKind
}

// scanWorksheet reads the worksheet XML once for formula cells and
// date-formatted numbers; it skips the pass when neither can occur.
func scanWorksheet(f *excelize.File, sheet string, styles map[int]dateKind) sheetFacts {
	data, ok := worksheetXML(f, sheet)
	hasFormula := ok && (bytes.Contains(data, []byte("<f")) || bytes.Contains(data, []byte(":f")))
	if !ok || (!hasFormula && len(styles) == 0) {
		return sheetFacts{}
	}
	return scanSheetXML(data, styles)
}

// cellScan is the state of scanSheetXML inside the current c element.
type cellScan struct {
	row, col    int
	inCell, inV bool
	hasFormula  bool
	kind        dateKind
	value       strings.Builder
}

// scanSheetXML walks c elements, following Excel's rule that a row or cell
// without an r attribute follows the previous one.
func scanSheetXML(data []byte, styles map[int]dateKind) sheetFacts {
	d := xml.NewDecoder(bytes.NewReader(data))
	facts := sheetFacts{formulas: map[int][]int{}}
	var c cellScan
	for {
		tok, err := d.RawToken()
		if err != nil {
			return facts
		}
		switch el := tok.(type) {
		case xml.StartElement:
			c.start(el, styles)
		case xml.CharData:
			if c.inV && c.kind != noDate {
				c.value.Write(el)
			}
		case xml.EndElement:
			c.end(el, &facts)
		}
	}
}

func (c *cellScan) start(el xml.StartElement, styles map[int]dateKind) {
	switch el.Name.Local {
	case "row":
		c.row, c.col = rowNumber(el, c.row+1), 0
	case "c":
		c.col, c.inCell, c.hasFormula = cellColumn(el, c.col+1), true, false
		c.kind = cellDateKind(el, styles)
		c.value.Reset()
	case "f":
		c.hasFormula = c.hasFormula || c.inCell
	case "v":
		c.inV = c.inCell
	}
}

func (c *cellScan) end(el xml.EndElement, facts *sheetFacts) {
	switch el.Name.Local {
	case "v":
		c.inV = false
	case "c":
		if c.hasFormula {
			facts.formulas[c.row] = append(facts.formulas[c.row], c.col-1)
		}
		if c.kind != noDate && c.value.Len() > 0 && c.value.Len() < 64 {
			facts.dates = append(facts.dates, dateCell{row: c.row, col: c.col - 1, serial: c.value.String(), kind: c.kind})
		}
		c.inCell, c.kind = false, noDate
	}
}

// cellDateKind returns the date kind of a numeric cell's style.
func cellDateKind(el xml.StartElement, styles map[int]dateKind) dateKind {
	kind := noDate
	for _, a := range el.Attr {
		switch a.Name.Local {
		case "t":
			if a.Value != "n" {
				return noDate
			}
		case "s":
			if id, err := strconv.Atoi(a.Value); err == nil {
				kind = styles[id]
			}
		}
	}
	return kind
}

// rowNumber reads a row element's r attribute, or returns next.
func rowNumber(el xml.StartElement, next int) int {
	for _, a := range el.Attr {
		if a.Name.Local == "r" {
			if n, err := strconv.Atoi(a.Value); err == nil {
				return n
			}
		}
	}
	return next
}

// cellColumn reads a c element's 1-based column from its r attribute, or
// returns next.
func cellColumn(el xml.StartElement, next int) int {
	for _, a := range el.Attr {
		if a.Name.Local == "r" {
			if c, _, err := excelize.CellNameToCoordinates(a.Value); err == nil {
				return c
			}
		}
	}
	return next
}
