package bundle

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"daumoi/reports/bundle/schematest"
)

func sampleAssessment() Assessment {
	start := time.Date(2026, 11, 2, 8, 0, 0, 0, vietnam)
	return Assessment{
		Title:        "Kết quả đánh giá an toàn hệ thống thông tin năm 2026",
		Version:      "2026.1",
		LastModified: time.Date(2026, 12, 15, 9, 30, 0, 0, vietnam),
		Agency:       Agency{Name: "Sở Thông tin và Truyền thông tỉnh Vĩnh Long", Code: "H62.18"},
		PlanTitle:    "Thông tư 12/2022/TT-BTTTT, Phụ lục III",
		Path:         "oscal/assessment-results.json",
		Resources: []Resource{
			{Path: "report/annual-2026.pdf", Title: "Báo cáo năm 2026", MediaType: "application/pdf", SHA256: strings.Repeat("ab", 32)},
			{Path: "evidence/chinh-sach.pdf", Title: "Chính sách", SHA256: strings.Repeat("cd", 32)},
		},
		Systems: []SystemAssessment{
			{
				ID: "SYS-1", Name: "Cổng thông tin điện tử", Level: 3, Start: start, End: start.Add(72 * time.Hour), Approved: true,
				Items: []AssessmentItem{
					{RequirementID: "QL-1.1", Title: "Chính sách an toàn thông tin", Status: StatusMet, Evidence: []string{"evidence/chinh-sach.pdf"}},
					{RequirementID: "QL-1.2", Title: "Tổ chức bảo đảm ATTT", Status: StatusPartlyMet, Note: "Chưa có quyết định phân công"},
					{RequirementID: "KT-2.1", Title: "Thiết kế vùng mạng", Status: StatusNotMet},
					{RequirementID: "KT-2.2", Status: StatusNotApplicable},
					{RequirementID: "9 lạ/id", Status: StatusNotAssessed, Collected: start.Add(time.Hour)},
				},
			},
			{ID: "SYS-2", Name: "Hệ thống một cửa", Level: 2, Start: start},
		},
	}
}

// TestOSCALValidatesAgainstNISTSchema checks the document against NIST's
// OSCAL 1.1.2 assessment-results JSON Schema (draft-07, formats asserted).
func TestOSCALValidatesAgainstNISTSchema(t *testing.T) {
	doc, err := AssessmentResultsJSON(sampleAssessment())
	if err != nil {
		t.Fatal(err)
	}
	schema := schematest.OSCALAssessmentResults(t)
	if err := validateAgainst(t, schema, doc); err != nil {
		t.Fatalf("not valid OSCAL: %v\n%s", err, doc)
	}
	// The validator really checks: a wrong state, a bad UUID, a missing
	// field are refused.
	for name, bad := range map[string]string{
		"unknown state": strings.Replace(string(doc), `"state": "satisfied"`, `"state": "partly"`, 1),
		"bad uuid":      strings.Replace(string(doc), `"uuid": "`, `"uuid": "x`, 1),
		"no metadata":   strings.Replace(string(doc), `"metadata"`, `"metadatum"`, 1),
		"bad time":      strings.Replace(string(doc), `"last-modified": "2026-12-15T09:30:00+07:00"`, `"last-modified": "2026-12-15"`, 1),
	} {
		if err := validateAgainst(t, schema, []byte(bad)); err == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

type oscalDoc struct {
	AR struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			OSCALVersion string `json:"oscal-version"`
			LastModified string `json:"last-modified"`
		} `json:"metadata"`
		Results []struct {
			UUID         string `json:"uuid"`
			Observations []struct {
				UUID  string `json:"uuid"`
				Props []arProp
			} `json:"observations"`
			Findings []struct {
				Target struct {
					TargetID string   `json:"target-id"`
					Status   arStatus `json:"status"`
				} `json:"target"`
			} `json:"findings"`
		} `json:"results"`
	} `json:"assessment-results"`
}

