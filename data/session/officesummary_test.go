package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/signing"
)

const officeHeadPass = "khóa ký của trưởng phòng 2026"

// provinceFixture is a province of four agencies made through the agency
// side and an office whose clock the test moves: Sở Nội vụ reports on
// time and corrects its report, Sở Y tế reports late, Sở Xây dựng not at
// all, UBND xã Tân Hạnh on time and reports an incident in November.
type provinceFixture struct {
	dir     string
	office  *Session
	now     *time.Time
	current map[string]string // agency code → its current annual bundle
	names   map[string]string // agency code → name
	pub     signing.PublicKey
	pubFile string
}

func newProvinceFixture(t *testing.T) *provinceFixture {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	f := &provinceFixture{dir: fsxtest.TempDir(t), current: map[string]string{}, names: map[string]string{}}
	now := vnTime("2026-01-02 08:00")
	f.now = &now
	o, _, err := Create(filepath.Join(f.dir, "office"), CreateParams{
		Org: "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", Kind: KindOffice,
		User:       users.User{Name: "lan", FullName: "Trần Thị Lan"},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: func() time.Time { *f.now = f.now.Add(time.Second); return *f.now },
	})
	must(t, err)
	t.Cleanup(func() { o.Close() })
	f.office = o
	p, err := o.Profile()
	must(t, err)
	p.Code, p.OwnerAuthority = "H62.ANM", "Công an tỉnh Vĩnh Long"
	p.Signing = registers.Signing{Abbreviation: "ANM", HeadTitle: "Trưởng phòng"}
	must(t, o.SaveProfile(p))
	key, err := o.CreateSigningKey([]byte(officeHeadPass))
	must(t, err)
	f.pub = key.PublicKey
	text, err := key.PublicKey.MarshalText()
	must(t, err)
	f.pubFile = putFile(t, f.dir, "head.pub", text)

	in := filepath.Join(f.dir, "in")
	noivu := f.agency(t, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long", []int{2, 3}, true)
	yte := f.agency(t, "000.00.15.H62", "Sở Y tế tỉnh Vĩnh Long", []int{3}, false)
	f.agency(t, "000.00.20.H62", "Sở Xây dựng tỉnh Vĩnh Long", []int{1}, false)
	xa := f.agency(t, "000.00.50.H62", "UBND xã Tân Hạnh", []int{2}, true)

	_, inc := xa.incident(0, vnTime("2026-11-09 22:00"), vnTime("2026-11-10 08:00"), in, "tanhanh-suco.zip")
	f.receive(t, inc, "2026-11-10 09:00")
	assess(t, noivu, ItemPass, ItemPass, ItemFail)
	f.receive(t, noivu.annual(2026, vnTime("2026-12-05 09:00"), in, "noivu.zip"), "2026-12-05 10:00")
	f.current[noivu.code] = f.receive(t, noivu.annual(2026, vnTime("2026-12-08 09:00"), in, "noivu-sua.zip"), "2026-12-08 10:00")
	f.current[xa.code] = f.receive(t, xa.annual(2026, vnTime("2026-12-10 09:00"), in, "tanhanh.zip"), "2026-12-10 10:00")
	f.current[yte.code] = f.receive(t, yte.annual(2026, vnTime("2026-12-14 09:00"), in, "yte.zip"), "2026-12-15 10:00")
	return f
}

// agency makes an agency vault with systems of the given levels (and a
// state-secret machine on the LAN when violation), registered at the
// office.
func (f *provinceFixture) agency(t *testing.T, code, name string, levels []int, violation bool) *testAgency {
	t.Helper()
	a := newTestAgency(t, code, name, vnTime("2026-01-05 08:00"))
	for i, l := range levels {
		_, err := a.s.SaveSystem(registers.System{Name: fmt.Sprintf("Hệ thống %d của %s", i+1, name), ProposedLevel: l})
		must(t, err)
	}
	if violation {
		_, err := a.s.SaveAsset(registers.Asset{Name: "Máy soạn thảo văn bản mật", Type: registers.AssetWorkstation, StateSecret: true, LAN: true})
		must(t, err)
	}
	register(t, f.office, a, vnDay("2026-01-01"))
	f.names[code] = name
	return a
}

// assess opens the 2026 self-assessment of the agency's first system and
// sets its first items to the statuses given.
func assess(t *testing.T, a *testAgency, statuses ...ItemStatus) {
	t.Helper()
	systems, err := a.s.ListSystems(SystemFilter{})
	must(t, err)
	as, err := a.s.OpenAssessment(systems[0].ID, "2026")
	must(t, err)
	var keys []string
	for _, g := range as.Groups {
		for _, it := range g.Items {
			keys = append(keys, it.Key())
		}
	}
	if len(keys) < len(statuses) {
		t.Fatalf("%d items, %d statuses", len(keys), len(statuses))
	}
	for i, st := range statuses {
		must(t, a.s.SetAssessmentItem(as.ID, keys[i], st, "", nil))
	}
}

// receive takes the bundle at path in at the office's time at.
func (f *provinceFixture) receive(t *testing.T, path, at string) string {
	t.Helper()
	*f.now = vnTime(at)
	if r := intake(t, f.office, path); r.Outcome != IntakeAccepted && r.Outcome != IntakeSuperseded {
		t.Fatalf("%s: %+v", filepath.Base(path), r)
	}
	return path
}

// expected is what the test reads itself from the current bundles.
type expected struct {
	systems, violations, violated, withData, level3 int
	met, assessed, agenciesAssessed                 int
}

func (f *provinceFixture) expect(t *testing.T) expected {
	t.Helper()
	var e expected
	for _, path := range f.current {
		d, err := docs.ParseAnnualData(zipFile(t, path, "data/data.json"))
		must(t, err)
		e.withData++
		e.systems += d.Figures.Systems
		e.violations += d.Figures.Violations
		e.level3 += d.Figures.SystemsByLevel["3"]
		if d.Figures.Violations > 0 {
			e.violated++
		}
		n := 0
		for _, c := range d.Compliance {
			e.met += c.ItemsMet
			n += c.ItemsAssessed
		}
		if e.assessed += n; n > 0 {
			e.agenciesAssessed++
		}
	}
	return e
}

// pdfText is the text of a PDF (pdftotext), spaces collapsed, after
// qpdf --check.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	needTool(t, "pdftotext", "poppler-utils")
	needTool(t, "qpdf", "qpdf")
	name := filepath.Join(fsxtest.TempDir(t), "report.pdf")
	must(t, os.WriteFile(name, pdf, 0o600))
	if out, err := exec.Command("qpdf", "--check", name).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", name, "-").Output()
	must(t, err)
	return strings.Join(strings.Fields(string(out)), " ")
}

