package packs

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	shipped "daumoi/assets/packs"
	"daumoi/data/textnorm"
)

func TestShippedPacksLoad(t *testing.T) {
	names, err := fs.Glob(shipped.FS, "*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 3 {
		t.Errorf("shipped pack files %v, want 3", names)
	}
	for _, name := range names {
		data, err := fs.ReadFile(shipped.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(data) || textnorm.NFC(string(data)) != string(data) {
			t.Errorf("%s: file is not NFC UTF-8", name)
		}
		p, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := Validate(p); err != nil {
			t.Errorf("%s: Validate after Load: %v", name, err)
		}
		if p.ID+".json" != name {
			t.Errorf("file %s holds pack %q; name files after their pack id", name, p.ID)
		}
		items := 0
		for _, c := range p.Catalogues {
			items += len(c.Items)
		}
		t.Logf("%s v%d: %d checklist items, %d level criteria, %d obligations", p.ID, p.Version, items, len(p.LevelCriteria), len(p.Obligations))
	}
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ct11-vinhlong-2023", "nd331-2026", "tt12-2022"}
	if got := r.IDs(); !slices.Equal(got, want) {
		t.Errorf("shipped ids %v, want %v", got, want)
	}
}

// reference mirrors the fields of the reference extraction of TT 12/2022.
type reference struct {
	CountsByLevel map[string]map[string]int `json:"counts_by_level"`
	Items         []struct {
		ID                        string            `json:"id"`
		Origin                    string            `json:"origin"`
		Group                     string            `json:"group"`
		Kind                      string            `json:"kind"`
		Subgroup                  string            `json:"subgroup"`
		SubgroupEN                string            `json:"subgroup_en"`
		TextVI                    string            `json:"text_vi"`
		TextEN                    string            `json:"text_en"`
		Levels                    []int             `json:"levels"`
		SourceRef                 string            `json:"source_ref"`
		Family                    string            `json:"family"`
		FamilyLabelVI             string            `json:"family_label_vi"`
		FamilyEN                  string            `json:"family_en"`
		ConditionVI               string            `json:"condition_vi"`
		ConditionEN               string            `json:"condition_en"`
		TextVIByLevel             map[string]string `json:"text_vi_by_level"`
		TCVNClauseByLevel         map[string]string `json:"tcvn_clause_by_level"`
		SubgroupTCVNClauseByLevel map[string]string `json:"subgroup_tcvn_clause_by_level"`
		SttByLevel                map[string]string `json:"stt_by_level"`
		PointByLevel              map[string]string `json:"point_by_level"`
	} `json:"items"`
}

func emptyAsNil(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// TestTT12PackIsFaithful compares the shipped TT 12/2022 catalogue with the
// reference extraction (a copy is in testdata), item by item and field by field.
func TestTT12PackIsFaithful(t *testing.T) {
	data, err := os.ReadFile("testdata/tt12-2022-requirements.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get("tt12-2022")
	if err != nil {
		t.Fatal(err)
	}
	items := e.Pack.Catalogues[0].Items
	if len(items) != len(ref.Items) || len(items) != 104 {
		t.Fatalf("pack has %d items, reference %d (expected 104)", len(items), len(ref.Items))
	}
	for i, want := range ref.Items {
		got := items[i]
		same := got.ID == want.ID && got.Origin == want.Origin && got.Group == want.Group && got.Kind == want.Kind &&
			got.SubgroupVI == want.Subgroup && got.SubgroupEN == want.SubgroupEN &&
			got.TextVI == textnorm.NFC(want.TextVI) && got.GlossEN == want.TextEN && slices.Equal(got.Levels, want.Levels) &&
			got.Source == SourceRef{Source: "tt12", Ref: want.SourceRef} &&
			got.Family == want.Family && got.FamilyLabelVI == want.FamilyLabelVI && got.FamilyEN == want.FamilyEN &&
			got.ConditionVI == want.ConditionVI && got.ConditionEN == want.ConditionEN &&
			maps.Equal(got.TextVIByLevel, emptyAsNil(want.TextVIByLevel)) &&
			maps.Equal(got.ClauseByLevel, emptyAsNil(want.TCVNClauseByLevel)) &&
			maps.Equal(got.SubgroupClauseByLevel, emptyAsNil(want.SubgroupTCVNClauseByLevel)) &&
			maps.Equal(got.RowByLevel, emptyAsNil(want.SttByLevel)) &&
			maps.Equal(got.PointByLevel, emptyAsNil(want.PointByLevel))
		if !same {
			t.Errorf("item %d differs:\n got %+v\nwant %+v", i, got, want)
		}
	}
	// Per-level counts of the appendices, as the reference states them.
	for level := 1; level <= 5; level++ {
		counts := map[string]int{}
		for _, it := range items {
			if !slices.Contains(it.Levels, level) {
				continue
			}
			key := it.Kind
			switch {
			case it.Origin == "article_9":
				key = "article_9_items"
			case strings.HasPrefix(it.ID, "TK-A."):
				key = "design_zones"
			case it.Kind == "design":
				key = "design_measures"
			}
			counts[key]++
		}
		want := ref.CountsByLevel[strconv.Itoa(level)]
		for _, key := range []string{"management", "configuration", "design_zones", "design_measures", "article_9_items"} {
			if counts[key] != want[key] {
				t.Errorf("level %d %s: %d items, reference says %d", level, key, counts[key], want[key])
			}
		}
	}
}

func TestCT11PackCoversDirective(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get("ct11-vinhlong-2023")
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, it := range e.Pack.Catalogues[0].Items {
		groups[it.Group] = true
	}
	for _, g := range []string{"1a", "1b", "1c", "1d", "1đ", "1e", "1g", "1h", "1i", "1k", "2a"} {
		if !groups[g] {
			t.Errorf("directive item %s has no checklist item", g)
		}
	}
	rules := map[string]Rule{}
	for _, o := range e.Pack.Obligations {
		rules[o.ID] = o
	}
	if r := rules["ct11-annual-report"]; r.Month != 12 || r.Day != 12 {
		t.Errorf("annual report deadline %d/%d, want 12/12", r.Day, r.Month)
	}
	if r := rules["ct11-drill"]; !slices.Equal(r.Levels, []int{3, 4, 5}) || r.EveryMonths != 12 {
		t.Errorf("drill rule %+v", r)
	}
	if r := rules["ct11-vulnerability-scan"]; r.EveryMonths != 6 {
		t.Errorf("scan rule %+v", r)
	}
	if r := rules["ct11-monthly-summary"]; r.Day != 5 {
		t.Errorf("monthly summary %+v", r)
	}
	if r := rules["tt20-incident-notice"]; r.Within == nil || r.Within.Days == nil || *r.Within.Days != 5 {
		t.Errorf("TT 20 incident notice %+v", r)
	}
}

func TestND331PackUnverifiedMarks(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get("nd331-2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range e.Pack.Obligations {
		third := bytes.Contains([]byte(o.Source.Ref), []byte("bên thứ ba"))
		if third && (!o.Unverified || o.Note == "") {
			t.Errorf("%s cites a third-party summary but is not marked unverified with a note", o.ID)
		}
	}
	if len(e.Pack.LevelCriteria) == 0 {
		t.Error("the 2026 pack has no level criteria")
	}
}

// shippedRule returns a rule of a shipped pack.
func shippedRule(t *testing.T, packID, ruleID string) Rule {
	t.Helper()
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get(packID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range e.Pack.Obligations {
		if o.ID == ruleID {
			return o
		}
	}
	t.Fatalf("%s has no rule %s", packID, ruleID)
	return Rule{}
}

// TestShippedReadingsMarked: the rules that are the packs' reading of a
// text without figures are marked unverified with a Vietnamese note.
func TestShippedReadingsMarked(t *testing.T) {
	fix := shippedRule(t, "ct11-vinhlong-2023", "ct11-remediation")
	want := map[string]int{"critical": 7, "high": 30, "medium": 90, "low": 180}
	if fix.Kind != KindRemediation || fix.Scope != ScopeSystem || !maps.Equal(fix.SeverityDays, want) ||
		fix.Source != (SourceRef{Source: "ct11", Ref: "mục 1 điểm c"}) || fix.TitleEN == "" {
		t.Errorf("ct11-remediation %+v", fix)
	}
	tests := []struct {
		pack, rule string
		kinds      []string
		every      int
		from       string // rule's own effective start, "" when none
	}{
		{"ct11-vinhlong-2023", "ct11-remediation", nil, 0, ""},
		{"ct11-vinhlong-2023", "ct11-awareness", []string{"awareness_training"}, 12, ""},
		{"nd331-2026", "nd331-awareness", []string{"awareness_training"}, 12, "2026-08-19"},
		{"tt12-2022", "nd85-inspection-level34", []string{"security_inspection", "penetration_test"}, 12, ""},
		{"tt12-2022", "nd85-inspection-level5", []string{"security_inspection", "penetration_test"}, 6, ""},
	}
	for _, tt := range tests {
		r := shippedRule(t, tt.pack, tt.rule)
		if !r.Unverified || !strings.Contains(r.Note, "cách đọc của gói") && !strings.Contains(r.Note, "Gói này coi") {
			t.Errorf("%s: not marked as the pack's reading: unverified %v, note %q", tt.rule, r.Unverified, r.Note)
		}
		if !slices.Equal(r.SatisfiedBy, tt.kinds) || r.EveryMonths != tt.every {
			t.Errorf("%s: satisfied by %v every %d months", tt.rule, r.SatisfiedBy, r.EveryMonths)
		}
		from := ""
		if r.Effective != nil {
			from = r.Effective.From
		}
		if from != tt.from {
			t.Errorf("%s: effective from %q, want %q", tt.rule, from, tt.from)
		}
	}
	if r := shippedRule(t, "ct11-vinhlong-2023", "ct11-awareness"); r.Scope != ScopeAgency || r.Alignment != AlignCalendar {
		t.Errorf("ct11-awareness %+v", r)
	}
	if r := shippedRule(t, "nd331-2026", "nd331-awareness"); r.Scope != ScopeAgency || r.Source.Ref != "Điều 31 khoản 3" {
		t.Errorf("nd331-awareness %+v", r)
	}
}