func TestOSCALStatusMapping(t *testing.T) {
	raw, err := AssessmentResultsJSON(sampleAssessment())
	if err != nil {
		t.Fatal(err)
	}
	var doc oscalDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.AR.Metadata.OSCALVersion != "1.1.2" || doc.AR.Metadata.LastModified != "2026-12-15T09:30:00+07:00" {
		t.Fatalf("metadata = %+v", doc.AR.Metadata)
	}
	r := doc.AR.Results[0]
	if len(r.Observations) != 5 || len(r.Findings) != 3 {
		t.Fatalf("observations %d, findings %d", len(r.Observations), len(r.Findings))
	}
	want := []struct{ target, state, reason string }{
		{"QL-1.1", "satisfied", "pass"},
		{"QL-1.2", "not-satisfied", "other"},
		{"KT-2.1", "not-satisfied", "fail"},
	}
	for i, w := range want {
		f := r.Findings[i].Target
		if f.TargetID != w.target || f.Status.State != w.state || f.Status.Reason != w.reason {
			t.Errorf("finding %d = %+v, want %+v", i, f, w)
		}
	}
	statuses := []string{}
	for _, o := range r.Observations {
		statuses = append(statuses, o.Props[0].Value)
	}
	if got := strings.Join(statuses, ","); got != "satisfied,partially-satisfied,not-satisfied,not-applicable,not-assessed" {
		t.Fatalf("observation statuses = %s", got)
	}
	if len(doc.AR.Results[1].Observations) != 0 {
		t.Fatal("a system without items has observations")
	}
}

func TestOSCALDeterministic(t *testing.T) {
	a, _ := AssessmentResultsJSON(sampleAssessment())
	b, _ := AssessmentResultsJSON(sampleAssessment())
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings differ")
	}
	other := sampleAssessment()
	other.Version = "2026.2"
	c, _ := AssessmentResultsJSON(other)
	var da, dc oscalDoc
	json.Unmarshal(a, &da)
	json.Unmarshal(c, &dc)
	if da.AR.UUID == dc.AR.UUID || da.AR.Results[0].UUID == dc.AR.Results[0].UUID {
		t.Fatal("a new version kept the same UUIDs")
	}
}

// TestUUID5 checks the name-based UUID against RFC 9562's Python-verified
// vector: uuid5(NAMESPACE_URL, "http://python.org/").
func TestUUID5(t *testing.T) {
	u := uuid5(urlNamespace(), "http://python.org/")
	if got := hex.EncodeToString(u[:]); got != "4c565f0d3f5a5890b41b20cf47701c5e" {
		t.Fatalf("uuid5 = %s", got)
	}
	u = uuid5(urlNamespace(), OSCALNamespace)
	if got := hex.EncodeToString(u[:]); got != "3776b97bd4d75bbaac1bf5d93ffcb4ea" {
		t.Fatalf("namespace uuid = %s", got)
	}
}

