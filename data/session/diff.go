package session

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxSummaryValue is how much of one value a history summary quotes.
const maxSummaryValue = 120

// diffFields lists the top-level JSON fields that differ between before
// and after as `field: old → new`, sorted by field, for history summaries.
// Fields named in skip are left out.
func diffFields(before, after any, skip ...string) []string {
	a, b := jsonFields(before), jsonFields(after)
	var keys []string
	for k := range b {
		if !slices.Contains(skip, k) && string(a[k]) != string(b[k]) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s: %s → %s", k, shorten(string(a[k])), shorten(string(b[k]))))
	}
	return out
}

func jsonFields(v any) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	b, err := json.Marshal(v)
	if err == nil {
		_ = json.Unmarshal(b, &m)
	}
	return m
}

func shorten(s string) string {
	if s == "" || s == "null" {
		return `""`
	}
	if utf8.RuneCountInString(s) <= maxSummaryValue {
		return s
	}
	r := []rune(s)
	return string(r[:maxSummaryValue]) + "…"
}

// joinSummary joins summary parts, or gives none when nothing changed.
func joinSummary(parts []string) string {
	if len(parts) == 0 {
		return "không thay đổi"
	}
	return strings.Join(parts, "; ")
}
