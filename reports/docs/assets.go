package docs

import (
	"fmt"
	"strconv"
	"strings"

	"daumoi/data/registers"
	"daumoi/reports/pdfdoc"
)

// ViolationMark marks, in the asset extract, a device holding state-secret
// data while connected to a network (Chỉ thị 11 item 1đ).
const ViolationMark = "VI PHẠM mục 1đ"

// AssetExtract is the input of the asset register extract (Trích lục sổ
// tài sản).
type AssetExtract struct {
	Header Header
	Assets []registers.Asset
	// SystemNames gives the name of each system id the assets refer to.
	SystemNames map[int64]string
	// Selection describes which assets were chosen ("" for all).
	Selection string
}

// AssetExtractDocument builds the extract: counts, then one row per asset;
// violations are marked in the last column and counted in the summary.
func AssetExtractDocument(in AssetExtract) pdfdoc.Document {
	violations := 0
	rows := make([][]string, 0, len(in.Assets))
	for i, a := range in.Assets {
		if a.Violation() {
			violations++
		}
		rows = append(rows, assetRow(i+1, a, in.SystemNames))
	}
	intro := fmt.Sprintf("Trích lục sổ quản lý tài sản công nghệ thông tin của %s: %d tài sản", in.Header.Agency, len(in.Assets))
	if in.Selection != "" {
		intro += " (" + in.Selection + ")"
	}
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: intro + "."},
		pdfdoc.Paragraph{Text: fmt.Sprintf("Số thiết bị lưu trữ, xử lý thông tin bí mật nhà nước có kết nối mạng (vi phạm mục 1 điểm đ Chỉ thị 11/CT-UBND): %d.", violations), Bold: violations > 0},
	}
	switch {
	case len(rows) == 0 && in.Selection != "":
		body = append(body, pdfdoc.Paragraph{Text: "Không có tài sản nào thuộc phạm vi trích lục."})
	case len(rows) == 0:
		body = append(body, pdfdoc.Paragraph{Text: "Chưa có tài sản nào trong sổ quản lý."})
	default:
		body = append(body, pdfdoc.Table{
			Caption: "Bảng 1. Danh sách tài sản",
			Columns: []pdfdoc.Column{
				numberColumn(), {Title: "Tên tài sản", Width: 3}, {Title: "Loại", Width: 1.8},
				{Title: "Tên máy; địa chỉ IP", Width: 2.6}, {Title: "Hệ thống", Width: 2.2},
				{Title: "Người phụ trách", Width: 2}, {Title: "Trạng thái", Width: 1.7}, {Title: "Ghi chú", Width: 2.2},
			},
			Rows: rows, RepeatHeader: true, FontSize: 9,
		})
	}
	return in.Header.document("BÁO CÁO", "Trích lục sổ quản lý tài sản công nghệ thông tin", body)
}

func assetRow(n int, a registers.Asset, systemNames map[int64]string) []string {
	var systems []string
	for _, id := range a.Systems {
		systems = append(systems, systemNames[id])
	}
	note := assetConnections(a)
	if a.Violation() {
		note = joinNonEmpty("; ", ViolationMark, note)
	}
	return []string{
		strconv.Itoa(n), a.Name, a.Type.Label(), joinNonEmpty("; ", a.Hostname, strings.Join(a.IPs, ", ")),
		strings.Join(systems, "; "), a.Responsible, a.Status.Label(), note,
	}
}

func assetConnections(a registers.Asset) string {
	var parts []string
	if a.StateSecret {
		parts = append(parts, "có thông tin BMNN")
	}
	if a.Internet {
		parts = append(parts, "nối Internet")
	}
	if a.LAN {
		parts = append(parts, "nối mạng nội bộ")
	}
	return strings.Join(parts, ", ")
}