func TestOSCALRejects(t *testing.T) {
	tests := map[string]func(*Assessment){
		"no title":          func(a *Assessment) { a.Title = " " },
		"no version":        func(a *Assessment) { a.Version = "" },
		"no plan":           func(a *Assessment) { a.PlanTitle = "" },
		"no time":           func(a *Assessment) { a.LastModified = time.Time{} },
		"no system, no why": func(a *Assessment) { a.Systems = nil },
		"uncited evidence":  func(a *Assessment) { a.Systems[0].Items[0].Evidence = []string{"evidence/khac.pdf"} },
		"resource no hash":  func(a *Assessment) { a.Resources[0].SHA256 = "abc" },
		"resource twice":    func(a *Assessment) { a.Resources[1].Path = a.Resources[0].Path },
		"unsafe resource":   func(a *Assessment) { a.Resources[0].Path = "../x.pdf" },
		"system without id": func(a *Assessment) { a.Systems[0].ID = "" },
		"repeated system":   func(a *Assessment) { a.Systems[1].ID = a.Systems[0].ID },
		"no start":          func(a *Assessment) { a.Systems[0].Start = time.Time{} },
		"unknown status":    func(a *Assessment) { a.Systems[0].Items[0].Status = "Tốt" },
		"repeated item":     func(a *Assessment) { a.Systems[0].Items[1].RequirementID = "QL-1.1" },
		"item without id":   func(a *Assessment) { a.Systems[0].Items[1].RequirementID = "" },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			a := sampleAssessment()
			edit(&a)
			if _, err := AssessmentResultsJSON(a); !errors.Is(err, ErrInvalidAssessment) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestOSCALWithoutSystems: an agency with no information system yet gets
// a valid document whose one result says so in words.
func TestOSCALWithoutSystems(t *testing.T) {
	a := sampleAssessment()
	a.Systems = nil
	a.Empty = "Chưa có hệ thống thông tin nào"
	doc, err := AssessmentResultsJSON(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := validateAgainst(t, schematest.OSCALAssessmentResults(t), doc); err != nil {
		t.Fatalf("not valid OSCAL: %v\n%s", err, doc)
	}
	if !bytes.Contains(doc, []byte(`"description": "Chưa có hệ thống thông tin nào"`)) {
		t.Fatalf("the result does not say why it is empty:\n%s", doc)
	}
}

// TestOSCALApprovalAndResources: an assessment in progress is marked
// approved=false; back-matter lists every resource with its SHA-256 and
// an href relative to the document's folder.
func TestOSCALApprovalAndResources(t *testing.T) {
	raw, err := AssessmentResultsJSON(sampleAssessment())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		AR struct {
			Results []struct {
				Props []arProp `json:"props"`
			} `json:"results"`
			BackMatter arBackMatter `json:"back-matter"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	approved := func(i int) string {
		for _, p := range doc.AR.Results[i].Props {
			if p.Name == "approved" && p.NS == OSCALNamespace {
				return p.Value
			}
		}
		return ""
	}
	if approved(0) != "true" || approved(1) != "false" {
		t.Errorf("approved props: %q %q", approved(0), approved(1))
	}
	res := doc.AR.BackMatter.Resources
	if len(res) != 3 || res[1].RLinks[0].Href != "../report/annual-2026.pdf" || res[1].RLinks[0].Hashes[0] != (arHash{"SHA-256", strings.Repeat("ab", 32)}) ||
		res[2].RLinks[0].Href != "../evidence/chinh-sach.pdf" || res[1].RLinks[0].MediaType != "application/pdf" {
		t.Errorf("resources: %+v", res)
	}
	if !bytes.Contains(raw, []byte(`"href": "../evidence/chinh-sach.pdf"`)) {
		t.Error("evidence href not relative to the document")
	}
}

func TestRelativeHref(t *testing.T) {
	for _, c := range []struct{ doc, target, want string }{
		{"oscal/assessment-results.json", "evidence/a.pdf", "../evidence/a.pdf"},
		{"oscal/assessment-results.json", "oscal/other.json", "other.json"},
		{"assessment-results.json", "evidence/a.pdf", "evidence/a.pdf"},
		{"", "evidence/a.pdf", "evidence/a.pdf"},
		{"a/b/c.json", "a/d/e.pdf", "../d/e.pdf"},
		{"oscal/x.json", "evidence/biên bản.pdf", "../evidence/bi%C3%AAn%20b%E1%BA%A3n.pdf"},
	} {
		if got := relativeHref(c.doc, c.target); got != c.want {
			t.Errorf("relativeHref(%q, %q) = %q, want %q", c.doc, c.target, got, c.want)
		}
	}
}

func TestToken(t *testing.T) {
	for in, want := range map[string]string{"QL-1.1": "QL-1.1", "9 lạ/id": "_9_lạ_id", "": "_", "ĐG_2": "ĐG_2"} {
		if got := token(in); got != want {
			t.Errorf("token(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBundleCarriesOSCAL puts the OSCAL document in a bundle as
// oscal/assessment-results.json: it is deflated, verifies, and what comes
// out is still valid OSCAL.
func TestBundleCarriesOSCAL(t *testing.T) {
	pub, sec := testKey(t)
	doc, err := AssessmentResultsJSON(sampleAssessment())
	if err != nil {
		t.Fatal(err)
	}
	b := sampleBundle()
	b.Files = append(b.Files, BytesFile("oscal/assessment-results.json", doc))
	data := build(t, b, sec)
	if _, err := verifyBytes(data, TrustKey("a", pub)); err != nil {
		t.Fatal(err)
	}
	for _, e := range readEntries(t, data) {
		if e.name == "oscal/assessment-results.json" {
			if !bytes.Equal(e.data, doc) {
				t.Fatal("OSCAL document changed in the bundle")
			}
			if err := validateAgainst(t, schematest.OSCALAssessmentResults(t), e.data); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatal("no OSCAL entry")
}
