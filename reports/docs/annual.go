package docs

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"daumoi/data/assessments"
	"daumoi/data/registers"
	"daumoi/reports/pdfdoc"
)

// DirectiveItem is one item of section 1 of Chỉ thị 11/CT-UBND ("1a" …
// "1k", "1đ"), with its short title (from the regulation pack).
type DirectiveItem struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// Ref is how the text cites the item: "mục 1 điểm a" for "1a", the code
// itself for anything else.
func (d DirectiveItem) Ref() string {
	if letter, ok := strings.CutPrefix(d.Code, "1"); ok && letter != "" {
		return "mục 1 điểm " + letter
	}
	return "mục " + d.Code
}

// AnnualFigures are the counts the annual report quotes, taken from the
// registers over the data period. They are also the "figures" object of
// data.json (see DATA.md), hence the JSON names.
type AnnualFigures struct {
	Systems                  int            `json:"systems"`
	SystemsByLevel           map[string]int `json:"systems_by_level"` // "0" (not set) … "5"
	DossierByState           map[string]int `json:"dossier_by_state"` // drafting, submitted, appraised, approved
	DossiersApprovedInPeriod int            `json:"dossiers_approved_in_period"`
	TestedBeforeGoLive       int            `json:"tested_before_go_live"`
	WentLiveInPeriod         int            `json:"went_live_in_period"`
	ProtectionPlanFull       int            `json:"protection_plan_full"` // all 7 parts fully implemented
	RegulationIssued         int            `json:"regulation_issued"`
	Level3Plus               int            `json:"level_3_plus"`
	Assets                   int            `json:"assets"`
	AssetsInUse              int            `json:"assets_in_use"`
	AssetsOnInternet         int            `json:"assets_on_internet"`
	Violations               int            `json:"violations"`
	DisposedInPeriod         int            `json:"disposed_in_period"`
	RepurposedInPeriod       int            `json:"repurposed_in_period"`
	SanitisedInPeriod        int            `json:"sanitised_in_period"`
	RepairsInPeriod          int            `json:"repairs_in_period"`
	AssetsWithSupplier       int            `json:"assets_with_supplier"`
	Evidence                 int            `json:"evidence"`
	EvidenceInPeriod         int            `json:"evidence_in_period"`
	FocalPoints              []string       `json:"focal_points"`
	IncidentPhone            string         `json:"incident_phone"`
	IncidentEmail            string         `json:"incident_email"`
	IncidentContactURL       string         `json:"incident_contact_url"`
	Activities               map[string]int `json:"activities"` // activity kind → count in the period
	Assessments              int            `json:"assessments"`
	AssessmentsApproved      int            `json:"assessments_approved"`
	ObligationsDone          int            `json:"obligations_done"`
	ObligationsOverdue       int            `json:"obligations_overdue"`
	// Activities of issue 8 within the period (1c, 1g, 1h).
	FindingsFound      int `json:"findings_found_in_period"`
	FindingsFixed      int `json:"findings_fixed_in_period"`
	FindingsOpen       int `json:"findings_open"`
	FindingsOverdue    int `json:"findings_overdue"`
	WarningsReceived   int `json:"warnings_in_period"`
	WarningsClosed     int `json:"warnings_closed_in_period"`
	Incidents          int `json:"incidents_in_period"`
	IncidentsClosed    int `json:"incidents_closed"`
	IncidentReports    int `json:"incident_reports_in_period"`
	AwarenessSessions  int `json:"awareness_sessions_in_period"`
	AwarenessAttendees int `json:"awareness_attendees_in_period"`
}

// SystemCompliance is one system's latest assessment in the period, with
// its compliance by the one definition of package assessments: Percent is
// ItemsMet/ItemsAssessed, and ItemsAssessed of ItemsApplicable were
// assessed.
type SystemCompliance struct {
	SystemID        int64   `json:"system_id"`
	Name            string  `json:"name"`
	Period          string  `json:"period"`
	Percent         float64 `json:"percent"`
	ItemsMet        int     `json:"items_met"`
	ItemsPartial    int     `json:"items_partial"`
	ItemsFailed     int     `json:"items_failed"`
	ItemsAssessed   int     `json:"items_assessed"`
	ItemsApplicable int     `json:"items_applicable"`
	Approved        bool    `json:"approved"`
}

