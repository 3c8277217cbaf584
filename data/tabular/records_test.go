package tabular

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestRecords(t *testing.T) {
	in := "DANH MỤC\nTên máy,Địa chỉ IP,Ghi chú,STT\n" +
		"SRV-01,10.0.0.1,ok,1\n" +
		",,chỉ có ghi chú,2\n" + // no mapped value: skipped
		"\n" +
		"Tên máy,Địa chỉ IP,Ghi chú,STT\n" + // repeated header: skipped
		"=HYPERLINK(\"http://x\"),-1+cmd|' /C calc'!A0,,4\n" +
		"PC-01\n"
	sh := readCSVString(t, in)
	m, err := DetectHeader(sh, assetFields())
	must(t, err)
	got := Records(sh, m)
	want := []Record{
		{Row: 3, Values: map[string]string{"hostname": "SRV-01", "ip": "10.0.0.1"}},
		{Row: 7, Values: map[string]string{"hostname": "=HYPERLINK(\"http://x\")", "ip": "-1+cmd|' /C calc'!A0"}, Formulas: []string{"hostname", "ip"}},
		{Row: 8, Values: map[string]string{"hostname": "PC-01", "ip": ""}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records:\n got %+v\nwant %+v", got, want)
	}
}

func TestRecordsUseEditedMapping(t *testing.T) {
	sh := readCSVString(t, "Cột A,Cột B\nx,y\n")
	m, err := DetectHeader(sh, []Field{{Key: "a", Aliases: []string{"Cột A"}}})
	must(t, err)
	m.Columns[1] = "b" // the user maps the unknown column by hand
	got := Records(sh, m)
	if len(got) != 1 || got[0].Values["a"] != "x" || got[0].Values["b"] != "y" {
		t.Errorf("records = %+v", got)
	}
}

// TestSampleCSVAndXLSXAgree reads the committed inventory in both formats:
// same header, same records (dates compared as dates: the CSV has mixed
// spellings, the XLSX real date cells; the XLSX merges the location column).
func TestSampleCSVAndXLSXAgree(t *testing.T) {
	fields := assetFields()
	fromCSV := sampleRecords(t, "testdata/danh-muc-tai-san-cntt.csv", fields)
	fromXLSX := sampleRecords(t, "testdata/danh-muc-tai-san-cntt.xlsx", fields)
	if len(fromCSV) != 21 || len(fromXLSX) != 21 {
		t.Fatalf("records: csv %d xlsx %d, want 21 each (20 assets + signature line)", len(fromCSV), len(fromXLSX))
	}
	for i := range fromCSV {
		c, x := fromCSV[i], fromXLSX[i]
		if c.Row != x.Row {
			t.Errorf("record %d: row %d vs %d", i, c.Row, x.Row)
		}
		for k, v := range c.Values {
			if k == "since" && v != "" {
				dc, err1 := ParseDate(v)
				dx, err2 := ParseDate(x.Values[k])
				if err1 != nil || err2 != nil || !dc.Equal(dx) {
					t.Errorf("row %d since: %q vs %q (%v %v)", c.Row, v, x.Values[k], err1, err2)
				}
				continue
			}
			if x.Values[k] != v {
				t.Errorf("row %d %s: csv %q xlsx %q", c.Row, k, v, x.Values[k])
			}
		}
	}
	first := fromXLSX[0]
	if first.Row != 6 || first.Values["owner"] != "Nguyễn Thị Thu Hương" || first.Values["os"] != "Windows Server 2019 Standard" {
		t.Errorf("first record = %+v", first)
	}
	if d, err := ParseDate(first.Values["since"]); err != nil || !d.Equal(time.Date(2020, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first since = %q (%v)", first.Values["since"], err)
	}
}

func sampleRecords(t *testing.T, path string, fields []Field) []Record {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	st, err := f.Stat()
	must(t, err)
	var sh Sheet
	if path[len(path)-4:] == "xlsx" {
		sh, err = ReadXLSX(f, st.Size(), ReadOptions{})
	} else {
		sh, err = ReadCSV(f, ReadOptions{})
	}
	must(t, err)
	m, err := DetectHeader(sh, fields)
	must(t, err)
	return Records(sh, m)
}

// TestTwoRowHeader covers the common Vietnamese form layout: "STT" and
// "Tên thiết bị" merged down over two header rows, "Thông tin mạng" merged
// across its sub-columns "Địa chỉ IP" and "Vị trí". Spreading merged values
// makes the second header row complete, so it is chosen.
func TestTwoRowHeader(t *testing.T) {
	f := excelize.NewFile()
	const s = "Sheet1"
	must(t, f.SetSheetRow(s, "A1", &[]any{"DANH MỤC TÀI SẢN"}))
	must(t, f.SetSheetRow(s, "A3", &[]any{"STT", "Tên thiết bị", "Thông tin mạng", nil, "Người quản lý"}))
	must(t, f.SetSheetRow(s, "C4", &[]any{"Địa chỉ IP", "Vị trí"}))
	for _, r := range [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "D3"}, {"E3", "E4"}} {
		must(t, f.MergeCell(s, r[0], r[1]))
	}
	must(t, f.SetSheetRow(s, "A5", &[]any{1, "SRV-01", "10.0.0.1", "Tầng 3", "Trần Quốc Bảo"}))
	sh, err := readXLSXBytes(workbookBytes(t, f), ReadOptions{})
	must(t, err)
	m, err := DetectHeader(sh, assetFields())
	must(t, err)
	if m.HeaderRow != 4 {
		t.Fatalf("header row = %d, want 4", m.HeaderRow)
	}
	recs := Records(sh, m)
	want := []Record{{Row: 5, Values: map[string]string{"hostname": "SRV-01", "ip": "10.0.0.1", "location": "Tầng 3", "owner": "Trần Quốc Bảo"}}}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records = %+v, want %+v", recs, want)
	}
}

func TestTrimFooterDropsSignatureBlock(t *testing.T) {
	recs := []Record{
		{Row: 5, Values: map[string]string{"type": "Máy in", "name": "HP"}},
		{Row: 6, Values: map[string]string{"type": "", "name": "", "serial": "x"}}, // inside: kept, to be reported
		{Row: 7, Values: map[string]string{"type": "Máy trạm", "name": "PC"}},
		{Row: 10, Values: map[string]string{"responsible": "NGƯỜI LẬP BIỂU", "status": "THỦ TRƯỞNG ĐƠN VỊ"}},
	}
	got := TrimFooter(recs, "type", "name")
	if len(got) != 3 || got[2].Row != 7 {
		t.Errorf("TrimFooter = %+v", got)
	}
	if len(TrimFooter(recs[3:], "type", "name")) != 0 {
		t.Error("a footer alone was kept")
	}
}