// keepPDF writes pdf to $DAUMOI_PROVINCE_PDF_DIR when set, to look at
// the pages (pdftoppm).
func keepPDF(t *testing.T, name string, pdf []byte) {
	t.Helper()
	if dir := os.Getenv("DAUMOI_PROVINCE_PDF_DIR"); dir != "" {
		must(t, os.WriteFile(filepath.Join(dir, name), pdf, 0o600))
	}
}

func TestProvinceAnnualSummaryFigures(t *testing.T) {
	f := newProvinceFixture(t)
	e := f.expect(t)
	if e.systems != 4 || e.violations != 2 || e.assessed != 3 {
		t.Fatalf("the agencies' own figures: %+v", e)
	}
	var pdf bytes.Buffer
	_, err := f.office.RenderProvinceSummary(SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-18"),
		Recommendations: "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo Sở Xây dựng gửi báo cáo trước ngày 25/12/2026."}, &pdf)
	must(t, err)
	keepPDF(t, "province-annual-2026.pdf", pdf.Bytes())
	text := pdfText(t, pdf.Bytes())
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CÔNG AN TỈNH VĨNH LONG", "/BC-ANM", "Vĩnh Long, ngày 18 tháng 12 năm 2026",
		"Tổng số cơ quan, đơn vị phải báo cáo: 4.",
		"Gửi báo cáo đúng hạn (trước ngày 12/12/2026): 2; gửi trễ hạn: 1; chưa gửi báo cáo: 1.",
		"Tỷ lệ cơ quan, đơn vị đã gửi báo cáo: 75,0% (3/4).",
		fmt.Sprintf("cộng từ báo cáo năm hiện hành của %d/4 cơ quan", e.withData),
		fmt.Sprintf("Tổng số hệ thống thông tin: %d;", e.systems),
		fmt.Sprintf("cấp độ 3: %d", e.level3),
		fmt.Sprintf("Hệ thống đã được phê duyệt hồ sơ đề xuất cấp độ: 0/%d; chưa được phê duyệt: %d.", e.systems, e.systems),
		fmt.Sprintf("có kết nối mạng: %d, tại %d cơ quan, đơn vị.", e.violations, e.violated),
		"Báo cáo sự cố đã nhận trong năm: 1; sự cố chưa kết thúc ứng cứu: 1.",
		fmt.Sprintf("%d cơ quan, đơn vị đã gửi kết quả tự kiểm tra, đánh giá.", e.agenciesAssessed),
		fmt.Sprintf("Tỷ lệ mục đạt chung: %s (%d mục đạt trên %d mục đã đánh giá;",
			strings.Replace(fmt.Sprintf("%.1f%%", 100*float64(e.met)/float64(e.assessed)), ".", ",", 1), e.met, e.assessed),
		"III. CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO 1. Sở Xây dựng tỉnh Vĩnh Long.",
		"Đề nghị Ủy ban nhân dân tỉnh chỉ đạo Sở Xây dựng gửi báo cáo trước ngày 25/12/2026.",
		"TRƯỞNG PHÒNG", "Trần Thị Lan", "Nơi nhận:", "Ủy ban nhân dân tỉnh (để báo cáo);",
		"TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for code, name := range f.names {
		if !strings.Contains(text, name) {
			t.Errorf("the table lacks %s (%s)", name, code)
		}
	}
	for _, row := range []string{"Sở Y tế tỉnh Vĩnh Long Trễ hạn 15/12/2026", "Sở Nội vụ tỉnh Vĩnh Long Đúng hạn 05/12/2026 66,7%", "Sở Xây dựng tỉnh Vĩnh Long Chưa gửi"} {
		if !strings.Contains(text, row) {
			t.Errorf("the table lacks the row %q", row)
		}
	}
}

