package i18n

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestLanguagesHaveTheSameKeys(t *testing.T) {
	vi, en := MustLoad(Vietnamese), MustLoad(English)
	for _, k := range vi.Keys() {
		if !en.Has(k) {
			t.Errorf("key %q is in vi.json but not in en.json", k)
		}
	}
	for _, k := range en.Keys() {
		if !vi.Has(k) {
			t.Errorf("key %q is in en.json but not in vi.json", k)
		}
	}
}

func TestMessagesAreNFCAndNotEmpty(t *testing.T) {
	for _, lang := range Supported() {
		c := MustLoad(lang)
		for _, k := range c.Keys() {
			msg := c.T(k)
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: %q is empty", lang, k)
			}
			if !norm.NFC.IsNormalString(msg) {
				t.Errorf("%s: %q is not NFC", lang, k)
			}
		}
	}
}

func TestPlaceholdersMatch(t *testing.T) {
	vi, en := MustLoad(Vietnamese), MustLoad(English)
	for _, k := range vi.Keys() {
		if a, b := strings.Count(vi.T(k), "%"), strings.Count(en.T(k), "%"); a != b {
			t.Errorf("%q: vi has %d %% verbs, en has %d", k, a, b)
		}
	}
}

// TestCoversFyneKeys checks that every key Fyne translates itself is also in
// our catalogues, so that Fyne's dialogs speak Vietnamese.
func TestCoversFyneKeys(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("locating the Fyne module: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading Fyne's English strings: %v", err)
	}
	var fyneKeys map[string]any
	if err := json.Unmarshal(raw, &fyneKeys); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, lang := range Supported() {
		c := MustLoad(lang)
		for k := range fyneKeys {
			if !c.Has(k) {
				missing = append(missing, string(lang)+":"+k)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("Fyne keys without a translation: %v", missing)
	}
	if len(fyneKeys) < 20 {
		t.Errorf("only %d Fyne keys found in %s; the check is not looking at the right file", len(fyneKeys), path)
	}
}

func TestParseLang(t *testing.T) {
	cases := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"vi", Vietnamese, true},
		{"vi_VN.UTF-8", Vietnamese, true},
		{"EN", English, true},
		{"en-US", English, true},
		{"fr", Vietnamese, false},
		{"", Vietnamese, false},
	}
	for _, c := range cases {
		got, ok := ParseLang(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestTFormatsAndShowsMissingKeys(t *testing.T) {
	vi := MustLoad(Vietnamese)
	if got := vi.T("about.version", "1.2.3"); got != "Phiên bản 1.2.3" {
		t.Errorf("T with args = %q", got)
	}
	if got := vi.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
}