// NewSystemCompliance fills a SystemCompliance from the counts c.
func NewSystemCompliance(id int64, name, period string, approved bool, c assessments.Compliance) SystemCompliance {
	return SystemCompliance{SystemID: id, Name: name, Period: period, Approved: approved, Percent: c.Percent(),
		ItemsMet: c.Met, ItemsPartial: c.Partial, ItemsFailed: c.Failed, ItemsAssessed: c.Assessed(), ItemsApplicable: c.Applicable()}
}

// Counts gives back the compliance counts (not applicable items are not
// kept: they count in neither figure).
func (s SystemCompliance) Counts() assessments.Compliance {
	return assessments.Compliance{Met: s.ItemsMet, Partial: s.ItemsPartial, Failed: s.ItemsFailed, NotAssessed: s.ItemsApplicable - s.ItemsAssessed}
}

// Annual is the input of the annual report on implementing Chỉ thị
// 11/CT-UBND.
type Annual struct {
	Header   Header
	Year     int
	From, To time.Time // the data period, inclusive
	// AsOf is the day the figures are counted to: the report's date, or To
	// when that is earlier. Zero means To.
	AsOf       time.Time
	Directive  []DirectiveItem
	Figures    AnnualFigures
	Compliance []SystemCompliance
	Systems    []registers.System
	// AssetCounts is the number of assets per system id (appendix table).
	AssetCounts map[int64]int
}

// CountedTo is the day the figures are counted to (AsOf, or To).
func (a Annual) CountedTo() time.Time {
	if a.AsOf.IsZero() || a.To.Before(a.AsOf) {
		return a.To
	}
	return a.AsOf
}

// AnnualDocument builds the annual report: what was done for each
// directive item with figures from the registers, the compliance of each
// system (bar chart) when assessments exist, shortcomings, proposals, and
// the systems as an appendix after the signature block (Nghị định 30).
func AnnualDocument(in Annual) pdfdoc.Document {
	f := in.Figures
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Thực hiện Chỉ thị số 11/CT-UBND ngày 19/7/2023 của Ủy ban nhân dân tỉnh Vĩnh Long về đẩy mạnh bảo đảm an toàn thông tin mạng và triển khai các hoạt động ứng cứu sự cố an toàn thông tin mạng trên địa bàn tỉnh, %s báo cáo kết quả thực hiện năm %d (kỳ báo cáo từ ngày %s đến ngày %s; số liệu tính đến ngày %s) như sau:",
			in.Header.Agency, in.Year, dateVI(in.From), dateVI(in.To), dateVI(in.CountedTo()))},
		pdfdoc.Heading{Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
	}
	if len(in.Systems) == 0 {
		body = append(body, pdfdoc.Paragraph{Text: NoSystemsSentence})
	}
	for i, item := range in.Directive {
		body = append(body,
			pdfdoc.Heading{Level: 2, Text: fmt.Sprintf("%d. %s (%s)", i+1, item.Title, item.Ref())},
			pdfdoc.List{Items: itemFindings(item.Code, f)})
	}
	body = append(body, complianceBlocks(in.Compliance)...)
	body = append(body,
		pdfdoc.Heading{Level: 1, Text: "III. TỒN TẠI, HẠN CHẾ"},
		pdfdoc.List{Items: shortcomings(f)},
		pdfdoc.Heading{Level: 1, Text: "IV. ĐỀ XUẤT, KIẾN NGHỊ"},
		pdfdoc.Paragraph{Text: "Đề nghị cơ quan chuyên trách về an toàn thông tin của tỉnh tiếp tục hướng dẫn, hỗ trợ đơn vị rà quét lỗ hổng, diễn tập và thẩm định hồ sơ đề xuất cấp độ."},
	)
	summary := fmt.Sprintf("Kết quả thực hiện Chỉ thị số 11/CT-UBND năm %d", in.Year)
	table := inventoryBlock(Inventory{Systems: in.Systems, AssetCounts: in.AssetCounts})
	if t, ok := table.(pdfdoc.Table); ok {
		t.Caption = "" // the appendix's title names it
		table = t
	}
	systems := pdfdoc.Appendix{Title: "Danh mục hệ thống thông tin", Body: []pdfdoc.Block{table}}
	return in.Header.document("BÁO CÁO", summary, body, systems)
}

