package packs

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

func minimalJSON(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/minimal.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mutate decodes the minimal pack generically, applies change and re-encodes it.
func mutate(t testing.TB, change func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(minimalJSON(t), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func list(m map[string]any, key string) []any { return m[key].([]any) }

func elem(m map[string]any, key string, i int) map[string]any {
	return list(m, key)[i].(map[string]any)
}

func obligation(m map[string]any, i int) map[string]any { return elem(m, "obligations", i) }

func item(m map[string]any, i int) map[string]any {
	return list(elem(m, "catalogues", 0), "items")[i].(map[string]any)
}

func TestMinimalPackLoads(t *testing.T) {
	p, err := Load(bytes.NewReader(minimalJSON(t)))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "minimal" || len(p.Obligations) != 2 || p.Obligations[1].Within.Hours != 72 {
		t.Errorf("unexpected pack %+v", p)
	}
}

func TestBrokenPacks(t *testing.T) {
	tests := []struct {
		name    string
		data    func(t testing.TB) []byte
		want    error
		message string // exact start of the message: path and detail
	}{
		{"not JSON", raw(`{"format": 1,`), ErrMalformed, "unexpected end of JSON input"},
		{"syntax error position", raw("{\n \"format\": 1,\n \"id\": x\n}"), ErrMalformed, "line 3, column 8: invalid character 'x'"},
		{"trailing data", func(t testing.TB) []byte { return append(minimalJSON(t), []byte(" {}")...) }, ErrMalformed, "line 27, column 2: trailing data"},
		{"wrong type", edit(func(m map[string]any) { m["version"] = "1" }), ErrMalformed, "version: expected int"},
		{"unknown top-level field", edit(func(m map[string]any) { m["author"] = "x" }), ErrUnknownField, `unknown field "author"`},
		{"unknown nested field", edit(func(m map[string]any) { obligation(m, 1)["frequency"] = 3 }), ErrUnknownField, `obligations[1]: unknown field "frequency"`},
		{"format version", edit(func(m map[string]any) { m["format"] = 2 }), ErrFormatVersion, "format: format 2"},
		{"too large", func(t testing.TB) []byte { return bytes.Repeat([]byte(" "), MaxPackSize+1) }, ErrTooLarge, "pack file larger than"},
		{"bad pack id", edit(func(m map[string]any) { m["id"] = "bad id" }), ErrBadID, `id: id "bad id"`},
		{"version zero", edit(func(m map[string]any) { m["version"] = 0 }), ErrBadVersion, "version: version must be"},
		{"empty title", edit(func(m map[string]any) { m["title"] = map[string]any{"vi": "  "} }), ErrMissingText, "title.vi: required text is empty"},
		{"bad published date", edit(func(m map[string]any) { m["published"] = "2023-02-30" }), ErrBadDate, `published: "2023-02-30" is not a valid`},
		{"until before from", edit(func(m map[string]any) { m["effective"] = map[string]any{"from": "2026-01-01", "until": "2025-12-31"} }), ErrBadDate, "effective.until: until 2025-12-31 is before"},
		{"no sources", edit(func(m map[string]any) { m["sources"] = []any{} }), ErrMissingText, "sources: a pack must cite"},
		{"empty source number", edit(func(m map[string]any) { elem(m, "sources", 0)["number"] = "" }), ErrMissingText, "sources[0].number: required"},
		{"duplicate id within a section", edit(func(m map[string]any) { obligation(m, 1)["id"] = "scan" }), ErrDuplicateID, `obligations[1].id: duplicate id "scan" (first declared at obligations[0].id)`},
		{"duplicate id across sections", edit(func(m map[string]any) { obligation(m, 0)["id"] = "item1" }), ErrDuplicateID, `obligations[0].id: duplicate id "item1" (first declared at catalogues[0].items[0].id)`},
		{"duplicate option id", edit(func(m map[string]any) {
			list(elem(m, "level_criteria", 0), "options")[1].(map[string]any)["id"] = "no"
		}), ErrDuplicateID, `level_criteria[0].options[1].id: duplicate option id "no"`},
		{"item level 6", edit(func(m map[string]any) { item(m, 0)["levels"] = []any{1, 6} }), ErrBadLevel, "catalogues[0].items[0].levels[1]: level 6 is not 1-5"},
		{"item without levels", edit(func(m map[string]any) { item(m, 0)["levels"] = []any{} }), ErrBadLevel, "catalogues[0].items[0].levels: an item must apply"},
		{"obligation level 0", edit(func(m map[string]any) { obligation(m, 0)["levels"] = []any{0} }), ErrBadLevel, "obligations[0].levels[0]: level 0 is not 1-5"},
		{"option level 7", edit(func(m map[string]any) {
			list(elem(m, "level_criteria", 0), "options")[1].(map[string]any)["level"] = 7
		}), ErrBadLevel, "level_criteria[0].options[1].level: level 7 is not 1-5"},
		{"level map key", edit(func(m map[string]any) { item(m, 0)["clause_by_level"] = map[string]any{"9": "x"} }), ErrBadLevel, `catalogues[0].items[0].clause_by_level: key "9"`},
		{"dangling obligation source", edit(func(m map[string]any) {
			obligation(m, 0)["source"] = map[string]any{"source": "nd85", "ref": "Điều 1"}
		}), ErrUnknownReference, `obligations[0].source: unknown source "nd85"`},
		{"dangling item source", edit(func(m map[string]any) { item(m, 0)["source"] = map[string]any{"source": "tt03", "ref": "x"} }), ErrUnknownReference, `catalogues[0].items[0].source: unknown source "tt03"`},
		{"dangling catalogue item", edit(func(m map[string]any) { obligation(m, 0)["items"] = []any{"item9"} }), ErrUnknownReference, `obligations[0].items[0]: unknown catalogue item "item9"`},
		{"empty source ref", edit(func(m map[string]any) { obligation(m, 1)["source"] = map[string]any{"source": "src", "ref": ""} }), ErrMissingText, "obligations[1].source.ref: required"},
		{"empty obligation title", edit(func(m map[string]any) { obligation(m, 0)["title_vi"] = "" }), ErrMissingText, "obligations[0].title_vi: required"},
		{"unknown kind", edit(func(m map[string]any) { obligation(m, 0)["kind"] = "sometimes" }), ErrBadRule, `obligations[0].kind: unknown rule kind "sometimes"`},
		{"field of another kind", edit(func(m map[string]any) { obligation(m, 1)["every_months"] = 6 }), ErrBadRule, "obligations[1].every_months: every_months does not apply to a after_event rule"},
		{"missing scope", edit(func(m map[string]any) { delete(obligation(m, 0), "scope") }), ErrBadRule, "obligations[0].scope: scope is required"},
		{"levels on agency scope", edit(func(m map[string]any) { obligation(m, 0)["scope"] = "agency"; obligation(m, 0)["levels"] = []any{3} }), ErrBadRule, "obligations[0].levels: levels apply only"},
		{"no activity kinds", edit(func(m map[string]any) { delete(obligation(m, 0), "satisfied_by") }), ErrBadRule, "obligations[0].satisfied_by: a periodic rule needs"},
		{"bad activity kind", edit(func(m map[string]any) { obligation(m, 0)["satisfied_by"] = []any{"Scan Now"} }), ErrBadID, `obligations[0].satisfied_by[0]: activity kind "Scan Now"`},
		{"unknown alignment", edit(func(m map[string]any) { obligation(m, 0)["alignment"] = "fiscal" }), ErrBadRule, `obligations[0].alignment: unknown alignment "fiscal"`},
		{"zero period", edit(func(m map[string]any) { obligation(m, 0)["every_months"] = 0 }), ErrBadDuration, "obligations[0].every_months: every_months 0"},
		{"calendar period not dividing 12", edit(func(m map[string]any) {
			obligation(m, 0)["alignment"] = "calendar"
			obligation(m, 0)["every_months"] = 5
		}), ErrBadDuration, "obligations[0].every_months: calendar alignment"},
		{"yearly on 29 February", edit(func(m map[string]any) {
			o := obligation(m, 0)
			delete(o, "every_months")
			o["kind"], o["scope"], o["month"], o["day"] = "yearly_date", "agency", 2, 29
		}), ErrBadDate, "obligations[0].month: month 2 day 29"},
		{"bad data period", edit(func(m map[string]any) {
			o := obligation(m, 0)
			delete(o, "every_months")
			o["kind"], o["scope"], o["month"], o["day"] = "yearly_date", "agency", 12, 12
			o["data_period"] = map[string]any{"from": "13-01", "to": "12-14"}
		}), ErrBadDate, `obligations[0].data_period.from: "13-01"`},
		{"monthly day 32", edit(func(m map[string]any) {
			o := obligation(m, 0)
			delete(o, "every_months")
			o["kind"], o["scope"], o["day"] = "monthly_day", "agency", 32
		}), ErrBadDate, "obligations[0].day: day 32"},
		{"fixed date invalid", edit(func(m map[string]any) {
			o := obligation(m, 0)
			delete(o, "every_months")
			o["kind"], o["scope"], o["date"] = "fixed_date", "agency", "31/8/2023"
		}), ErrBadDate, `obligations[0].date: "31/8/2023"`},
		{"missing duration", edit(func(m map[string]any) { delete(obligation(m, 1), "within") }), ErrBadDuration, "obligations[1].within: an after_event rule needs"},
		{"two durations", edit(func(m map[string]any) { obligation(m, 1)["within"] = map[string]any{"hours": 24, "days": 5} }), ErrBadDuration, "obligations[1].within: give exactly one"},
		{"negative hours", edit(func(m map[string]any) { obligation(m, 1)["within"] = map[string]any{"hours": -24} }), ErrBadDuration, "obligations[1].within.hours: hours -24"},
		{"negative days", edit(func(m map[string]any) { obligation(m, 1)["within"] = map[string]any{"days": -1} }), ErrBadDuration, "obligations[1].within.days: days -1"},
		{"unknown event", edit(func(m map[string]any) { obligation(m, 1)["event"] = "audit" }), ErrBadRule, `obligations[1].event: unknown event "audit"`},
		{"unknown incident flag", edit(func(m map[string]any) { obligation(m, 1)["incident_flags"] = []any{"minor"} }), ErrBadRule, `obligations[1].incident_flags[0]: unknown incident flag "minor"`},
		{"remediation unknown severity", remediationEdit(func(o map[string]any) {
			o["severity_days"] = map[string]any{"high": 30, "urgent": 1}
		}), ErrBadRule, `obligations[2].severity_days.urgent: unknown severity "urgent" (known: [low medium high critical])`},
		{"remediation days above 366", remediationEdit(func(o map[string]any) { o["severity_days"] = map[string]any{"high": 367} }),
			ErrBadDuration, "obligations[2].severity_days.high: days 367 is not 0-366"},
		{"remediation negative days", remediationEdit(func(o map[string]any) { o["severity_days"] = map[string]any{"low": -1} }),
			ErrBadDuration, "obligations[2].severity_days.low: days -1 is not 0-366"},
		{"remediation days not a number", remediationEdit(func(o map[string]any) { o["severity_days"] = map[string]any{"low": "7"} }),
			ErrMalformed, "obligations.severity_days"},
		{"remediation without severities", remediationEdit(func(o map[string]any) { o["severity_days"] = map[string]any{} }),
			ErrBadRule, "obligations[2].severity_days: a remediation rule needs days for at least one severity"},
		{"remediation severity_days missing", remediationEdit(func(o map[string]any) { delete(o, "severity_days") }),
			ErrBadRule, "obligations[2].severity_days: a remediation rule needs"},
		{"remediation agency scope", remediationEdit(func(o map[string]any) { o["scope"] = "agency"; delete(o, "levels") }),
			ErrBadRule, `obligations[2].scope: a remediation rule has scope "system", got "agency"`},
		{"remediation missing scope", remediationEdit(func(o map[string]any) { delete(o, "scope") }),
			ErrBadRule, "obligations[2].scope: scope is required"},
		{"remediation with satisfied_by", remediationEdit(func(o map[string]any) { o["satisfied_by"] = []any{"vulnerability_scan"} }),
			ErrBadRule, "obligations[2].satisfied_by: satisfied_by does not apply to a remediation rule"},
		{"remediation with every_months", remediationEdit(func(o map[string]any) { o["every_months"] = 6 }),
			ErrBadRule, "obligations[2].every_months: every_months does not apply to a remediation rule"},
		{"remediation level 6", remediationEdit(func(o map[string]any) { o["levels"] = []any{3, 6} }),
			ErrBadLevel, "obligations[2].levels[1]: level 6 is not 1-5"},
		{"severity_days on a periodic rule", edit(func(m map[string]any) { obligation(m, 0)["severity_days"] = map[string]any{"high": 30} }),
			ErrBadRule, "obligations[0].severity_days: severity_days does not apply to a periodic rule"},
		{"empty severity_days on a periodic rule", edit(func(m map[string]any) { obligation(m, 0)["severity_days"] = map[string]any{} }),
			ErrBadRule, "obligations[0].severity_days: severity_days does not apply to a periodic rule"},
		{"obligation effective until before from", edit(func(m map[string]any) {
			obligation(m, 1)["effective"] = map[string]any{"from": "2026-08-19", "until": "2026-08-18"}
		}), ErrBadDate, "obligations[1].effective.until"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.data(t)))
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.message) {
				t.Errorf("message %q does not start with %q", err.Error(), tt.message)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("error %v is not a *ValidationError", err)
			}
		})
	}
}

