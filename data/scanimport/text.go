package scanimport

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
)

// textBuf collects the character data of one element up to a limit, so a
// long text costs at most limit bytes whatever its size in the file.
type textBuf struct {
	b     []byte
	limit int // current cap in bytes
	base  int // default cap (Options.MaxTextLen)
	over  bool
}

// reset empties the buffer and sets its cap (0 = the default).
func (t *textBuf) reset(limit int) {
	if limit <= 0 {
		limit = t.base
	}
	t.b, t.limit, t.over = t.b[:0], limit, false
}

// add appends data, keeping a few bytes over the cap so that truncation at
// a rune boundary can be detected.
func (t *textBuf) add(data []byte) {
	room := t.limit + utf8.UTFMax - len(t.b)
	if room <= 0 {
		t.over = true
		return
	}
	if len(data) > room {
		data, t.over = data[:room], true
	}
	t.b = append(t.b, data...)
}

// String returns the collected text, NFC, trimmed and capped.
func (t *textBuf) String() string {
	s := cleanText(string(t.b))
	if t.over || len(s) > t.limit {
		return truncate(s, t.limit)
	}
	return s
}

// cleanText normalises text read from a report: NFC, every run of white
// space (line breaks included) collapsed to one space, trimmed, so that a
// name wrapped over several lines in the XML is one line in a table.
func cleanText(s string) string {
	return textnorm.Line(s)
}

// truncate cuts s to at most max bytes on a rune boundary, marking the cut
// with "…".
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	if cut < 0 {
		cut = 0
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }) + "…"
}

// canonicalIP returns the canonical form of s when it is an IP address.
func canonicalIP(s string) (string, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return a.Unmap().String(), true
}

// parseScore reads a CVSS score; ok is false unless it is a number in 0–10.
func parseScore(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || v > 10 || v != v {
		return 0, false
	}
	return v, true
}

// severityOfScore maps a CVSS score to the CVSS v3 qualitative scale.
func severityOfScore(v float64) Severity {
	switch {
	case v >= 9:
		return SeverityCritical
	case v >= 7:
		return SeverityHigh
	case v >= 4:
		return SeverityMedium
	case v > 0:
		return SeverityLow
	}
	return SeverityInfo
}

// severityOfWord maps a risk word (Nessus risk_factor, OpenVAS threat).
func severityOfWord(s string) (Severity, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "log", "info", "informational":
		return SeverityInfo, true
	case "low":
		return SeverityLow, true
	case "medium":
		return SeverityMedium, true
	case "high", "alarm":
		return SeverityHigh, true
	case "critical":
		return SeverityCritical, true
	}
	return "", false
}

// parsePort reads a port number; 0 when absent, "general" or invalid.
func parsePort(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 65535 {
		return 0
	}
	return n
}

// cveSet collects the valid, de-duplicated CVE identifiers of one finding.
type cveSet struct {
	list []string
	seen map[string]struct{}
}

func (c *cveSet) reset() {
	c.list = nil
	clear(c.seen)
}

// addText adds every CVE identifier in s (separated by commas, spaces or
// semicolons); other words are ignored.
func (c *cveSet) addText(s string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' || r == '\r'
	}) {
		c.add(w)
	}
}

// add adds one identifier if it is a valid CVE ID.
func (c *cveSet) add(id string) {
	id = strings.ToUpper(strings.TrimSpace(id))
	if !validCVE(id) || len(c.list) >= maxCVEs {
		return
	}
	if c.seen == nil {
		c.seen = map[string]struct{}{}
	}
	if _, dup := c.seen[id]; dup {
		return
	}
	c.seen[id] = struct{}{}
	c.list = append(c.list, id)
}

// validCVE checks the CVE-YYYY-NNNN… syntax (4 to 19 digits after the year).
func validCVE(id string) bool {
	if len(id) < 13 || len(id) > 28 || !strings.HasPrefix(id, "CVE-") || id[8] != '-' {
		return false
	}
	return allDigits(id[4:8]) && allDigits(id[9:])
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
