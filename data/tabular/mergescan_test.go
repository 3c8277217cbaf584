package tabular

import (
	"bytes"
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
