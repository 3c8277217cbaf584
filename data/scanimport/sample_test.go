package scanimport

import (
	"errors"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestParseNessusSample(t *testing.T) {
	res := parseFile(t, "sample.nessus")
	if res.err != nil {
		t.Fatal(res.err)
	}
	s := res.sum
	if s.Format != FormatNessus || s.Hosts != 3 || s.Findings != 16 || s.Skipped != 1 || len(s.Problems) != 1 {
		t.Fatalf("summary = %+v", s)
	}
	wantSev := map[Severity]int{SeverityInfo: 5, SeverityLow: 2, SeverityMedium: 5, SeverityHigh: 2, SeverityCritical: 2}
	if !maps.Equal(s.BySeverity, wantSev) {
		t.Errorf("BySeverity = %v, want %v", s.BySeverity, wantSev)
	}
	if !strings.Contains(s.Problems[0], "Broken plugin output") || !strings.Contains(s.Problems[0], `"7"`) {
		t.Errorf("problem = %q", s.Problems[0])
	}
	if len(res.hosts) != 3 || len(res.findings) != 16 {
		t.Fatalf("delivered %d hosts, %d findings", len(res.hosts), len(res.findings))
	}
	wantHosts := []Host{
		{IP: "192.168.10.5", Hostname: "srv-web01", FQDN: "srv-web01.sotttt.vinhlong.gov.vn", OS: "Linux Kernel 5.15 on Ubuntu 22.04", MAC: "00:50:56:aa:bb:01"},
		{IP: "10.0.0.20", Hostname: "KETOAN-PC", OS: "Microsoft Windows 10 Pro", MAC: "00:0C:29:12:34:56"},
		{Hostname: "mail.sotttt.vinhlong.gov.vn", FQDN: "mail.sotttt.vinhlong.gov.vn", OS: "CentOS Linux 7"},
	}
	if !slices.Equal(res.hosts, wantHosts) {
		t.Errorf("hosts = %+v", res.hosts)
	}
	perHost := map[string]int{}
	for _, f := range res.findings {
		perHost[f.Host]++
	}
	if perHost["192.168.10.5"] != 7 || perHost["10.0.0.20"] != 5 || perHost["mail.sotttt.vinhlong.gov.vn"] != 4 {
		t.Errorf("findings per host = %v", perHost)
	}
	checkNessusFindings(t, res.findings)
}

func checkNessusFindings(t *testing.T, fs []Finding) {
	t.Helper()
	openssl := findByID(t, fs, "167195")
	want := Finding{Host: "192.168.10.5", Hostname: "srv-web01", IP: "192.168.10.5", Port: 443, Protocol: "tcp", Service: "www",
		PluginID: "167195", Name: "OpenSSL 3.0.0 < 3.0.7 Multiple Vulnerabilities", Severity: SeverityHigh, CVSS: 7.5,
		CVEs: []string{"CVE-2022-3602", "CVE-2022-3786"}, Solution: "Upgrade to OpenSSL version 3.0.7 or later.",
		Synopsis: "The remote service is affected by multiple vulnerabilities.", Description: "The version of OpenSSL installed on the remote host is prior to 3.0.7."}
	assertFinding(t, openssl, want)

	ms17 := findByID(t, fs, "97833")
	if ms17.Severity != SeverityCritical || ms17.CVSS != 8.1 || len(ms17.CVEs) != 6 || ms17.Hostname != "KETOAN-PC" || ms17.Port != 445 {
		t.Errorf("MS17-010 = %+v", ms17)
	}
	cbc := findByID(t, fs, "70658")
	if cbc.CVSS != 2.6 || cbc.Severity != SeverityLow {
		t.Errorf("CVSS v2 fallback: %+v", cbc)
	}
	exim := findByID(t, fs, "182249")
	if exim.Host != "mail.sotttt.vinhlong.gov.vn" || exim.IP != "" || exim.Hostname != "mail.sotttt.vinhlong.gov.vn" {
		t.Errorf("hostname-only host: %+v", exim)
	}
	apache := findByID(t, fs, "172186")
	if len(apache.Description) > DefaultMaxTextLen || !strings.HasSuffix(apache.Description, "…") || !utf8.ValidString(apache.Description) {
		t.Errorf("long description not capped: %d bytes", len(apache.Description))
	}
	cert := findByID(t, fs, "51192")
	if !strings.Contains(cert.Description, "Sở Thông tin và Truyền thông") || !norm.NFC.IsNormalString(cert.Description) {
		t.Errorf("description not NFC: %q", cert.Description)
	}
	trace := findByID(t, fs, "10287")
	if trace.Port != 0 || trace.Protocol != "udp" || trace.Service != "general" || trace.Severity != SeverityInfo {
		t.Errorf("general finding: %+v", trace)
	}
}

func TestParseOpenVASSamples(t *testing.T) {
	for _, name := range []string{"sample-openvas.xml", "sample-gmp.xml"} {
		t.Run(name, func(t *testing.T) {
			res := parseFile(t, name)
			if res.err != nil {
				t.Fatal(res.err)
			}
			s := res.sum
			if s.Format != FormatOpenVAS || s.Hosts != 3 || s.Findings != 12 || s.Skipped != 1 {
				t.Fatalf("summary = %+v", s)
			}
			wantSev := map[Severity]int{SeverityInfo: 2, SeverityLow: 2, SeverityMedium: 5, SeverityHigh: 1, SeverityCritical: 2}
			if !maps.Equal(s.BySeverity, wantSev) {
				t.Errorf("BySeverity = %v, want %v", s.BySeverity, wantSev)
			}
			if !strings.Contains(s.Problems[0], "SMB NativeLanMan") {
				t.Errorf("problems = %q", s.Problems)
			}
			wantHosts := []Host{
				{IP: "192.168.10.5", Hostname: "srv-web01.sotttt.vinhlong.gov.vn", OS: "Ubuntu 22.04", MAC: "00:50:56:aa:bb:01"},
				{IP: "10.0.0.20", OS: "cpe:/o:microsoft:windows_10"},
				{IP: "192.168.10.7", Hostname: "mail.sotttt.vinhlong.gov.vn", OS: "cpe:/o:centos:centos:7"},
			}
			if !slices.Equal(res.hosts, wantHosts) {
				t.Errorf("hosts = %+v", res.hosts)
			}
			checkOpenVASFindings(t, res.findings)
		})
	}
}

func checkOpenVASFindings(t *testing.T, fs []Finding) {
	t.Helper()
	terrapin := findByID(t, fs, "1.3.6.1.4.1.25623.1.0.104781")
	assertFinding(t, terrapin, Finding{Host: "192.168.10.5", Hostname: "srv-web01.sotttt.vinhlong.gov.vn", IP: "192.168.10.5",
		Port: 22, Protocol: "tcp", PluginID: "1.3.6.1.4.1.25623.1.0.104781", Name: "SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)",
		Severity: SeverityMedium, CVSS: 5.9, CVEs: []string{"CVE-2023-48795"},
		Solution:    "Update the SSH server to a version with the strict KEX countermeasure.",
		Synopsis:    "The remote SSH server is vulnerable to a prefix truncation attack.",
		Description: "Vulnerable algorithms offered: chacha20-poly1305@openssh.com"})
	apache := findByID(t, fs, "1.3.6.1.4.1.25623.1.0.104578")
	if apache.Severity != SeverityCritical || apache.Name != "Apache HTTP Server < 2.4.56 Multiple Vulnerabilities" ||
		!slices.Equal(apache.CVEs, []string{"CVE-2023-25690", "CVE-2023-27522"}) || apache.Solution != "Update to version 2.4.56 or later." {
		t.Errorf("apache = %+v", apache)
	}
	icmp := findByID(t, fs, "1.3.6.1.4.1.25623.1.0.103190")
	if icmp.Port != 0 || icmp.Protocol != "icmp" || icmp.Severity != SeverityLow || icmp.Hostname != "" {
		t.Errorf("icmp = %+v", icmp)
	}
	old := findByID(t, fs, "1.3.6.1.4.1.25623.1.0.103935")
	if old.Severity != SeverityMedium || old.CVSS != 5 || !slices.Equal(old.CVEs, []string{"CVE-2011-0411", "CVE-2011-1430"}) || old.Solution != "Update the mail server." {
		t.Errorf("old-style result = %+v", old)
	}
	cert := findByID(t, fs, "1.3.6.1.4.1.25623.1.0.103440")
	if cert.Description != "Chứng thư hết hạn ngày 01/10/2026." || cert.Host != "192.168.10.7" {
		t.Errorf("cert = %+v", cert)
	}
	for _, f := range fs {
		if f.PluginID == "1.3.6.1.4.1.25623.1.0.102011" {
			t.Errorf("false positive imported: %+v", f)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, input string
		want        Format
		err         error
	}{
		{"nessus", `<?xml version="1.0" ?><NessusClientData_v2><Report>`, FormatNessus, nil},
		{"openvas report", "\n<report id=\"x\"><report>", FormatOpenVAS, nil},
		{"gmp", `<?xml version="1.0"?><!-- c --><get_reports_response status="200">`, FormatOpenVAS, nil},
		{"nessus v1", `<NessusClientData><Report>`, "", ErrNotScanReport},
		{"html", `<!doctype html><html>`, "", ErrDoctype},
		{"json", `{"report": []}`, "", ErrNotScanReport},
		{"empty", ``, "", ErrNotScanReport},
		{"latin1", `<?xml version="1.0" encoding="ISO-8859-1"?><report>`, "", ErrEncoding},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", "", ErrNotScanReport},
		{"endless space", strings.Repeat(" ", 2*DetectLimit) + "<report>", "", ErrNotScanReport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Detect(strings.NewReader(tt.input))
			if got != tt.want || !errorIs(err, tt.err) {
				t.Errorf("Detect = %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestDetectSamples(t *testing.T) {
	for name, want := range map[string]Format{"sample.nessus": FormatNessus, "sample-openvas.xml": FormatOpenVAS, "sample-gmp.xml": FormatOpenVAS} {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Detect(f)
		f.Close()
		if err != nil || got != want {
			t.Errorf("%s: Detect = %q, %v", name, got, err)
		}
	}
}

// errorIs is errors.Is that also accepts want == nil for success.
func errorIs(err, want error) bool {
	if want == nil {
		return err == nil
	}
	return err != nil && errors.Is(err, want)
}

func findByID(t *testing.T, fs []Finding, id string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.PluginID == id {
			return f
		}
	}
	t.Fatalf("finding %s not found", id)
	return Finding{}
}

func assertFinding(t *testing.T, got, want Finding) {
	t.Helper()
	if !slices.Equal(got.CVEs, want.CVEs) {
		t.Errorf("%s CVEs = %q, want %q", want.PluginID, got.CVEs, want.CVEs)
	}
	got.CVEs, want.CVEs = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("finding\n got %+v\nwant %+v", got, want)
	}
}
