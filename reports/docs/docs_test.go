package docs

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"daumoi/data/registers"
	"daumoi/reports/pdfdoc"
)

var testDate = time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)

func testHeader() Header {
	return Header{OwnerAuthority: "UBND tỉnh Vĩnh Long", Agency: "Sở Nội vụ tỉnh Vĩnh Long", Date: testDate,
		SignerPosition: "Phó Giám đốc Sở", SignerName: "Trần Quốc Bảo"}
}

func approvedSystem(id int64, name string, level int) registers.System {
	return registers.System{ID: id, Name: name, ProposedLevel: level, Dossier: registers.Dossier{State: registers.DossierApproved, ApprovedLevel: level,
		Decision: registers.Decision{Number: "245/QĐ-SNV", Date: "2025-10-21"}}}
}

// render fails the test if doc does not render.
func render(t *testing.T, doc pdfdoc.Document) {
	t.Helper()
	var out bytes.Buffer
	if err := pdfdoc.Render(doc, &out); err != nil {
		t.Fatal(err)
	}
}

func TestHeaderDefaults(t *testing.T) {
	doc := Header{Agency: "Sở Nội vụ"}.document("BÁO CÁO", "Tóm tắt", nil)
	if doc.Place != DefaultPlace || len(doc.Recipients) != 1 || doc.Recipients[0] != "Lưu: VT." {
		t.Errorf("defaults: place %q, recipients %v", doc.Place, doc.Recipients)
	}
	h := testHeader()
	h.Place, h.Recipients, h.Number, h.Symbol = "Vũng Liêm", []string{"Sở KH&CN;"}, "12", "BC-SNV"
	doc = h.document("BÁO CÁO", "Tóm tắt", nil)
	if doc.Place != "Vũng Liêm" || doc.Recipients[0] != "Sở KH&CN;" || doc.Number != "12" || doc.Symbol != "BC-SNV" ||
		doc.Signature.Name != "Trần Quốc Bảo" || doc.Agency.Parent != "UBND tỉnh Vĩnh Long" {
		t.Errorf("header not carried over: %+v", doc)
	}
}

func TestInventoryTable(t *testing.T) {
	systems := []registers.System{
		approvedSystem(1, "Cổng thông tin điện tử", 2),
		{ID: 2, Name: "Hệ thống quản lý văn bản", ProposedLevel: 3},
		{ID: 3, Name: "Phần mềm chưa xác định cấp độ"},
	}
	doc := InventoryDocument(Inventory{Header: testHeader(), Systems: systems, AssetCounts: map[int64]int{1: 4}})
	table := findTable(t, doc.Body)
	want := [][]string{
		{"1", "Cổng thông tin điện tử", "", "Cấp độ 2", "Đã phê duyệt (QĐ số 245/QĐ-SNV ngày 21/10/2025)", "4"},
		{"2", "Hệ thống quản lý văn bản", "", "Cấp độ 3", "Đang xây dựng", "0"},
		{"3", "Phần mềm chưa xác định cấp độ", "", "Chưa xác định", "Đang xây dựng", "0"},
	}
	for i, row := range want {
		if strings.Join(table.Rows[i], "|") != strings.Join(row, "|") {
			t.Errorf("row %d = %q, want %q", i, table.Rows[i], row)
		}
	}
	summary := strings.Join(doc.Body[2].(pdfdoc.List).Items, " ")
	for _, w := range []string{"Tổng số hệ thống thông tin: 3.", "cấp độ 2: 1; cấp độ 3: 1; chưa xác định cấp độ: 1", "đang xây dựng: 2; đã trình thẩm định: 0; đã thẩm định: 0; đã phê duyệt: 1"} {
		if !strings.Contains(summary, w) {
			t.Errorf("summary %q lacks %q", summary, w)
		}
	}
	render(t, doc)
}

