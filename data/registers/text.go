package registers

import (
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/tabular"
	"daumoi/data/textnorm"
)

// Length limits, in characters.
const (
	MaxShort = 300  // names, numbers, hostnames, addresses
	MaxLong  = 5000 // purposes, justifications, notes
	MinYear  = 1950 // earliest year of manufacture accepted
	MaxYear  = 2100 // latest year of manufacture accepted
)

// clean returns s in NFC, trimmed, and checks its length.
func clean(field, s string, max int) (string, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if utf8.RuneCountInString(s) > max {
		return s, fmt.Errorf("%w: %s (%d > %d)", ErrTooLong, field, utf8.RuneCountInString(s), max)
	}
	return s, nil
}

// required is clean plus a non-empty check.
func required(field, s string, max int) (string, error) {
	s, err := clean(field, s, max)
	if err == nil && s == "" {
		err = fmt.Errorf("%w: %s", ErrRequired, field)
	}
	return s, err
}

// NormalizeEmail checks an e-mail address (a bare address, no display
// name); "" stays "".
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if s == "" {
		return "", nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") || len(s) > 254 {
		return s, fmt.Errorf("%w: %q", ErrBadEmail, s)
	}
	return s, nil
}

// NormalizePhone checks a phone number: digits with optional spaces, dots,
// dashes, parentheses and a leading +, 3 to 15 digits ("113",
// "0270 3822 123", "+84 912 345 678"); "" stays "".
func NormalizePhone(s string) (string, error) {
	s = strings.Join(strings.Fields(textnorm.NFC(s)), " ")
	if s == "" {
		return "", nil
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return s, fmt.Errorf("%w: %q", ErrBadPhone, s)
		}
	}
	if digits < 3 || digits > 15 {
		return s, fmt.Errorf("%w: %q", ErrBadPhone, s)
	}
	return s, nil
}

// NormalizeURL checks a web address: http or https with a host; "" stays "".
func NormalizeURL(s string) (string, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t") || len(s) > 2000 {
		return s, fmt.Errorf("%w: %q", ErrBadURL, s)
	}
	return u.String(), nil
}

// DateLayout is how dates are stored and exported.
const DateLayout = "2006-01-02"

// NormalizeDate reads a date in any spelling tabular.ParseDate accepts
// ("25/11/2026", "2026-11-25", an Excel serial…) and returns it as
// yyyy-mm-dd; "" stays "".
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if s == "" {
		return "", nil
	}
	t, err := tabular.ParseDate(s)
	if err != nil {
		return s, fmt.Errorf("%w: %q", ErrBadDate, s)
	}
	return t.Format(DateLayout), nil
}

// FormatDate returns t's date as stored (yyyy-mm-dd, in t's location).
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

// ParseYesNo reads a yes/no cell: có, co, x, ✓, yes, y, true, 1, đúng mean
// yes; không, khong, no, n, false, 0, sai, - and "" mean no.
func ParseYesNo(s string) (bool, error) {
	switch textnorm.Fold(s) {
	case "co", "x", "✓", "✔", "yes", "y", "true", "1", "dung", "c":
		return true, nil
	case "", "khong", "k", "no", "n", "false", "0", "sai", "-":
		return false, nil
	}
	return false, fmt.Errorf("%w: %q", ErrBadYesNo, strings.TrimSpace(textnorm.NFC(s)))
}

// FormatYesNo writes a yes/no cell as the files agencies keep do.
func FormatYesNo(b bool) string {
	if b {
		return "có"
	}
	return "không"
}

// ParseCount reads a whole number ≥ 0 ("1.200", "1,200" and "1 200" are
// read as 1200); "" is 0.
func ParseCount(s string) (int, error) {
	t := strings.NewReplacer(".", "", ",", "", " ", "").Replace(strings.TrimSpace(s))
	if t == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > 1_000_000_000 {
		return 0, fmt.Errorf("%w: %q", ErrBadNumber, s)
	}
	return n, nil
}

// splitList splits a cell holding several values separated by commas,
// semicolons, line breaks or spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r' || r == ' ' || r == '\t'
	})
}

// ParseYear reads a year of manufacture: "2019", "năm 2019" or a date (its
// year is kept); "" is 0 (not known).
func ParseYear(s string) (int, error) {
	f := strings.TrimSpace(strings.TrimPrefix(textnorm.Fold(s), "nam"))
	if f == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(f)
	if err != nil {
		t, derr := tabular.ParseDate(s)
		if derr != nil {
			return 0, fmt.Errorf("%w: %q", ErrBadYear, strings.TrimSpace(s))
		}
		n = t.Year()
	}
	if n < MinYear || n > MaxYear {
		return 0, fmt.Errorf("%w: %q", ErrBadYear, strings.TrimSpace(s))
	}
	return n, nil
}
