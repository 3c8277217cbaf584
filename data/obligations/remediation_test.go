package obligations

import (
	"errors"
	"testing"

	"daumoi/data/packs"
)

func remediationRule(levels ...int) packs.Rule {
	return packs.Rule{ID: "fix", Kind: packs.KindRemediation, Scope: packs.ScopeSystem, Levels: levels,
		TitleVI: "Khắc phục lỗ hổng", TitleEN: "Fix vulnerabilities",
		SeverityDays: map[string]int{"critical": 7, "high": 30, "medium": 90, "low": 180}}
}

func TestRemediationDueDates(t *testing.T) {
	sys := []System{{ID: "s1", Level: 3, GoLive: date(t, "2020-01-01")}}
	findings := []FindingsDue{{SystemID: "s1", Count: 4, EarliestDue: date(t, "2026-12-01")}}
	tests := []struct {
		name, today string
		want        Status
	}{
		{"due in more than the window", "2026-10-31", StatusUpcoming},
		{"due in exactly the window", "2026-11-01", StatusDue},
		{"due today", "2026-12-01", StatusDue},
		{"due yesterday", "2026-12-02", StatusOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, Input{Now: noon(t, tt.today), Packs: []packs.Pack{testPack(t, remediationRule())}, Systems: sys, OpenFindings: findings})
			equalBriefs(t, got, []brief{{"test/fix/sys:s1", "2026-12-01", tt.want, false, ""}})
			o := got[0]
			if o.TitleVI != "Khắc phục lỗ hổng — 4 lỗ hổng chưa khắc phục" || o.TitleEN != "Fix vulnerabilities — 4 open findings" ||
				o.OpenFindings != 4 || o.SystemID != "s1" || o.Kind != packs.KindRemediation || o.SatisfiedBy != nil {
				t.Errorf("obligation %+v", o)
			}
		})
	}
}

func TestRemediationOnlySystemsWithFindings(t *testing.T) {
	sys := []System{{ID: "s1", Level: 3}, {ID: "s2", Level: 3}, {ID: "s3", Level: 4}}
	findings := []FindingsDue{
		{SystemID: "s3", Count: 1, EarliestDue: date(t, "2026-06-01")},
		{SystemID: "s1", Count: 2, EarliestDue: date(t, "2027-06-01")},
		{SystemID: "gone", Count: 9, EarliestDue: date(t, "2026-01-01")}, // a system no longer in the register
	}
	got := evaluate(t, Input{Now: noon(t, "2026-11-25"), Packs: []packs.Pack{testPack(t, remediationRule())}, Systems: sys, OpenFindings: findings})
	equalBriefs(t, got, []brief{
		{"test/fix/sys:s3", "2026-06-01", StatusOverdue, false, ""},
		{"test/fix/sys:s1", "2027-06-01", StatusUpcoming, false, ""},
	})
	if got := evaluate(t, Input{Now: noon(t, "2026-11-25"), Packs: []packs.Pack{testPack(t, remediationRule())}, Systems: sys}); len(got) != 0 {
		t.Errorf("no open findings gave %+v", briefs(got))
	}
}

func TestRemediationLevels(t *testing.T) {
	sys := []System{
		{ID: "l2", Level: 2},
		{ID: "l3", Level: 3},
		// Level 2 until 1 December 2026, then level 3.
		{ID: "up", LevelHistory: []LevelChange{{From: date(t, "2024-01-01"), Level: 2}, {From: date(t, "2026-12-01"), Level: 3}}},
	}
	var findings []FindingsDue
	for _, s := range sys {
		findings = append(findings, FindingsDue{SystemID: s.ID, Count: 1, EarliestDue: date(t, "2027-01-10")})
	}
	pack := []packs.Pack{testPack(t, remediationRule(3, 4, 5))}
	got := evaluate(t, Input{Now: noon(t, "2026-11-25"), Packs: pack, Systems: sys, OpenFindings: findings})
	equalBriefs(t, got, []brief{{"test/fix/sys:l3", "2027-01-10", StatusUpcoming, false, ""}})
	got = evaluate(t, Input{Now: noon(t, "2026-12-01"), Packs: pack, Systems: sys, OpenFindings: findings})
	equalBriefs(t, got, []brief{
		{"test/fix/sys:l3", "2027-01-10", StatusUpcoming, false, ""},
		{"test/fix/sys:up", "2027-01-10", StatusUpcoming, false, ""},
	})
}

func TestRemediationTwoPacks(t *testing.T) {
	other := testPack(t, remediationRule(3))
	other.ID = "other"
	other.Obligations[0].ID = "other-fix"
	sys := []System{{ID: "s1", Level: 3}, {ID: "s2", Level: 2}}
	findings := []FindingsDue{
		{SystemID: "s1", Count: 3, EarliestDue: date(t, "2026-11-30")},
		{SystemID: "s2", Count: 1, EarliestDue: date(t, "2026-11-20")},
	}
	got := evaluate(t, Input{Now: noon(t, "2026-11-25"), Packs: []packs.Pack{testPack(t, remediationRule()), other}, Systems: sys, OpenFindings: findings})
	// Each pack's rule gives its own obligation; the level-3-only rule
	// leaves the level-2 system out.
	equalBriefs(t, got, []brief{
		{"test/fix/sys:s2", "2026-11-20", StatusOverdue, false, ""},
		{"other/other-fix/sys:s1", "2026-11-30", StatusDue, false, ""},
		{"test/fix/sys:s1", "2026-11-30", StatusDue, false, ""},
	})
}

func TestRemediationInForceAndRoles(t *testing.T) {
	sys := []System{{ID: "s1", Level: 3}}
	findings := []FindingsDue{{SystemID: "s1", Count: 1, EarliestDue: date(t, "2026-12-01")}}
	later := remediationRule()
	later.Effective = &packs.Period{From: "2027-01-01"}
	roles := remediationRule()
	roles.AgencyRoles = []string{"provincial_department"}
	for name, rule := range map[string]packs.Rule{"not yet in force": later, "another kind of agency": roles} {
		got := evaluate(t, Input{Now: noon(t, "2026-11-25"), Packs: []packs.Pack{testPack(t, rule)}, Systems: sys, OpenFindings: findings})
		if len(got) != 0 {
			t.Errorf("%s: %+v", name, briefs(got))
		}
	}
	got := evaluate(t, Input{Now: noon(t, "2027-01-02"), Packs: []packs.Pack{testPack(t, later)}, Systems: sys, OpenFindings: findings})
	equalBriefs(t, got, []brief{{"test/fix/sys:s1", "2026-12-01", StatusOverdue, false, ""}})
}

func TestRemediationBadInput(t *testing.T) {
	due := date(t, "2026-12-01")
	tests := map[string][]FindingsDue{
		"listed twice":  {{SystemID: "s1", Count: 1, EarliestDue: due}, {SystemID: "s1", Count: 2, EarliestDue: due}},
		"no system":     {{Count: 1, EarliestDue: due}},
		"zero findings": {{SystemID: "s1", EarliestDue: due}},
		"no due date":   {{SystemID: "s1", Count: 1}},
	}
	for name, findings := range tests {
		_, err := Evaluate(Input{Now: noon(t, "2026-11-25"), Packs: []packs.Pack{testPack(t, remediationRule())},
			Systems: []System{{ID: "s1", Level: 3}}, OpenFindings: findings})
		if !errors.Is(err, ErrBadInput) {
			t.Errorf("%s: error %v, want ErrBadInput", name, err)
		}
	}
}