func findTable(t *testing.T, body []pdfdoc.Block) pdfdoc.Table {
	t.Helper()
	for _, b := range body {
		if tb, ok := b.(pdfdoc.Table); ok {
			return tb
		}
	}
	t.Fatal("no table")
	return pdfdoc.Table{}
}

func TestAssetExtractMarksViolations(t *testing.T) {
	assets := []registers.Asset{
		{Name: "Máy tính soạn thảo mật", Type: registers.AssetWorkstation, StateSecret: true, LAN: true, Status: registers.StatusInUse},
		{Name: "Máy tính mật độc lập", Type: registers.AssetWorkstation, StateSecret: true, Status: registers.StatusInUse},
		{Name: "Máy chủ cổng", Type: registers.AssetServer, Internet: true, Systems: []int64{7}, Hostname: "web01", IPs: []string{"10.0.0.5"}, Status: registers.StatusInUse},
	}
	doc := AssetExtractDocument(AssetExtract{Header: testHeader(), Assets: assets, SystemNames: map[int64]string{7: "Cổng thông tin"}})
	table := findTable(t, doc.Body)
	notes := []string{table.Rows[0][7], table.Rows[1][7], table.Rows[2][7]}
	if !strings.HasPrefix(notes[0], ViolationMark) || strings.Contains(notes[1], ViolationMark) || strings.Contains(notes[2], ViolationMark) {
		t.Errorf("violation marks: %q", notes)
	}
	if table.Rows[2][3] != "web01; 10.0.0.5" || table.Rows[2][4] != "Cổng thông tin" {
		t.Errorf("row 3 = %q", table.Rows[2])
	}
	if p := doc.Body[1].(pdfdoc.Paragraph); !p.Bold || !strings.HasSuffix(p.Text, ": 1.") {
		t.Errorf("violation count paragraph: %+v", p)
	}
	render(t, doc)
}

func TestAssessmentDocument(t *testing.T) {
	in := AssessmentResult{Header: testHeader(), SystemName: "Cổng thông tin", Level: 2, Period: "2026", Revision: 2, Approved: true,
		ApprovedBy: "Trần Quốc Bảo", ApprovedAt: "2026-11-20T08:00:00Z", Groups: []AssessmentGroup{
			{Title: "Mục 1 điểm a", Items: []AssessmentLine{{ID: "a", Text: "Kiểm tra trước khi dùng", Status: StatusPass}}},
			{Title: "Mục 1 điểm c", Items: []AssessmentLine{{ID: "c", Text: "Diễn tập", Status: StatusPartial, Note: "Một phần"}, {ID: "d", Status: "bogus"}}},
		}}
	doc := AssessmentDocument(in)
	intro := doc.Body[0].(pdfdoc.Paragraph).Text
	if !strings.Contains(intro, "đã được Trần Quốc Bảo phê duyệt ngày 20/11/2026") || !strings.Contains(intro, "lần 2") {
		t.Errorf("intro: %s", intro)
	}
	var tables []pdfdoc.Table
	for _, b := range doc.Body {
		if tb, ok := b.(pdfdoc.Table); ok {
			tables = append(tables, tb)
		}
	}
	if len(tables) != 2 || tables[1].Caption != "Bảng 2. Mục 1 điểm c" || tables[1].Rows[0][2] != "Đạt một phần" || tables[1].Rows[1][2] != "Chưa đánh giá" {
		t.Errorf("tables: %+v", tables)
	}
	if got := in.Compliance(); got.Met != 1 || got.Assessed() != 2 || got.Applicable() != 3 {
		t.Errorf("compliance %+v", got)
	}
	if summary := doc.Body[2].(pdfdoc.List).Items[1]; !strings.Contains(summary, "đạt 1/2 mục đã đánh giá (50%); đã đánh giá 2/3 mục") {
		t.Errorf("summary: %s", summary)
	}
	render(t, doc)
}

