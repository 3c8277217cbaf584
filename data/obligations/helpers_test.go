package obligations

import (
	"testing"
	"time"

	"daumoi/data/packs"
)

// date parses YYYY-MM-DD as midnight UTC.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// noon is the given date at 12:00 UTC (a "now" in the middle of the day).
func noon(t testing.TB, s string) time.Time {
	return date(t, s).Add(12 * time.Hour)
}

// testPack wraps rules into a valid pack in force from 2020-01-01.
func testPack(t testing.TB, rules ...packs.Rule) packs.Pack {
	t.Helper()
	for i := range rules {
		if rules[i].TitleVI == "" {
			rules[i].TitleVI = "Nghĩa vụ " + rules[i].ID
		}
		if rules[i].Source.Source == "" {
			rules[i].Source = packs.SourceRef{Source: "src", Ref: "Điều 1"}
		}
	}
	p := packs.Pack{
		Format: packs.FormatVersion, ID: "test", Title: packs.Text{VI: "Gói thử"}, Version: 1,
		Published: "2020-01-01", Effective: packs.Period{From: "2020-01-01"},
		Sources:     []packs.Source{{ID: "src", TitleVI: "Văn bản thử", Number: "1/2020/TT"}},
		Obligations: rules,
	}
	if err := packs.Validate(p); err != nil {
		t.Fatalf("test pack invalid: %v", err)
	}
	return p
}

func days(n int) *int { return &n }

// evaluate runs Evaluate and fails the test on error.
func evaluate(t testing.TB, in Input) []Obligation {
	t.Helper()
	out, err := Evaluate(in)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return out
}

// brief is the part of an obligation most tests compare.
type brief struct {
	ID     string
	Due    string
	Status Status
	Late   bool
	By     string
}

func briefs(list []Obligation) []brief {
	out := make([]brief, len(list))
	for i, o := range list {
		b := brief{ID: o.ID, Status: o.Status, Late: o.Late}
		if !o.Due.IsZero() {
			b.Due = o.Due.Format(time.DateOnly)
		}
		if o.SatisfiedBy != nil {
			b.By = o.SatisfiedBy.ID
		}
		out[i] = b
	}
	return out
}

func equalBriefs(t *testing.T, got []Obligation, want []brief) {
	t.Helper()
	g := briefs(got)
	if len(g) != len(want) {
		t.Fatalf("got %d obligations %+v, want %d %+v", len(g), g, len(want), want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("obligation %d:\n got %+v\nwant %+v", i, g[i], want[i])
		}
	}
}
