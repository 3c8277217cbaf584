// Command makesample regenerates testdata/danh-muc-tai-san-cntt.xlsx from the
// CSV sample next to it, laid out like an agency's hand-made workbook: merged
// title rows, a blank row, the header on row 5, real Excel dates in
// dd/mm/yyyy, numeric quantities, and the "Vị trí lắp đặt" column merged down
// over runs of equal values. Run from the repository root:
//
//	go run ./data/tabular/testdata/makesample
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

const (
	dir       = "data/tabular/testdata/"
	sheet     = "Danh mục"
	headerRow = 5
	placeCol  = 6 // 1-based column of "Vị trí lắp đặt"
)

func main() {
	data, err := os.ReadFile(dir + "danh-muc-tai-san-cntt.csv")
	if err != nil {
		log.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", sheet))
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	for i, line := range recs[:3] {
		cell := fmt.Sprintf("A%d", i+1)
		must(f.SetCellStr(sheet, cell, line[0]))
		must(f.MergeCell(sheet, cell, fmt.Sprintf("J%d", i+1)))
		must(f.SetCellStyle(sheet, cell, cell, title))
	}
	must(f.SetSheetRow(sheet, fmt.Sprintf("A%d", headerRow), ptr(anySlice(recs[4]))))
	must(f.SetCellStyle(sheet, "A5", "J5", head))
	rows := recs[5 : len(recs)-2]
	for i, rec := range rows {
		n := headerRow + 1 + i
		vals := anySlice(rec)
		if t, err := parseDMY(rec[7]); err == nil {
			vals[7] = t
		}
		for _, c := range []int{0, 8} {
			if v, err := strconv.Atoi(rec[c]); err == nil {
				vals[c] = v
			}
		}
		must(f.SetSheetRow(sheet, fmt.Sprintf("A%d", n), &vals))
		must(f.SetCellStyle(sheet, fmt.Sprintf("H%d", n), fmt.Sprintf("H%d", n), date))
	}
	mergeRuns(f, rows)
	must(f.SetCellStr(sheet, fmt.Sprintf("G%d", headerRow+len(rows)+2), "Người lập biểu"))
	must(f.SaveAs(dir + "danh-muc-tai-san-cntt.xlsx"))
}

// mergeRuns merges the place column over runs of equal values, keeping the
// text only in the first cell of each run, as people do by hand.
func mergeRuns(f *excelize.File, rows [][]string) {
	col := string(rune('A' + placeCol - 1))
	for start := 0; start < len(rows); {
		end := start
		for end+1 < len(rows) && rows[end+1][placeCol-1] == rows[start][placeCol-1] {
			end++
		}
		if end > start {
			top, bottom := headerRow+1+start, headerRow+1+end
			for n := top + 1; n <= bottom; n++ {
				must(f.SetCellStr(sheet, fmt.Sprintf("%s%d", col, n), ""))
			}
			must(f.MergeCell(sheet, fmt.Sprintf("%s%d", col, top), fmt.Sprintf("%s%d", col, bottom)))
		}
		start = end + 1
	}
}

func parseDMY(s string) (time.Time, error) {
	if strings.Contains(s, "-") {
		return time.Parse("2006-01-02", s)
	}
	return time.Parse("02/01/2006", s)
}

func anySlice(rec []string) []any {
	out := make([]any, len(rec))
	for i, v := range rec {
		out[i] = v
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
