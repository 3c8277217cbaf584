// Package scangen writes synthetic Nessus v2 and OpenVAS XML reports of any
// size as streams, without holding more than one finding in memory. It
// exists for benchmarks and tests of the scan import: a 100,000-finding
// report (about 100 MB) is produced on the fly instead of being kept in
// testdata.
package scangen

import (
	"io"
	"strconv"
)

// Spec describes a generated report.
type Spec struct {
	// Findings is the number of findings (ReportItems or results).
	Findings int
	// PerHost is the number of findings per host (default 1000).
	PerHost int
	// Network is the first two octets of the hosts' addresses, such as
	// "10.20" (default "10.20"). Host i has address Network.(i/250).(i%250+1).
	Network string
	// Hostname is every host's name (default "srv-bench").
	Hostname string
	// PluginBase is added to the finding's index to make its plugin id
	// (default 100000). Two reports with the same base name the same
	// findings, so the second one reads as a re-scan.
	PluginBase int
}

func (s Spec) withDefaults() Spec {
	if s.PerHost <= 0 {
		s.PerHost = 1000
	}
	if s.Network == "" {
		s.Network = "10.20"
	}
	if s.Hostname == "" {
		s.Hostname = "srv-bench"
	}
	if s.PluginBase == 0 {
		s.PluginBase = 100000
	}
	return s
}

// Hosts is the number of hosts of a report of spec.
func (s Spec) Hosts() int {
	s = s.withDefaults()
	return (s.Findings + s.PerHost - 1) / s.PerHost
}

// HostIP is the address of host number i of a report of spec.
func (s Spec) HostIP(i int) string {
	return string(s.withDefaults().appendIP(nil, i))
}

func (s Spec) appendIP(b []byte, host int) []byte {
	b = append(b, s.Network...)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(host/250), 10)
	b = append(b, '.')
	return strconv.AppendInt(b, int64(host%250+1), 10)
}

// Description is the text of every generated finding, about 450 bytes with
// some Vietnamese, so that a finding takes about 1 KB of XML.
const Description = "The remote host is running a version of the service that is affected by " +
	"multiple vulnerabilities, including a heap-based buffer overflow that an unauthenticated, " +
	"remote attacker can exploit to execute arbitrary code, and a denial of service condition " +
	"caused by improper validation of user-supplied input. Note that Nessus has not tested for " +
	"these issues but has instead relied only on the application's self-reported version number. " +
	"Lỗ hổng cho phép thực thi mã từ xa; cần cập nhật bản vá ngay."

// Nessus streams a Nessus v2 report of spec. Finding i has severity i%5
// (0 informational … 4 critical).
func Nessus(spec Spec) io.Reader {
	spec = spec.withDefaults()
	return &Stream{
		Head: []byte(`<?xml version="1.0" ?>` + "\n<NessusClientData_v2><Report name=\"bench\">\n"),
		Tail: []byte("</Report></NessusClientData_v2>\n"),
		N:    spec.Findings,
		Item: func(i int, b []byte) []byte { return spec.nessusItem(i, b) },
	}
}

// nessusItem writes finding i, opening and closing a ReportHost every
// PerHost findings.
func (s Spec) nessusItem(i int, b []byte) []byte {
	host := i / s.PerHost
	if i%s.PerHost == 0 {
		b = append(b, `<ReportHost name="`...)
		b = s.appendIP(b, host)
		b = append(b, `"><HostProperties><tag name="host-ip">`...)
		b = s.appendIP(b, host)
		b = append(b, `</tag><tag name="hostname">`...)
		b = append(b, s.Hostname...)
		b = append(b, `</tag><tag name="operating-system">Linux</tag></HostProperties>`+"\n"...)
	}
	b = append(b, `<ReportItem port="`...)
	b = strconv.AppendInt(b, int64(1+i%65000), 10)
	b = append(b, `" svc_name="www" protocol="tcp" severity="`...)
	b = strconv.AppendInt(b, int64(i%5), 10)
	b = append(b, `" pluginID="`...)
	b = strconv.AppendInt(b, int64(s.PluginBase+i), 10)
	b = append(b, `" pluginName="Generated finding for the benchmark" pluginFamily="General">
<cve>CVE-2024-`...)
	b = strconv.AppendInt(b, int64(10000+i), 10)
	b = append(b, `</cve><cvss3_base_score>7.5</cvss3_base_score><risk_factor>High</risk_factor>
<synopsis>The remote service is affected by multiple vulnerabilities.</synopsis>
<description>`+Description+`</description>
<solution>Upgrade to the latest version.</solution><plugin_type>remote</plugin_type>
</ReportItem>
`...)
	if i%s.PerHost == s.PerHost-1 || i == s.Findings-1 {
		b = append(b, "</ReportHost>\n"...)
	}
	return b
}

