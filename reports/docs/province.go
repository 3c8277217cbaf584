package docs

import (
	"fmt"
	"strings"
	"time"

	"daumoi/reports/pdfdoc"
)

// The report states of an agency, as ProvinceAgency.State holds them (the
// values of office.ReportState).
const (
	StateOnTime    = "on_time"
	StateLate      = "late"
	StateMissing   = "missing"
	StateNotYetDue = "not_yet_due"
)

// ProvinceAgency is one agency's line of the province's consolidated
// report: where its annual report stands and the figures of its current
// bundle (HasData false: none read).
type ProvinceAgency struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Parent   string `json:"parent"`
	State    string `json:"state"`    // StateOnTime, StateLate, StateMissing, StateNotYetDue
	Received string `json:"received"` // YYYY-MM-DD of the first annual bundle, "" when none
	HasData  bool   `json:"has_data"`
	// Compliance is 100·ItemsMet/ItemsAssessed (0 when nothing assessed).
	Compliance       float64        `json:"compliance"`
	ItemsMet         int            `json:"items_met"`
	ItemsAssessed    int            `json:"items_assessed"`
	Systems          int            `json:"systems"`
	SystemsByLevel   map[string]int `json:"systems_by_level"`
	DossiersApproved int            `json:"dossiers_approved"`
	Violations       int            `json:"violations"`
	FindingsOpen     int            `json:"findings_open"`
	FindingsOverdue  int            `json:"findings_overdue"`
	IncidentsIn      int            `json:"incidents_received"`
	IncidentsOpen    int            `json:"incidents_open"`
}

// ProvinceTotals are the province's figures summed over the agencies.
type ProvinceTotals struct {
	Agencies         int            `json:"agencies"`
	OnTime           int            `json:"on_time"`
	Late             int            `json:"late"`
	Missing          int            `json:"missing"`
	NotYetDue        int            `json:"not_yet_due"`
	WithData         int            `json:"with_data"`
	Systems          int            `json:"systems"`
	SystemsByLevel   map[string]int `json:"systems_by_level"`
	DossiersApproved int            `json:"dossiers_approved"`
	WithoutApproved  int            `json:"without_approved_level"`
	Violations       int            `json:"violations"`
	AgenciesViolated int            `json:"agencies_with_violations"`
	FindingsOpen     int            `json:"findings_open"`
	FindingsOverdue  int            `json:"findings_overdue"`
	IncidentsIn      int            `json:"incidents_received"`
	IncidentsOpen    int            `json:"incidents_open"`
	ItemsMet         int            `json:"items_met"`
	ItemsAssessed    int            `json:"items_assessed"`
	// Compliance is 100·ItemsMet/ItemsAssessed over every agency (0 when
	// nothing was assessed); Assessed counts agencies with assessed items.
	Compliance float64 `json:"compliance"`
	Assessed   int     `json:"agencies_assessed"`
}

// SumProvince adds up the agencies' figures.
func SumProvince(list []ProvinceAgency) ProvinceTotals {
	t := ProvinceTotals{Agencies: len(list), SystemsByLevel: map[string]int{}}
	for _, a := range list {
		switch a.State {
		case StateOnTime:
			t.OnTime++
		case StateLate:
			t.Late++
		case StateMissing:
			t.Missing++
		default:
			t.NotYetDue++
		}
		if a.HasData {
			t.WithData++
		}
		t.Systems += a.Systems
		for k, v := range a.SystemsByLevel {
			t.SystemsByLevel[k] += v
		}
		t.DossiersApproved += a.DossiersApproved
		t.Violations += a.Violations
		if a.Violations > 0 {
			t.AgenciesViolated++
		}
		t.FindingsOpen += a.FindingsOpen
		t.FindingsOverdue += a.FindingsOverdue
		t.IncidentsIn += a.IncidentsIn
		t.IncidentsOpen += a.IncidentsOpen
		t.ItemsMet += a.ItemsMet
		t.ItemsAssessed += a.ItemsAssessed
		if a.ItemsAssessed > 0 {
			t.Assessed++
		}
	}
	t.WithoutApproved = max(0, t.Systems-t.DossiersApproved)
	if t.ItemsAssessed > 0 {
		t.Compliance = 100 * float64(t.ItemsMet) / float64(t.ItemsAssessed)
	}
	return t
}

