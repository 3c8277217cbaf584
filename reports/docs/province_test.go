package docs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/reports/pdfdoc"
)

// provinceOf makes n agencies: every third on time with 4 of 8 items met
// on 2 systems (one approved), every third late with 1 violation, the rest
// missing.
func provinceOf(n int) Province {
	p := Province{Header: Header{OwnerAuthority: "Công an tỉnh Vĩnh Long", Agency: "Phòng An ninh mạng", Symbol: "BC-ANM",
		Date: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC), SignerPosition: "Trưởng phòng", SignerName: "Trần Thị Lan"},
		Year: 2026, AgencyDeadline: time.Date(2026, 12, 12, 0, 0, 0, 0, time.UTC), AsOf: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)}
	for i := range n {
		a := ProvinceAgency{Code: fmt.Sprintf("000.00.%03d.H62", i), Name: fmt.Sprintf("UBND xã số %d", i+1), State: StateMissing}
		switch i % 3 {
		case 0:
			a.State, a.Received, a.HasData = StateOnTime, "2026-12-05", true
			a.ItemsMet, a.ItemsAssessed, a.Compliance = 4, 8, 50
			a.Systems, a.DossiersApproved, a.SystemsByLevel = 2, 1, map[string]int{"2": 1, "3": 1}
		case 1:
			a.State, a.Received, a.HasData, a.Violations = StateLate, "2026-12-15", true, 1
		}
		p.Agencies = append(p.Agencies, a)
	}
	return p
}

// listAfter is the items of the first list after the heading with text.
func listAfter(d pdfdoc.Document, heading string) []string {
	seen := false
	for _, b := range d.Body {
		if h, ok := b.(pdfdoc.Heading); ok && h.Text == heading {
			seen = true
		}
		if l, ok := b.(pdfdoc.List); ok && seen {
			return l.Items
		}
	}
	return nil
}

func TestProvinceAnnualFigures(t *testing.T) {
	d := ProvinceAnnualDocument(provinceOf(9))
	got := strings.Join(listAfter(d, "2. Kiểm tra, đánh giá an toàn thông tin (mục 1 điểm a, c)"), " ")
	if got != "3 cơ quan, đơn vị đã gửi kết quả tự kiểm tra, đánh giá. Tỷ lệ mục đạt chung: 50,0% (12 mục đạt trên 24 mục đã đánh giá; mục đạt một phần hoặc không đạt là chưa đạt)." {
		t.Errorf("compliance: %q", got)
	}
	got = strings.Join(listAfter(d, "1. Xác định cấp độ và phê duyệt hồ sơ đề xuất cấp độ (mục 1 điểm b)"), " ")
	if got != "Tổng số hệ thống thông tin: 6; theo cấp độ: cấp độ 2: 3; cấp độ 3: 3. Hệ thống đã được phê duyệt hồ sơ đề xuất cấp độ: 3/6; chưa được phê duyệt: 3." {
		t.Errorf("levels: %q", got)
	}
	got = strings.Join(listAfter(d, "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"), " ")
	if !strings.Contains(got, "đúng hạn (trước ngày 12/12/2026): 3; gửi trễ hạn: 3; chưa gửi báo cáo: 3.") {
		t.Errorf("reporting: %q", got)
	}
	if n := len(listAfter(d, "III. CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO")); n != 3 {
		t.Errorf("%d agencies listed as not reporting", n)
	}
}

// TestProvinceAnnual200 renders the report of 200 agencies (the table
// runs over pages, its header repeated); with $DAUMOI_PROVINCE_PDF_DIR
// set, the PDF is kept there to look at.
func TestProvinceAnnual200(t *testing.T) {
	var pdf bytes.Buffer
	start := time.Now()
	if err := pdfdoc.Render(ProvinceAnnualDocument(provinceOf(200)), &pdf); err != nil {
		t.Fatal(err)
	}
	t.Logf("200 agencies: %v, %d bytes", time.Since(start), pdf.Len())
	if dir := os.Getenv("DAUMOI_PROVINCE_PDF_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "province-annual-200.pdf"), pdf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
