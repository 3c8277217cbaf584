package demo

import (
	"fmt"
	"strings"
	"time"

	"daumoi/data/incidents"
	"daumoi/data/session"
)

// addIncidents enters the records of issue 8: a Nessus report of the
// personnel-records system (findings matched to its servers, one host
// unknown to the register), a threat hunt, response plans (the portal's
// older than the portal's last change), a tabletop drill, an official
// warning that matches a finding, awareness sessions this year and last,
// a penetration test of the TTHC system, an incident
// closed with both reports sent, and an open serious incident whose
// 24-hour notice is overdue. The level-3 TTHC system's scan stays overdue.
func addIncidents(s *session.Session, day dates, ids systemIDs) error {
	if _, err := s.ImportScanReport(strings.NewReader(demoNessus()), session.ScanImport{SystemID: ids["hr"], Date: day.ago(10),
		Performer: session.PerformerProvider, Provider: "Trung tâm Giám sát an toàn không gian mạng tỉnh (mẫu)"}); err != nil {
		return fmt.Errorf("demo: scan import: %w", err)
	}
	if err := startRemediation(s); err != nil {
		return err
	}
	if _, err := s.RecordScan(session.Scan{SystemID: ids["hr"], Date: day.ago(12), Kind: session.ScanThreatHunt, Tool: "Velociraptor",
		Summary: "Không phát hiện dấu hiệu xâm nhập"}); err != nil {
		return fmt.Errorf("demo: threat hunt: %w", err)
	}
	if _, err := s.RecordScan(session.Scan{SystemID: ids["tthc"], Date: day.ago(75), Kind: session.ScanPenTest, Tool: "Burp Suite, Metasploit",
		Performer: session.PerformerProvider, Provider: "Công ty kiểm định an toàn thông tin (mẫu)",
		Summary: "Không khai thác được lỗ hổng nghiêm trọng; 2 phát hiện mức trung bình đã báo cáo"}); err != nil {
		return fmt.Errorf("demo: penetration test: %w", err)
	}
	plans := []session.ResponsePlan{
		{SystemID: ids["portal"], Version: "1.0", Title: "Phương án ứng phó sự cố Cổng thông tin điện tử", ApprovedOn: day.ago(700), Approver: "Trần Quốc Bảo"},
		{SystemID: ids["hr"], Version: "2.1", Title: "Phương án ứng phó sự cố hệ thống hồ sơ cán bộ", ApprovedOn: day.ago(30), Approver: "Trần Quốc Bảo"},
	}
	for _, p := range plans {
		if _, err := s.RecordResponsePlan(p); err != nil {
			return fmt.Errorf("demo: response plan: %w", err)
		}
	}
	if _, err := s.RecordDrill(session.Drill{Date: day.ago(60), Scenario: "Lộ lọt dữ liệu hồ sơ cán bộ qua tài khoản bị chiếm đoạt (diễn tập trên bàn)",
		SystemIDs: []int64{ids["hr"]}, Participants: "Tổ ứng cứu sự cố của Sở, Văn phòng Sở", Findings: "Cần bổ sung quy trình khóa tài khoản ngoài giờ"}); err != nil {
		return fmt.Errorf("demo: drill: %w", err)
	}
	if _, err := s.RecordWarning(session.Warning{Number: "1234/CATTT-NCSC (số mẫu)", Date: day.ago(8), Source: "Cục An toàn thông tin (mẫu)",
		CVEs: []string{"CVE-2024-38077"}, Products: []string{"Windows Server 2019"}}); err != nil {
		return fmt.Errorf("demo: warning: %w", err)
	}
	sessions := []session.AwarenessSession{
		{Date: day.ago(380), Topic: "Tập huấn an toàn thông tin cho cán bộ đầu mối và quản trị mạng", Audience: "Cán bộ đầu mối, kỹ thuật viên", Attendees: 12},
		{Date: day.ago(50), Topic: "Nhận diện thư điện tử lừa đảo", Audience: "Công chức, viên chức của Sở", Attendees: 42},
	}
	for _, a := range sessions {
		if _, err := s.RecordAwareness(a); err != nil {
			return fmt.Errorf("demo: awareness: %w", err)
		}
	}
	return addDemoIncidents(s, day, ids)
}

// startRemediation puts the scan's medium finding in progress with an
// owner; the critical one stays open past its due date.
func startRemediation(s *session.Session) error {
	list, err := s.ListFindings(session.FindingFilter{Severity: "medium"})
	if err != nil || len(list) == 0 {
		return fmt.Errorf("demo: findings: %d, %w", len(list), err)
	}
	if _, err := s.UpdateFinding(list[0].ID, session.FindingUpdate{Status: session.FindingInProgress, Owner: "Lê Minh Đức"}); err != nil {
		return fmt.Errorf("demo: finding: %w", err)
	}
	return nil
}

