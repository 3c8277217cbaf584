package docs

import (
	"fmt"
	"strings"
	"time"

	"daumoi/reports/pdfdoc"
)

// ProvinceIncident is one incident an agency reported to the office, in
// the state of its latest bundle.
type ProvinceIncident struct {
	AgencyCode string    `json:"agency_code"`
	Agency     string    `json:"agency"`
	Title      string    `json:"title"`
	Type       string    `json:"type"`  // an incidents.Types value
	State      string    `json:"state"` // an incidents.State value
	StateLabel string    `json:"-"`
	Detected   time.Time `json:"detected"`
	Received   time.Time `json:"received"`
}

// ProvinceMonth is the input of the office's monthly situation report to
// the Chairman of the provincial People's Committee (Chỉ thị 11, item 2).
type ProvinceMonth struct {
	Header      Header
	Year, Month int
	// Due is the report's deadline (the 5th of the next month, from the
	// packs); AsOf the day the annual reporting status is counted on.
	Due, AsOf time.Time
	// Incidents are those reported to the office in the month.
	Incidents []ProvinceIncident
	// Warnings are the warnings the office received or relayed in the
	// month, one line each (office.Warning.Line), and WarningRecords the
	// same warnings, counted in the section's first sentence.
	Warnings       []string
	WarningRecords []ProvinceWarning
	// AgencyDeadline and Agencies give the year's annual reporting status.
	AgencyDeadline time.Time
	Agencies       []ProvinceAgency
	// Recommendations is the officer's free text.
	Recommendations string
}

// ProvinceMonthlyDocument builds the monthly situation report: the
// incidents received in the month, the warnings, the agencies' reporting
// and the officer's recommendations.
func ProvinceMonthlyDocument(m ProvinceMonth) pdfdoc.Document {
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Thực hiện Chỉ thị số 11/CT-UBND ngày 19/7/2023 của Ủy ban nhân dân tỉnh Vĩnh Long, %s báo cáo tình hình an toàn thông tin mạng trên địa bàn tỉnh tháng %02d/%d như sau:",
			m.Header.Agency, m.Month, m.Year)},
		pdfdoc.Heading{Level: 1, Text: "I. SỰ CỐ AN TOÀN THÔNG TIN MẠNG"},
	}
	body = append(body, incidentBlocks(m.Incidents)...)
	body = append(body, pdfdoc.Heading{Level: 1, Text: "II. CẢNH BÁO"})
	if len(m.Warnings) == 0 {
		body = append(body, pdfdoc.Paragraph{Text: "Trong tháng không có số liệu cảnh báo được ghi nhận tại cơ quan tổng hợp."})
	} else {
		body = append(body, warningCount(m), pdfdoc.List{Items: m.Warnings})
	}
	t := SumProvince(m.Agencies)
	body = append(body,
		pdfdoc.Heading{Level: 1, Text: "III. TÌNH HÌNH CHẤP HÀNH CHẾ ĐỘ BÁO CÁO"},
		pdfdoc.Paragraph{Text: fmt.Sprintf("Tình hình gửi báo cáo năm %d của các cơ quan, đơn vị (tính đến ngày %s):", m.Year, dateVI(m.AsOf))},
		pdfdoc.List{Items: reportingLines(t, m.AgencyDeadline)},
		pdfdoc.Heading{Level: 1, Text: "IV. KIẾN NGHỊ, ĐỀ XUẤT"},
		freeText(m.Recommendations),
	)
	summary := fmt.Sprintf("Tình hình an toàn thông tin mạng trên địa bàn tỉnh tháng %02d/%d", m.Month, m.Year)
	return m.Header.document("BÁO CÁO", summary, body)
}

// warningCount says how many warnings the office received in the month
// and how many it relayed in it.
func warningCount(m ProvinceMonth) pdfdoc.Paragraph {
	month := fmt.Sprintf("%04d-%02d-", m.Year, m.Month)
	received, relayed := 0, 0
	for _, w := range m.WarningRecords {
		if strings.HasPrefix(w.Received, month) {
			received++
		}
		if strings.HasPrefix(w.Relayed, month) {
			relayed++
		}
	}
	return pdfdoc.Paragraph{Text: fmt.Sprintf("Trong tháng, cơ quan tổng hợp tiếp nhận %d văn bản cảnh báo của cơ quan cấp trên, chuyển tiếp %d văn bản cảnh báo đến các cơ quan, đơn vị:", received, relayed)}
}

// incidentBlocks count the month's incidents and list them in a table.
func incidentBlocks(list []ProvinceIncident) []pdfdoc.Block {
	if len(list) == 0 {
		return []pdfdoc.Block{pdfdoc.Paragraph{Text: "Trong tháng, cơ quan tổng hợp không nhận được báo cáo sự cố nào."}}
	}
	open := 0
	agencies := map[string]bool{}
	for _, in := range list {
		agencies[in.AgencyCode] = true
		if in.State != "closed" {
			open++
		}
	}
	t := pdfdoc.Table{
		Caption: "Bảng 1. Sự cố được báo cáo trong tháng",
		Columns: []pdfdoc.Column{numberColumn(), {Title: "Cơ quan, đơn vị", Width: 2.6}, {Title: "Sự cố", Width: 3}, {Title: "Thời điểm phát hiện", Width: 1.6, Align: pdfdoc.AlignCenter},
			{Title: "Tình trạng", Width: 1.6, Align: pdfdoc.AlignCenter}},
		RepeatHeader: true, FontSize: 11,
	}
	for i, in := range list {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), in.Agency, in.Title + " (" + IncidentTypeLabel(in.Type) + ")",
			in.Detected.In(vietnam()).Format("15:04 02/01/2006"), in.StateLabel})
	}
	return []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Trong tháng, %d cơ quan, đơn vị đã báo cáo %d sự cố; %d sự cố chưa kết thúc ứng cứu.", len(agencies), len(list), open)},
		t,
	}
}

// vietnam is Vietnam time (UTC+07:00, no daylight saving).
func vietnam() *time.Location { return time.FixedZone("ICT", 7*3600) }