func annualInput(compliance []SystemCompliance) Annual {
	return Annual{
		Header: testHeader(), Year: 2026,
		From: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC),
		Directive: []DirectiveItem{{"1a", "Kiểm tra trước khi đưa vào sử dụng"}, {"1đ", "Bảo vệ bí mật nhà nước"}, {"1i", "Đầu mối ứng cứu sự cố"}, {"1z", "Mục lạ"}},
		Figures: AnnualFigures{Systems: 2, TestedBeforeGoLive: 1, Violations: 1, SystemsByLevel: map[string]int{"2": 1, "0": 1},
			DossierByState: map[string]int{"approved": 1, "drafting": 1}, Activities: map[string]int{}, IncidentPhone: "0270 3822 999"},
		Compliance: compliance,
		Systems:    []registers.System{approvedSystem(1, "Cổng thông tin", 2), {ID: 2, Name: "Phần mềm nội bộ"}},
	}
}

func TestAnnualDocument(t *testing.T) {
	without := AnnualDocument(annualInput(nil))
	with := AnnualDocument(annualInput([]SystemCompliance{{SystemID: 1, Name: "Cổng thông tin", Period: "2026", Percent: 82.5, Approved: true}}))
	if hasChart(without.Body) || !hasChart(with.Body) {
		t.Errorf("bar chart without assessments: %v; with: %v", hasChart(without.Body), hasChart(with.Body))
	}
	var text []string
	for _, b := range with.Body {
		switch b := b.(type) {
		case pdfdoc.Heading:
			text = append(text, b.Text)
		case pdfdoc.List:
			text = append(text, b.Items...)
		case pdfdoc.Paragraph:
			text = append(text, b.Text)
		}
	}
	all := strings.Join(text, "\n")
	for _, w := range []string{
		"kỳ báo cáo từ ngày 15/12/2025 đến ngày 14/12/2026; số liệu tính đến ngày 14/12/2026",
		"1. Kiểm tra trước khi đưa vào sử dụng (mục 1 điểm a)",
		"1/2 hệ thống thông tin đã được kiểm tra",
		"2. Bảo vệ bí mật nhà nước (mục 1 điểm đ)",
		"có kết nối mạng: 1.",
		"Điện thoại: 0270 3822 999",
		"Không có số liệu trong sổ đăng ký.",
		"Còn 1 hệ thống chưa được phê duyệt hồ sơ đề xuất cấp độ.",
		"Còn 1 thiết bị có thông tin bí mật nhà nước kết nối mạng",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("annual report lacks %q", w)
		}
	}
	render(t, with)
	render(t, without)
}

func hasChart(body []pdfdoc.Block) bool {
	for _, b := range body {
		if _, ok := b.(pdfdoc.BarChart); ok {
			return true
		}
	}
	return false
}

func TestItemFindingsIncidentContact(t *testing.T) {
	cases := []struct {
		f    AnnualFigures
		want []string
	}{
		{AnnualFigures{}, []string{"Chưa công bố thông tin đầu mối ứng cứu sự cố."}},
		{AnnualFigures{IncidentEmail: "ucsc@example.vn"}, []string{"Đầu mối ứng cứu sự cố đã công bố:", "Thư điện tử: ucsc@example.vn"}},
		{AnnualFigures{IncidentPhone: "0270", IncidentEmail: "a@b.vn", IncidentContactURL: "https://x.vn/lh"},
			[]string{"Đầu mối ứng cứu sự cố đã công bố:", "Điện thoại: 0270", "Thư điện tử: a@b.vn", "Nơi công bố: https://x.vn/lh"}},
	}
	for _, c := range cases {
		if got := itemFindings("1i", c.f); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%+v: %q", c.f, got)
		}
	}
}

