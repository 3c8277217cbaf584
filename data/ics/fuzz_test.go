package ics

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// FuzzParse: any input parses or fails with an error, never a panic; what
// parses, written again, parses to the same events.
func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{ProdID: "p", Name: "n"}, sampleEvents(), stamp); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\\,b\nDTSTART:20270101\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nX;P=\"a:b\":c\r\n d\r\nEND:VCALENDAR"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, events, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := range events {
			if events[i].Date.IsZero() {
				events[i].Date = stamp
			}
		}
		var out bytes.Buffer
		if err := Write(&out, cal, events, stamp); err != nil {
			t.Fatal(err)
		}
		_, again, err := Parse(&out)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		if len(again) != len(events) {
			t.Fatalf("%d events, %d after a round trip", len(events), len(again))
		}
		for i := range events {
			if again[i].Summary != Clean(events[i].Summary) || again[i].UID != Clean(events[i].UID) || !again[i].Date.Equal(events[i].Date) {
				t.Fatalf("event %d: %+v became %+v", i, events[i], again[i])
			}
		}
	})
}

// FuzzWriteText: any text survives Write and Parse as Clean makes it, and
// no line is longer than MaxLine octets.
func FuzzWriteText(f *testing.F) {
	f.Add("Rà quét lỗ hổng; hệ thống, cấp độ 3", "dòng 1\ndòng 2 \\ C:\\")
	f.Add(strings.Repeat("ệ", 100), "\r\n\x00\xff")
	f.Fuzz(func(t *testing.T, summary, desc string) {
		var out bytes.Buffer
		ev := []Event{{UID: summary + "@x", Date: time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), Summary: summary, Description: desc}}
		if err := Write(&out, Calendar{ProdID: "p"}, ev, stamp); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out.String(), "\r\n") {
			if len(l) > MaxLine {
				t.Fatalf("line of %d octets", len(l))
			}
		}
		_, got, err := Parse(&out)
		if err != nil || len(got) != 1 {
			t.Fatalf("Parse = %v, %v", got, err)
		}
		if got[0].Summary != Clean(summary) || got[0].Description != Clean(desc) || got[0].UID != Clean(summary+"@x") {
			t.Fatalf("%q/%q became %q/%q", summary, desc, got[0].Summary, got[0].Description)
		}
	})
}
