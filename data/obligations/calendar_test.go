package obligations

import (
	"testing"
	"time"

	"daumoi/data/packs"
)

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-08-31", 6, "2027-02-28"},
		{"2027-08-31", 6, "2028-02-29"}, // leap year
		{"2028-02-29", 6, "2028-08-29"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2026-12-31", 2, "2027-02-28"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-03-31", -6, "2025-09-30"},
		{"2026-01-31", -1, "2025-12-31"},
		{"2026-07-01", 12, "2027-07-01"},
	}
	for _, tt := range tests {
		got := civil(date(t, tt.from)).addMonths(tt.months).time().Format(time.DateOnly)
		if got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func TestDeadlineAfterAcrossZones(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	event := time.Date(2026, 12, 31, 23, 0, 0, 0, ict)
	tests := []struct {
		within packs.Duration
		want   time.Time
	}{
		{packs.Duration{Hours: 24}, time.Date(2027, 1, 1, 23, 0, 0, 0, ict)},
		{packs.Duration{Hours: 72}, time.Date(2027, 1, 3, 23, 0, 0, 0, ict)},
		{packs.Duration{Days: days(5)}, time.Date(2027, 1, 5, 23, 59, 59, 999_999_999, ict)},
		{packs.Duration{Days: days(0)}, time.Date(2026, 12, 31, 23, 59, 59, 999_999_999, ict)},
		{packs.Duration{Immediately: true}, event},
	}
	for _, tt := range tests {
		if got := deadlineAfter(event, &tt.within); !got.Equal(tt.want) {
			t.Errorf("deadline after %+v = %v, want %v", tt.within, got, tt.want)
		}
	}
}
