package pdfdoc

import (
	"fmt"
	"strings"
	"unicode"

	"daumoi/data/textnorm"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// replacement stands in for every rune the fonts cannot show.
const replacement = '?'

// cleaner makes strings printable with the embedded fonts. It remembers which
// runes every face covers, so it is cheap on long text; it belongs to one
// Render call.
type cleaner struct {
	faces   []*sfnt.Font
	buf     sfnt.Buffer
	covered map[rune]bool
}

// newCleaner parses the TrueType faces whose common coverage decides which
// runes are kept.
func newCleaner(faces [][]byte) (*cleaner, error) {
	c := &cleaner{covered: make(map[rune]bool)}
	for i, data := range faces {
		f, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%w: face %d: %w", ErrFont, i, err)
		}
		c.faces = append(c.faces, f)
	}
	return c, nil
}

// text cleans s keeping line breaks: NFC, CR/LF and Unicode line separators
// become '\n', other white space a single space, control and format
// characters are dropped, runes the fonts lack become '?'. Spaces are
// collapsed and trimmed at the ends of every line; empty lines are dropped.
func (c *cleaner) text(s string) string {
	if s == "" {
		return ""
	}
	s = c.filter(textnorm.NFC(s))
	if renormed := norm.NFC.String(s); renormed != s {
		// Dropping a format character can bring a base letter and a
		// combining mark together; compose them and check coverage again.
		s = c.filter(renormed)
	}
	return tidySpaces(s)
}

// line cleans s like [cleaner.text] and then joins its lines with spaces, for fields
// printed on one logical line (names, titles, table headers).
func (c *cleaner) line(s string) string {
	return strings.Join(strings.Split(c.text(s), "\n"), " ")
}

// filter maps every rune of the NFC string s to what will be printed.
func (c *cleaner) filter(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case dropped(r):
		case c.printable(r):
			b.WriteRune(r)
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// dropped reports runes removed without trace: controls, format characters
// (zero-width space, joiners, bidi marks, soft hyphen, BOM), variation
// selectors and emoji modifiers, which only decorate a preceding rune.
func dropped(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	}
	return false
}

// printable reports whether every face has a glyph for r. Runes above U+FFFF
// never are: gofpdf indexes its width table by rune and only covers the
// Basic Multilingual Plane.
func (c *cleaner) printable(r rune) bool {
	if r < 0x20 || r > 0xFFFF || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) {
		return false
	}
	if r < 0x7F {
		return true
	}
	if ok, seen := c.covered[r]; seen {
		return ok
	}
	ok := true
	for _, f := range c.faces {
		idx, err := f.GlyphIndex(&c.buf, r)
		if err != nil || idx == 0 {
			ok = false
			break
		}
	}
	c.covered[r] = ok
	return ok
}

// tidySpaces collapses runs of spaces, trims them around line breaks and at
// both ends, and drops empty lines.
func tidySpaces(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.FieldsFunc(l, isASCIISpace), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// upper returns s in upper case (Vietnamese letters included), for lines
// ND30 prints in capitals.
func upper(s string) string {
	return strings.ToUpper(s)
}

// wrap breaks one clean line of text (no '\n') into lines whose measured
// width does not exceed width; the first line may be narrower (first). Words
// wider than a line are broken between runes. Every returned line holds at
// least one rune, so the loop always progresses whatever the widths.
func wrap(text string, first, width float64, measure func(string) float64) []string {
	words := strings.FieldsFunc(text, isASCIISpace)
	if len(words) == 0 {
		return nil
	}
	space := measure(" ")
	var lines []string
	var cur strings.Builder
	curW := 0.0
	limit := first
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
		limit = width
	}
	for _, w := range words {
		ww := measure(w)
		switch {
		case cur.Len() > 0 && curW+space+ww <= limit+epsilon:
			cur.WriteByte(' ')
			cur.WriteString(w)
			curW += space + ww
			continue
		case cur.Len() > 0:
			flush()
		}
		if ww <= limit+epsilon {
			cur.WriteString(w)
			curW = ww
			continue
		}
		for _, piece := range splitWord(w, limit, width, measure) {
			if cur.Len() > 0 {
				flush()
			}
			cur.WriteString(piece)
			curW = measure(piece)
		}
	}
	if cur.Len() > 0 {
		flush()
	}
	return lines
}

// balancedWrap wraps text into as few lines as wrap does at width, but
// makes them as even as possible ("ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG" rather
// than "ỦY BAN NHÂN DÂN TỈNH / VĨNH LONG"), for centred headings. It narrows
// the width by bisection while the line count stays the same.
func balancedWrap(text string, width float64, measure func(string) float64) []string {
	lines := wrap(text, width, width, measure)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, width
	for range 24 {
		mid := (lo + hi) / 2
		if len(wrap(text, mid, mid, measure)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return wrap(text, hi, hi, measure)
}

// isASCIISpace reports the only space a clean string has. Wrapping breaks at
// it alone, so no-break spaces (U+00A0) hold the blanks of forms together.
func isASCIISpace(r rune) bool { return r == ' ' }

// epsilon absorbs rounding in width comparisons (millimetres).
const epsilon = 1e-6

// splitWord cuts a word too wide for a line into pieces that fit, the first
// one into first, the others into width; each piece has at least one rune.
func splitWord(w string, first, width float64, measure func(string) float64) []string {
	var pieces []string
	start, pieceW, limit := 0, 0.0, first
	for i, r := range w {
		rw := measure(string(r))
		if i > start && pieceW+rw > limit+epsilon {
			pieces = append(pieces, w[start:i])
			start, pieceW, limit = i, 0, width
		}
		pieceW += rw
	}
	return append(pieces, w[start:])
}
