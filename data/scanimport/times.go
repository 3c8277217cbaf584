package scanimport

import (
	"strconv"
	"strings"
	"time"
)

// vietnam is the zone of times a report writes without one (Nessus's
// HOST_START is the scanner's local time; the scanners of the agencies
// this package serves run in Vietnam, UTC+7 without daylight saving).
var vietnam = time.FixedZone("ICT", 7*3600)

// scanStarts keeps the start times a report gives, the earliest of each
// kind.
type scanStarts struct {
	report  time.Time // the report's own scan start (OpenVAS scan_start)
	host    time.Time // the earliest start of a host
	created time.Time // the report's creation time (OpenVAS)
}

// earliest keeps in *cur the earlier of *cur and t (a zero t is ignored).
func earliest(cur *time.Time, t time.Time) {
	if !t.IsZero() && (cur.IsZero() || t.Before(*cur)) {
		*cur = t
	}
}

// started is the scan's start: the report's own, else the earliest host
// start, else the report's creation.
func (s scanStarts) started() time.Time {
	for _, t := range []time.Time{s.report, s.host, s.created} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// plausible keeps times a scan can have: 1995 (the first network
// scanners) to 9999; anything else (0, "1970", garbage) is no date.
func plausible(t time.Time) time.Time {
	if t.Year() < 1995 || t.Year() > 9999 {
		return time.Time{}
	}
	return t
}

// parseReportTime reads the times scan reports write: RFC 3339
// ("2022-03-15T03:00:00Z", OpenVAS), ctime ("Tue Mar 15 10:23:45 2022",
// Nessus HOST_START and old OpenVAS, taken in Vietnam time) or Unix
// seconds (Nessus HOST_START_TIMESTAMP). Zero when it is none of these.
func parseReportTime(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return plausible(t)
	}
	for _, layout := range []string{"Mon Jan 2 15:04:05 2006", "Mon Jan 2 15:04:05 MST 2006", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, vietnam); err == nil {
			return plausible(t)
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 && n < 1<<40 {
		return plausible(time.Unix(n, 0).In(vietnam))
	}
	return time.Time{}
}
