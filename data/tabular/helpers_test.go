package tabular

import (
	"bytes"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// assetFields is the asset register's field list as the import will supply it.
func assetFields() []Field {
	return []Field{
		{Key: "hostname", Aliases: []string{"Tên máy", "Tên thiết bị", "Hostname", "Tên tài sản"}, Required: true},
		{Key: "kind", Aliases: []string{"Loại", "Loại thiết bị", "Loại tài sản", "Type"}},
		{Key: "os", Aliases: []string{"Hệ điều hành", "OS", "Operating system", "Phiên bản"}},
		{Key: "ip", Aliases: []string{"Địa chỉ IP", "IP", "IP address"}},
		{Key: "location", Aliases: []string{"Vị trí", "Vị trí lắp đặt", "Location"}},
		{Key: "owner", Aliases: []string{"Người quản lý", "Người phụ trách", "Owner"}},
		{Key: "since", Aliases: []string{"Ngày đưa vào sử dụng", "Ngày sử dụng", "In service"}},
		{Key: "count", Aliases: []string{"Số lượng", "Quantity"}},
	}
}

// cellsOf returns a sheet's rows as plain cell slices with their numbers.
func cellsOf(s Sheet) (numbers []int, cells [][]string) {
	for _, r := range s.Rows {
		numbers = append(numbers, r.Number)
		cells = append(cells, r.Cells)
	}
	return numbers, cells
}

func nfd(s string) string { return norm.NFD.String(s) }

// readCSVString is ReadCSV over a string with default options.
func readCSVString(t *testing.T, s string) Sheet {
	t.Helper()
	sh, err := ReadCSV(bytes.NewReader([]byte(s)), ReadOptions{})
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return sh
}
