package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbookBytes saves f to memory.
func workbookBytes(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readXLSXBytes(b []byte, opts ReadOptions) (Sheet, error) {
	return ReadXLSX(bytes.NewReader(b), int64(len(b)), opts)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// agencyWorkbook builds a workbook shaped like the ones agencies send: a
// hidden notes sheet first, then a sheet with a merged title over row 1,
// a sub-title, a blank row, the header on row 4 (NFD, padded), Excel serial
// dates with a date format, a number with thousands separators, a formula,
// a vertically merged location column and an empty row inside the data.
func agencyWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Tài sản"
	idx, err := f.NewSheet(s)
	must(t, err)
	f.SetActiveSheet(idx)
	must(t, f.SetSheetName("Sheet1", "Ghi chú"))
	must(t, f.SetCellStr("Ghi chú", "A1", "hidden notes"))
	must(t, f.SetSheetVisible("Ghi chú", false))
	must(t, f.SetCellStr(s, "A1", "DANH MỤC TÀI SẢN CNTT"))
	must(t, f.MergeCell(s, "A1", "F1"))
	must(t, f.SetCellStr(s, "A2", "Đơn vị: Sở Khoa học và Công nghệ"))
	must(t, f.SetSheetRow(s, "A4", &[]any{nfd(" Tên máy "), nfd("Địa chỉ IP"), "Ngày sử dụng", "Vị trí", "Giá trị (đồng)", "Ghi chú"}))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(t, err)
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 3})
	must(t, err)
	must(t, f.SetSheetRow(s, "A5", &[]any{"SRV-01", "10.0.0.1", 43905, "Phòng máy chủ", 125000000, nfd("Nguyễn Thị Thu Hương")}))
	must(t, f.SetSheetRow(s, "A6", &[]any{"SRV-02", "10.0.0.2", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), nil, 0, "  có khoảng trắng  "}))
	must(t, f.SetSheetRow(s, "A8", &[]any{"PC-01", "10.0.1.1", 45306}))
	must(t, f.SetCellStyle(s, "C5", "C8", dateStyle))
	must(t, f.SetCellStyle(s, "E5", "E6", moneyStyle))
	must(t, f.MergeCell(s, "D5", "D6"))
	must(t, f.SetCellFormula(s, "F8", "1+2"))
	return workbookBytes(t, f)
}

func TestReadXLSXAgencyWorkbook(t *testing.T) {
	sh, err := readXLSXBytes(agencyWorkbook(t), ReadOptions{})
	if err != nil {
		t.Fatalf("ReadXLSX: %v", err)
	}
	if sh.Name != "Tài sản" {
		t.Errorf("sheet = %q, want the first visible sheet", sh.Name)
	}
	title := "DANH MỤC TÀI SẢN CNTT"
	want := [][]string{
		{title, title, title, title, title, title},
		{"Đơn vị: Sở Khoa học và Công nghệ"},
		{"Tên máy", "Địa chỉ IP", "Ngày sử dụng", "Vị trí", "Giá trị (đồng)", "Ghi chú"},
		{"SRV-01", "10.0.0.1", "2020-03-15", "Phòng máy chủ", "125,000,000", "Nguyễn Thị Thu Hương"},
		{"SRV-02", "10.0.0.2", "2024-02-29", "Phòng máy chủ", "0", "có khoảng trắng"},
		{"PC-01", "10.0.1.1", "2024-01-15"}, // formula F8 has no cached value and is not evaluated
	}
	numbers, cells := cellsOf(sh)
	if !reflect.DeepEqual(cells, want) {
		t.Errorf("cells:\n got %q\nwant %q", cells, want)
	}
	if !reflect.DeepEqual(numbers, []int{1, 2, 4, 5, 6, 8}) {
		t.Errorf("row numbers = %v", numbers)
	}
	if got := sh.Rows[5].Formulas; !reflect.DeepEqual(got, []int{5}) {
		t.Errorf("row 8 formulas = %v, want [5] (F8)", got)
	}
}

func TestReadXLSXNamedAndHiddenSheet(t *testing.T) {
	b := agencyWorkbook(t)
	sh, err := readXLSXBytes(b, ReadOptions{Sheet: "ghi chú"})
	if err != nil {
		t.Fatal(err)
	}
	if sh.Name != "Ghi chú" || sh.Rows[0].Cells[0] != "hidden notes" {
		t.Errorf("got sheet %q rows %v", sh.Name, sh.Rows)
	}
	if _, err := readXLSXBytes(b, ReadOptions{Sheet: "Không có"}); !errors.Is(err, ErrNoSheet) {
		t.Errorf("missing sheet: err = %v, want ErrNoSheet", err)
	}
}

// zipBytes builds a deflated ZIP archive from name → content.
func zipBytes(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	return zipWith(t, files, zip.Deflate)
}

