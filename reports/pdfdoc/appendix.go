package pdfdoc

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Appendix heading typography (points).
const (
	appendixSize    = 14.0
	appendixRefSize = 13.0
	appendixWord    = "Phụ lục"
)

// appendices draws each appendix on a page of its own after the closing
// block: the "Phụ lục" line, the title, the reference to the document it
// goes with, then its body.
func (r *renderer) appendices(doc Document) error {
	for i, a := range doc.Appendices {
		r.breakPending = !r.fresh
		r.flushBreak()
		label := appendixWord
		if len(doc.Appendices) > 1 {
			label += " " + roman(i+1)
		}
		page := column{marginLeft, textWidth}
		y := r.centredLines(page, r.y(), bold, appendixSize, label)
		title := upper(r.clean.line(a.Title))
		y = r.centredLines(page, y, bold, appendixSize, title)
		y = r.centredLines(page, y, italic, appendixRefSize, r.appendixReference(doc))
		r.rule(page.centre(), y+ruleGap, 30)
		r.moveTo(y + ruleGap + 6)
		section := "appendix " + strconv.Itoa(i+1)
		if err := r.check(section, nil); err != nil {
			return err
		}
		for j, b := range a.Body {
			if _, isBreak := b.(PageBreak); !isBreak {
				r.flushBreak()
			}
			if err := r.check(section+" block "+strconv.Itoa(j), r.block(b)); err != nil {
				return err
			}
		}
		r.breakPending = false
	}
	return nil
}

// appendixReference is "(Kèm theo Báo cáo số …/BC-SNV ngày 02/12/2026 của
// Sở Nội vụ)": the document's kind (an official letter without a kind is a
// "Công văn"), its number and symbol with the number left blank when not
// yet given, its date and its issuer.
func (r *renderer) appendixReference(doc Document) string {
	kind := sentenceCase(r.clean.line(doc.Kind))
	if kind == "" {
		kind = "Công văn"
	}
	number, symbol := r.clean.line(doc.Number), r.clean.line(doc.Symbol)
	if number == "" {
		number = blank
	}
	ref := "Kèm theo " + kind + " số " + number
	if symbol != "" {
		ref += "/" + symbol
	}
	if doc.Date.IsZero() {
		ref += " ngày" + blank
	} else {
		ref += " ngày " + doc.Date.Format("02/01/2006")
	}
	if issuer := r.clean.line(doc.Agency.Issuer); issuer != "" {
		ref += " của " + issuer
	}
	return "(" + ref + ")"
}

// sentenceCase lowers s and capitalises its first letter ("BÁO CÁO" →
// "Báo cáo").
func sentenceCase(s string) string {
	s = strings.ToLower(s)
	first, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(first)) + s[size:]
}

// roman writes n (1–3999) in Roman numerals, as appendices are numbered;
// other values are written in digits.
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	values := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	symbols := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range values {
		for n >= v {
			b.WriteString(symbols[i])
			n -= v
		}
	}
	return b.String()
}
