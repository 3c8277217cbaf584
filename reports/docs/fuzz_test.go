package docs

import (
	"bytes"
	"testing"

	"daumoi/data/registers"
	"daumoi/reports/pdfdoc"
)

// FuzzReports builds every report from arbitrary register text (names,
// notes, titles as a user or an import could enter them) and renders it:
// the builders must always give a document the renderer accepts.
func FuzzReports(f *testing.F) {
	f.Add("Sở Nội vụ tỉnh Vĩnh Long", "Cổng thông tin điện tử", "Nguyễn Thị Thu Hương", "1đ")
	f.Add("", "", "", "")
	f.Add("\x00\u202e😀", "a\nb\tc", "𝔘", "1")
	f.Fuzz(func(t *testing.T, agency, name, person, code string) {
		h := Header{Agency: agency, OwnerAuthority: name, SignerName: person, Symbol: code}
		sys := registers.System{ID: 1, Name: name, OperatingUnit: person, ProposedLevel: len(code) % 6}
		asset := registers.Asset{Name: name, Responsible: person, Hostname: code, Systems: []int64{1, 2}, StateSecret: true, LAN: len(name)%2 == 0}
		figures := AnnualFigures{FocalPoints: []string{person}, IncidentEmail: person, Activities: map[string]int{code: 1}}
		docs := []pdfdoc.Document{
			InventoryDocument(Inventory{Header: h, Systems: []registers.System{sys}}),
			AssetExtractDocument(AssetExtract{Header: h, Assets: []registers.Asset{asset}, SystemNames: map[int64]string{1: name}, Selection: code}),
			AssessmentDocument(AssessmentResult{Header: h, SystemName: name, Period: code, Groups: []AssessmentGroup{{Title: code, Items: []AssessmentLine{{Text: name, Status: code, Note: person}}}}}),
			AnnualDocument(Annual{Header: h, Directive: []DirectiveItem{{Code: code, Title: name}}, Figures: figures,
				Compliance: []SystemCompliance{{Name: name, Period: code, Percent: float64(len(person))}}, Systems: []registers.System{sys}}),
			PlanDocument(Plan{Header: h, Directive: []DirectiveItem{{Code: code, Title: name}}, Tasks: []PlanTask{{Item: code, Task: name, Owner: person, Start: code, Due: code}}}),
		}
		for i, doc := range docs {
			if err := pdfdoc.Render(doc, &bytes.Buffer{}); err != nil {
				t.Fatalf("report %d: %v", i, err)
			}
		}
	})
}
