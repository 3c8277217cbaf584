package tabular

import (
	"bytes"
	"encoding/xml"
	"path"
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
