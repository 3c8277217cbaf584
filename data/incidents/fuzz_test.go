package incidents

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzParseTime: any input either parses to a time that formats
// back to the same instant, or fails with ErrBadTime; it never panics.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-20 23:00", "2026-11-20T23:00", "2026-11-20T23:00:00+07:00", "2026-11-20T16:00:00Z",
		"2026-02-30 10:00", "hôm qua", "", "2026-11-20 24:00", "9999-12-31T23:59:59-23:59",
		"20/11/2026 23:00", "31/02/2026 10:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s)
		if err != nil {
			if !errors.Is(err, ErrBadTime) {
				t.Fatalf("ParseTime(%q) = %v, not ErrBadTime", s, err)
			}
			return
		}
		again, err := ParseTime(got.Format(time.RFC3339))
		if err != nil || !again.Equal(got) {
			t.Fatalf("%q → %v → %v, %v", s, got, again, err)
		}
		if !strings.Contains(s, "+") && !strings.Contains(s, "Z") && !strings.Contains(s[min(len(s), 10):], "-") {
			if _, off := got.Zone(); off != 7*3600 {
				t.Fatalf("%q without a zone parsed in offset %d", s, off)
			}
		}
	})
}
