package docs

import (
	"fmt"
	"strconv"

	"daumoi/data/assessments"
	"daumoi/reports/pdfdoc"
)

// Assessment item statuses, as the session layer stores them.
const (
	StatusPass          = "pass"
	StatusPartial       = "partial"
	StatusFail          = "fail"
	StatusNotApplicable = "not_applicable"
	StatusNotAssessed   = "not_assessed"
)

// StatusLabel is the Vietnamese label of an item status.
func StatusLabel(status string) string {
	switch status {
	case StatusPass:
		return "Đạt"
	case StatusPartial:
		return "Đạt một phần"
	case StatusFail:
		return "Không đạt"
	case StatusNotApplicable:
		return "Không áp dụng"
	}
	return "Chưa đánh giá"
}

// AssessmentResult is the input of the assessment result report.
type AssessmentResult struct {
	Header     Header
	SystemName string
	Level      int
	Period     string // "2026", "2026-H1"
	Revision   int
	Approved   bool
	ApprovedBy string // full name
	ApprovedAt string // yyyy-mm-dd or RFC 3339
	Groups     []AssessmentGroup
}

// AssessmentGroup is the items of one group (a directive item, a chapter).
type AssessmentGroup struct {
	Title string
	Items []AssessmentLine
}

// AssessmentLine is one checklist item's result.
type AssessmentLine struct {
	ID, Text, Status, Note string
}

// Counts returns the number of items per status.
func (a AssessmentResult) Counts() map[string]int {
	out := map[string]int{}
	for _, g := range a.Groups {
		for _, it := range g.Items {
			out[it.Status]++
		}
	}
	return out
}

// Compliance is the assessment's compliance, by the one definition of
// package assessments.
func (a AssessmentResult) Compliance() assessments.Compliance {
	return assessments.FromCounts(a.Counts())
}

// AssessmentDocument builds the assessment result: the system, period and
// approval, the counts per status, then one table of items per group.
func AssessmentDocument(in AssessmentResult) pdfdoc.Document {
	c := in.Counts()
	state := "chưa được phê duyệt"
	if in.Approved {
		state = fmt.Sprintf("đã được %s phê duyệt ngày %s", in.ApprovedBy, isoToVI(firstDate(in.ApprovedAt)))
	}
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Kết quả tự kiểm tra, đánh giá an toàn thông tin hệ thống “%s” (%s), kỳ %s, lần %d; kết quả %s.",
			in.SystemName, levelText(in.Level), in.Period, in.Revision, state)},
		pdfdoc.Heading{Level: 1, Text: "I. TỔNG HỢP KẾT QUẢ"},
		pdfdoc.List{Items: []string{
			fmt.Sprintf("Đạt: %d; đạt một phần: %d; không đạt: %d; không áp dụng: %d; chưa đánh giá: %d.",
				c[StatusPass], c[StatusPartial], c[StatusFail], c[StatusNotApplicable], c[StatusNotAssessed]),
			"Kết quả: " + in.Compliance().TextVI() + " (mục đạt một phần hoặc không đạt là chưa đạt; mục không áp dụng không được tính).",
		}},
		pdfdoc.Heading{Level: 1, Text: "II. KẾT QUẢ CHI TIẾT"},
	}
	for i, g := range in.Groups {
		body = append(body, assessmentTable(i+1, g))
	}
	return in.Header.document("BÁO CÁO", fmt.Sprintf("Kết quả kiểm tra, đánh giá an toàn thông tin kỳ %s của “%s”", in.Period, in.SystemName), body)
}

func assessmentTable(n int, g AssessmentGroup) pdfdoc.Table {
	rows := make([][]string, 0, len(g.Items))
	for i, it := range g.Items {
		rows = append(rows, []string{strconv.Itoa(i + 1), it.Text, StatusLabel(it.Status), it.Note})
	}
	return pdfdoc.Table{
		Caption: fmt.Sprintf("Bảng %d. %s", n, g.Title),
		Columns: []pdfdoc.Column{numberColumn(), {Title: "Yêu cầu", Width: 6}, {Title: "Kết quả", Width: 1.8, Align: pdfdoc.AlignCenter}, {Title: "Ghi chú", Width: 3}},
		Rows:    rows, RepeatHeader: true, FontSize: 10,
	}
}

// firstDate keeps the yyyy-mm-dd of an RFC 3339 time.
func firstDate(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}
