// Package ics writes and reads the small part of iCalendar (RFC 5545) that
// an obligations calendar needs: one VCALENDAR of all-day VEVENTs with a
// stable UID, a SUMMARY and a DESCRIPTION. The writer emits CRLF line
// endings, escapes TEXT values (backslash, semicolon, comma, newline),
// drops control characters TEXT may not hold, and folds lines at 75
// octets without splitting a UTF-8 sequence. Parse reads such files back
// (and any calendar's VEVENTs, ignoring properties it does not know); it
// exists so that tests, and users' tools, can check an export.
//
// No maintained Go iCalendar library is among the project's dependencies;
// the subset is small enough to write against the RFC directly.
package ics

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLine is the longest line the writer emits, in octets, without CRLF.
const MaxLine = 75

// Sentinel errors of Parse.
var (
	// ErrMalformed: a content line without a name and a colon, or a
	// property value that does not parse (a DATE that is not YYYYMMDD).
	ErrMalformed = errors.New("ics: malformed content line")
	// ErrStructure: BEGIN and END do not match, or there is no VCALENDAR.
	ErrStructure = errors.New("ics: BEGIN/END do not match")
	// ErrTooLarge: the input is longer than MaxInput.
	ErrTooLarge = errors.New("ics: calendar too large")
)

// MaxInput is the largest calendar Parse reads, in bytes.
const MaxInput = 16 << 20

// Calendar is a calendar's own properties.
type Calendar struct {
	ProdID string // e.g. "-//Dau moi ATTT//daumoi//VI"
	Name   string // X-WR-CALNAME, shown by most clients
}

// Event is an all-day event.
type Event struct {
	UID         string
	Date        time.Time // the civil date of the event (its year, month, day)
	Summary     string
	Description string
	Categories  string // one category, optional
}

// Write writes cal with events. stamp is the DTSTAMP of every event (pass
// a value derived from the data, not the clock, for reproducible output).
func Write(w io.Writer, cal Calendar, events []Event, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", escape(cal.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if cal.Name != "" {
		line("X-WR-CALNAME", escape(cal.Name))
	}
	for _, e := range events {
		line("BEGIN", "VEVENT")
		line("UID", escape(e.UID))
		line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
		writeFolded(bw, "DTSTART;VALUE=DATE:"+e.Date.Format("20060102"))
		writeFolded(bw, "DTEND;VALUE=DATE:"+e.Date.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY", escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", escape(e.Description))
		}
		if e.Categories != "" {
			line("CATEGORIES", escape(e.Categories))
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// Clean returns s as the writer stores it: valid UTF-8, without the
// control characters a TEXT value may not contain (tab and newline stay;
// CRLF and CR become newlines).
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// escape encodes a TEXT value (RFC 5545 §3.3.11).
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(Clean(s))
}

// writeFolded writes one content line, folded at MaxLine octets on rune
// boundaries, each fold a CRLF and a space (§3.1).
func writeFolded(w *bufio.Writer, s string) {
	limit := MaxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = MaxLine - 1
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
