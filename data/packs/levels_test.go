package packs

import (
	"errors"
	"slices"
	"testing"
)

func TestSuggestLevel(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get("nd331-2026")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		answers map[string]string
		level   int
		because []string
	}{
		{"nothing answered", nil, 0, nil},
		{"public internal system", map[string]string{"nd331-q-information": "public", "nd331-q-admin-procedures": "no"}, 1, []string{"nd331-q-information"}},
		{"administrative procedures are level 3", map[string]string{"nd331-q-information": "private", "nd331-q-admin-procedures": "yes"}, 3, []string{"nd331-q-admin-procedures"}},
		{"data subjects below thresholds", map[string]string{"nd331-q-information": "private", "nd331-q-data-subjects": "below"}, 2, []string{"nd331-q-information", "nd331-q-data-subjects"}},
		{"10,000 sensitive subjects", map[string]string{"nd331-q-data-subjects": "sensitive-10k"}, 3, []string{"nd331-q-data-subjects"}},
		{"state secret", map[string]string{"nd331-q-information": "secret"}, 3, []string{"nd331-q-information"}},
		{"highest wins", map[string]string{"nd331-q-information": "secret", "nd331-q-infrastructure": "national", "nd331-q-national-data": "no"}, 4, []string{"nd331-q-infrastructure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := e.Pack.SuggestLevel(tt.answers)
			if err != nil {
				t.Fatal(err)
			}
			if s.Level != tt.level || !slices.Equal(s.Because, tt.because) || s.OutOfScope {
				t.Errorf("got %+v, want level %d because %v", s, tt.level, tt.because)
			}
		})
	}
	if _, err := e.Pack.SuggestLevel(map[string]string{"nd331-q-information": "top-secret"}); !errors.Is(err, ErrUnknownReference) {
		t.Errorf("unknown option: %v", err)
	}
	if _, err := e.Pack.SuggestLevel(map[string]string{"nd85-q": "yes"}); !errors.Is(err, ErrUnknownReference) {
		t.Errorf("unknown criterion: %v", err)
	}
}

func TestSuggestLevelOutOfScope(t *testing.T) {
	p := Pack{LevelCriteria: []Criterion{
		{ID: "a", Options: []Option{{ID: "x", Level: 4}}},
		{ID: "b", Options: []Option{{ID: "out", OutOfScope: true}}},
		{ID: "c", Options: []Option{{ID: "y", Level: 5}}},
	}}
	s, err := p.SuggestLevel(map[string]string{"a": "x", "b": "out", "c": "y"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.OutOfScope || !slices.Equal(s.Because, []string{"b"}) {
		t.Errorf("got %+v, want out of scope because b", s)
	}
}

func TestItemsForLevel(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	e, err := r.Get("tt12-2022")
	if err != nil {
		t.Fatal(err)
	}
	// Appendix items plus Article 9 items, per the reference counts.
	want := map[int]int{1: 34 + 5, 2: 46 + 5, 3: 66 + 8, 4: 68 + 9, 5: 70 + 9}
	for level, n := range want {
		if got := len(e.Pack.ItemsForLevel(level)); got != n {
			t.Errorf("level %d: %d items, want %d", level, got, n)
		}
	}
}
