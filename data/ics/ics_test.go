package ics

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var stamp = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func sampleEvents() []Event {
	return []Event{
		{UID: "ct11-vinhlong-2023/ct11-vulnerability-scan/sys:2@daumoi", Date: time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC),
			Summary:     "Quá hạn: Rà quét lỗ hổng bảo mật; Hệ thống giải quyết thủ tục hành chính, cấp độ 3",
			Description: "Căn cứ: Chỉ thị 11/CT-UBND, mục 1c\nTrạng thái: quá hạn\\ đường dẫn C:\\kho",
			Categories:  "overdue"},
		{UID: "a,b;c@daumoi", Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Summary: "Báo cáo năm"},
	}
}

func TestWriteShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{ProdID: "-//Dau moi ATTT//daumoi//VI", Name: "Nghĩa vụ ATTT"}, sampleEvents(), stamp); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Fatal("lines do not all end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		if len(l) > MaxLine {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("fold split a UTF-8 sequence: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("long lines were not folded")
	}
	for _, want := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "DTSTART;VALUE=DATE:20280229", "DTEND;VALUE=DATE:20280301",
		"DTSTAMP:20261125T000000Z", `UID:a\,b\;c@daumoi`, "END:VCALENDAR"} {
		if !strings.Contains(out, want+"\r\n") {
			t.Errorf("missing %q", want)
		}
	}
	if !strings.Contains(strings.ReplaceAll(out, "\r\n ", ""), `Căn cứ: Chỉ thị 11/CT-UBND\, mục 1c\nTrạng thái: quá hạn\\ đường dẫn C:\\kho`) {
		t.Error("description not escaped")
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	cal := Calendar{ProdID: "-//Dau moi ATTT//daumoi//VI", Name: "Nghĩa vụ; hạn, và \\ khác"}
	if err := Write(&buf, cal, sampleEvents(), stamp); err != nil {
		t.Fatal(err)
	}
	gotCal, got, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if gotCal != cal || !reflect.DeepEqual(got, sampleEvents()) {
		t.Fatalf("round trip:\n%+v\n%+v", gotCal, got)
	}
}

func TestWriteCleansText(t *testing.T) {
	var buf bytes.Buffer
	ev := []Event{{UID: "x", Date: stamp, Summary: "a\x00b\r\nc\x7f\xffd\te"}}
	if err := Write(&buf, Calendar{ProdID: "p"}, ev, stamp); err != nil {
		t.Fatal(err)
	}
	_, got, err := Parse(&buf)
	if err != nil || len(got) != 1 || got[0].Summary != "ab\nc\uFFFDd\te" || got[0].Summary != Clean(ev[0].Summary) {
		t.Fatalf("cleaned = %+v, %v", got, err)
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"no calendar", "", ErrStructure},
		{"no colon", "BEGIN:VCALENDAR\r\nSUMMARY\r\nEND:VCALENDAR\r\n", ErrMalformed},
		{"empty name", "BEGIN:VCALENDAR\r\n:x\r\nEND:VCALENDAR\r\n", ErrMalformed},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", ErrStructure},
		{"not closed", "BEGIN:VCALENDAR\r\n", ErrStructure},
		{"property outside", "UID:x\r\n", ErrStructure},
		{"two calendars", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", ErrStructure},
		{"bad date", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2028-02-29\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ErrMalformed},
		{"short date", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2028\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ErrMalformed},
		{"too large", "BEGIN:VCALENDAR\r\n" + strings.Repeat("X", MaxInput), ErrTooLarge},
	}
	for _, c := range cases {
		if _, _, err := Parse(strings.NewReader(c.in)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func TestParseOtherCalendars(t *testing.T) {
	in := "BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VTIMEZONE\nTZID:Asia/Ho_Chi_Minh\nEND:VTIMEZONE\n" +
		"BEGIN:VEVENT\nUID:1\nDTSTART;TZID=\"Asia/Ho:Chi\":20270105T090000\nSUMMARY:Họp\n\tgiao ban\nBEGIN:VALARM\nDESCRIPTION:nhắc\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n"
	_, got, err := Parse(strings.NewReader(in))
	want := []Event{{UID: "1", Date: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), Summary: "Họpgiao ban"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse = %+v, %v", got, err)
	}
}