// Province is the input of the office's annual consolidated report to the
// provincial People's Committee on implementing Chỉ thị 11/CT-UBND.
type Province struct {
	Header Header
	Year   int
	// AgencyDeadline is the agencies' deadline (12/12), Due the office's
	// own (20/12), both from the active packs; AsOf the day the status is
	// counted on.
	AgencyDeadline, Due, AsOf time.Time
	Agencies                  []ProvinceAgency
	// Recommendations is the officer's free text for "Kiến nghị, đề
	// xuất"; empty leaves dotted lines to fill in by hand.
	Recommendations string
}

// ProvinceAnnualDocument builds the annual consolidated report: the
// agencies' reporting (item 1k), the figures per directive item summed
// over the agencies' current bundles, those that did not report, the
// officer's recommendations, and the table of agencies as an appendix.
func ProvinceAnnualDocument(p Province) pdfdoc.Document {
	t := SumProvince(p.Agencies)
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Thực hiện Chỉ thị số 11/CT-UBND ngày 19/7/2023 của Ủy ban nhân dân tỉnh Vĩnh Long về đẩy mạnh bảo đảm an toàn thông tin mạng và triển khai các hoạt động ứng cứu sự cố an toàn thông tin mạng trên địa bàn tỉnh, trên cơ sở báo cáo của các cơ quan, đơn vị, %s tổng hợp, báo cáo kết quả thực hiện năm %d (số liệu tính đến ngày %s) như sau:",
			p.Header.Agency, p.Year, dateVI(p.AsOf))},
		pdfdoc.Heading{Level: 1, Text: "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"},
		pdfdoc.List{Items: reportingLines(t, p.AgencyDeadline)},
		pdfdoc.Heading{Level: 1, Text: "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA CHỈ THỊ"},
		pdfdoc.Paragraph{Text: fmt.Sprintf("Số liệu dưới đây cộng từ báo cáo năm hiện hành của %d/%d cơ quan, đơn vị đã gửi báo cáo có số liệu.", t.WithData, t.Agencies)},
	}
	body = append(body, itemBlocks(t)...)
	body = append(body,
		pdfdoc.Heading{Level: 1, Text: "III. CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO"},
		notReportedBlock(p.Agencies),
		pdfdoc.Heading{Level: 1, Text: "IV. KIẾN NGHỊ, ĐỀ XUẤT"},
		freeText(p.Recommendations),
	)
	summary := fmt.Sprintf("Tổng hợp kết quả thực hiện Chỉ thị số 11/CT-UBND năm %d trên địa bàn tỉnh", p.Year)
	table := pdfdoc.Appendix{Title: "Tình hình báo cáo của các cơ quan, đơn vị", Body: []pdfdoc.Block{agencyTable(p.Agencies)}}
	return p.Header.document("BÁO CÁO", summary, body, table)
}

// reportingLines are section I: how many reported by the deadline.
func reportingLines(t ProvinceTotals, deadline time.Time) []string {
	lines := []string{
		fmt.Sprintf("Tổng số cơ quan, đơn vị phải báo cáo: %d.", t.Agencies),
		fmt.Sprintf("Gửi báo cáo đúng hạn (trước ngày %s): %d; gửi trễ hạn: %d; chưa gửi báo cáo: %d.", dateVI(deadline), t.OnTime, t.Late, t.Missing),
	}
	if t.NotYetDue > 0 {
		lines = append(lines, fmt.Sprintf("Chưa đến hạn, chưa nhận được báo cáo: %d.", t.NotYetDue))
	}
	return append(lines, fmt.Sprintf("Tỷ lệ cơ quan, đơn vị đã gửi báo cáo: %s.", percentVI(t.OnTime+t.Late, t.Agencies)))
}