// remediationRule is a valid remediation rule appended to the minimal pack
// as obligations[2].
func remediationRule() map[string]any {
	return map[string]any{
		"id": "fix", "kind": "remediation", "scope": "system", "levels": []any{3, 4, 5}, "title_vi": "Khắc phục lỗ hổng",
		"severity_days": map[string]any{"critical": 7, "high": 30, "medium": 90, "low": 0},
		"source":        map[string]any{"source": "src", "ref": "Điều 5"},
	}
}

// remediationEdit appends remediationRule to the minimal pack and applies change to it.
func remediationEdit(change func(o map[string]any)) func(testing.TB) []byte {
	return edit(func(m map[string]any) {
		o := remediationRule()
		change(o)
		m["obligations"] = append(list(m, "obligations"), o)
	})
}

func TestRemediationRuleLoads(t *testing.T) {
	p, err := Load(bytes.NewReader(remediationEdit(func(map[string]any) {})(t)))
	if err != nil {
		t.Fatal(err)
	}
	r := p.Obligations[2]
	want := map[string]int{"critical": 7, "high": 30, "medium": 90, "low": 0}
	if r.Kind != KindRemediation || r.Scope != ScopeSystem || !maps.Equal(r.SeverityDays, want) || !slices.Equal(r.Levels, []int{3, 4, 5}) {
		t.Errorf("remediation rule %+v", r)
	}
	// One severity is enough.
	if _, err := Load(bytes.NewReader(remediationEdit(func(o map[string]any) {
		o["severity_days"] = map[string]any{"critical": 0}
	})(t))); err != nil {
		t.Errorf("a rule for critical findings only: %v", err)
	}
	// A pack built in code with a decomposed map key is refused as not NFC,
	// with the path of the key.
	r.SeverityDays = map[string]int{"cri\u0301tical": 7}
	p.Obligations[2] = r
	if err := Validate(p); !errors.Is(err, ErrNotNFC) || !strings.HasPrefix(err.Error(), "obligations[2].severity_days.cri") {
		t.Errorf("Validate with a decomposed severity key: %v", err)
	}
}

