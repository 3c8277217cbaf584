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

// formulaCells returns, per 1-based row number, the 0-based columns of the
// worksheet's cells that hold a formula. It reads the worksheet XML once,
// and not at all when no formula element can be present.
func formulaCells(f *excelize.File, sheet string) map[int][]int {
	data, ok := worksheetXML(f, sheet)
	if !ok || (!bytes.Contains(data, []byte("<f")) && !bytes.Contains(data, []byte(":f"))) {
		return nil
	}
	return scanFormulaCells(data)
}

// scanFormulaCells finds c elements with an f child, following Excel's
// rule that a row or cell without an r attribute follows the previous one.
func scanFormulaCells(data []byte) map[int][]int {
	d := xml.NewDecoder(bytes.NewReader(data))
	out := map[int][]int{}
	row, col, inCell, marked := 0, 0, false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				row, col = rowNumber(el, row+1), 0
			case "c":
				col, inCell, marked = cellColumn(el, col+1), true, false
			case "f":
				if inCell && !marked {
					out[row] = append(out[row], col-1)
					marked = true
				}
			}
		case xml.EndElement:
			if el.Name.Local == "c" {
				inCell = false
			}
		}
	}
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
