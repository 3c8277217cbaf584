package office

import (
	"fmt"
	"strings"
	"time"
)

// DefaultRemindWithin is how many days before the deadline the office
// starts reminding agencies that have not reported.
const DefaultRemindWithin = 7

// Reminder is an agency that has not sent its annual report while the
// deadline nears or has passed, with the e-mail to send it.
type Reminder struct {
	Status AgencyStatus `json:"status"`
	// DaysLeft is the days from today to the deadline: 0 on the day,
	// negative once overdue.
	DaysLeft int    `json:"days_left"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// Overdue says the deadline has passed.
func (r Reminder) Overdue() bool { return r.DaysLeft < 0 }

// Reminders lists, in the order of list, the agencies that have not
// reported (missing, not yet due) when today is at most within days
// before the deadline or after it, each with its e-mail from the office
// named officeName.
func Reminders(list []AgencyStatus, officeName string, deadline, today time.Time, within int) []Reminder {
	left := int(Day(deadline).Sub(Day(today)).Hours() / 24)
	if left > within {
		return nil
	}
	var out []Reminder
	for _, st := range list {
		if st.State != ReportMissing && st.State != ReportNotYetDue {
			continue
		}
		r := Reminder{Status: st, DaysLeft: left}
		r.Subject, r.Body = reminderEmail(officeName, r, Day(deadline), Day(today))
		out = append(out, r)
	}
	return out
}

// reminderEmail is the reminder's subject and text, in Vietnamese (the
// text is the office's document, not the app's interface).
func reminderEmail(officeName string, r Reminder, deadline, today time.Time) (subject, body string) {
	st := r.Status
	subject = fmt.Sprintf("Đề nghị gửi báo cáo công tác bảo đảm an toàn thông tin mạng năm %d - %s", st.Year, st.Agency.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi: %s\n\n", st.Agency.Name)
	if r.Overdue() {
		fmt.Fprintf(&b, "Hạn gửi báo cáo công tác bảo đảm an toàn thông tin mạng năm %d là ngày %s. Đến ngày %s, %s chưa nhận được báo cáo của quý cơ quan, đơn vị.\n\n",
			st.Year, deadline.Format("02/01/2006"), today.Format("02/01/2006"), officeName)
		fmt.Fprintf(&b, "Đề nghị quý cơ quan, đơn vị khẩn trương gửi báo cáo.\n\n")
	} else {
		fmt.Fprintf(&b, "%s đề nghị quý cơ quan, đơn vị gửi báo cáo công tác bảo đảm an toàn thông tin mạng năm %d trước ngày %s (còn %d ngày).\n\n",
			officeName, st.Year, deadline.Format("02/01/2006"), r.DaysLeft)
	}
	b.WriteString("Báo cáo gửi dưới dạng gói hồ sơ có chữ ký số xuất từ phần mềm Đầu mối ATTT (tệp .zip), qua hệ thống quản lý văn bản và điều hành, thư điện tử công vụ hoặc thiết bị lưu trữ.\n\n")
	fmt.Fprintf(&b, "Trân trọng.\n%s\n", officeName)
	return subject, b.String()
}
