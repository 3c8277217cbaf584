package tabular

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in   string
		want time.Time
	}{
		{"15/01/2024", day(2024, 1, 15)},
		{"5/1/2024", day(2024, 1, 5)},
		{"15-01-2024", day(2024, 1, 15)},
		{"15.01.2024", day(2024, 1, 15)},
		{"15/01/24", day(2024, 1, 15)},
		{"15/01/85", day(1985, 1, 15)},
		{"2024-01-15", day(2024, 1, 15)},
		{"2024/1/5", day(2024, 1, 5)},
		{" 2024-02-29 ", day(2024, 2, 29)},
		{"2024-01-15 13:45", time.Date(2024, 1, 15, 13, 45, 0, 0, time.UTC)},
		{"15/01/2024 08:05:09", time.Date(2024, 1, 15, 8, 5, 9, 0, time.UTC)},
		{"2024-01-15T13:45:00+07:00", time.Date(2024, 1, 15, 6, 45, 0, 0, time.UTC)},
		{"15-Jan-2024", day(2024, 1, 15)},
		{"15 January 2024", day(2024, 1, 15)},
		{"ngày 15 tháng 01 năm 2024", day(2024, 1, 15)},
		{nfd("Ngày 5 tháng 1 năm 2024"), day(2024, 1, 5)},
		{"45306", day(2024, 1, 15)},
		{"45306.5", time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)},
		{"45306,25", time.Date(2024, 1, 15, 6, 0, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		got, err := ParseDate(tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "31/02/2024", "29/02/2023", "2024-13-01", "00/01/2024", "15/01/2024 25:00",
		"2024", "9999", "3000000", "-45306", "1e5", "hôm qua", "15/Foo/2024", "15-Jan", "2024-01", "01/15/2024", "0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00", "15/01/1899",
	} {
		if got, err := ParseDate(in); !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q) = %v, %v; want ErrBadDate", in, got, err)
		}
	}
}