// zipWith builds a ZIP archive with the given compression method; stored
// (uncompressed) archives let the fuzzer mutate the XML itself.
func zipWith(t testing.TB, files map[string][]byte, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		content := files[name]
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		must(t, err)
		_, err = w.Write(content)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func TestReadXLSXErrors(t *testing.T) {
	good := agencyWorkbook(t)
	manyRows := excelize.NewFile()
	for i := 1; i <= 30; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		must(t, manyRows.SetCellStr("Sheet1", cell, "x"))
	}
	wideRow := excelize.NewFile()
	must(t, wideRow.SetCellStr("Sheet1", "AZ1", "far right"))
	longCell := excelize.NewFile()
	must(t, longCell.SetCellStr("Sheet1", "A1", strings.Repeat("ư", 101)))
	empty := excelize.NewFile()
	bomb := zipBytes(t, map[string][]byte{"xl/worksheets/sheet1.xml": make([]byte, 64<<20)})
	cases := []struct {
		name string
		in   []byte
		opts ReadOptions
		want []error
	}{
		{"zero bytes", nil, ReadOptions{}, []error{ErrEmpty}},
		{"empty workbook", workbookBytes(t, empty), ReadOptions{}, []error{ErrEmpty}},
		{"too large", good, ReadOptions{MaxBytes: 1000}, []error{ErrTooLarge}},
		{"zip bomb", bomb, ReadOptions{MaxUnzipBytes: 32 << 20}, []error{ErrTooLarge}},
		{"too many rows", workbookBytes(t, manyRows), ReadOptions{MaxRows: 20}, []error{ErrTooManyRows}},
		{"too many columns", workbookBytes(t, wideRow), ReadOptions{MaxColumns: 26}, []error{ErrTooManyColumns}},
		{"cell too long", workbookBytes(t, longCell), ReadOptions{MaxCellLength: 100}, []error{ErrCellTooLong}},
		{"csv given as xlsx", []byte("Tên máy,IP\nA,1\n"), ReadOptions{}, []error{ErrNotXLSX}},
		{"legacy xls", append(oleMagic, make([]byte, 4096)...), ReadOptions{}, []error{ErrLegacyOrEncrypted}},
		{"zip without workbook", zipBytes(t, map[string][]byte{"hello.txt": []byte("hi")}), ReadOptions{}, []error{ErrNotXLSX}},
		{"truncated", good[:len(good)/2], ReadOptions{}, []error{ErrNotXLSX}},
		{"garbage sheet xml", zipBytes(t, map[string][]byte{
			"[Content_Types].xml":        []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
			"xl/workbook.xml":            []byte(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>`),
			"xl/_rels/workbook.xml.rels": []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
			"xl/worksheets/sheet1.xml":   []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>`),
		}), ReadOptions{}, []error{ErrNotXLSX}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readXLSXBytes(tc.in, tc.opts)
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want %v", err, w)
				}
			}
		})
	}
}

func TestReadXLSXSample(t *testing.T) {
	b, err := os.ReadFile("testdata/danh-muc-tai-san-cntt.xlsx")
	must(t, err)
	sh, err := readXLSXBytes(b, ReadOptions{})
	if err != nil {
		t.Fatalf("ReadXLSX: %v", err)
	}
	if sh.Name != "Danh mục" || len(sh.Rows) != 25 {
		t.Errorf("sheet %q with %d rows, want \"Danh mục\" with 25", sh.Name, len(sh.Rows))
	}
}

// minimalWorkbook packs one worksheet XML into the smallest package Excel
// and excelize accept, as other tools (LibreOffice, web exports) write them.
func minimalWorkbook(t testing.TB, sheetXML string) []byte {
	t.Helper()
	return zipWith(t, minimalParts(sheetXML), zip.Deflate)
}

func minimalParts(sheetXML string) map[string][]byte {
	return map[string][]byte{
		"[Content_Types].xml":        []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
		"_rels/.rels":                []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		"xl/workbook.xml":            []byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tài sản" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   []byte(sheetXML),
	}
}

