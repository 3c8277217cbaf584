package obligations

import "time"

// day is a civil date counted in days since 1970-01-01.
type day int64

const secondsPerDay = 24 * 60 * 60

// civil returns the date of t in t's own location.
func civil(t time.Time) day {
	y, m, d := t.Date()
	return dayOf(y, m, d)
}

// dayOf returns the day of y-m-d; out-of-range values are normalised as by time.Date.
func dayOf(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// time returns the date as 00:00 UTC.
func (d day) time() time.Time {
	return time.Unix(int64(d)*secondsPerDay, 0).UTC()
}

func (d day) date() (int, time.Month, int) {
	return d.time().Date()
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// addMonths adds n months, clamping to the end of the month: 31 Aug + 6
// months is 28 Feb (29 Feb in a leap year); 29 Feb + 12 months is 28 Feb.
func (d day) addMonths(n int) day {
	y, m, dd := d.date()
	total := int(m) - 1 + n
	ty := y + floorDiv(total, 12)
	tm := time.Month(total - floorDiv(total, 12)*12 + 1)
	return dayOf(ty, tm, min(dd, daysIn(ty, tm)))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// clampedDay returns y-m-day, with day clamped to the month's length.
func clampedDay(y int, m time.Month, dd int) day {
	return dayOf(y, m, min(dd, daysIn(y, m)))
}

// endOfDay returns the last nanosecond of civil date d in loc.
func endOfDay(d day, loc *time.Location) time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 23, 59, 59, 999_999_999, loc)
}

// startOfDay returns the first instant of civil date d in loc.
func startOfDay(d day, loc *time.Location) time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// interval is a closed range of days; an unset end is unbounded.
type interval struct {
	from, until day
}

func (iv interval) contains(d day) bool {
	return d >= iv.from && d <= iv.until
}

const (
	minDay day = -1 << 40
	maxDay day = 1 << 40
)