// OpenVAS streams an OpenVAS (Greenbone) report of spec: the results
// first, then the hosts, as Greenbone writes them.
func OpenVAS(spec Spec) io.Reader {
	spec = spec.withDefaults()
	return &Stream{
		Head: []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<report id=\"b\"><report id=\"b\"><results start=\"1\">\n"),
		Tail: spec.openvasTail(),
		N:    spec.Findings,
		Item: func(i int, b []byte) []byte { return spec.openvasItem(i, b) },
	}
}

// openvasItem writes result i; its severity is 7.5 (high).
func (s Spec) openvasItem(i int, b []byte) []byte {
	b = append(b, `<result id="r`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"><name>Generated finding</name><host>`...)
	b = s.appendIP(b, i/s.PerHost)
	b = append(b, `<asset asset_id="x"/><hostname>`...)
	b = append(b, s.Hostname...)
	b = append(b, `</hostname></host><port>`...)
	b = strconv.AppendInt(b, int64(1+i%65000), 10)
	b = append(b, `/tcp</port><nvt oid="1.3.6.1.4.1.25623.1.0.`...)
	b = strconv.AppendInt(b, int64(s.PluginBase+i), 10)
	b = append(b, `"><type>nvt</type><name>Generated finding for the benchmark</name><family>General</family><cvss_base>7.5</cvss_base>
<tags>cvss_base_vector=AV:N/AC:L/Au:N/C:P/I:P/A:P|summary=The remote service is affected by multiple vulnerabilities.|solution=Upgrade to the latest version.|solution_type=VendorFix</tags>
<refs><ref type="cve" id="CVE-2024-`...)
	b = strconv.AppendInt(b, int64(10000+i), 10)
	b = append(b, `"/><ref type="url" id="https://example.org/advisory"/></refs></nvt>
<threat>High</threat><severity>7.5</severity><qod><value>80</value><type>remote_banner</type></qod>
<description>`+Description+`</description></result>
`...)
	return b
}

// openvasTail closes the results and lists the hosts.
func (s Spec) openvasTail() []byte {
	b := []byte("</results>\n")
	for host := range s.Hosts() {
		b = append(b, "<host><ip>"...)
		b = s.appendIP(b, host)
		b = append(b, `</ip><detail><name>hostname</name><value>`...)
		b = append(b, s.Hostname...)
		b = append(b, `</value></detail><detail><name>best_os_cpe</name><value>cpe:/o:linux:kernel</value></detail></host>`+"\n"...)
	}
	return append(b, "</report></report>\n"...)
}

// Stream reads as Head, then Item(0) … Item(N-1), then Tail, producing one
// item at a time.
type Stream struct {
	Head, Tail []byte
	// Item appends item i to buf and returns it.
	Item func(i int, buf []byte) []byte
	N    int

	i       int
	stage   int
	pending []byte
	buf     []byte
}

// Read implements io.Reader.
func (g *Stream) Read(p []byte) (int, error) {
	for len(g.pending) == 0 {
		switch {
		case g.stage == 0:
			g.pending, g.stage = g.Head, 1
		case g.stage == 1 && g.i < g.N:
			g.buf = g.Item(g.i, g.buf[:0])
			g.pending = g.buf
			g.i++
		case g.stage == 1:
			g.pending, g.stage = g.Tail, 2
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, g.pending)
	g.pending = g.pending[n:]
	return n, nil
}
