package tabular

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// roundTripRows are cells a writer must store and a reader give back as they
// were: Vietnamese text, formula look-alikes, separators, quotes, newlines,
// negative numbers, a lone long cell.
func roundTripRows() (header []string, rows [][]string) {
	header = []string{"Tên máy", "Địa chỉ IP", "Người quản lý", "Ghi chú", "Giá trị"}
	rows = [][]string{
		{"SRV-AD01", "10.10.1.10", "Nguyễn Thị Thu Hương", "Máy chủ AD; DNS, nội bộ", "-1500000"},
		{"=HYPERLINK(\"http://evil\",\"bấm\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "+84"},
		{"FW-01", "", "Lê Minh Đức", "dòng 1\ndòng 2 \"trích\"", "0"},
		{"PC-01", "10.0.0.1", "Phạm Thị Lan", strings.TrimSpace(strings.Repeat("Đầu mối ", 40)), ""},
	}
	return header, rows
}

func TestWriteCSVRoundTrip(t *testing.T) {
	header, rows := roundTripRows()
	var buf bytes.Buffer
	must(t, WriteCSV(&buf, header, rows))
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte("\uFEFFTên máy,")) {
		t.Errorf("output does not start with a BOM and a comma header: %q", out[:20])
	}
	if !bytes.Contains(out, []byte(`"'=HYPERLINK(""http://evil"",""bấm"")"`)) || !bytes.Contains(out, []byte(",'-2+3,")) {
		t.Errorf("formula cells not neutralised:\n%s", out)
	}
	if !bytes.Contains(out, []byte(",-1500000\r\n")) {
		t.Errorf("negative number not kept readable")
	}
	sh, err := ReadCSV(bytes.NewReader(out), ReadOptions{})
	must(t, err)
	assertSameCells(t, sh, header, rows)
}

func TestWriteXLSXRoundTripAndLayout(t *testing.T) {
	header, rows := roundTripRows()
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, "Tài sản", header, rows, []float64{20, 0, 30}))
	sh, err := readXLSXBytes(buf.Bytes(), ReadOptions{})
	must(t, err)
	assertSameCells(t, sh, header, rows)

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	must(t, err)
	defer f.Close()
	if formula, _ := f.GetCellFormula("Tài sản", "A3"); formula != "" {
		t.Errorf("A3 stored as formula %q", formula)
	}
	for cell, want := range map[string]bool{"A3": true, "B3": true, "C3": true, "D3": true, "E3": false, "E2": false, "A2": false} {
		id, err := f.GetCellStyle("Tài sản", cell)
		must(t, err)
		xf := f.Styles.CellXfs.Xf[id]
		if got := xf.QuotePrefix != nil && *xf.QuotePrefix; got != want {
			t.Errorf("%s quotePrefix = %v, want %v", cell, got, want)
		}
	}
	panes, err := f.GetPanes("Tài sản")
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want header frozen", panes)
	}
	styleID, err := f.GetCellStyle("Tài sản", "C1")
	must(t, err)
	style, err := f.GetStyle(styleID)
	must(t, err)
	if style.Font == nil || !style.Font.Bold || len(style.Fill.Color) == 0 {
		t.Errorf("header style = %+v", style)
	}
	for col, want := range map[string]float64{"A": 20, "C": 30, "D": maxAutoWidth, "E": 10, "B": 20} {
		if w, _ := f.GetColWidth("Tài sản", col); w != want {
			t.Errorf("width of %s = %v, want %v", col, w, want)
		}
	}
	hasFilter := false
	for _, dn := range f.GetDefinedName() {
		hasFilter = hasFilter || (dn.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(dn.RefersTo, "$A$1:$E$5"))
	}
	if !hasFilter {
		t.Errorf("no auto-filter over A1:E5 in %+v", f.GetDefinedName())
	}
}

func assertSameCells(t *testing.T, sh Sheet, header []string, rows [][]string) {
	t.Helper()
	want := [][]string{header}
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		want = append(want, r)
	}
	_, got := cellsOf(sh)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n got %q\nwant %q", got, want)
	}
}

func TestWriteXLSXErrors(t *testing.T) {
	cases := []struct {
		name  string
		sheet string
		rows  [][]string
		want  error
	}{
		{"bad sheet name", "a/b", nil, ErrBadSheetName},
		{"long sheet name", strings.Repeat("x", 32), nil, ErrBadSheetName},
		{"cell too long", "S", [][]string{{strings.Repeat("a", maxCellUnits+1)}}, ErrCellWrite},
		{"astral runes count double", "S", [][]string{{strings.Repeat("🛡", maxCellUnits/2+1)}}, ErrCellWrite},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteXLSX(&bytes.Buffer{}, tc.sheet, []string{"h"}, tc.rows, nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestWriteXLSXEmptyTable(t *testing.T) {
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, "", nil, nil, nil))
	if _, err := readXLSXBytes(buf.Bytes(), ReadOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("reading an empty export: err = %v, want ErrEmpty", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportWriteFailure(t *testing.T) {
	if err := WriteCSV(failingWriter{}, []string{"a"}, nil); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteCSV err = %v", err)
	}
	if err := WriteXLSX(failingWriter{}, "S", []string{"a"}, nil, nil); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteXLSX err = %v", err)
	}
}

func TestColumnName(t *testing.T) {
	for in, want := range map[int]string{-1: "?", 0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnName(in); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestWritersReplaceUnstorableCharacters(t *testing.T) {
	header := []string{"Ghi chú"}
	rows := [][]string{{"a\x00b\x01c\x1fd\uFFFEe\xff"}}
	want := "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD"
	var csvOut, xlsxOut bytes.Buffer
	must(t, WriteCSV(&csvOut, header, rows))
	must(t, WriteXLSX(&xlsxOut, "S", header, rows, nil))
	fromCSV, err := ReadCSV(bytes.NewReader(csvOut.Bytes()), ReadOptions{})
	must(t, err)
	fromXLSX, err := readXLSXBytes(xlsxOut.Bytes(), ReadOptions{})
	must(t, err)
	for name, sh := range map[string]Sheet{"csv": fromCSV, "xlsx": fromXLSX} {
		if got := sh.Rows[1].Cell(0); got != want {
			t.Errorf("%s read back %q, want %q", name, got, want)
		}
	}
}