// itemFindings are the sentences for one directive item, from the figures.
func itemFindings(code string, f AnnualFigures) []string {
	act := func(kinds ...string) int {
		n := 0
		for _, k := range kinds {
			n += f.Activities[k]
		}
		return n
	}
	switch code {
	case "1a":
		return []string{
			fmt.Sprintf("%d/%d hệ thống thông tin đã được kiểm tra, đánh giá an toàn thông tin trước khi đưa vào sử dụng.", f.TestedBeforeGoLive, f.Systems),
			fmt.Sprintf("Số hệ thống đưa vào sử dụng trong kỳ: %d; số lần kiểm tra, đánh giá trước khi đưa vào sử dụng được ghi nhận: %d.", f.WentLiveInPeriod, act("pre_golive_assessment")),
		}
	case "1b":
		return []string{
			fmt.Sprintf("Hồ sơ đề xuất cấp độ: đang xây dựng %d, đã trình thẩm định %d, đã thẩm định %d, đã phê duyệt %d (phê duyệt trong kỳ: %d).",
				f.DossierByState[string(registers.DossierDrafting)], f.DossierByState[string(registers.DossierSubmitted)],
				f.DossierByState[string(registers.DossierAppraised)], f.DossierByState[string(registers.DossierApproved)], f.DossiersApprovedInPeriod),
			fmt.Sprintf("Hệ thống theo cấp độ: %s.", levelsText(f.SystemsByLevel)),
			fmt.Sprintf("%d/%d hệ thống đã triển khai đầy đủ 7 nội dung của phương án bảo đảm an toàn; %d hệ thống đã ban hành quy chế bảo đảm an toàn.", f.ProtectionPlanFull, f.Systems, f.RegulationIssued),
		}
	case "1c":
		return []string{
			fmt.Sprintf("Số lần rà quét lỗ hổng: %d; săn lùng mối nguy hại: %d; kiểm thử xâm nhập: %d.", act("vulnerability_scan"), act("threat_hunt"), act("penetration_test")),
			fmt.Sprintf("Lỗ hổng phát hiện trong kỳ: %d; đã khắc phục trong kỳ: %d; còn chưa khắc phục: %d (quá hạn khắc phục: %d).",
				f.FindingsFound, f.FindingsFixed, f.FindingsOpen, f.FindingsOverdue),
			fmt.Sprintf("Phương án, kịch bản ứng cứu sự cố được ban hành, rà soát: %d.", act("incident_response_plan_issued")),
			fmt.Sprintf("Số cuộc diễn tập thực chiến: %d (số hệ thống cấp độ 3 trở lên phải diễn tập hằng năm: %d).", act("drill"), f.Level3Plus),
		}
	case "1d":
		if len(f.FocalPoints) == 0 {
			return []string{"Chưa cập nhật cán bộ đầu mối an toàn thông tin trong hồ sơ đơn vị."}
		}
		return []string{"Cán bộ đầu mối an toàn thông tin: " + strings.Join(f.FocalPoints, "; ") + "."}
	case "1đ":
		return []string{
			fmt.Sprintf("Thiết bị lưu trữ, xử lý thông tin bí mật nhà nước có kết nối mạng: %d.", f.Violations),
			fmt.Sprintf("Thiết bị thanh lý trong kỳ: %d; chuyển mục đích sử dụng: %d; số lần loại bỏ thông tin (có biên bản) trước khi thanh lý, chuyển đổi: %d.", f.DisposedInPeriod, f.RepurposedInPeriod, f.SanitisedInPeriod),
			fmt.Sprintf("Số lần sửa chữa thiết bị được kiểm soát, ghi nhận: %d.", f.RepairsInPeriod),
		}
	case "1e":
		return []string{fmt.Sprintf("Tổng số tài sản công nghệ thông tin đang quản lý: %d (đang sử dụng: %d; có kết nối Internet: %d).", f.Assets, f.AssetsInUse, f.AssetsOnInternet)}
	case "1g":
		return []string{
			fmt.Sprintf("Văn bản cảnh báo của cơ quan chức năng nhận trong kỳ: %d; đã xử lý xong trong kỳ: %d.", f.WarningsReceived, f.WarningsClosed),
			fmt.Sprintf("Tài sản do bên thứ ba cung cấp, hỗ trợ được theo dõi: %d.", f.AssetsWithSupplier),
			fmt.Sprintf("Minh chứng lưu trữ: %d (bổ sung trong kỳ: %d).", f.Evidence, f.EvidenceInPeriod),
		}
	case "1h":
		return []string{
			fmt.Sprintf("Sự cố phát hiện trong kỳ: %d (đã kết thúc ứng cứu: %d).", f.Incidents, f.IncidentsClosed),
			fmt.Sprintf("Số thông báo, báo cáo sự cố đã gửi: %d.", f.IncidentReports),
			fmt.Sprintf("Hoạt động tuyên truyền, tập huấn nâng cao nhận thức: %d buổi, %d lượt người tham dự.", f.AwarenessSessions, f.AwarenessAttendees),
		}
	case "1i":
		if f.IncidentPhone == "" && f.IncidentEmail == "" {
			return []string{"Chưa công bố thông tin đầu mối ứng cứu sự cố."}
		}
		out := []string{"Đầu mối ứng cứu sự cố đã công bố:"}
		if f.IncidentPhone != "" {
			out = append(out, "Điện thoại: "+f.IncidentPhone)
		}
		if f.IncidentEmail != "" {
			out = append(out, "Thư điện tử: "+f.IncidentEmail)
		}
		if f.IncidentContactURL != "" {
			out = append(out, "Nơi công bố: "+f.IncidentContactURL)
		}
		return out
	case "1k":
		return []string{
			fmt.Sprintf("Kế hoạch thực hiện Chỉ thị đã gửi: %d lần; báo cáo hằng năm đã gửi: %d lần.", act("directive_plan_submitted"), act("annual_report_submitted")),
			fmt.Sprintf("Nghĩa vụ đã hoàn thành: %d; quá hạn: %d.", f.ObligationsDone, f.ObligationsOverdue),
		}
	}
	return []string{"Không có số liệu trong sổ đăng ký."}
}

