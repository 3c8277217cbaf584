package incidents

import (
	"errors"
	"testing"
	"time"
)

func TestFlow(t *testing.T) {
	allowed := [][2]State{{Detected, Notified}, {Notified, InitialReport}, {Notified, Responding}, {InitialReport, Responding}, {Responding, Closed}}
	for _, a := range allowed {
		if !CanAdvance(a[0], a[1]) {
			t.Errorf("%s → %s must be allowed", a[0], a[1])
		}
	}
	for _, a := range [][2]State{{Detected, Closed}, {Closed, Detected}, {Responding, Notified}, {Detected, Detected}} {
		if CanAdvance(a[0], a[1]) {
			t.Errorf("%s → %s must be refused", a[0], a[1])
		}
	}
	if len(Next(Closed)) != 0 {
		t.Error("a closed incident goes nowhere")
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2026, 11, 25, 23, 0, 0, 0, Zone())
	for _, s := range []string{"2026-11-25 23:00", "2026-11-25T23:00", " 2026-11-25 23:00:00 ", "2026-11-25T16:00:00Z", "2026-11-25T23:00:00.9+07:00",
		"25/11/2026 23:00", "25/11/2026 23:00:00"} {
		got, err := ParseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "25/11/2026", "11/25/2026 23:00", "2026-11-25", "2026-13-01 10:00", "hôm qua"} {
		if _, err := ParseTime(s); !errors.Is(err, ErrBadTime) {
			t.Errorf("ParseTime(%q): %v, want ErrBadTime", s, err)
		}
	}
	if got := FormatInput(want.UTC()); got != "25/11/2026 23:00" {
		t.Errorf("FormatInput = %q", got)
	}
}
