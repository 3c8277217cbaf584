package tabular

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMergedRangesFastPathMatchesExcelize checks the byte scan finds the
// worksheet part (no fallback) and the same ranges as GetMergeCells.
func TestMergedRangesFastPathMatchesExcelize(t *testing.T) {
	sample, err := os.ReadFile("testdata/danh-muc-tai-san-cntt.xlsx")
	must(t, err)
	for name, data := range map[string][]byte{"agency": agencyWorkbook(t), "sample": sample} {
		t.Run(name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			must(t, err)
			defer f.Close()
			sheet, err := pickSheet(f, "")
			must(t, err)
			if _, ok := worksheetXML(f, sheet); !ok {
				t.Fatal("worksheet part not found in memory: fast path unused")
			}
			fast, err := mergedRanges(f, sheet)
			must(t, err)
			slow, err := slowMergedRanges(f, sheet)
			must(t, err)
			if len(fast) == 0 || !reflect.DeepEqual(fast, slow) {
				t.Errorf("fast %v, excelize %v", fast, slow)
			}
		})
	}
}

func TestScanMergeCells(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`</sheetData><mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="D5:D6"/></mergeCells></worksheet>`, []string{"A1:F1", "D5:D6"}},
		{`<x:mergeCells><x:mergeCell ref="B2:C3"/></x:mergeCells></x:worksheet>`, []string{"B2:C3"}},
		{`<pageMargins left="0.7"/></worksheet>`, nil},
		{`<mergeCell ref="A1:B1"/><broken <<`, []string{"A1:B1"}},
	}
	for _, tc := range cases {
		if got := scanMergeCells([]byte(tc.in)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("scanMergeCells(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestPartPath(t *testing.T) {
	for in, want := range map[string]string{
		"worksheets/sheet1.xml":     "xl/worksheets/sheet1.xml",
		"/xl/worksheets/sheet2.xml": "xl/worksheets/sheet2.xml",
		"../xl/worksheets/s.xml":    "xl/worksheets/s.xml",
	} {
		if got := partPath(in); got != want {
			t.Errorf("partPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApplyMerges(t *testing.T) {
	rows := func() []Row {
		return []Row{
			{Number: 1, Cells: []string{"Tiêu đề"}},
			{Number: 3, Cells: []string{"a", "Phòng A", "x"}},
			{Number: 4, Cells: []string{"b", "", "y"}},
			{Number: 6, Cells: []string{"c"}},
		}
	}
	cases := []struct {
		name    string
		refs    []string
		maxCols int
		budget  int
		want    [][]string
		wantErr error
	}{
		{"title across", []string{"A1:C1"}, 10, 100, [][]string{{"Tiêu đề", "Tiêu đề", "Tiêu đề"}, {"a", "Phòng A", "x"}, {"b", "", "y"}, {"c"}}, nil},
		{"down over a missing row", []string{"B3:B6"}, 10, 100, [][]string{{"Tiêu đề"}, {"a", "Phòng A", "x"}, {"b", "Phòng A", "y"}, {"c", "Phòng A"}}, nil},
		{"reversed and clamped", []string{"E1:A1"}, 2, 100, [][]string{{"Tiêu đề", "Tiêu đề"}, {"a", "Phòng A", "x"}, {"b", "", "y"}, {"c"}}, nil},
		{"empty top-left ignored", []string{"B4:C6", "junk", "A0:B1"}, 10, 100, [][]string{{"Tiêu đề"}, {"a", "Phòng A", "x"}, {"b", "", "y"}, {"c"}}, nil},
		{"budget exceeded", []string{"A1:XFD1048576"}, 16384, 1000, nil, ErrTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := rows()
			err := applyMerges(rs, tc.refs, tc.maxCols, tc.budget)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				return
			}
			var got [][]string
			for _, r := range rs {
				got = append(got, r.Cells)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cells = %q, want %q", got, tc.want)
			}
		})
	}
}