// itemBlocks are section II: the figures by directive item.
func itemBlocks(t ProvinceTotals) []pdfdoc.Block {
	items := []struct {
		title string
		lines []string
	}{
		{"1. Xác định cấp độ và phê duyệt hồ sơ đề xuất cấp độ (mục 1 điểm b)", []string{
			fmt.Sprintf("Tổng số hệ thống thông tin: %d; theo cấp độ: %s.", t.Systems, levelsText(t.SystemsByLevel)),
			fmt.Sprintf("Hệ thống đã được phê duyệt hồ sơ đề xuất cấp độ: %d/%d; chưa được phê duyệt: %d.", t.DossiersApproved, t.Systems, t.WithoutApproved),
		}},
		{"2. Kiểm tra, đánh giá an toàn thông tin (mục 1 điểm a, c)", complianceLines(t)},
		{"3. Xử lý lỗ hổng, điểm yếu (mục 1 điểm c, g)", []string{
			fmt.Sprintf("Lỗ hổng, điểm yếu chưa khắc phục: %d (quá hạn khắc phục: %d).", t.FindingsOpen, t.FindingsOverdue),
		}},
		{"4. Bảo vệ thông tin bí mật nhà nước (mục 1 điểm đ)", []string{
			fmt.Sprintf("Thiết bị lưu trữ, xử lý thông tin bí mật nhà nước có kết nối mạng: %d, tại %d cơ quan, đơn vị.", t.Violations, t.AgenciesViolated),
		}},
		{"5. Sự cố an toàn thông tin mạng (mục 1 điểm h)", []string{
			fmt.Sprintf("Báo cáo sự cố đã nhận trong năm: %d; sự cố chưa kết thúc ứng cứu: %d.", t.IncidentsIn, t.IncidentsOpen),
		}},
	}
	var out []pdfdoc.Block
	for _, it := range items {
		out = append(out, pdfdoc.Heading{Level: 2, Text: it.title}, pdfdoc.List{Items: it.lines})
	}
	return out
}

// complianceLines state the province's compliance with its definition.
func complianceLines(t ProvinceTotals) []string {
	if t.ItemsAssessed == 0 {
		return []string{"Chưa có cơ quan, đơn vị nào gửi kết quả tự kiểm tra, đánh giá."}
	}
	return []string{
		fmt.Sprintf("%d cơ quan, đơn vị đã gửi kết quả tự kiểm tra, đánh giá.", t.Assessed),
		fmt.Sprintf("Tỷ lệ mục đạt chung: %s (%d mục đạt trên %d mục đã đánh giá; mục đạt một phần hoặc không đạt là chưa đạt).",
			percentText(t.Compliance), t.ItemsMet, t.ItemsAssessed),
	}
}

// notReportedBlock lists the agencies whose report is missing.
func notReportedBlock(list []ProvinceAgency) pdfdoc.Block {
	var names []string
	for _, a := range list {
		if a.State == StateMissing {
			names = append(names, a.Name+".")
		}
	}
	if len(names) == 0 {
		return pdfdoc.Paragraph{Text: "Tất cả cơ quan, đơn vị đến hạn đều đã gửi báo cáo."}
	}
	return pdfdoc.List{Marker: pdfdoc.MarkerNumber, Items: names}
}

// freeText is the officer's text, or dotted lines to fill in.
func freeText(s string) pdfdoc.Block {
	if strings.TrimSpace(s) == "" {
		dots := strings.Repeat(".", 128)
		return pdfdoc.Paragraph{Text: dots + "\n" + dots + "\n" + dots, NoIndent: true}
	}
	return pdfdoc.Paragraph{Text: strings.TrimSpace(s)}
}

// agencyTable is the appendix's table of agencies.
func agencyTable(list []ProvinceAgency) pdfdoc.Table {
	t := pdfdoc.Table{
		Columns: []pdfdoc.Column{numberColumn(), {Title: "Cơ quan, đơn vị", Width: 4}, {Title: "Tình trạng báo cáo", Width: 1.6, Align: pdfdoc.AlignCenter},
			{Title: "Ngày nhận", Width: 1.5, Align: pdfdoc.AlignCenter}, {Title: "Tỷ lệ đạt", Width: 1.2, Align: pdfdoc.AlignCenter},
			{Title: "Hệ thống đã duyệt cấp độ", Width: 1.4, Align: pdfdoc.AlignCenter}},
		RepeatHeader: true, FontSize: 11,
	}
	for i, a := range list {
		compliance, systems := "", ""
		if a.HasData {
			compliance = "Chưa đánh giá"
		}
		if a.ItemsAssessed > 0 {
			compliance = percentText(a.Compliance)
		}
		if a.HasData {
			systems = fmt.Sprintf("%d/%d", a.DossiersApproved, a.Systems)
		}
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), a.Name, StateLabel(a.State), isoToVI(a.Received), compliance, systems})
	}
	return t
}

// StateLabel is the Vietnamese name of a report state.
func StateLabel(state string) string {
	switch state {
	case StateOnTime:
		return "Đúng hạn"
	case StateLate:
		return "Trễ hạn"
	case StateMissing:
		return "Chưa gửi"
	}
	return "Chưa đến hạn"
}

// percentText writes a percentage with one decimal and a comma ("87,5%").
func percentText(p float64) string {
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// percentVI is n/of as a percentage ("—" when of is 0).
func percentVI(n, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%s (%d/%d)", percentText(100*float64(n)/float64(of)), n, of)
}
