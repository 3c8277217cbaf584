package docs

import (
	"fmt"
	"strconv"
	"strings"

	"daumoi/data/registers"
	"daumoi/reports/pdfdoc"
)

// Inventory is the input of the information-system inventory report
// (Danh mục hệ thống thông tin).
type Inventory struct {
	Header  Header
	Systems []registers.System
	// AssetCounts is the number of assets serving each system, by id.
	AssetCounts map[int64]int
}

// InventoryDocument builds the inventory: a summary by level and dossier
// state, then one row per system with its level and dossier status.
func InventoryDocument(in Inventory) pdfdoc.Document {
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("%s báo cáo danh mục hệ thống thông tin thuộc phạm vi quản lý, cấp độ an toàn thông tin và tình trạng hồ sơ đề xuất cấp độ như sau:", in.Header.Agency)},
		pdfdoc.Heading{Level: 1, Text: "I. TỔNG HỢP"},
		pdfdoc.List{Items: inventorySummary(in.Systems)},
		pdfdoc.Heading{Level: 1, Text: "II. DANH MỤC CHI TIẾT"},
		inventoryBlock(in),
	}
	return in.Header.document("BÁO CÁO", "Danh mục hệ thống thông tin và cấp độ an toàn thông tin", body)
}

// inventorySummary counts systems per level and per dossier state.
func inventorySummary(systems []registers.System) []string {
	byLevel := map[int]int{}
	byState := map[registers.DossierState]int{}
	for _, s := range systems {
		byLevel[s.Level()]++
		byState[dossierState(s)]++
	}
	items := []string{fmt.Sprintf("Tổng số hệ thống thông tin: %d.", len(systems))}
	var levels []string
	for l := 1; l <= 5; l++ {
		if byLevel[l] > 0 {
			levels = append(levels, fmt.Sprintf("cấp độ %d: %d", l, byLevel[l]))
		}
	}
	if byLevel[0] > 0 {
		levels = append(levels, fmt.Sprintf("chưa xác định cấp độ: %d", byLevel[0]))
	}
	if len(levels) > 0 {
		items = append(items, "Theo cấp độ: "+strings.Join(levels, "; ")+".")
	}
	var states []string
	for _, st := range registers.DossierStates() {
		states = append(states, fmt.Sprintf("%s: %d", strings.ToLower(st.Label()), byState[st]))
	}
	return append(items, "Hồ sơ đề xuất cấp độ: "+strings.Join(states, "; ")+".")
}

func dossierState(s registers.System) registers.DossierState {
	if s.Dossier.State == "" {
		return registers.DossierDrafting
	}
	return s.Dossier.State
}

// dossierText is the state with the approval decision, if any.
func dossierText(s registers.System) string {
	text := dossierState(s).Label()
	d := s.Dossier.Decision
	if dossierState(s) == registers.DossierApproved && d.Number != "" {
		text += fmt.Sprintf(" (QĐ số %s ngày %s)", d.Number, isoToVI(d.Date))
	}
	return text
}

// NoSystemsSentence is what a document says when the register has no
// information system yet (a young agency still reports).
const NoSystemsSentence = "Đơn vị chưa có hệ thống thông tin nào trong danh mục quản lý."

// inventoryBlock is the systems table, or the sentence saying there are
// none.
func inventoryBlock(in Inventory) pdfdoc.Block {
	if len(in.Systems) == 0 {
		return pdfdoc.Paragraph{Text: NoSystemsSentence}
	}
	return inventoryTable(in)
}

func inventoryTable(in Inventory) pdfdoc.Table {
	rows := make([][]string, 0, len(in.Systems))
	for i, s := range in.Systems {
		rows = append(rows, []string{
			strconv.Itoa(i + 1), s.Name, joinNonEmpty("; ", s.OperatingUnit, s.Hosting),
			levelText(s.Level()), dossierText(s), strconv.Itoa(in.AssetCounts[s.ID]),
		})
	}
	return pdfdoc.Table{
		Caption: "Bảng 1. Danh mục hệ thống thông tin",
		Columns: []pdfdoc.Column{
			numberColumn(), {Title: "Tên hệ thống", Width: 4}, {Title: "Đơn vị vận hành; nơi đặt", Width: 3},
			{Title: "Cấp độ", Width: 1.6, Align: pdfdoc.AlignCenter}, {Title: "Hồ sơ cấp độ", Width: 3},
			{Title: "Số tài sản", Width: 1.2, Align: pdfdoc.AlignCenter},
		},
		Rows: rows, RepeatHeader: true, FontSize: 11,
	}
}