// at is the build day minus days, at hh:mm Vietnam time.
func (d dates) at(days, hh, mm int) time.Time {
	t := d.today.AddDate(0, 0, -days)
	return time.Date(t.Year(), t.Month(), t.Day(), hh, mm, 0, 0, incidents.Zone())
}

func addDemoIncidents(s *session.Session, day dates, ids systemIDs) error {
	contact := session.Contact{Name: "Lê Minh Đức", Position: "Chuyên viên kỹ thuật", Phone: "0270 3822 000 (số mẫu)", Email: "duc.lm@example.vn"}
	closed, err := s.AddIncident(session.Incident{Title: "Thư lừa đảo giả mạo Sở gửi đến công chức", Type: "phishing", SystemID: ids["lan"],
		Detected: day.at(90, 8, 30), DetectedHow: "Công chức báo cáo thư nghi vấn", Description: "12 hộp thư nhận thư giả mạo; 1 tài khoản đã nhập mật khẩu",
		Measures: "Đổi mật khẩu tài khoản bị lộ, chặn tên miền gửi thư", Contact: contact, InitialReportRef: "Báo cáo số 101/BC-SNV (số mẫu)",
		Outcome: "Không có dữ liệu bị lộ", Lessons: "Tăng cường tuyên truyền nhận diện thư lừa đảo"})
	if err != nil {
		return fmt.Errorf("demo: incident: %w", err)
	}
	steps := []struct {
		to session.IncidentState
		at time.Time
	}{{session.IncidentNotified, day.at(90, 14, 0)}, {session.IncidentResponding, day.at(89, 9, 0)}, {session.IncidentClosed, day.at(87, 17, 0)}}
	for _, st := range steps {
		if _, err := s.AdvanceIncident(closed.ID, st.to, st.at); err != nil {
			return fmt.Errorf("demo: incident %s: %w", st.to, err)
		}
	}
	if _, err := s.RecordIncidentNotification(closed.ID, session.IncidentNotification{Kind: "closure_report_form04", At: day.at(85, 10, 0),
		Recipient: receivingOfficeName}); err != nil {
		return fmt.Errorf("demo: closure report: %w", err)
	}
	open, err := s.AddIncident(session.Incident{Title: "Cổng thông tin điện tử bị chèn nội dung quảng cáo cờ bạc", Type: "defacement",
		SystemID: ids["portal"], Detected: day.at(2, 9, 15), Flags: []string{"serious"}, DetectedHow: "Người dân phản ánh qua đường dây nóng",
		Description: "Trang tin tức bị chèn liên kết quảng cáo; chưa rõ phạm vi ảnh hưởng", Measures: "Tạm ngừng chuyên mục tin tức", Contact: contact})
	if err != nil {
		return fmt.Errorf("demo: open incident: %w", err)
	}
	return s.AddTimelineEntry(open.ID, day.at(2, 10, 0), "Sao lưu nhật ký máy chủ web để phân tích")
}

// demoNessus is a small Nessus report of the personnel-records servers;
// 10.70.2.99 is not in the asset register.
func demoNessus() string {
	host := func(ip, name string, items ...string) string {
		return fmt.Sprintf(`<ReportHost name="%s"><HostProperties><tag name="host-ip">%s</tag><tag name="hostname">%s</tag></HostProperties>%s</ReportHost>`,
			ip, ip, name, strings.Join(items, ""))
	}
	item := func(port, severity int, plugin, name, cve, cvss string) string {
		c := ""
		if cve != "" {
			c = "<cve>" + cve + "</cve>"
		}
		return fmt.Sprintf(`<ReportItem port="%d" svc_name="svc" protocol="tcp" severity="%d" pluginID="%s" pluginName="%s">%s<cvss3_base_score>%s</cvss3_base_score><solution>Cài đặt bản vá của nhà sản xuất</solution></ReportItem>`,
			port, severity, plugin, name, c, cvss)
	}
	return `<?xml version="1.0" ?><NessusClientData_v2><Report name="Rà quét định kỳ (mẫu)">` +
		host("10.70.2.10", "SRV-HSCB-01",
			item(3389, 4, "202601", "Windows Remote Desktop Licensing Service RCE (MadLicense)", "CVE-2024-38077", "9.8"),
			item(445, 2, "57608", "SMB Signing not required", "", "5.3"),
			item(0, 0, "19506", "Nessus Scan Information", "", "0")) +
		host("10.70.2.11", "srv-hscb-db", item(1433, 3, "73756", "Microsoft SQL Server Unsupported Version Detection", "", "7.5")) +
		host("10.70.2.99", "may-la", item(80, 1, "10114", "ICMP Timestamp Request Remote Date Disclosure", "CVE-1999-0524", "2.1")) +
		`</Report></NessusClientData_v2>`
}
