package session

import (
	"flag"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var updateInventory = flag.Bool("update-inventory", false, "rewrite "+inventoryFile)

// TestWriteInventoryFile writes the inventory workbook of testdata (run
// with -update-inventory); it is built as agencies build theirs in Excel.
func TestWriteInventoryFile(t *testing.T) {
	if !*updateInventory {
		t.Skip("run with -update-inventory to rewrite " + inventoryFile)
	}
	f := excelize.NewFile()
	sh := "Kiểm kê 2026"
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", sh))
	must(f.SetCellStr(sh, "A1", "DANH MỤC TÀI SẢN, THIẾT BỊ CÔNG NGHỆ THÔNG TIN NĂM 2026"))
	must(f.MergeCell(sh, "A1", "M1"))
	must(f.SetCellStr(sh, "A2", "(Kèm theo Biên bản kiểm kê ngày 15/11/2026 của Văn phòng Sở Nội vụ)"))
	must(f.MergeCell(sh, "A2", "M2"))
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	must(f.SetCellStyle(sh, "A1", "A1", title))
	header := []any{"STT", "Tên tài sản", "Loại thiết bị", "Số serial", "Năm sản xuất", "Ngày đưa vào sử dụng", "Đơn vị quản lý", "Người sử dụng", "Tên máy", "Địa chỉ IP", "ĐVT", "Tình trạng", "Ghi chú"}
	must(f.SetSheetRow(sh, "A4", &header))
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	rows := [][]any{
		{1, "Máy tính để bàn Dell OptiPlex 7010", "Máy tính để bàn", "SN-DELL-7010-01", 2022, d(2022, 3, 15), "Văn phòng Sở", "Nguyễn Văn An", "PC-VP-01", "10.70.10.51", "Cái", "Đang sử dụng", ""},
		{2, "Máy tính để bàn Dell OptiPlex 7010", "Máy tính để bàn", "SN-DELL-7010-02", 2022, d(2022, 3, 15), "Văn phòng Sở", "Trần Thị Bích Ngọc", "PC-VP-02", "10.70.10.52", "Cái", "Đang sử dụng", ""},
		{3, "Máy tính xách tay Lenovo ThinkPad E14", "Máy tính xách tay", "PF-3XK2A1", 2023, "01/06/2023", "Phòng Công chức, viên chức", "Lê Hoàng Phúc", "LT-CCVC-01", "", "Cái", "Đang sử dụng", "Mang đi công tác"},
		{4, "Máy in HP LaserJet Pro M404dn", "Máy in", "VNB3K12345", 2020, d(2020, 9, 1), "Văn phòng Sở", "Nguyễn Văn An", "", "10.70.10.200", "Cái", "Đang sử dụng", "In mạng"},
		{5, "Máy in Canon LBP 2900", "Máy in", "CN-LBP-88211", 2018, d(2018, 5, 20), "Phòng Tổ chức, biên chế", "Tạ Văn Lộc", "", "", "Cái", "Đang sửa chữa", "Kẹt giấy, gửi bảo hành"},
		{6, "Máy in đa năng Brother MFC-L2701DW", "Máy in đa năng", "E78123K9N", 2021, "12/01/2021", "Phòng Xây dựng chính quyền", "Võ Thành Nhân", "", "10.70.10.201", "Cái", "Đang sử dụng", ""},
		{7, "Máy photocopy Ricoh MP 2014AD", "Máy photocopy", "G3375012345", 2019, d(2019, 11, 11), "Văn phòng Sở", "Quách Thị Diễm My", "", "", "Cái", "Đang sử dụng", ""},
		{8, "Máy scan Canon DR-C230", "Máy scan", "CN-DRC230-7781", 2024, d(2024, 2, 26), "Chi cục Văn thư - Lưu trữ", "Phan Thanh Sơn", "", "", "Cái", "Đang sử dụng", "Số hóa hồ sơ lưu trữ"},
		{9, "Máy in HP LaserJet Pro M404dn", "Máy in", "VNB3K12399", 2020, d(2020, 9, 1), "Ban Thi đua - Khen thưởng", "Lý Văn Hậu", "", "", "Cái", "Đang sử dụng", ""},
		{10, "Bộ chuyển mạch TP-Link TL-SG1024D", "Switch", "TPL-SG1024-0042", 2017, d(2017, 8, 8), "Văn phòng Sở", "Lê Minh Đức", "", "", "Cái", "Đang sử dụng", "Tủ mạng tầng 2"},
		{11, "Máy chiếu Epson EB-X51", "Khác", "X51-EPS-2231", 2022, d(2022, 10, 3), "Văn phòng Sở", "Ngô Minh Trí", "", "", "Cái", "Đang sử dụng", "Phòng họp tầng 3"},
		{12, "Phần mềm kế toán MISA Mimosa.NET", "Phần mềm", "", "", d(2021, 1, 4), "Văn phòng Sở", "Mai Thị Thùy Trang", "", "", "Bản quyền", "Đang sử dụng", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 5+i)
		must(f.SetSheetRow(sh, cell, &r))
	}
	dateFmt := "dd/mm/yyyy"
	ds, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	must(f.SetCellStyle(sh, "F5", "F16", ds))
	// The signature block below the table, as printed inventories have.
	must(f.SetCellStr(sh, "H19", "NGƯỜI LẬP BIỂU"))
	must(f.SetCellStr(sh, "L19", "THỦ TRƯỞNG ĐƠN VỊ"))
	must(f.SaveAs(inventoryFile))
}
