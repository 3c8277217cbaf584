package pdfdoc

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"daumoi/assets/fonts"

	"golang.org/x/text/unicode/norm"
)

// testCleaner builds a cleaner over the four embedded faces.
func testCleaner(t testing.TB) *cleaner {
	t.Helper()
	var faces [][]byte
	for _, s := range fonts.Styles() {
		data, err := fonts.Serif(s)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, data)
	}
	c, err := newCleaner(faces)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCleanerText(t *testing.T) {
	c := testCleaner(t)
	tests := []struct{ name, in, want string }{
		{"plain Vietnamese", "Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"},
		{"NFD to NFC", norm.NFD.String("Nguyễn Văn Ấn"), "Nguyễn Văn Ấn"},
		{"emoji", "an toàn 🔒 thông tin", "an toàn ? thông tin"},
		{"emoji with skin tone and selector", "👋🏽 ❤️", "? ?"},
		{"flag is two runes above U+FFFF", "🇻🇳", "??"},
		{"family joined by ZWJ", "👨\u200d👩\u200d👧", "???"},
		{"CJK not in font", "日本", "??"},
		{"private use", "a\ue000b", "a?b"},
		{"invalid UTF-8", "a\xffb", "a?b"},
		{"controls removed", "a\x00b\x07c\x1bd\u0085e", "abcd\ne"},
		{"format characters removed", "an\u200btoàn\ufeff\u00ad\u202e", "antoàn"},
		{"ZWSP between base and mark composes", "a\u200b\u0301", "á"},
		{"tabs and odd spaces", "a\tb\u00a0c\u2003d", "a b c d"},
		{"CRLF and CR", "a\r\nb\rc\n\nd", "a\nb\nc\nd"},
		{"runs of spaces collapsed and trimmed", "  a   b  \n  c  ", "a b\nc"},
		{"line separator", "a\u2028b", "a\nb"},
		{"empty", "", ""},
		{"only controls", "\x01\x02", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.text(tt.in); got != tt.want {
				t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanerLineJoinsLines(t *testing.T) {
	c := testCleaner(t)
	if got := c.line("Sở\nNội   vụ\r\n"); got != "Sở Nội vụ" {
		t.Errorf("line = %q", got)
	}
}

// checkClean fails unless s is what the renderer may print: valid UTF-8,
// NFC, no controls (but '\n' if allowed), only runes every face has, tidy
// spaces and no empty lines.
func checkClean(t *testing.T, c *cleaner, s string, newlines bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	if !norm.NFC.IsNormalString(s) {
		t.Fatalf("not NFC: %q", s)
	}
	for _, r := range s {
		if r == '\n' && newlines {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || !c.printable(r) {
			t.Fatalf("unprintable rune %U in %q", r, s)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "  ") || strings.HasPrefix(line, " ") || strings.HasSuffix(line, " ") {
			t.Fatalf("untidy spaces in %q", s)
		}
		if line == "" && s != "" {
			t.Fatalf("empty line in %q", s)
		}
	}
}

func TestWrap(t *testing.T) {
	measure := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	tests := []struct {
		name         string
		text         string
		first, width float64
		want         []string
	}{
		{"fits", "a bb ccc", 10, 10, []string{"a bb ccc"}},
		{"breaks at spaces", "aa bb cc dd", 5, 5, []string{"aa bb", "cc dd"}},
		{"narrower first line", "aa bb cc dd", 2, 8, []string{"aa", "bb cc dd"}},
		{"long word split", "abcdefghij", 4, 4, []string{"abcd", "efgh", "ij"}},
		{"long word after a word", "x abcdefghij y", 4, 4, []string{"x", "abcd", "efgh", "ij y"}},
		{"width smaller than a rune", "abc de", 0.5, 0.5, []string{"a", "b", "c", "d", "e"}},
		{"negative width", "ab", -3, -3, []string{"a", "b"}},
		{"empty", "", 5, 5, nil},
		{"spaces only", "   ", 5, 5, nil},
		{"multibyte runes split whole", "ễễễễễ", 2, 2, []string{"ễễ", "ễễ", "ễ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.text, tt.first, tt.width, measure)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("wrap(%q, %v, %v) = %q, want %q", tt.text, tt.first, tt.width, got, tt.want)
			}
		})
	}
}

func TestDateLine(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		place string
		date  time.Time
		want  string
	}{
		{"Vĩnh Long", time.Date(2026, 12, 5, 0, 0, 0, 0, ict), "Vĩnh Long, ngày 05 tháng 12 năm 2026"},
		{"Vĩnh Long", time.Date(2023, 7, 19, 0, 0, 0, 0, ict), "Vĩnh Long, ngày 19 tháng 7 năm 2023"},
		{"Hà Nội", time.Date(2026, 1, 9, 0, 0, 0, 0, ict), "Hà Nội, ngày 09 tháng 01 năm 2026"},
		{"Hà Nội", time.Date(2026, 2, 28, 0, 0, 0, 0, ict), "Hà Nội, ngày 28 tháng 02 năm 2026"},
		{"Hà Nội", time.Date(2026, 3, 1, 0, 0, 0, 0, ict), "Hà Nội, ngày 01 tháng 3 năm 2026"},
		{"Hà Nội", time.Date(2026, 10, 10, 0, 0, 0, 0, ict), "Hà Nội, ngày 10 tháng 10 năm 2026"},
		{"", time.Date(2026, 11, 30, 0, 0, 0, 0, ict), "ngày 30 tháng 11 năm 2026"},
		{"Vĩnh Long", time.Time{}, "Vĩnh Long, ngày" + blank + "tháng" + blank + "năm" + blank},
	}
	for _, tt := range tests {
		if got := dateLine(tt.place, tt.date); got != tt.want {
			t.Errorf("dateLine(%q, %v) = %q, want %q", tt.place, tt.date, got, tt.want)
		}
	}
}

func TestColumnWidths(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name    string
		weights []float64
	}{
		{"equal", []float64{1, 1, 1}},
		{"zeros", []float64{0, 0}},
		{"mixed", []float64{1, 5, 4, 2, 5}},
		{"invalid weights", []float64{-1, inf, -inf, math.NaN()}},
		{"extreme ratio", []float64{1e300, 1e-300}},
		{"maximum columns", make([]float64, maxColumns)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := make([]Column, len(tt.weights))
			for i, w := range tt.weights {
				cols[i].Width = w
			}
			widths, err := columnWidths(cols)
			if err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			for _, w := range widths {
				if w < minColumnWidth-epsilon {
					t.Errorf("column %v narrower than %v", w, minColumnWidth)
				}
				sum += w
			}
			if diff := sum - textWidth; diff > 1e-6 || diff < -1e-6 {
				t.Errorf("widths sum to %v, want %v", sum, textWidth)
			}
		})
	}
}

func TestFormatPercent(t *testing.T) {
	for in, want := range map[float64]string{0: "0%", 100: "100%", 92.5: "92,5%", 71.43: "71,4%", 99.96: "100%"} {
		if got := formatPercent(in); got != want {
			t.Errorf("formatPercent(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestListMarkers(t *testing.T) {
	tests := []struct {
		m    ListMarker
		i    int
		want string
	}{
		{MarkerDash, 3, "-"}, {MarkerPlus, 0, "+"}, {MarkerNumber, 9, "10."},
		{MarkerLetter, 0, "a)"}, {MarkerLetter, 4, "đ)"}, {MarkerLetter, 22, "y)"}, {MarkerLetter, 23, "aa)"},
		{ListMarker(99), 0, "-"},
	}
	for _, tt := range tests {
		if got := marker(tt.m, tt.i); got != tt.want {
			t.Errorf("marker(%v, %d) = %q, want %q", tt.m, tt.i, got, tt.want)
		}
	}
}

func TestBalancedWrap(t *testing.T) {
	measure := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	tests := []struct {
		text  string
		width float64
		want  []string
	}{
		{"ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", 22, []string{"ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG"}},
		{"SỞ NỘI VỤ", 22, []string{"SỞ NỘI VỤ"}},
		{"a b c d e f g", 9, []string{"a b c d", "e f g"}},
		{"", 10, nil},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	}
	for _, tt := range tests {
		if got := balancedWrap(tt.text, tt.width, measure); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("balancedWrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}
