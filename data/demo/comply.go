package demo

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"daumoi/data/session"
)

// review is what the IT officer leaves for the manager to approve.
type review struct {
	assessments []int64
}

// approve signs off the assessments left for review, as the manager.
func (rv *review) approve(m *session.Session) error {
	for _, id := range rv.assessments {
		if err := m.ApproveAssessment(id); err != nil {
			return fmt.Errorf("demo: approving assessment %d: %w", id, err)
		}
	}
	return nil
}

// addCompliance enters, as the IT officer, the activities done (so that
// some obligations are met: recent scans and threat hunts of the portal,
// this year's drill of the administrative-procedure system; and some are
// not: that system's last vulnerability scan is more than six months
// old), a certificate that expires soon, and assessments: last year's of
// the portal complete (left for the manager to approve), this year's of
// the portal started from it, and this year's of the administrative
// procedure system in progress, with evidence linked to items.
func addCompliance(s *session.Session, day dates, ids systemIDs, ev evidence, rv *review) error {
	if err := addActivities(s, day, ids); err != nil {
		return err
	}
	cert, err := s.AddEvidence(context.Background(), bytes.NewReader(sample("Chứng thư số SSL của Cổng thông tin điện tử (mẫu)",
		"Chứng thư số cấp cho tên miền sonoivu.vinhlong.gov.vn (tên miền mẫu), hiệu lực đến "+day.aheadText(20)+".")),
		session.EvidenceMeta{Title: "Chứng thư số SSL của Cổng thông tin điện tử (mẫu)", FileName: "chung-thu-so-cong-ttdt-MAU.txt",
			Description: "Tài liệu mẫu của bản demo"}, nil)
	if err != nil {
		return err
	}
	if err := s.SetEvidenceDates(cert.ID, day.ago(345), day.ahead(20)); err != nil {
		return err
	}
	portal := session.EvidenceLink{Kind: session.LinkSystem, Target: strconv.FormatInt(ids["portal"], 10)}
	if err := s.LinkEvidence(cert.ID, portal); err != nil {
		return err
	}
	return addAssessments(s, day, ids, ev, rv)
}

// ahead returns the date d days after the build day, as yyyy-mm-dd.
func (d dates) ahead(days int) string { return d.today.AddDate(0, 0, days).Format("2006-01-02") }

// aheadText is ahead as a person writes it in a document (dd/mm/yyyy).
func (d dates) aheadText(days int) string { return d.today.AddDate(0, 0, days).Format("02/01/2006") }

func addActivities(s *session.Session, day dates, ids systemIDs) error {
	list := []session.Activity{
		{Kind: "vulnerability_scan", SystemID: ids["portal"], Date: day.ago(40), Note: "Rà quét bằng OpenVAS, 0 lỗ hổng mức cao"},
		{Kind: "threat_hunt", SystemID: ids["portal"], Date: day.ago(45), Note: "Phối hợp Trung tâm Giám sát an toàn không gian mạng của tỉnh"},
		{Kind: "vulnerability_scan", SystemID: ids["tthc"], Date: day.ago(230), Note: "Rà quét bằng Nessus; 2 lỗ hổng mức cao đã khắc phục"},
		{Kind: "threat_hunt", SystemID: ids["tthc"], Date: day.ago(100)},
		{Kind: "drill", SystemID: ids["tthc"], Date: day.ago(120), Note: "Diễn tập tình huống tấn công mã độc tống tiền"},
		{Kind: "vulnerability_scan", SystemID: ids["hr"], Date: day.ago(20)},
		{Kind: "annual_report_submitted", Date: day.ago(345), Note: "Báo cáo số 215/BC-SNV (số mẫu)"},
		{Kind: "directive_plan_submitted", Date: day.ago(1150), Note: "Kế hoạch số 88/KH-SNV (số mẫu)"},
	}
	for _, a := range list {
		if _, err := s.RecordActivity(a); err != nil {
			return fmt.Errorf("demo: activity %s: %w", a.Kind, err)
		}
	}
	return nil
}

func addAssessments(s *session.Session, day dates, ids systemIDs, ev evidence, rv *review) error {
	lastYear := strconv.Itoa(day.today.Year() - 1)
	thisYear := strconv.Itoa(day.today.Year())
	done, err := s.OpenAssessment(ids["portal"], lastYear)
	if err != nil {
		return err
	}
	if err := fillAll(s, done, ev); err != nil {
		return err
	}
	rv.assessments = append(rv.assessments, done.ID)
	next, err := s.OpenAssessment(ids["portal"], thisYear)
	if err != nil {
		return err
	}
	if _, err := s.CopyPrevious(next.ID); err != nil {
		return err
	}
	started, err := s.OpenAssessment(ids["tthc"], thisYear)
	if err != nil {
		return err
	}
	for i, it := range items(started) {
		if i%3 != 0 {
			continue
		}
		st, note, evs := answer(i, ev)
		if err := s.SetAssessmentItem(started.ID, it.Key(), st, note, evs); err != nil {
			return err
		}
	}
	return nil
}

func items(a session.Assessment) []session.AssessmentItem {
	var out []session.AssessmentItem
	for _, g := range a.Groups {
		out = append(out, g.Items...)
	}
	return out
}

// fillAll answers every item of a.
func fillAll(s *session.Session, a session.Assessment, ev evidence) error {
	for i, it := range items(a) {
		st, note, evs := answer(i, ev)
		if err := s.SetAssessmentItem(a.ID, it.Key(), st, note, evs); err != nil {
			return fmt.Errorf("demo: item %s: %w", it.Key(), err)
		}
	}
	return nil
}

// answer is the demo's varied but reproducible answer for the i-th item.
func answer(i int, ev evidence) (session.ItemStatus, string, []string) {
	switch {
	case i%11 == 5:
		return session.ItemFail, "Chưa triển khai; đưa vào kế hoạch năm sau", nil
	case i%7 == 3:
		return session.ItemPartial, "Đã triển khai một phần, đang hoàn thiện", nil
	case i%13 == 8:
		return session.ItemNotApplicable, "Hạ tầng do Trung tâm dữ liệu tỉnh vận hành và bảo đảm", nil
	case i%4 == 0:
		return session.ItemPass, "Đã kiểm tra hồ sơ và cấu hình", []string{ev.regulation}
	case i%9 == 1:
		return session.ItemPass, "Theo quyết định phê duyệt cấp độ", []string{ev.decision}
	}
	return session.ItemPass, "", nil
}
