package office

import "testing"

// TestAgencyResult checks the definition shown to the office on the
// combinations of two systems.
func TestAgencyResult(t *testing.T) {
	sys := func(results ...ItemResult) []SystemItems {
		var out []SystemItems
		for _, r := range results {
			out = append(out, SystemItems{System: "s", Items: map[string]ItemResult{"p/1": r}})
		}
		return out
	}
	cases := []struct {
		systems []SystemItems
		want    ItemResult
	}{
		{nil, ItemNotAssessed},
		{sys(ItemMet, ItemMet), ItemMet},
		{sys(ItemMet, ItemNotAssessed), ItemMet},
		{sys(ItemMet, ItemNotApplicable), ItemMet},
		{sys(ItemMet, ItemPartly), ItemPartly},
		{sys(ItemMet, ItemNotMet), ItemNotMet},
		{sys(ItemPartly, ItemNotMet), ItemNotMet},
		{sys(ItemNotAssessed, ItemNotApplicable), ItemNotAssessed},
		{sys(ItemNotApplicable, ItemNotApplicable), ItemNotApplicable},
		{[]SystemItems{{System: "s", Items: map[string]ItemResult{"p/2": ItemMet}}}, ItemNotAssessed},
	}
	for i, c := range cases {
		if got := AgencyResult(c.systems, "p/1"); got != c.want {
			t.Errorf("case %d: %s, want %s", i, got, c.want)
		}
	}
}

// TestParseAssessmentResults reads the properties reports/bundle writes
// and refuses what is not JSON.
func TestParseAssessmentResults(t *testing.T) {
	doc := `{"assessment-results": {"results": [
		{"props": [{"name": "systems", "value": "0"}]},
		{"props": [{"name": "system-id", "value": "7"}], "observations": [
			{"props": [{"name": "assessment-status", "value": "partially-satisfied"}, {"name": "requirement-id", "value": "tt12-2022/QL-1.1"}]},
			{"props": [{"name": "assessment-status", "value": "strange"}, {"name": "requirement-id", "value": "tt12-2022/QL-1.2"}]}]}]}}`
	got, err := ParseAssessmentResults([]byte(doc))
	if err != nil || len(got) != 1 || got[0].System != "7" || got[0].Items["tt12-2022/QL-1.1"] != ItemPartly || got[0].Items["tt12-2022/QL-1.2"] != ItemNotAssessed {
		t.Fatalf("%+v, %v", got, err)
	}
	if _, err := ParseAssessmentResults([]byte("{")); err == nil {
		t.Error("malformed results accepted")
	}
}

// TestCommonlyMissed orders by partly + not met, then not met.
func TestCommonlyMissed(t *testing.T) {
	r := func(key string, partly, not int) ItemRollup {
		return ItemRollup{Requirement: Requirement{Key: key}, Counts: map[ItemResult]int{ItemPartly: partly, ItemNotMet: not}}
	}
	got := CommonlyMissed([]ItemRollup{r("a", 1, 0), r("b", 0, 0), r("c", 1, 1), r("d", 0, 2), r("e", 0, 1)}, 3)
	if len(got) != 3 || got[0].Key != "d" || got[1].Key != "c" || got[2].Key != "e" {
		t.Errorf("%v", got)
	}
}
