package docs

import (
	"fmt"
	"strconv"

	"daumoi/reports/pdfdoc"
)

// PlanTask is one task of the implementation plan.
type PlanTask struct {
	Item  string `json:"item"` // directive item code, e.g. "1c"
	Task  string `json:"task"`
	Owner string `json:"owner"`
	Start string `json:"start"` // yyyy-mm-dd
	Due   string `json:"due"`   // yyyy-mm-dd
}

// Plan is the input of the implementation plan (Kế hoạch thực hiện Chỉ thị
// 11/CT-UBND) for a year.
type Plan struct {
	Header    Header
	Year      int
	Directive []DirectiveItem
	Tasks     []PlanTask
}

// PlanDocument builds the plan: purpose, then for each directive item the
// table of its tasks with owner and dates, then how it is organised.
func PlanDocument(in Plan) pdfdoc.Document {
	body := []pdfdoc.Block{
		pdfdoc.Heading{Level: 1, Text: "I. MỤC ĐÍCH, YÊU CẦU"},
		pdfdoc.Paragraph{Text: fmt.Sprintf("Triển khai đầy đủ các nhiệm vụ của Chỉ thị số 11/CT-UBND ngày 19/7/2023 của Ủy ban nhân dân tỉnh Vĩnh Long tại %s trong năm %d; mỗi nhiệm vụ có người chủ trì và thời hạn hoàn thành cụ thể.", in.Header.Agency, in.Year)},
		pdfdoc.Heading{Level: 1, Text: "II. NHIỆM VỤ CỤ THỂ"},
	}
	n := 0
	for _, item := range in.Directive {
		var rows [][]string
		for _, t := range in.Tasks {
			if t.Item == item.Code {
				rows = append(rows, []string{strconv.Itoa(len(rows) + 1), t.Task, t.Owner, isoToVI(t.Start) + " – " + isoToVI(t.Due)})
			}
		}
		if len(rows) == 0 {
			continue
		}
		n++
		body = append(body,
			pdfdoc.Heading{Level: 2, Text: fmt.Sprintf("%d. %s (%s)", n, item.Title, item.Ref())},
			pdfdoc.Table{
				Columns: []pdfdoc.Column{numberColumn(), {Title: "Nhiệm vụ", Width: 6}, {Title: "Chủ trì", Width: 2.4}, {Title: "Thời gian", Width: 2.6, Align: pdfdoc.AlignCenter}},
				Rows:    rows, RepeatHeader: true, FontSize: 11,
			})
	}
	body = append(body,
		pdfdoc.Heading{Level: 1, Text: "III. TỔ CHỨC THỰC HIỆN"},
		pdfdoc.Paragraph{Text: "Cán bộ đầu mối an toàn thông tin theo dõi, đôn đốc việc thực hiện; người chủ trì từng nhiệm vụ báo cáo kết quả kèm minh chứng trước thời hạn. Kết quả thực hiện được tổng hợp vào báo cáo hằng năm gửi cơ quan chuyên trách về an toàn thông tin của tỉnh."})
	return in.Header.document("KẾ HOẠCH", fmt.Sprintf("Thực hiện Chỉ thị số 11/CT-UBND năm %d", in.Year), body)
}
