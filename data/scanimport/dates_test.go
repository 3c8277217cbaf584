package scanimport

import (
	"strings"
	"testing"
	"time"
)

// TestScanStarted reads the scan's start from real-shaped reports: the
// earliest host start of a Nessus report (HOST_START_TIMESTAMP before
// HOST_START; a start at 01:30 in Vietnam is the previous day in UTC),
// the scan_start of an OpenVAS report, the creation time of one without.
func TestScanStarted(t *testing.T) {
	for _, c := range []struct {
		file, want string
	}{
		{"old-host-start.nessus", "2022-03-15T01:30:00+07:00"},
		{"duplicates.nessus", "2026-11-22T08:00:00+07:00"},
		{"sample.nessus", "2026-11-18T10:12:44+07:00"},
		{"openvas-multiline.xml", "2023-05-10T08:30:12+07:00"},
		{"sample-openvas.xml", "2026-11-18T17:00:05+07:00"},
	} {
		res := parseFile(t, c.file)
		if res.err != nil {
			t.Fatalf("%s: %v", c.file, res.err)
		}
		if got := res.sum.Started.In(vietnam).Format(time.RFC3339); got != c.want {
			t.Errorf("%s: started %s, want %s", c.file, got, c.want)
		}
	}
}

// TestScanStartedFallbacks: a host start when the report has no
// scan_start; nothing from a report without times or with garbage.
func TestScanStartedFallbacks(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`<report><report><results/><host><ip>10.0.0.1</ip><start>2021-01-02T03:04:05Z</start></host>` +
			`<host><ip>10.0.0.2</ip><start>2021-01-01T23:00:00Z</start></host></report></report>`, "2021-01-02T06:00:00+07:00"},
		{`<report><report><scan_start>Tue Mar 15 10:23:45 2022</scan_start></report></report>`, "2022-03-15T10:23:45+07:00"},
		{`<report><report><scan_start></scan_start><results/></report></report>`, ""},
		{`<NessusClientData_v2><Report><ReportHost name="h"><HostProperties><tag name="HOST_START_TIMESTAMP">0</tag>` +
			`<tag name="HOST_START">hôm qua</tag></HostProperties></ReportHost></Report></NessusClientData_v2>`, ""},
		{`<NessusClientData_v2><Report><ReportHost name="h"><HostProperties><tag name="HOST_START">Tue  Mar  1 07:00:00  2022</tag>` +
			`</HostProperties></ReportHost></Report></NessusClientData_v2>`, "2022-03-01T07:00:00+07:00"},
	} {
		res := parseWithin(t, 5*time.Second, strings.NewReader(c.doc), Options{})
		if res.err != nil {
			t.Fatalf("%s: %v", c.doc, res.err)
		}
		got := ""
		if !res.sum.Started.IsZero() {
			got = res.sum.Started.In(vietnam).Format(time.RFC3339)
		}
		if got != c.want {
			t.Errorf("%s: started %q, want %q", c.doc, got, c.want)
		}
	}
}

// TestNamesAcrossLines: OpenVAS names and solutions wrapped over lines
// with 24 spaces of indentation come out on one line.
func TestNamesAcrossLines(t *testing.T) {
	res := parseFile(t, "openvas-multiline.xml")
	if res.err != nil || len(res.findings) != 3 || res.sum.Hosts != 1 {
		t.Fatalf("parse: %v, %d findings, %d hosts", res.err, len(res.findings), res.sum.Hosts)
	}
	want := map[string]string{
		"SSL/TLS: Report Weak Cipher Suites":                      "The configuration of this services should be changed so that it does not accept the listed weak cipher suites anymore.",
		"OpenSSH 'ssh-agent' Remote Code Execution Vulnerability": "Update to version 9.3p2 or later.",
		"TCP timestamps": "To disable TCP timestamps on linux add the line 'net.ipv4.tcp_timestamps = 0' to /etc/sysctl.conf.",
	}
	for _, f := range res.findings {
		sol, ok := want[f.Name]
		if !ok || f.Solution != sol {
			t.Errorf("finding %q: solution %q", f.Name, f.Solution)
		}
		for _, s := range []string{f.Name, f.Solution, f.Synopsis, f.Description, f.Hostname} {
			if !isOneLine(s) {
				t.Errorf("%q is not one line", s)
			}
		}
	}
	if res.findings[0].Hostname != "srv-web01.sonv.vinhlong.gov.vn" || res.findings[0].Host != "192.168.10.5" {
		t.Errorf("host of the first finding: %+v", res.findings[0])
	}
}