func TestPlanGroupsTasksByItem(t *testing.T) {
	in := Plan{Header: testHeader(), Year: 2027,
		Directive: []DirectiveItem{{"1a", "Kiểm tra"}, {"1b", "Hồ sơ cấp độ"}, {"1đ", "Bí mật nhà nước"}},
		Tasks: []PlanTask{
			{Item: "1đ", Task: "Ngắt kết nối máy mật", Owner: "Lê Minh Đức", Start: "2027-01-01", Due: "2027-01-31"},
			{Item: "1a", Task: "Kiểm tra cổng mới", Owner: "Văn phòng", Start: "2027-01-01", Due: "2027-12-31"},
			{Item: "1x", Task: "Không thuộc mục nào"},
		}}
	doc := PlanDocument(in)
	var headings []string
	var rows [][]string
	for _, b := range doc.Body {
		switch b := b.(type) {
		case pdfdoc.Heading:
			headings = append(headings, b.Text)
		case pdfdoc.Table:
			rows = append(rows, b.Rows...)
		}
	}
	want := "I. MỤC ĐÍCH, YÊU CẦU|II. NHIỆM VỤ CỤ THỂ|1. Kiểm tra (mục 1 điểm a)|2. Bí mật nhà nước (mục 1 điểm đ)|III. TỔ CHỨC THỰC HIỆN"
	if got := strings.Join(headings, "|"); got != want {
		t.Errorf("headings %q", got)
	}
	if len(rows) != 2 || rows[1][3] != "01/01/2027 – 31/01/2027" || rows[1][2] != "Lê Minh Đức" {
		t.Errorf("rows %q", rows)
	}
	if doc.Kind != "KẾ HOẠCH" {
		t.Errorf("kind %q", doc.Kind)
	}
	render(t, doc)
}

func TestAnnualDataJSON(t *testing.T) {
	in := annualInput(nil)
	in.AssetCounts = map[int64]int{1: 3}
	created := time.Date(2026, 12, 5, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	a, err := AnnualDataJSON(in, created, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := AnnualDataJSON(in, created, nil)
	if !bytes.Equal(a, b) {
		t.Error("not deterministic")
	}
	if bytes.Contains(a, []byte("null")) {
		t.Errorf("null in data.json:\n%s", a)
	}
	var doc map[string]any
	if err := json.Unmarshal(a, &doc); err != nil {
		t.Fatal(err)
	}
	period := doc["period"].(map[string]any)
	if doc["schema"] != DataSchema || doc["created"] != "2026-12-05T02:30:00Z" || period["from"] != "2025-12-15" || period["to"] != "2026-12-14" {
		t.Errorf("header fields: %v", doc)
	}
	systems := doc["systems"].([]any)
	first := systems[0].(map[string]any)
	if len(systems) != 2 || first["dossier_state"] != "approved" || first["assets"] != 3.0 || first["level"] != 2.0 {
		t.Errorf("systems: %v", systems)
	}
	figures := doc["figures"].(map[string]any)
	if figures["violations"] != 1.0 || figures["incident_phone"] != "0270 3822 999" {
		t.Errorf("figures: %v", figures)
	}
}

// TestParseAnnualData reads back what AnnualDataJSON wrote, and refuses
// other JSON.
func TestParseAnnualData(t *testing.T) {
	in := annualInput(nil)
	created := time.Date(2026, 12, 5, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	a, err := AnnualDataJSON(in, created, []string{"evidence/1.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseAnnualData(a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Year != in.Year || d.Period.From != "2025-12-15" || len(d.Systems) != 2 || d.Figures.Violations != 1 || d.Evidence[0] != "evidence/1.pdf" {
		t.Errorf("read back: %+v", d)
	}
	for _, bad := range []string{"", "{", `{"schema":"other/1"}`, `[]`, `{"schema":"daumoi.annual-data/2","year":"x"}`} {
		if _, err := ParseAnnualData([]byte(bad)); !errors.Is(err, ErrBadData) {
			t.Errorf("ParseAnnualData(%q) = %v, want ErrBadData", bad, err)
		}
	}
}