func raw(s string) func(testing.TB) []byte {
	return func(testing.TB) []byte { return []byte(s) }
}

func edit(change func(m map[string]any)) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return mutate(t, change) }
}

func TestLoadNormalisesToNFC(t *testing.T) {
	decomposed := "Ba\u0301o ca\u0301o su\u031b\u0323 cô\u0301" // "Báo cáo sự cố" in NFD
	data := mutate(t, func(m map[string]any) {
		obligation(m, 1)["title_vi"] = decomposed
		item(m, 0)["text_vi_by_level"] = map[string]any{"1": decomposed}
	})
	p, err := Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Obligations[1].TitleVI; got != "Báo cáo sự cố" {
		t.Errorf("title %q (% x) not normalised", got, got)
	}
	if got := p.Catalogues[0].Items[0].TextVIByLevel["1"]; got != "Báo cáo sự cố" {
		t.Errorf("map value %q not normalised", got)
	}
	// A pack built in code is not normalised: Validate refuses it.
	p.Title.VI = decomposed
	err = Validate(p)
	if !errors.Is(err, ErrNotNFC) || !strings.HasPrefix(err.Error(), "title.vi:") {
		t.Errorf("Validate of non-NFC title: %v", err)
	}
}

func TestParseMonthDay(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want string
	}{
		{"12-15", true, "12-15"}, {"01-01", true, "01-01"}, {"02-29", false, ""}, {"13-01", false, ""},
		{"1-5", false, ""}, {"12-15x", false, ""}, {"", false, ""},
	}
	for _, tt := range tests {
		m, d, err := ParseMonthDay(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseMonthDay(%q) error %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseMonthDay(%q) error %v does not wrap ErrBadDate", tt.in, err)
		}
		if tt.ok && (int(m) != atoi(tt.want[:2]) || d != atoi(tt.want[3:])) {
			t.Errorf("ParseMonthDay(%q) = %d-%d", tt.in, m, d)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestBrokenFiles checks the broken seed files kept for the fuzzer.
func TestBrokenFiles(t *testing.T) {
	want := map[string]error{
		"bad-date": ErrBadDate, "bad-level": ErrBadLevel, "dangling-source": ErrUnknownReference,
		"duplicate-id": ErrDuplicateID, "format-2": ErrFormatVersion, "truncated": ErrMalformed,
		"two-durations": ErrBadDuration, "unknown-field": ErrUnknownField,
		"unknown-severity": ErrBadRule, "remediation-days": ErrBadDuration,
	}
	for name, sentinel := range want {
		data, err := os.ReadFile("testdata/broken/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(bytes.NewReader(data)); !errors.Is(err, sentinel) {
			t.Errorf("%s: error %v, want %v", name, err, sentinel)
		}
	}
	// The decomposed title is accepted: Load normalises it.
	data, err := os.ReadFile("testdata/broken/nfd-title.json")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := Load(bytes.NewReader(data)); err != nil || p.Title.VI != "Báo cáo" {
		t.Errorf("nfd-title: %q, %v", p.Title.VI, err)
	}
}
