package docs

import (
	"fmt"
	"strings"
	"time"

	"daumoi/reports/pdfdoc"
)

// IncidentTypeLabel is the Vietnamese label of an incident type (Form 03).
func IncidentTypeLabel(t string) string {
	switch t {
	case "defacement":
		return "Tấn công thay đổi giao diện"
	case "phishing":
		return "Tấn công lừa đảo (phishing)"
	case "malware":
		return "Mã độc"
	case "dos":
		return "Tấn công từ chối dịch vụ (DoS/DDoS)"
	case "botnet":
		return "Kết nối đến máy chủ điều khiển (C&C/botnet)"
	case "multi_vector":
		return "Tấn công tổng hợp nhiều hình thức"
	}
	return "Khác"
}

// IncidentContact is the person to contact about an incident.
type IncidentContact struct {
	Name, Position, Phone, Email string
}

// IncidentReport is the input of the initial report (Form 03) and of the
// closure report (Form 04) of an incident.
type IncidentReport struct {
	Header Header
	// OwnerName and OwnerAddress are the system owner (chủ quản);
	// OperatorName and OperatorAddress the operating unit.
	OwnerName, OwnerAddress       string
	OperatorName, OperatorAddress string
	Title                         string
	SystemName                    string // "" when the incident is not tied to one system
	Level                         int
	Type                          string // an incidents.Types value
	Detected                      time.Time
	DetectedHow                   string
	Description                   string
	Handled                       bool
	AlreadyNotified               string
	OSAndServices                 string
	Controls                      string
	PublicIPs                     string
	Domains                       string
	Providers                     string
	Measures                      string
	Helpers                       string
	Recommendations               string
	Contact                       IncidentContact
	Confidential                  bool
	Attachments                   []string // names of the attached files
	ReportTime                    time.Time

	// Form 04.
	InitialReportRef string
	ResponseEnded    time.Time
	Outcome          string
	Lessons          string
	Timeline         []string // "dd/mm/yyyy hh:mm — text"
}

// timeVI formats an instant as "hh:mm ngày dd/mm/yyyy (UTC+hh:mm)".
func timeVI(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("15:04 ngày 02/01/2006 (UTC-07:00)")
}

// orDash is s, or "Không có" when s is empty.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Không có"
	}
	return s
}

func (r IncidentReport) systemLine() string {
	if r.SystemName == "" {
		return "Không gắn với một hệ thống cụ thể"
	}
	return fmt.Sprintf("%s (%s)", r.SystemName, levelText(r.Level))
}

// fieldTable is a two-column table of labelled fields.
func fieldTable(caption string, rows [][]string) pdfdoc.Table {
	return pdfdoc.Table{Caption: caption, Columns: []pdfdoc.Column{{Title: "Nội dung", Width: 1.3}, {Title: "Thông tin", Width: 2.7}},
		Rows: rows, RepeatHeader: true}
}

// InitialReportDocument builds the initial incident report (Form 03 of
// QĐ 05/2017/QĐ-TTg, with the fields national portals add): the units,
// the system, the detection, the description, the technical context, the
// measures and recommendations, and the contact.
func InitialReportDocument(r IncidentReport) pdfdoc.Document {
	status := "Chưa xử lý xong"
	if r.Handled {
		status = "Đã xử lý"
	}
	secret := "Không"
	if r.Confidential {
		secret = "Có — đề nghị giữ bí mật thông tin"
	}
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Thực hiện quy định về điều phối, ứng cứu sự cố an toàn thông tin mạng, %s báo cáo ban đầu về sự cố “%s” như sau:",
			joinNonEmpty("", r.Header.Agency), r.Title)},
		pdfdoc.Heading{Level: 1, Text: "I. ĐƠN VỊ VÀ HỆ THỐNG BỊ SỰ CỐ"},
		fieldTable("", [][]string{
			{"Đơn vị vận hành", joinNonEmpty("; ", r.OperatorName, r.OperatorAddress)},
			{"Cơ quan chủ quản", joinNonEmpty("; ", r.OwnerName, r.OwnerAddress)},
			{"Hệ thống bị sự cố", r.systemLine()},
			{"Nhà cung cấp hạ tầng, dịch vụ an toàn thông tin", orDash(r.Providers)},
		}),
		pdfdoc.Heading{Level: 1, Text: "II. THÔNG TIN SỰ CỐ"},
		fieldTable("", [][]string{
			{"Thời điểm phát hiện", timeVI(r.Detected)},
			{"Cách thức phát hiện", orDash(r.DetectedHow)},
			{"Loại sự cố", IncidentTypeLabel(r.Type)},
			{"Mô tả (dấu hiệu, thiệt hại, mức độ lan truyền, ảnh hưởng)", orDash(r.Description)},
			{"Tình trạng hiện tại", status},
			{"Đã thông báo cho", orDash(r.AlreadyNotified)},
		}),
		pdfdoc.Heading{Level: 1, Text: "III. THÔNG TIN KỸ THUẬT"},
		fieldTable("", [][]string{
			{"Hệ điều hành, dịch vụ", orDash(r.OSAndServices)},
			{"Biện pháp bảo vệ đã triển khai", orDash(r.Controls)},
			{"Địa chỉ IP công khai", orDash(r.PublicIPs)},
			{"Tên miền", orDash(r.Domains)},
		}),
		pdfdoc.Heading{Level: 1, Text: "IV. BIỆN PHÁP XỬ LÝ VÀ KIẾN NGHỊ"},
		fieldTable("", [][]string{
			{"Biện pháp đã và dự kiến thực hiện", orDash(r.Measures)},
			{"Tổ chức hỗ trợ và kết quả", orDash(r.Helpers)},
			{"Đề xuất, kiến nghị", orDash(r.Recommendations)},
			{"Đề nghị giữ bí mật", secret},
		}),
		pdfdoc.Heading{Level: 1, Text: "V. THÔNG TIN LIÊN HỆ"},
		fieldTable("", [][]string{
			{"Họ và tên", r.Contact.Name},
			{"Chức vụ", r.Contact.Position},
			{"Điện thoại", r.Contact.Phone},
			{"Thư điện tử", r.Contact.Email},
		}),
	}
	body = append(body, attachmentBlocks("VI. TÀI LIỆU KÈM THEO", r.Attachments)...)
	body = append(body, pdfdoc.Paragraph{Text: "Thời điểm báo cáo: " + timeVI(r.ReportTime) + ".", Italic: true})
	return r.Header.document("BÁO CÁO", fmt.Sprintf("Báo cáo ban đầu sự cố an toàn thông tin mạng (Mẫu 03): %s", r.Title), body)
}

