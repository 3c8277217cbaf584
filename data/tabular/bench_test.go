package tabular

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

const benchRows = 10_000

// inventoryTable returns a header and n realistic asset rows.
func inventoryTable(n int) ([]string, [][]string) {
	header := []string{"STT", "Tên thiết bị", "Loại thiết bị", "Hệ điều hành", "Địa chỉ IP", "Vị trí lắp đặt", "Người quản lý", "Ngày đưa vào sử dụng", "Số lượng", "Ghi chú"}
	kinds := []string{"Máy chủ", "Máy trạm", "Tường lửa", "Thiết bị mạng"}
	systems := []string{"Windows Server 2019", "Windows 11 Pro", "FortiOS 7.2.8", "Ubuntu 22.04 LTS"}
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{
			fmt.Sprint(i + 1), fmt.Sprintf("HOST-%05d", i), kinds[i%4], systems[i%4],
			fmt.Sprintf("10.%d.%d.%d", i/65536%256, i/256%256, i%256), "Phòng máy chủ tầng 3",
			"Nguyễn Thị Thu Hương", fmt.Sprintf("%02d/%02d/20%02d", i%28+1, i%12+1, i%25), "1", "Ghi chú về thiết bị",
		}
	}
	return header, rows
}

// inventoryWorkbook builds the benchmark workbook the way agencies lay it
// out: merged title, header on row 3, real date cells.
func inventoryWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	header, rows := inventoryTable(n)
	f := excelize.NewFile()
	defer f.Close()
	must(b, f.SetCellStr("Sheet1", "A1", "DANH MỤC TÀI SẢN CNTT"))
	must(b, f.MergeCell("Sheet1", "A1", "J1"))
	must(b, f.SetSheetRow("Sheet1", "A3", &header))
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptrTo("dd/mm/yyyy")})
	must(b, err)
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		vals[0], vals[7], vals[8] = i+1, 40000+i%5000, 1
		must(b, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+4), &vals))
	}
	must(b, f.SetCellStyle("Sheet1", "H4", fmt.Sprintf("H%d", n+3), dateStyle))
	return workbookBytes(b, f)
}

func ptrTo[T any](v T) *T { return &v }

// BenchmarkReadXLSX10k measures the file layer of a 10,000-row import:
// ReadXLSX, DetectHeader and Records.
func BenchmarkReadXLSX10k(b *testing.B) {
	data := inventoryWorkbook(b, benchRows)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		sh, err := ReadXLSX(bytes.NewReader(data), int64(len(data)), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		m, err := DetectHeader(sh, assetFields())
		if err != nil {
			b.Fatal(err)
		}
		if recs := Records(sh, m); len(recs) != benchRows {
			b.Fatalf("%d records", len(recs))
		}
	}
}

func BenchmarkReadCSV10k(b *testing.B) {
	header, rows := inventoryTable(benchRows)
	var buf bytes.Buffer
	must(b, WriteCSV(&buf, header, rows))
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sh, err := ReadCSV(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(sh.Rows) != benchRows+1 {
			b.Fatalf("%d rows", len(sh.Rows))
		}
	}
}

func BenchmarkWriteXLSX10k(b *testing.B) {
	header, rows := inventoryTable(benchRows)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, "Tài sản", header, rows, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCSV10k(b *testing.B) {
	header, rows := inventoryTable(benchRows)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, header, rows); err != nil {
			b.Fatal(err)
		}
	}
}
