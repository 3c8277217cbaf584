package gui

import (
	"regexp"
	"time"

	"daumoi/data/incidents"
)

// Times and days as a person reads them: dd/mm/yyyy and HH:MM, Vietnam time
// whatever the computer's zone.
const (
	dayLayout  = "02/01/2006"
	timeLayout = "02/01/2006 15:04"
)

// vnTime writes t as dd/mm/yyyy HH:MM in Vietnam time.
func vnTime(t time.Time) string { return t.In(incidents.Zone()).Format(timeLayout) }

// isoStamp matches a date or a time stamp as the program stores them in
// texts it writes (ISO 8601: 2026-09-08, 2026-09-08T10:00:00+07:00,
// 2026-12-02T13:36:45Z, 2026-11-25 23:00).
var isoStamp = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?\b`)

// humanStamps rewrites the ISO dates and time stamps in s as dd/mm/yyyy and
// dd/mm/yyyy HH:MM Vietnam time; anything it cannot read stays as it is.
func humanStamps(s string) string {
	return isoStamp.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) == len("2006-01-02") {
			if t, err := time.Parse(time.DateOnly, m); err == nil {
				return t.Format(dayLayout)
			}
			return m
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
			if t, err := time.Parse(layout, m); err == nil {
				return vnTime(t)
			}
		}
		// Without a zone, a time is Vietnam time (incidents.InputLayout).
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
			if t, err := time.ParseInLocation(layout, m, incidents.Zone()); err == nil {
				return vnTime(t)
			}
		}
		return m
	})
}

// dayLabel writes a YYYY-MM-DD day as dd/mm/yyyy (anything else as it is).
func dayLabel(day string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return d.Format(dayLayout)
}

// dayColumn is a list column of days stored as YYYY-MM-DD: shown as
// dd/mm/yyyy, sorted by the stored day.
func dayColumn[T any](title string, day func(T) string) listColumn[T] {
	return listColumn[T]{title: title, width: 110, text: func(x T) string { return dayLabel(day(x)) }, key: day}
}
