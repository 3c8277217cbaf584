package ics

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// Parse reads a calendar and returns its VEVENTs in order (UID, DTSTART as
// a date, SUMMARY, DESCRIPTION, CATEGORIES; other properties are ignored).
// Lines may end in CRLF or LF; folded lines are unfolded; TEXT values are
// unescaped.
func Parse(r io.Reader) (Calendar, []Event, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return Calendar{}, nil, err
	}
	if len(data) > MaxInput {
		return Calendar{}, nil, ErrTooLarge
	}
	p := parser{}
	for i, line := range unfold(data) {
		if line == "" {
			continue
		}
		if err := p.line(line); err != nil {
			return Calendar{}, nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	if !p.seenCalendar || len(p.stack) != 0 {
		return Calendar{}, nil, fmt.Errorf("%w: calendar not closed", ErrStructure)
	}
	return p.cal, p.events, nil
}

// unfold joins continuation lines (starting with a space or a tab) to the
// line before them.
func unfold(data []byte) []string {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	var lines []string
	for _, raw := range strings.Split(string(data), "\n") {
		if len(lines) > 0 && raw != "" && (raw[0] == ' ' || raw[0] == '\t') {
			lines[len(lines)-1] += raw[1:]
			continue
		}
		lines = append(lines, raw)
	}
	return lines
}

type parser struct {
	stack        []string
	seenCalendar bool
	cal          Calendar
	events       []Event
	cur          *Event
}

func (p *parser) line(line string) error {
	name, value, err := split(line)
	if err != nil {
		return err
	}
	switch name {
	case "BEGIN":
		return p.begin(strings.ToUpper(value))
	case "END":
		return p.end(strings.ToUpper(value))
	}
	if len(p.stack) == 0 {
		return fmt.Errorf("%w: %s outside VCALENDAR", ErrStructure, name)
	}
	if p.cur != nil && p.stack[len(p.stack)-1] == "VEVENT" {
		return p.eventProperty(name, value)
	}
	if len(p.stack) == 1 {
		switch name {
		case "PRODID":
			p.cal.ProdID = unescape(value)
		case "X-WR-CALNAME":
			p.cal.Name = unescape(value)
		}
	}
	return nil
}

func (p *parser) begin(comp string) error {
	if len(p.stack) == 0 && (comp != "VCALENDAR" || p.seenCalendar) {
		return fmt.Errorf("%w: BEGIN:%s at top level", ErrStructure, comp)
	}
	if comp == "VCALENDAR" && len(p.stack) != 0 {
		return fmt.Errorf("%w: nested VCALENDAR", ErrStructure)
	}
	if comp == "VCALENDAR" {
		p.seenCalendar = true
	}
	if comp == "VEVENT" && len(p.stack) == 1 {
		p.cur = &Event{}
	}
	p.stack = append(p.stack, comp)
	return nil
}

func (p *parser) end(comp string) error {
	if len(p.stack) == 0 || p.stack[len(p.stack)-1] != comp {
		return fmt.Errorf("%w: END:%s", ErrStructure, comp)
	}
	p.stack = p.stack[:len(p.stack)-1]
	if comp == "VEVENT" && p.cur != nil && len(p.stack) == 1 {
		p.events = append(p.events, *p.cur)
		p.cur = nil
	}
	return nil
}

func (p *parser) eventProperty(name, value string) error {
	switch name {
	case "UID":
		p.cur.UID = unescape(value)
	case "SUMMARY":
		p.cur.Summary = unescape(value)
	case "DESCRIPTION":
		p.cur.Description = unescape(value)
	case "CATEGORIES":
		p.cur.Categories = unescape(value)
	case "DTSTART":
		if len(value) < 8 {
			return fmt.Errorf("%w: DTSTART %q", ErrMalformed, value)
		}
		d, err := time.Parse("20060102", value[:8])
		if err != nil {
			return fmt.Errorf("%w: DTSTART %q", ErrMalformed, value)
		}
		p.cur.Date = d
	}
	return nil
}

// split cuts "NAME;PARAM=x;PARAM="a:b":VALUE" into its name and value
// (parameters are not needed); a colon inside a quoted parameter value does
// not end the parameters.
func split(line string) (name, value string, err error) {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case c == ':' && !quoted:
			head := line[:i]
			name, _, _ = strings.Cut(head, ";")
			if name == "" || strings.ContainsAny(name, " \t\"") {
				return "", "", fmt.Errorf("%w: %q", ErrMalformed, truncate(line))
			}
			return strings.ToUpper(name), line[i+1:], nil
		}
	}
	return "", "", fmt.Errorf("%w: %q", ErrMalformed, truncate(line))
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// unescape decodes a TEXT value: \\ \; \, \n \N; a lone backslash stays.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
