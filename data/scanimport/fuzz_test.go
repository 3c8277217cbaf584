package scanimport

import (
	"bytes"
	"errors"
	"net/netip"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fuzzSentinels are the only errors Parse may return on in-memory input.
var fuzzSentinels = []error{ErrNotScanReport, ErrDoctype, ErrTooDeep, ErrTokenTooLarge,
	ErrTruncated, ErrMalformed, ErrEncoding, ErrTooManyFindings}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"sample.nessus", "sample-openvas.xml", "old-host-start.nessus", "openvas-multiline.xml", "duplicates.nessus"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(billionLaughs))
	f.Add([]byte(externalEntity))
	f.Add([]byte(`<NessusClientData_v2><Report><ReportHost name="h"><ReportItem port="1" severity="2" pluginID="9"><cve>CVE-2020-0001</cve></ReportItem></ReportHost></Report></NessusClientData_v2>`))
	f.Add([]byte(`<report><report><results><result><host>1.2.3.4<hostname>a</hostname></host><port>1/tcp</port><nvt oid="1"><tags>summary=s|solution=x</tags><refs><ref type="cve" id="CVE-2021-44228"/></refs></nvt><threat>Log</threat></result></results><host><ip>1.2.3.4</ip><detail><name>hostname</name><value>a</value></detail></host></report></report>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{MaxTextLen: 64, MaxFindings: 50, MaxTokenBytes: 1 << 20}
		var hosts, findings int
		sum, err := Parse(bytes.NewReader(data), opts,
			func(h Host) error { hosts++; checkHost(t, h); return nil },
			func(fd Finding) error { findings++; checkFinding(t, fd, opts.MaxTextLen); return nil })
		if err != nil && !isSentinel(err) {
			t.Fatalf("error without sentinel: %v", err)
		}
		if sum.Hosts != hosts || sum.Findings != findings || findings > opts.MaxFindings {
			t.Fatalf("summary %+v, delivered %d hosts %d findings", sum, hosts, findings)
		}
		total := 0
		for _, n := range sum.BySeverity {
			total += n
		}
		if total != findings || len(sum.Problems) > maxProblems || sum.BytesRead > int64(len(data)) {
			t.Fatalf("summary %+v inconsistent (%d findings, %d bytes)", sum, findings, len(data))
		}
		if !sum.Started.IsZero() && (sum.Started.Year() < 1995 || sum.Started.Year() > 9999) {
			t.Fatalf("implausible start %v", sum.Started)
		}
		if err == nil && len(data) <= DetectLimit {
			if format, derr := Detect(bytes.NewReader(data)); derr != nil || format != sum.Format {
				t.Fatalf("Detect = %q, %v; Parse said %q", format, derr, sum.Format)
			}
		}
	})
}

func isSentinel(err error) bool {
	for _, s := range fuzzSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func checkHost(t *testing.T, h Host) {
	if h.IP == "" && h.Hostname == "" && h.FQDN == "" {
		t.Fatalf("host without identity: %+v", h)
	}
	checkIP(t, h.IP)
	for _, s := range []string{h.Hostname, h.FQDN, h.OS, h.MAC} {
		checkText(t, s, DefaultMaxTextLen*4)
	}
}

func checkFinding(t *testing.T, f Finding, maxLen int) {
	if f.Host == "" || f.Name == "" {
		t.Fatalf("finding without host or name: %+v", f)
	}
	switch f.Severity {
	case SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
	default:
		t.Fatalf("bad severity %q", f.Severity)
	}
	if f.Port < 0 || f.Port > 65535 || f.CVSS < 0 || f.CVSS > 10 {
		t.Fatalf("bad port or score: %+v", f)
	}
	checkIP(t, f.IP)
	seen := map[string]bool{}
	for _, c := range f.CVEs {
		if !validCVE(c) || seen[c] {
			t.Fatalf("bad or duplicate CVE %q in %q", c, f.CVEs)
		}
		seen[c] = true
	}
	for _, s := range []string{f.Name, f.Solution, f.Synopsis, f.Description} {
		checkText(t, s, maxLen)
	}
}

func checkIP(t *testing.T, ip string) {
	if ip == "" {
		return
	}
	if a, err := netip.ParseAddr(ip); err != nil || a.String() != ip {
		t.Fatalf("IP %q not canonical", ip)
	}
}

func checkText(t *testing.T, s string, maxLen int) {
	if len(s) > maxLen || !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
		t.Fatalf("text not capped, valid and NFC (%d > %d?): %q", len(s), maxLen, s)
	}
	if !isOneLine(s) {
		t.Fatalf("text not on one line with single spaces: %q", s)
	}
}

// isOneLine tells text with no white space but single inner spaces.
func isOneLine(s string) bool {
	if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") || strings.Contains(s, "  ") {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' })
}
