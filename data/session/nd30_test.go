package session_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/demo"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// annualPages renders the annual report of the vault in dir as user and
// returns the text of each page (pdftotext), spaces collapsed.
func annualPages(t *testing.T, s *session.Session, req session.ReportRequest) []string {
	t.Helper()
	out := fsxtest.TempDir(t)
	var pdf bytes.Buffer
	if _, err := s.RenderReport(req, &pdf); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(out, "annual.pdf")
	if err := os.WriteFile(name, pdf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range strings.Split(run(t, out, "pdftotext", name, "-"), "\f") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			pages = append(pages, p)
		}
	}
	return pages
}

// inOrder reports whether the parts occur in text in this order.
func inOrder(text string, parts ...string) bool {
	for _, p := range parts {
		i := strings.Index(text, p)
		if i < 0 {
			return false
		}
		text = text[i+len(p):]
	}
	return true
}

// The demo agency's deputy director signs for the director: Nghị định 30
// wants "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC", the agency's abbreviation in
// the symbol, and the appendix after the signature and "Nơi nhận", on a
// page of its own headed as the report's appendix.
func TestAnnualReportFollowsDecree30(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	s := openAs(t, demoVault(t), demo.ITUser)
	pages := annualPages(t, s, session.ReportRequest{Kind: session.ReportAnnual, Year: 2026})
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	first := pages[0]
	if !inOrder(first, "Số:", "/BC-SNV", "BÁO CÁO") {
		t.Errorf("number line without the agency's symbol: %.300s", first)
	}
	closing, appendix := -1, -1
	for i, p := range pages {
		if strings.Contains(p, "Nơi nhận:") {
			closing = i
			if !inOrder(p, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Quốc Bảo") {
				t.Errorf("signature block lacks the authority line: %s", p[strings.Index(p, "Nơi nhận:"):])
			}
			if strings.Contains(p, "Phụ lục") {
				t.Errorf("the appendix shares the signature's page: %s", p)
			}
		}
		if strings.HasPrefix(strings.TrimLeft(p, "0123456789 "), "Phụ lục DANH MỤC HỆ THỐNG THÔNG TIN") {
			appendix = i
			if !inOrder(p, "(Kèm theo Báo cáo số", "/BC-SNV ngày 25/11/2026 của "+demo.Agency+")", "Cổng thông tin điện tử Sở Nội vụ") {
				t.Errorf("appendix heading: %.400s", p)
			}
		}
	}
	if closing < 0 || appendix <= closing {
		t.Errorf("appendix on page %d, closing on page %d; want the appendix on a later page", appendix+1, closing+1)
	}
}

// Each way of signing gives its authority lines; a request's own lines
// replace them.
func TestSignatureFromTheProfile(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	dir := demoVault(t)
	focal := openAs(t, dir, demo.FocalUser)
	p, err := focal.Profile()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		signing registers.Signing
		auth    string
		want    []string
	}{
		{registers.Signing{Abbreviation: "UBND", HeadTitle: "Chủ tịch", CollectiveBody: "Ủy ban nhân dân", SignAs: registers.SignAsCollectiveDeputy}, "",
			[]string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC"}},
		{registers.Signing{Abbreviation: "SNV", HeadTitle: "Giám đốc", SignAs: registers.SignAsDelegated}, "", []string{"TL. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
		{registers.Signing{Abbreviation: "SNV", HeadTitle: "Giám đốc", SignAs: registers.SignAsHead}, "Q. GIÁM ĐỐC", []string{"Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}},
	}
	for _, c := range cases {
		p.Signing = c.signing
		if err := focal.SaveProfile(p); err != nil {
			t.Fatal(err)
		}
		pages := annualPages(t, focal, session.ReportRequest{Kind: session.ReportAnnual, Year: 2026, SignerAuthority: c.auth})
		text := strings.Join(pages, " ")
		if !inOrder(text, append([]string{"Nơi nhận:"}, append(c.want, "Trần Quốc Bảo")...)...) {
			t.Errorf("%s: signature block lacks %q", c.signing.SignAs, c.want)
		}
		if !strings.Contains(pages[0], "/BC-"+c.signing.Abbreviation) {
			t.Errorf("%s: number line lacks /BC-%s", c.signing.SignAs, c.signing.Abbreviation)
		}
		if c.signing.SignAs == registers.SignAsHead && strings.Contains(text, "KT.") {
			t.Errorf("head signing with an override still has a KT. line")
		}
	}
}
