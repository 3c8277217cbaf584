package tabular

import (
	"regexp"
	"strings"
)

// formulaTriggers are the first characters that make Excel or LibreOffice
// treat a typed or imported cell as a formula (OWASP "CSV injection").
const formulaTriggers = "=+-@\t\r"

// plainNumber matches a signed decimal number with optional decimal part:
// Excel reads it as a number, never as a formula.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

// Neutralize makes a cell safe to open in a spreadsheet: a cell starting with
// '=', '+', '-', '@', tab or CR is prefixed with an apostrophe so it is shown
// as text instead of being evaluated. Plain signed numbers ("-12", "+84",
// "-3,5") are left alone: a sign followed only by digits and one decimal
// separator cannot call a function or reference another cell, so keeping them
// readable costs no safety.
func Neutralize(s string) string {
	if s == "" || strings.IndexByte(formulaTriggers, s[0]) < 0 {
		return s
	}
	if plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// LooksLikeFormula reports an imported cell that a spreadsheet would run as a
// formula: it starts with '=' (after spaces), or with '+', '-' or '@' and
// contains a function call, sheet reference or DDE pipe ('(', '!', '|', '=').
// Ordinary notes such as "- máy dự phòng" and phone numbers such as
// "+84 912 345 678" are not reported. Callers reject or flag such cells.
func LooksLikeFormula(s string) bool {
	t := trimCell(s)
	if t == "" {
		return false
	}
	switch t[0] {
	case '=':
		return true
	case '+', '-', '@':
		return strings.ContainsAny(t[1:], "(!|=")
	}
	return false
}
