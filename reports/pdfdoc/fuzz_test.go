package pdfdoc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzSeeds returns strings that trouble PDF libraries or this package.
func fuzzSeeds() []string {
	return []string{
		"Độc lập - Tự do - Hạnh phúc",
		"Nguyễn Thị Thu Hương",
		"Nguye\u0302\u0303n",    // NFD
		"👋🏽❤️🇻🇳👨\u200d👩\u200d👧", // emoji sequences
		"\x00\x01\r\n\t\u0085\u2028\u200b\ufeff",
		"a\xff\xfeb",                 // invalid UTF-8
		"日本語 中文 한국어 العربية עברית",   // scripts without glyphs
		"\u0301\u0301\u0301 dấu rời", // lone combining marks
		strings.Repeat("W", 400),     // one long word
		strings.Repeat("a ", 300),
		"",
		" ",
		"\n\n\n",
		"(\\)\\(",
		"%PDF-1.4 endstream endobj",
	}
}

// fuzzDocument builds a document using the fuzzed strings in every field
// and block type.
func fuzzDocument(a, b, c string, percent, width float64) Document {
	cells := strings.Split(c, "|")
	if len(cells) > 6 {
		cells = cells[:6]
	}
	cols := make([]Column, len(cells))
	for i, cell := range cells {
		cols[i] = Column{Title: cell, Width: width * float64(i), Align: Align(i)}
	}
	return Document{
		Agency: AgencyBlock{Parent: a, Issuer: b},
		Number: c, Symbol: a, Place: b,
		Date:    time.Date(2026, time.Month(1+len(a)%12), 1+len(b)%28, 0, 0, 0, 0, time.UTC),
		Kind:    a,
		Summary: b + c,
		Body: []Block{
			Heading{Level: len(a) % 6, Text: b},
			Paragraph{Text: a + "\n" + b, Align: Align(len(c) % 6), Bold: len(a)%2 == 0, Italic: len(b)%2 == 0},
			List{Marker: ListMarker(len(c) % 5), Items: []string{a, b, c}},
			Table{Caption: a, Columns: cols, Rows: [][]string{cells, {b}, {}, {c}}, RepeatHeader: true, FontSize: width},
			BarChart{Title: c, Bars: []Bar{{Label: a, Percent: percent}, {Label: b, Percent: -percent}}},
			PageBreak{},
			Paragraph{Text: c},
		},
		Recipients: []string{a, b, c},
		Signature:  SignatureBlock{Authority: []string{a, b}, Position: b, Name: c},
		Appendices: []Appendix{{Title: c, Body: []Block{Paragraph{Text: a}, PageBreak{}}}, {Title: a, Body: []Block{Table{Columns: cols, Rows: [][]string{cells}}}}},
	}
}

func FuzzRender(f *testing.F) {
	seeds := fuzzSeeds()
	for i, s := range seeds {
		f.Add(s, seeds[(i+1)%len(seeds)], s+"|"+seeds[(i+2)%len(seeds)], float64(i*10), float64(i))
	}
	f.Fuzz(func(t *testing.T, a, b, c string, percent, width float64) {
		var buf bytes.Buffer
		err := Render(fuzzDocument(a, b, c, percent, width), &buf)
		if errors.Is(err, ErrInternal) {
			t.Fatalf("Render panicked inside: %v", err)
		}
		if err != nil && !errors.Is(err, ErrTableShape) && !errors.Is(err, ErrTooManyColumns) {
			t.Fatalf("unexpected error: %v", err)
		}
		if err == nil && !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("output is not a PDF")
		}
	})
}

func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	c := testCleaner(f)
	f.Fuzz(func(t *testing.T, s string) {
		text := c.text(s)
		checkClean(t, c, text, true)
		if again := c.text(text); again != text {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, text, again)
		}
		line := c.line(s)
		if strings.Contains(line, "\n") {
			t.Fatalf("line keeps a line break: %q", line)
		}
		checkClean(t, c, line, false)
	})
}

func FuzzWrap(f *testing.F) {
	for i, s := range fuzzSeeds() {
		f.Add(s, float64(i)-2)
	}
	c := testCleaner(f)
	measure := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	f.Fuzz(func(t *testing.T, s string, width float64) {
		text := c.line(s)
		lines := wrap(text, width, width, measure)
		// Words are kept in order: only spaces (between words or lines)
		// may differ.
		if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(text, " ", ""); got != want {
			t.Fatalf("wrap lost text: %q -> %q", text, lines)
		}
		for _, l := range lines {
			if l == "" {
				t.Fatalf("empty line in %q", lines)
			}
			if measure(l) > width+epsilon && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("line %q wider than %v", l, width)
			}
		}
	})
}
