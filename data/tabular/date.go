package tabular

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"daumoi/data/textnorm"
)

// Excel serial numbers ParseDate accepts: 10000 is 1927-05-18, 2958465 is
// 9999-12-31. Smaller integers are refused so that a bare year such as
// "2024" is never read as a day in 1905.
const (
	minExcelSerial = 10_000
	maxExcelSerial = 2_958_465
)

var (
	dayFirst   = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	yearFirst  = regexp.MustCompile(`^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	monthName  = regexp.MustCompile(`^(\d{1,2})[ \-]([a-z]{3})[a-z]*[ \-,]+(\d{4}|\d{2})$`)
	vietnamese = regexp.MustCompile(`^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$`)
	serial     = regexp.MustCompile(`^\d+(?:[.,]\d+)?$`)
	monthAbbr  = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
)

// ParseDate reads a date cell as written in agency files and returns it in
// UTC. Accepted: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and dd/mm/yy
// (always day first, the Vietnamese order), yyyy-mm-dd and yyyy/mm/dd, each
// optionally followed by hh:mm or hh:mm:ss; RFC 3339; "15-Jan-2024";
// "ngày 15 tháng 01 năm 2024"; and Excel serial numbers from 10000 to
// 2958465 (the fraction is the time of day). Two-digit years are 2000-2069
// or 1970-1999; years before 1900 are refused. Anything else, or an
// impossible date such as 31/02/2024, gives an error wrapping ErrBadDate.
func ParseDate(s string) (time.Time, error) {
	t := strings.ToLower(trimCell(textnorm.NFC(s)))
	if t == "" {
		return time.Time{}, fmt.Errorf("%w: empty", ErrBadDate)
	}
	if ts, err := time.Parse(time.RFC3339, strings.ToUpper(t)); err == nil {
		if ts = ts.UTC(); ts.Year() < 1900 || ts.Year() > 9999 {
			return time.Time{}, fmt.Errorf("%w: %q is out of range", ErrBadDate, s)
		}
		return ts, nil
	}
	if serial.MatchString(t) {
		return parseSerial(t, s)
	}
	if m := yearFirst.FindStringSubmatch(t); m != nil {
		return buildDate(s, m[1], m[2], m[3], m[4:])
	}
	if m := dayFirst.FindStringSubmatch(t); m != nil {
		return buildDate(s, m[3], m[2], m[1], m[4:])
	}
	if m := monthName.FindStringSubmatch(t); m != nil {
		if mon, ok := monthAbbr[m[2]]; ok {
			return buildDate(s, m[3], strconv.Itoa(mon), m[1], nil)
		}
	}
	if m := vietnamese.FindStringSubmatch(textnorm.Fold(t)); m != nil {
		return buildDate(s, m[3], m[2], m[1], nil)
	}
	return time.Time{}, fmt.Errorf("%w: %q", ErrBadDate, s)
}

// parseSerial converts an Excel serial day number (1900 date system).
func parseSerial(t, orig string) (time.Time, error) {
	v, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
	if err != nil || v < minExcelSerial || v > maxExcelSerial {
		return time.Time{}, fmt.Errorf("%w: %q is not a plausible Excel date serial", ErrBadDate, orig)
	}
	ts, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q: %w", ErrBadDate, orig, err)
	}
	return ts.UTC(), nil
}

// buildDate assembles and checks a date; clock holds optional h, m, s text.
func buildDate(orig, year, month, day string, clock []string) (time.Time, error) {
	y, _ := strconv.Atoi(year)
	if len(year) == 2 {
		y += 2000
		if y >= 2070 {
			y -= 100
		}
	}
	if y < 1900 {
		return time.Time{}, fmt.Errorf("%w: %q is before 1900", ErrBadDate, orig)
	}
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	var hms [3]int
	for i := 0; i < len(clock) && i < 3; i++ {
		hms[i], _ = strconv.Atoi(clock[i])
	}
	ts := time.Date(y, time.Month(mo), d, hms[0], hms[1], hms[2], 0, time.UTC)
	if ts.Year() != y || int(ts.Month()) != mo || ts.Day() != d || ts.Hour() != hms[0] || ts.Minute() != hms[1] || ts.Second() != hms[2] {
		return time.Time{}, fmt.Errorf("%w: %q does not exist", ErrBadDate, orig)
	}
	return ts, nil
}
