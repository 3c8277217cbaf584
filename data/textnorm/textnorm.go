// Package textnorm normalises user text for storage and folds it for search.
//
// Every string that enters the application (typed, pasted, imported) goes
// through [NFC] so that stored and printed text is in Unicode Normalization
// Form C. Search compares [Fold]ed strings, which ignore case and Vietnamese
// diacritics: "nguyen van an" matches "Nguyễn Văn Ấn". SQLite folds ASCII only,
// so folding is done here in Go.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. Invalid UTF-8 bytes are
// replaced by U+FFFD so that the result is always valid UTF-8.
func NFC(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return norm.NFC.String(s)
}

// Fold returns a search key for s: lower case, without diacritics (đ becomes
// d), NFC, with runs of white space collapsed to one space and trimmed.
func Fold(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	stripped, _, err := transform.String(t, s)
	if err != nil {
		stripped = s
	}
	var b strings.Builder
	b.Grow(len(stripped))
	space := false
	for _, r := range stripped {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Contains reports whether the folded form of text contains the folded form of
// query. An empty query matches everything.
func Contains(text, query string) bool {
	return strings.Contains(Fold(text), Fold(query))
}

// Line returns s as one line of text for storage: NFC, every run of white
// space (line breaks and tabs included) collapsed to one space, trimmed.
// Text read from files made by other tools (scan reports, spreadsheets)
// goes through it so that a table row is never split.
func Line(s string) string {
	s = NFC(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}
