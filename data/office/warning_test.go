package office

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func goodWarning() Warning {
	return Warning{Received: day("2026-11-03"), Issued: day("2026-11-02"), Source: " Cục An toàn thông tin ", Number: "1234/CATTT-NCSC",
		Subject: "Lỗ hổng nghiêm trọng trong Microsoft Exchange", Severity: "cao", Relayed: day("2026-11-04"), RelayedTo: []string{"B", "A", "B", " "}}
}

func TestNormalizeWarning(t *testing.T) {
	today := day("2026-11-20")
	w, err := NormalizeWarning(goodWarning(), today)
	if err != nil {
		t.Fatal(err)
	}
	if w.Source != "Cục An toàn thông tin" || w.Severity != SeverityHigh || w.Status != WarningFollowing || strings.Join(w.RelayedTo, ",") != "A,B" {
		t.Errorf("normalized %+v", w)
	}
	all := goodWarning()
	all.RelayedToAll = true
	if w, err := NormalizeWarning(all, today); err != nil || w.RelayedTo != nil {
		t.Errorf("relayed to all: %+v, %v", w, err)
	}
	for name, c := range map[string]struct {
		edit func(w *Warning)
		want error
	}{
		"no source":          {func(w *Warning) { w.Source = "  " }, ErrInvalidWarning},
		"no subject":         {func(w *Warning) { w.Subject = "" }, ErrInvalidWarning},
		"subject too long":   {func(w *Warning) { w.Subject = strings.Repeat("ả", MaxWarningText+1) }, ErrInvalidWarning},
		"number on 2 lines":  {func(w *Warning) { w.Number = "1\n2" }, ErrInvalidWarning},
		"note too long":      {func(w *Warning) { w.Note = strings.Repeat("x", MaxWarningNote+1) }, ErrInvalidWarning},
		"no day received":    {func(w *Warning) { w.Received = time.Time{} }, ErrWarningDay},
		"received tomorrow":  {func(w *Warning) { w.Received, w.Relayed = day("2026-11-21"), time.Time{}; w.RelayedTo = nil }, ErrWarningDay},
		"issued after":       {func(w *Warning) { w.Issued = day("2026-11-05") }, ErrWarningDay},
		"relayed before":     {func(w *Warning) { w.Relayed = day("2026-11-01") }, ErrWarningRelay},
		"recipients, no day": {func(w *Warning) { w.Relayed = time.Time{} }, ErrWarningRelay},
		"day, no recipients": {func(w *Warning) { w.RelayedTo = nil }, ErrWarningRelay},
		"relay doc, no day":  {func(w *Warning) { w.Relayed, w.RelayedTo, w.RelayNumber = time.Time{}, nil, "12/STTTT" }, ErrWarningRelay},
		"severity":           {func(w *Warning) { w.Severity = "rất cao" }, ErrUnknownSeverity},
		"status":             {func(w *Warning) { w.Status = "lost" }, ErrUnknownWarningStatus},
	} {
		w := goodWarning()
		c.edit(&w)
		if _, err := NormalizeWarning(w, today); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

func TestWarningLineAndPeriod(t *testing.T) {
	w, err := NormalizeWarning(goodWarning(), day("2026-11-20"))
	if err != nil {
		t.Fatal(err)
	}
	w.RelayNumber = "56/STTTT-CNTT"
	want := "Ngày 03/11/2026, nhận văn bản số 1234/CATTT-NCSC ngày 02/11/2026 của Cục An toàn thông tin: Lỗ hổng nghiêm trọng trong Microsoft Exchange (mức độ cao); ngày 04/11/2026 đã chuyển tiếp (văn bản số 56/STTTT-CNTT) đến 2 cơ quan, đơn vị."
	if got := w.Line(40); got != want {
		t.Errorf("line\n%s\nwant\n%s", got, want)
	}
	w.RelayedToAll, w.RelayedTo = true, nil
	if got := w.Line(40); !strings.HasSuffix(got, "đến tất cả 40 cơ quan, đơn vị.") || w.Recipients(40) != 40 {
		t.Errorf("to all: %s", got)
	}
	w.Relayed = time.Time{}
	if got := w.Line(40); !strings.HasSuffix(got, "; chưa chuyển tiếp.") {
		t.Errorf("not relayed: %s", got)
	}
	late := goodWarning()
	late.Received, late.Relayed = day("2026-10-30"), day("2026-11-01")
	for _, c := range []struct {
		w        Warning
		from, to string
		want     bool
	}{
		{goodWarning(), "2026-11-01", "2026-11-30", true},
		{goodWarning(), "2026-10-01", "2026-10-31", false},
		{late, "2026-10-01", "2026-10-31", true}, // received in October
		{late, "2026-11-01", "2026-11-30", true}, // relayed in November
		{late, "2026-12-01", "2026-12-31", false},
	} {
		if got := c.w.InPeriod(day(c.from), day(c.to)); got != c.want {
			t.Errorf("%s received %s relayed %s in %s..%s: %v", c.w.Number, c.w.Received.Format(time.DateOnly), c.w.Relayed.Format(time.DateOnly), c.from, c.to, got)
		}
	}
}

func TestParseDayAndLabels(t *testing.T) {
	for in, want := range map[string]string{"2026-11-03": "2026-11-03", "03/11/2026": "2026-11-03", "3/11/2026": "2026-11-03", " 3/1/2026 ": "2026-01-03", "": "0001-01-01"} {
		got, err := ParseDay(in)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2026", "2026/11/03", "hôm qua", "11-03-2026"} {
		if _, err := ParseDay(in); !errors.Is(err, ErrWarningDay) {
			t.Errorf("ParseDay(%q): %v", in, err)
		}
	}
	for _, s := range Severities() {
		if got, err := ParseSeverity(s.Label()); err != nil || got != s {
			t.Errorf("severity %q: %q %v", s, got, err)
		}
	}
	if got, err := ParseSeverity("Nghiem Trong"); err != nil || got != SeverityCritical {
		t.Errorf("folded severity: %q %v", got, err)
	}
	for _, s := range WarningStatuses() {
		if got, err := ParseWarningStatus(s.Label()); err != nil || got != s {
			t.Errorf("status %q: %q %v", s, got, err)
		}
	}
}

// FuzzParseDay checks that ParseDay never panics and that a day it reads
// is written back the same way in one of its layouts.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-11-03", "03/11/2026", "3/1/2026", "", "31/02/2026", "٣/١١/٢٠٢٦"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s)
		if err != nil {
			if !errors.Is(err, ErrWarningDay) {
				t.Fatalf("ParseDay(%q): %v", s, err)
			}
			return
		}
		if d.IsZero() {
			return
		}
		again, err := ParseDay(d.Format("02/01/2006"))
		if err != nil || !again.Equal(d) {
			t.Fatalf("ParseDay(%q) = %v, not read back: %v %v", s, d, again, err)
		}
	})
}
