package session

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"daumoi/data/registers"
	"daumoi/data/tabular"
)

// inventoryFile is an agency's inventory workbook as they are made: a
// merged title row and a subtitle above the header, STT and ĐVT columns,
// "Tên máy", "Số serial", "Năm sản xuất", "Ngày đưa vào sử dụng" (date
// cells and dd/mm/yyyy text), "Đơn vị quản lý", printers, a photocopier, a
// scanner, a projector of type "Khác", and a signature block below.
const inventoryFile = "testdata/kiem-ke-tai-san.xlsx"

// TestInventoryImportsTwiceWithoutDuplicates imports the inventory, then
// the same file again: the second time every row is found and unchanged.
func TestInventoryImportsTwiceWithoutDuplicates(t *testing.T) {
	_, s, _ := newVault(t)
	sheet, err := LoadSheet(inventoryFile, tabular.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		t.Fatal(err)
	}
	if m.HeaderRow != 4 {
		t.Errorf("header row = %d, want 4", m.HeaderRow)
	}
	if len(m.Unknown) != 1 || m.Unknown[0].Header != "ĐVT" {
		t.Errorf("unknown columns = %+v, want only ĐVT (STT is recognised and ignored)", m.Unknown)
	}
	for _, key := range []string{"serial", "manufacture_year", "in_service_date", "managing_unit", "responsible", "hostname"} {
		if !mapsField(m, key) {
			t.Errorf("no column for %s in %q", key, m.Headers)
		}
	}
	rep, err := s.ImportAssets(sheet, m, ImportOptions{Strict: true})
	if err != nil || rep.New != 12 || rep.Imported != 12 {
		t.Fatalf("first import = %+v, %v", rep, err)
	}
	printers, err := s.ListAssets(AssetFilter{Type: registers.AssetPrinter})
	if err != nil || len(printers) != 6 {
		t.Fatalf("printers = %d, %v; want 6 (laser, multifunction, photocopier, scanner)", len(printers), err)
	}
	others, _ := s.ListAssets(AssetFilter{Type: registers.AssetOther})
	if len(others) != 1 || !strings.Contains(others[0].Name, "Máy chiếu") {
		t.Errorf("other = %+v", others)
	}
	pc, err := s.ListAssets(AssetFilter{Text: "PC-VP-01"})
	if err != nil || len(pc) != 1 {
		t.Fatalf("PC-VP-01 = %v, %v", pc, err)
	}
	if a := pc[0]; a.InServiceDate != "2022-03-15" || a.ManufactureYear != 2022 || a.ManagingUnit != "Văn phòng Sở" || a.Serial != "SN-DELL-7010-01" {
		t.Errorf("PC-VP-01 = %+v", a)
	}
	laptop, _ := s.ListAssets(AssetFilter{Text: "LT-CCVC-01"})
	if len(laptop) != 1 || laptop[0].InServiceDate != "2023-06-01" {
		t.Errorf("a dd/mm/yyyy text date: %+v", laptop)
	}

	again, err := s.ImportAssets(sheet, m, ImportOptions{})
	if err != nil || again.New != 0 || len(again.Updated) != 0 || len(again.Unchanged) != 12 || again.Imported != 0 {
		t.Fatalf("second import = %+v, %v", again, err)
	}
	if all, _ := s.ListAssets(AssetFilter{}); len(all) != 12 {
		t.Errorf("%d assets after importing twice, want 12", len(all))
	}
}

func mapsField(m tabular.Mapping, key string) bool {
	for _, k := range m.Columns {
		if k == key {
			return true
		}
	}
	return false
}

// TestExportWritesDateCellsAndLabels: dates are date cells shown
// dd/mm/yyyy, the sanitisation method its Vietnamese label, and each row
// starts with the asset's code.
func TestExportWritesDateCellsAndLabels(t *testing.T) {
	_, s, _ := newVault(t)
	buildRegister(t, s, false)
	var buf bytes.Buffer
	if _, err := s.ExportAssets(&buf, FormatXLSX); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	col := columnOf(t, f, sheet, "Ngày xóa dữ liệu")
	method := columnOf(t, f, sheet, "Phương pháp xóa dữ liệu")
	found := false
	rows, _ := f.GetRows(sheet)
	for r := 2; r <= len(rows); r++ {
		cell := col + strconv.Itoa(r)
		shown, _ := f.GetCellValue(sheet, cell)
		if shown == "" {
			continue
		}
		found = true
		if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is a text cell (%q), want a date", cell, shown)
		}
		if shown != "01/10/2026" {
			t.Errorf("%s shows %q, want 01/10/2026", cell, shown)
		}
		if m, _ := f.GetCellValue(sheet, method+strconv.Itoa(r)); m != "Hủy vật lý" {
			t.Errorf("method = %q, want its label", m)
		}
		if code, _ := f.GetCellValue(sheet, "A"+strconv.Itoa(r)); !strings.HasPrefix(code, "TS-") {
			t.Errorf("code = %q", code)
		}
	}
	if !found {
		t.Fatal("no sanitisation date exported")
	}
}

func columnOf(t *testing.T, f *excelize.File, sheet, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == header {
			return tabular.ColumnName(i)
		}
	}
	t.Fatalf("no column %q in %q", header, rows[0])
	return ""
}

// TestImportRefusesBadCodesAndSameAssetTwice: a code not written as the
// register writes it, or two rows for one asset, are refused with reasons.
func TestImportRefusesBadCodesAndSameAssetTwice(t *testing.T) {
	_, s, _ := newVault(t)
	seedRegisters(t, s)
	var buf bytes.Buffer
	if _, err := s.ExportAssets(&buf, FormatCSV); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\r\n"), "\r\n")
	text := strings.Join(append(lines, lines[1], "MÃ-LẠ,Máy trạm,Máy lạ,,,,,,,,,,,,,,,,,,,,,,"), "\r\n") + "\r\n"
	rep, err := importFile(s, writeFile(t, "a.csv", []byte(text)), ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unchanged) != 2 || len(rep.Skipped) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	if !errors.Is(rep.Skipped[0].Problems[0], ErrSameAssetTwice) || !errors.Is(rep.Skipped[1].Problems[0], registers.ErrBadAssetCode) {
		t.Errorf("problems = %+v", rep.Skipped)
	}
}

// TestSystemExportReimports: the system register's export read back is
// unchanged, row by row; nothing is added.
func TestSystemExportReimports(t *testing.T) {
	_, s, _ := newVault(t)
	buildRegister(t, s, false)
	for _, format := range []Format{FormatCSV, FormatXLSX} {
		var buf bytes.Buffer
		if _, err := s.ExportSystems(&buf, format); err != nil {
			t.Fatal(err)
		}
		sheet, err := LoadSheet(writeFile(t, "he-thong."+string(format), buf.Bytes()), tabular.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := tabular.DetectHeader(sheet, registers.SystemFields())
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportSystems(sheet, m, ImportOptions{Strict: true})
		if err != nil || rep.New != 0 || len(rep.Unchanged) != 2 || len(rep.Skipped) != 0 || rep.Imported != 0 {
			t.Fatalf("%s: %+v, %v", format, rep, err)
		}
	}
	if list, _ := s.ListSystems(SystemFilter{}); len(list) != 2 {
		t.Errorf("%d systems, want 2", len(list))
	}
}
