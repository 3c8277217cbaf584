package office

import (
	"errors"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestKeyFor(t *testing.T) {
	keys := []Key{
		{KeyID: "AAAAAAAAAAAAAAAA", From: day("2025-01-01"), Until: day("2026-07-01")},
		{KeyID: "BBBBBBBBBBBBBBBB", From: day("2026-07-01"), Until: day("2026-11-15"), Revoked: true},
		{KeyID: "CCCCCCCCCCCCCCCC", From: day("2026-11-15")},
	}
	ict := time.FixedZone("ICT", 7*3600)
	for _, c := range []struct {
		key    string
		signed time.Time
		want   error
	}{
		{"AAAAAAAAAAAAAAAA", time.Date(2026, 6, 30, 23, 59, 0, 0, ict), nil},
		// 30/06 17:30 UTC is already 01/07 in Vietnam.
		{"AAAAAAAAAAAAAAAA", time.Date(2026, 6, 30, 17, 30, 0, 0, time.UTC), ErrKeyReplaced},
		{"aaaaaaaaaaaaaaaa", time.Date(2025, 3, 1, 9, 0, 0, 0, ict), nil},
		{"AAAAAAAAAAAAAAAA", time.Date(2024, 12, 31, 9, 0, 0, 0, ict), ErrKeyNotYetValid},
		{"BBBBBBBBBBBBBBBB", time.Date(2026, 11, 14, 9, 0, 0, 0, ict), nil},
		{"BBBBBBBBBBBBBBBB", time.Date(2026, 11, 15, 0, 0, 1, 0, ict), ErrKeyRevoked},
		{"CCCCCCCCCCCCCCCC", time.Date(2030, 1, 1, 0, 0, 0, 0, ict), nil},
		{"DDDDDDDDDDDDDDDD", time.Date(2026, 1, 1, 0, 0, 0, 0, ict), ErrUnknownKey},
	} {
		_, err := KeyFor(keys, c.key, c.signed)
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("KeyFor(%s, %s) = %v, want %v", c.key, c.signed, err, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	a, err := Normalize(Agency{Code: " 000.00.12.H62 ", Name: " Sở Nội vụ ", Kind: "Department"})
	if err != nil || a.Code != "000.00.12.H62" || a.Name != "Sở Nội vụ" || a.Kind != KindDepartment {
		t.Fatalf("Normalize = %+v, %v", a, err)
	}
	if a, _ := Normalize(Agency{Code: "X", Name: "Y"}); a.Kind != KindOther {
		t.Errorf("no kind = %q, want other", a.Kind)
	}
	for _, bad := range []Agency{
		{Code: "", Name: "Sở"},
		{Code: "a b", Name: "Sở"},
		{Code: "a/b", Name: "Sở"},
		{Code: "X", Name: " "},
		{Code: "X", Name: "Y", Kind: "ministry"},
	} {
		if _, err := Normalize(bad); !errors.Is(err, ErrInvalidAgency) && !errors.Is(err, ErrUnknownKind) {
			t.Errorf("Normalize(%+v) = %v, want a refusal", bad, err)
		}
	}
}