// ClosureReportDocument builds the closure report (Form 04): the initial
// report it follows, the system, the description, the detection and end
// of the response, the timeline, the outcome and the lessons learned.
func ClosureReportDocument(r IncidentReport) pdfdoc.Document {
	body := []pdfdoc.Block{
		pdfdoc.Paragraph{Text: fmt.Sprintf("Tiếp theo báo cáo ban đầu %s, %s báo cáo kết thúc ứng phó sự cố “%s” như sau:",
			orDash(r.InitialReportRef), r.Header.Agency, r.Title)},
		pdfdoc.Heading{Level: 1, Text: "I. THÔNG TIN CHUNG"},
		fieldTable("", [][]string{
			{"Hệ thống bị sự cố", r.systemLine()},
			{"Loại sự cố", IncidentTypeLabel(r.Type)},
			{"Thời điểm phát hiện", timeVI(r.Detected)},
			{"Thời điểm kết thúc ứng phó", timeVI(r.ResponseEnded)},
			{"Mô tả sự cố", orDash(r.Description)},
		}),
		pdfdoc.Heading{Level: 1, Text: "II. DIỄN BIẾN XỬ LÝ"},
	}
	if len(r.Timeline) == 0 {
		body = append(body, pdfdoc.Paragraph{Text: "Không có ghi nhận."})
	} else {
		body = append(body, pdfdoc.List{Items: r.Timeline})
	}
	body = append(body,
		pdfdoc.Heading{Level: 1, Text: "III. KẾT QUẢ VÀ BÀI HỌC KINH NGHIỆM"},
		fieldTable("", [][]string{
			{"Biện pháp đã thực hiện", orDash(r.Measures)},
			{"Kết quả xử lý", orDash(r.Outcome)},
			{"Bài học kinh nghiệm", orDash(r.Lessons)},
			{"Đề xuất, kiến nghị", orDash(r.Recommendations)},
		}))
	body = append(body, attachmentBlocks("IV. TÀI LIỆU KÈM THEO", r.Attachments)...)
	return r.Header.document("BÁO CÁO", fmt.Sprintf("Báo cáo kết thúc ứng phó sự cố (Mẫu 04): %s", r.Title), body)
}

func attachmentBlocks(title string, files []string) []pdfdoc.Block {
	if len(files) == 0 {
		return nil
	}
	return []pdfdoc.Block{pdfdoc.Heading{Level: 1, Text: title}, pdfdoc.List{Items: files}}
}

// IncidentEmail is the "[TBSC]" notice e-mail of an incident: its subject
// and plain-text body, ready to copy.
func IncidentEmail(r IncidentReport) (subject, body string) {
	subject = fmt.Sprintf("[TBSC] %s - %s - %s", r.Header.Agency, IncidentTypeLabel(r.Type), r.Title)
	var b strings.Builder
	line := func(label, value string) { fmt.Fprintf(&b, "%s: %s\n", label, orDash(value)) }
	b.WriteString("Kính gửi: " + orDash(joinNonEmpty(", ", addressees(r.Header.Recipients)...)) + "\n\n")
	fmt.Fprintf(&b, "%s thông báo sự cố an toàn thông tin mạng như sau:\n\n", r.Header.Agency)
	line("1. Đơn vị vận hành", joinNonEmpty("; ", r.OperatorName, r.OperatorAddress))
	line("2. Cơ quan chủ quản", joinNonEmpty("; ", r.OwnerName, r.OwnerAddress))
	line("3. Hệ thống bị sự cố", r.systemLine())
	line("4. Thời điểm phát hiện", timeVI(r.Detected))
	line("5. Loại sự cố", IncidentTypeLabel(r.Type))
	line("6. Mô tả", r.Description)
	line("7. Biện pháp đã thực hiện", r.Measures)
	line("8. Địa chỉ IP, tên miền", joinNonEmpty("; ", r.PublicIPs, r.Domains))
	line("9. Người liên hệ", joinNonEmpty(", ", r.Contact.Name, r.Contact.Position, r.Contact.Phone, r.Contact.Email))
	b.WriteString("\nBáo cáo ban đầu (Mẫu 03) gửi kèm theo thư này.\n")
	return subject, b.String()
}

// addressees are the recipients an e-mail is addressed to: the "Nơi
// nhận" lines without the archive copy ("Lưu: …") and their trailing
// punctuation.
func addressees(recipients []string) []string {
	var out []string
	for _, r := range recipients {
		r = strings.TrimRight(strings.TrimSpace(r), ";.,")
		if r != "" && !strings.HasPrefix(r, "Lưu") {
			out = append(out, r)
		}
	}
	return out
}
