package bundle

import (
	"testing"

	"daumoi/data/assessments"
	"daumoi/reports/docs"
)

// The case of issue 14: 45 of 130 applicable items assessed. The OSCAL
// result, data.json and the report state the same figures.
func TestCompliance45Of130EverywhereTheSame(t *testing.T) {
	var items []AssessmentItem
	for st, n := range map[ItemStatus]int{StatusMet: 35, StatusPartlyMet: 6, StatusNotMet: 4, StatusNotApplicable: 10, StatusNotAssessed: 85} {
		for range n {
			items = append(items, AssessmentItem{Status: st})
		}
	}
	c := compliance(items)
	want := assessments.Compliance{Met: 35, Partial: 6, Failed: 4, NotApplicable: 10, NotAssessed: 85}
	if c != want {
		t.Fatalf("OSCAL counts %+v, want %+v", c, want)
	}
	data := docs.NewSystemCompliance(1, "Cổng", "2026", false, want)
	if data.ItemsMet != 35 || data.ItemsAssessed != 45 || data.ItemsApplicable != 130 || data.Counts().TextVI() != c.TextVI() {
		t.Errorf("data.json %+v says %q, OSCAL %q", data, data.Counts().TextVI(), c.TextVI())
	}
	props := map[string]string{}
	for _, p := range complianceProps(c) {
		props[p.Name] = p.Value
	}
	if props["items-met"] != "35" || props["items-assessed"] != "45" || props["items-applicable"] != "130" || props["compliance-percent"] != "77.8" {
		t.Errorf("props %v", props)
	}
}