func TestProvinceMonthlySummary(t *testing.T) {
	f := newProvinceFixture(t)
	var pdf bytes.Buffer
	_, err := f.office.RenderProvinceSummary(SummaryRequest{Kind: SummaryMonthly, Today: vnDay("2026-12-03")}, &pdf)
	must(t, err)
	keepPDF(t, "province-monthly-2026-11.pdf", pdf.Bytes())
	text := pdfText(t, pdf.Bytes())
	for _, want := range []string{
		"Tình hình an toàn thông tin mạng trên địa bàn tỉnh tháng 11/2026",
		"Trong tháng, 1 cơ quan, đơn vị đã báo cáo 1 sự cố; 1 sự cố chưa kết thúc ứng cứu.",
		"1 UBND xã Tân Hạnh Trang chủ bị thay đổi giao 22:00 Mới phát hiện diện (Tấn công thay đổi giao 09/11/2026 diện)",
		// dated 03/12, before any annual report came (they count as of that day)
		"Gửi báo cáo đúng hạn (trước ngày 12/12/2026): 0; gửi trễ hạn: 0; chưa gửi báo cáo: 0.", "Chưa đến hạn, chưa nhận được báo cáo: 4.",
		"Chủ tịch Ủy ban nhân dân tỉnh (để báo cáo);",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q\n%s", want, text)
		}
	}
	_, err = f.office.ProvinceSummary(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 13})
	if err == nil {
		t.Error("month 13 accepted")
	}
}

func TestProvinceBundleVerifies(t *testing.T) {
	f := newProvinceFixture(t)
	var out MemOutput
	req := SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-18"), AppVersion: "test"}
	info, err := f.office.BuildProvinceBundle(req, []byte(officeHeadPass), &out)
	must(t, err)
	if !out.Published || info.Files != 3 {
		t.Fatalf("published %v, %d files", out.Published, info.Files)
	}
	path := putFile(t, f.dir, "province-annual-2026.zip", out.Bytes())
	v, err := bundle.VerifyFile(path, bundle.TrustKey("head", f.pub))
	must(t, err)
	if v.Kind != "province-annual" {
		t.Errorf("kind %q", v.Kind)
	}
	var d docs.ProvinceData
	must(t, json.Unmarshal(zipFile(t, path, "data/data.json"), &d))
	if d.Schema != docs.ProvinceDataSchema || d.Totals.Agencies != 4 || d.Totals.Missing != 1 || d.Totals.Late != 1 || d.Due != "2026-12-20" {
		t.Errorf("data.json: %+v", d.Totals)
	}
	csv := string(zipFile(t, path, "data/agencies.csv"))
	if !strings.Contains(csv, "000.00.15.H62,Sở Y tế tỉnh Vĩnh Long,department,,late,2026-12-15") {
		t.Errorf("agencies.csv:\n%s", csv)
	}
	if _, err := f.office.BuildProvinceBundle(req, []byte("không phải mật khẩu ký"), &MemOutput{}); err == nil {
		t.Error("signed with a wrong passphrase")
	}
}

func TestProvinceBundleNeedsTheHead(t *testing.T) {
	f := newProvinceFixture(t)
	must(t, f.office.AddUser(users.User{Name: "tam", FullName: "Võ Thanh Tâm", Roles: []users.Role{users.RoleReceiver}}, []byte("mật khẩu ban đầu 1")))
	tam := reopen(t, f.office, f.office.dir, "tam", "mật khẩu ban đầu 1")
	must(t, tam.ChangePassphrase([]byte("mật khẩu riêng của Tâm 2026")))
	var out MemOutput
	if _, err := tam.BuildProvinceBundle(SummaryRequest{Kind: SummaryAnnual, Year: 2026}, []byte(officeHeadPass), &out); err == nil || out.Len() != 0 {
		t.Errorf("the receiver signed the province's report: %v", err)
	}
	if _, err := tam.ProvinceSummary(SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay("2026-12-18")}); err != nil {
		t.Errorf("the receiver may preview it: %v", err)
	}
}
