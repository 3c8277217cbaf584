package tabular

import (
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestFormatCodeKind(t *testing.T) {
	cases := []struct {
		code string
		want dateKind
	}{
		{"dd/mm/yyyy", dateOnly},
		{"m/d/yyyy", dateOnly},
		{"[$-42A]d mmmm yyyy", dateOnly},
		{"mmm-yy", dateOnly},
		{"mmmm", dateOnly},
		{"dd/mm/yyyy hh:mm", dateMinutes},
		{"yyyy-mm-dd hh:mm:ss", dateSeconds},
		{`"Ngày "dd" tháng "mm`, dateOnly},
		{"hh:mm", noDate},
		{"mm:ss", noDate},
		{"[h]:mm", noDate},
		{"[mm]:ss", noDate},
		{"General", noDate},
		{"#,##0", noDate},
		{`#,##0 "đồng"`, noDate},
		{`0.00\d`, noDate},
		{"[Red]0.00", noDate},
		{"@", noDate},
		{"_-* #,##0_-", noDate},
	}
	for _, tc := range cases {
		if got := formatCodeKind(tc.code); got != tc.want {
			t.Errorf("formatCodeKind(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

func TestNumFmtKind(t *testing.T) {
	custom := map[int]string{14: "hh:mm", 164: "dd/mm/yyyy"}
	for id, want := range map[int]dateKind{0: noDate, 3: noDate, 14: noDate, 15: dateOnly, 22: dateMinutes, 20: noDate, 46: noDate, 31: dateOnly, 164: dateOnly, 165: noDate} {
		if got := numFmtKind(id, custom); got != want {
			t.Errorf("numFmtKind(%d) = %v, want %v", id, got, want)
		}
	}
}

func TestISODate(t *testing.T) {
	cases := []struct {
		serial   string
		kind     dateKind
		date1904 bool
		want     string
		ok       bool
	}{
		{"45306", dateOnly, false, "2024-01-15", true},
		{"45306.75", dateOnly, false, "2024-01-15", true},
		{"45306.75", dateMinutes, false, "2024-01-15 18:00", true},
		{"45306.7500001", dateSeconds, false, "2024-01-15 18:00:00", true},
		{"43844", dateOnly, true, "2024-01-15", true},
		{"60", dateOnly, false, "1900-02-28", true}, // Excel's nonexistent 1900-02-29 (its leap-year bug) has no ISO form
		{"61", dateOnly, false, "1900-03-01", true},
		{"0", dateOnly, false, "", false},
		{"-5", dateOnly, false, "", false},
		{"1e10", dateOnly, false, "", false},
		{"abc", dateOnly, false, "", false},
	}
	for _, tc := range cases {
		got, ok := isoDate(tc.serial, tc.kind, tc.date1904)
		if got != tc.want || ok != tc.ok {
			t.Errorf("isoDate(%q, %v, %v) = %q, %v; want %q, %v", tc.serial, tc.kind, tc.date1904, got, ok, tc.want, tc.ok)
		}
	}
}

// TestReadXLSXDateFormats: every date-formatted number comes out as ISO
// 8601 whatever its pattern; times of day, durations, text and plain
// numbers keep their displayed form.
func TestReadXLSXDateFormats(t *testing.T) {
	f := excelize.NewFile()
	const s = "Sheet1"
	style := func(st excelize.Style) int {
		id, err := f.NewStyle(&st)
		must(t, err)
		return id
	}
	code := func(c string) excelize.Style { return excelize.Style{CustomNumFmt: &c} }
	march4 := 45355.0 // 2024-03-04
	cells := []struct {
		value any
		style int
		want  string
	}{
		{march4, style(excelize.Style{NumFmt: 14}), "2024-03-04"},
		{march4, style(code("m/d/yyyy")), "2024-03-04"},
		{march4, style(code("dd/mm/yyyy")), "2024-03-04"},
		{march4, style(code(`"ngày "dd" tháng "mm" năm "yyyy`)), "2024-03-04"},
		{march4 + 0.5, style(code("dd/mm/yyyy hh:mm")), "2024-03-04 12:00"},
		{march4 + 0.5, style(excelize.Style{NumFmt: 22}), "2024-03-04 12:00"},
		{0.5, style(code("hh:mm")), "12:00"},
		{1.5, style(code("[h]:mm")), "36:00"},
		{"04/03/2024", style(code("dd/mm/yyyy")), "04/03/2024"},
		{march4, 0, "45355"},
	}
	for i, c := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		must(t, f.SetCellValue(s, cell, c.value))
		if c.style > 0 {
			must(t, f.SetCellStyle(s, cell, cell, c.style))
		}
	}
	must(t, f.SetCellValue(s, "A2", march4))
	must(t, f.SetCellStyle(s, "A2", "A2", cells[1].style))
	must(t, f.MergeCell(s, "A2", "A3"))
	must(t, f.SetCellStr(s, "B3", "x"))
	sh, err := readXLSXBytes(workbookBytes(t, f), ReadOptions{})
	must(t, err)
	for i, c := range cells {
		if got := sh.Rows[0].Cell(i); got != c.want {
			t.Errorf("column %s: got %q, want %q", ColumnName(i), got, c.want)
		}
	}
	if got := []string{sh.Rows[1].Cell(0), sh.Rows[2].Cell(0)}; !reflect.DeepEqual(got, []string{"2024-03-04", "2024-03-04"}) {
		t.Errorf("merged date = %q, want ISO in both rows", got)
	}
	if d, err := ParseDate(sh.Rows[0].Cell(1)); err != nil || !d.Equal(time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseDate of the US-format cell = %v, %v", d, err)
	}
}

func TestReadXLSXDate1904(t *testing.T) {
	f := excelize.NewFile()
	yes := true
	must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	id, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(t, err)
	must(t, f.SetCellValue("Sheet1", "A1", 43844))
	must(t, f.SetCellStyle("Sheet1", "A1", "A1", id))
	sh, err := readXLSXBytes(workbookBytes(t, f), ReadOptions{})
	must(t, err)
	if got := sh.Rows[0].Cell(0); got != "2024-01-15" {
		t.Errorf("1904-system date = %q, want 2024-01-15", got)
	}
}