func levelsText(by map[string]int) string {
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		if k == "0" {
			continue
		}
		parts = append(parts, fmt.Sprintf("cấp độ %s: %d", k, by[k]))
	}
	if by["0"] > 0 {
		parts = append(parts, fmt.Sprintf("chưa xác định: %d", by["0"]))
	}
	if len(parts) == 0 {
		return "không có"
	}
	return strings.Join(parts, "; ")
}

// complianceBlocks is section II: the bar chart of compliance by system.
func complianceBlocks(list []SystemCompliance) []pdfdoc.Block {
	blocks := []pdfdoc.Block{pdfdoc.Heading{Level: 1, Text: "II. KẾT QUẢ KIỂM TRA, ĐÁNH GIÁ"}}
	if len(list) == 0 {
		return append(blocks, pdfdoc.Paragraph{Text: "Trong kỳ chưa có kết quả tự kiểm tra, đánh giá hệ thống thông tin."})
	}
	bars := make([]pdfdoc.Bar, 0, len(list))
	lines := make([]string, 0, len(list))
	for _, c := range list {
		label := c.Name + " (" + c.Period + ")"
		state := "đã phê duyệt"
		if !c.Approved {
			label += " *"
			state = "chưa phê duyệt"
		}
		bars = append(bars, pdfdoc.Bar{Label: label, Percent: c.Percent})
		lines = append(lines, fmt.Sprintf("%s, kỳ %s (%s): %s.", c.Name, c.Period, state, c.Counts().TextVI()))
	}
	return append(blocks,
		pdfdoc.Paragraph{Text: fmt.Sprintf("Đã tự kiểm tra, đánh giá %d hệ thống thông tin. Với mỗi hệ thống, tỷ lệ đạt là số mục đạt trên số mục đã đánh giá (mục đạt một phần hoặc không đạt là chưa đạt), kèm số mục đã đánh giá trên số mục áp dụng:", len(list))},
		pdfdoc.List{Items: lines},
		pdfdoc.BarChart{Title: "Tỷ lệ mục đạt trên số mục đã đánh giá (dấu * là kết quả chưa được phê duyệt)", Bars: bars})
}

// shortcomings lists what the figures show is still missing.
func shortcomings(f AnnualFigures) []string {
	var out []string
	if n := f.Systems - f.DossierByState[string(registers.DossierApproved)]; n > 0 {
		out = append(out, fmt.Sprintf("Còn %d hệ thống chưa được phê duyệt hồ sơ đề xuất cấp độ.", n))
	}
	if f.Violations > 0 {
		out = append(out, fmt.Sprintf("Còn %d thiết bị có thông tin bí mật nhà nước kết nối mạng; đơn vị đang khắc phục.", f.Violations))
	}
	if f.ObligationsOverdue > 0 {
		out = append(out, fmt.Sprintf("Còn %d nghĩa vụ quá hạn chưa hoàn thành.", f.ObligationsOverdue))
	}
	if n := f.Systems - f.ProtectionPlanFull; n > 0 {
		out = append(out, fmt.Sprintf("Còn %d hệ thống chưa triển khai đầy đủ phương án bảo đảm an toàn.", n))
	}
	if len(out) == 0 {
		out = append(out, "Không có tồn tại, hạn chế đáng kể.")
	}
	return out
}