func TestReadXLSXFormulaCells(t *testing.T) {
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Tên máy</t></is></c><c r="B1" t="inlineStr"><is><t>Địa chỉ IP</t></is></c><c r="C1" t="inlineStr"><is><t>STT</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>SRV-01</t></is></c><c r="B2" t="inlineStr"><is><t>10.0.0.1</t></is></c><c r="C2"><f>ROW()-1</f><v>1</v></c></row>` +
		`<row r="3"><c r="A3" t="str"><f>HYPERLINK("http://evil.example","bấm vào đây")</f><v>bấm vào đây</v></c><c r="B3" t="inlineStr"><is><t>10.0.0.2</t></is></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>PC-01</t></is></c><c r="B4"><f>1/0</f></c></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="C3:C4"/></mergeCells></worksheet>`
	sh, err := readXLSXBytes(minimalWorkbook(t, sheet), ReadOptions{})
	must(t, err)
	wantFormulas := [][]int{nil, {2}, {0}, {1}}
	for i, r := range sh.Rows {
		if !reflect.DeepEqual(r.Formulas, wantFormulas[i]) {
			t.Errorf("row %d formulas = %v, want %v", r.Number, r.Formulas, wantFormulas[i])
		}
	}
	fields := []Field{{Key: "hostname", Aliases: []string{"Tên máy"}}, {Key: "ip", Aliases: []string{"Địa chỉ IP"}}}
	m, err := DetectHeader(sh, fields)
	must(t, err)
	recs := Records(sh, m)
	want := []Record{
		{Row: 2, Values: map[string]string{"hostname": "SRV-01", "ip": "10.0.0.1"}},
		{Row: 3, Values: map[string]string{"hostname": "bấm vào đây", "ip": "10.0.0.2"}, Computed: []string{"hostname"}},
		{Row: 4, Values: map[string]string{"hostname": "PC-01", "ip": ""}, Computed: []string{"ip"}},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records:\n got %+v\nwant %+v", recs, want)
	}
}

func TestScanFormulaCellsWithoutReferences(t *testing.T) {
	xml := `<worksheet><sheetData><row><c><v>1</v></c><c><f>A1+1</f><v>2</v></c></row>` +
		`<row r="5"><c r="C5"><f t="shared" si="0"/><v>3</v></c><c><v>4</v></c><c><x:f>1</x:f></c></row></sheetData></worksheet>`
	got := scanSheetXML([]byte(xml), nil).formulas
	want := map[int][]int{1: {1}, 5: {2, 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scanFormulaCells = %v, want %v", got, want)
	}
}

func TestXLSXSheets(t *testing.T) {
	b := agencyWorkbook(t)
	names, err := XLSXSheets(bytes.NewReader(b), int64(len(b)), ReadOptions{})
	must(t, err)
	if !reflect.DeepEqual(names, []string{"Ghi chú", "Tài sản"}) {
		t.Errorf("sheets = %q", names)
	}
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"not zip", []byte("hello"), ErrNotXLSX},
		{"xls", append(oleMagic, make([]byte, 100)...), ErrLegacyOrEncrypted},
		{"truncated", b[:len(b)/3], ErrNotXLSX},
	}
	for _, tc := range cases {
		if _, err := XLSXSheets(bytes.NewReader(tc.in), int64(len(tc.in)), ReadOptions{}); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

// understateSize rewrites the uncompressed size that the ZIP central
// directory declares for entry name, as a zip bomb that lies would.
func understateSize(t *testing.T, archive []byte, name string, size uint32) []byte {
	t.Helper()
	out := slices.Clone(archive)
	sig := []byte("PK\x01\x02")
	for i := bytes.Index(out, sig); i >= 0 && i+46 <= len(out); {
		nameLen := int(binary.LittleEndian.Uint16(out[i+28:]))
		if string(out[i+46:i+46+nameLen]) == name {
			binary.LittleEndian.PutUint32(out[i+24:], size)
			return out
		}
		next := bytes.Index(out[i+4:], sig)
		if next < 0 {
			break
		}
		i += 4 + next
	}
	t.Fatalf("entry %q not found", name)
	return nil
}

// TestReadXLSXLyingZipBomb: a sheet declared as 1 KB that inflates to 64 MiB
// passes the directory check but is cut off by the ZIP reader.
func TestReadXLSXLyingZipBomb(t *testing.T) {
	padding := strings.Repeat(" ", 64<<20)
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>` + padding + `</worksheet>`
	bomb := understateSize(t, minimalWorkbook(t, sheet), "xl/worksheets/sheet1.xml", 1024)
	if len(bomb) > 1<<20 {
		t.Fatalf("bomb is %d bytes, expected a small file", len(bomb))
	}
	_, err := readXLSXBytes(bomb, ReadOptions{})
	if !errors.Is(err, ErrNotXLSX) {
		t.Errorf("err = %v, want ErrNotXLSX", err)
	}
}

// TestReadXLSXCorruptEntry: a flipped byte inside a stored sheet fails the
// CRC check instead of importing altered data.
func TestReadXLSXCorruptEntry(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>10.0.0.1</t></is></c></row></sheetData></worksheet>`
	archive := zipWith(t, minimalParts(sheet), zip.Store)
	i := bytes.Index(archive, []byte("10.0.0.1"))
	archive[i+3] = '9'
	if _, err := readXLSXBytes(archive, ReadOptions{}); !errors.Is(err, ErrNotXLSX) || !errors.Is(err, zip.ErrChecksum) {
		t.Errorf("err = %v, want ErrNotXLSX wrapping zip.ErrChecksum", err)
	}
}
