package session

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"daumoi/data/packs"
)

func TestShippedPacksActiveByDefault(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	list, err := s.ListPacks()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range list {
		if !p.Active || p.Imported || p.Version < 1 || len(p.SHA256) != 64 {
			t.Errorf("shipped pack %+v", p)
		}
		ids = append(ids, p.ID)
	}
	want := []string{"ct11-vinhlong-2023", "nd331-2026", "tt12-2022"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("packs = %v, want %v", ids, want)
	}
	active, err := s.ActivePacks()
	if err != nil || len(active) != 3 {
		t.Fatalf("ActivePacks = %d, %v", len(active), err)
	}
}

// TestImportPackRejectsBadFiles checks that each kind of broken pack is
// refused with its sentinel and the path of the problem, and that the
// packs, their active state and the history are unchanged.
func TestImportPackRejectsBadFiles(t *testing.T) {
	dir, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	if err := s.SetPackActive("tt12-2022", false); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		raw    []byte
		want   error
		detail string
	}{
		{"malformed", []byte(testPack[:200]), packs.ErrMalformed, "unexpected end"},
		{"not JSON", []byte("id,title\n"), packs.ErrMalformed, "line 1"},
		{"duplicate item id", mutate(`"id": "it2"`, `"id": "it1"`), packs.ErrDuplicateID, "it1"},
		{"unknown level", mutate(`"levels": [3], "source"`, `"levels": [6], "source"`), packs.ErrBadLevel, "catalogues[0].items[2].levels"},
		{"dangling item", mutate(`"satisfied_by": ["drill"]`, `"satisfied_by": ["drill"], "items": ["it9"]`), packs.ErrUnknownReference, "it9"},
		{"dangling reference", mutate(`{"source": "src", "ref": "Điều 4"}`, `{"source": "nd85", "ref": "Điều 4"}`), packs.ErrUnknownReference, "nd85"},
		{"unknown field", mutate(`"published"`, `"publisher": "x", "published"`), packs.ErrUnknownField, "publisher"},
		{"format 2", mutate(`"format": 1`, `"format": 2`), packs.ErrFormatVersion, ""},
		{"shipped id, same version", mutate(`"id": "kiem-thu"`, `"id": "nd331-2026"`), packs.ErrNotNewer, "nd331-2026"},
		{"empty", nil, packs.ErrMalformed, ""},
	}
	before, err := s.ListPacks()
	if err != nil {
		t.Fatal(err)
	}
	history := historyLen(t, dir, s)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.ImportPack(c.raw)
			if !errors.Is(err, c.want) {
				t.Fatalf("ImportPack = %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.detail) {
				t.Errorf("error %q does not name %q", err, c.detail)
			}
			after, err := s.ListPacks()
			if err != nil || !reflect.DeepEqual(after, before) {
				t.Errorf("packs changed: %v, %v", after, err)
			}
			if n := historyLen(t, dir, s); n != history {
				t.Errorf("history grew %d → %d", history, n)
			}
		})
	}
}

func TestImportActivatePersist(t *testing.T) {
	dir, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	info, err := s.ImportPack([]byte(testPack))
	if err != nil || !info.Imported || !info.Active || info.Items != 3 || info.Criteria != 2 || info.Obligations != 5 {
		t.Fatalf("ImportPack = %+v, %v", info, err)
	}
	if _, err := s.ImportPack([]byte(testPack)); !errors.Is(err, packs.ErrNotNewer) {
		t.Errorf("same version again = %v", err)
	}
	if err := s.SetPackActive("kiem-thu", false); err != nil {
		t.Fatal(err)
	}
	v2, err := s.ImportPack(mutate(`"version": 1`, `"version": 2`, "Gói kiểm thử", "Gói kiểm thử mới"))
	if err != nil || v2.Version != 2 || v2.Active || v2.TitleVI != "Gói kiểm thử mới" {
		t.Fatalf("version 2 = %+v, %v (it keeps the inactive choice)", v2, err)
	}
	if err := s.SetPackActive("khong-co", true); !errors.Is(err, packs.ErrUnknownPack) {
		t.Errorf("unknown pack = %v", err)
	}
	if err := s.SetPackActive("nd331-2026", false); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir, "huong", testPass)
	active, err := s.ActivePacks()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range active {
		ids = append(ids, p.ID)
	}
	if !reflect.DeepEqual(ids, []string{"ct11-vinhlong-2023", "tt12-2022"}) {
		t.Errorf("active after reopen = %v", ids)
	}
	list, _ := s.ListPacks()
	if len(list) != 4 || list[1].ID != "kiem-thu" || list[1].Version != 2 {
		t.Errorf("ListPacks = %+v", list)
	}
	hist, err := s.History(auditFilterAction("pack."))
	if err != nil || len(hist) != 4 {
		t.Errorf("pack history = %d entries, %v", len(hist), err)
	}
}

func TestSuggestAndAcceptLevel(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	onlyTestPack(t, s)
	sys := systemAt(t, s, "Một cửa điện tử", 1, "")
	cases := []struct {
		answers map[string]string
		level   int
		out     bool
		because []string
		err     error
	}{
		{map[string]string{"q-secret": "yes", "q-users": "yes"}, 3, false, []string{"q-secret"}, nil},
		{map[string]string{"q-secret": "no", "q-users": "yes"}, 2, false, []string{"q-users"}, nil},
		{map[string]string{"q-users": "military", "q-secret": "yes"}, 0, true, []string{"q-users"}, nil},
		{map[string]string{}, 0, false, nil, nil},
		{map[string]string{"q-none": "yes"}, 0, false, nil, packs.ErrUnknownReference},
		{map[string]string{"q-secret": "maybe"}, 0, false, nil, packs.ErrUnknownReference},
	}
	for i, c := range cases {
		sug, err := s.SuggestLevel(sys.ID, c.answers)
		if !errors.Is(err, c.err) {
			t.Fatalf("case %d: %v, want %v", i, err, c.err)
		}
		if err != nil {
			continue
		}
		var because []string
		for _, r := range sug.Reasons {
			because = append(because, r.CriterionID)
		}
		if sug.Level != c.level || sug.OutOfScope != c.out || !reflect.DeepEqual(because, c.because) {
			t.Errorf("case %d: %+v", i, sug)
		}
	}
	if _, err := s.SuggestLevel(99, nil); !errors.Is(err, ErrNoSuchSystem) {
		t.Errorf("unknown system = %v", err)
	}
	sug, _ := s.SuggestLevel(sys.ID, map[string]string{"q-secret": "yes"})
	forged := sug
	forged.Level = 5
	got, err := s.AcceptLevelSuggestion(sys.ID, forged)
	if err != nil || got.ProposedLevel != 3 || !strings.Contains(got.LevelJustification, "bí mật nhà nước") {
		t.Fatalf("accepted = %d %q, %v", got.ProposedLevel, got.LevelJustification, err)
	}
	out, _ := s.SuggestLevel(sys.ID, map[string]string{"q-users": "military"})
	if _, err := s.AcceptLevelSuggestion(sys.ID, out); !errors.Is(err, ErrNoLevelSuggested) {
		t.Errorf("out of scope accepted: %v", err)
	}
}
