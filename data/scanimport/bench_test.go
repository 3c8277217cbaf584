package scanimport

import (
	"io"
	"strconv"
	"testing"
)

// benchFindings is the size of the generated reports: 100,000 findings of
// about 1 KB each, about 100 MB.
const (
	benchFindings     = 100_000
	benchHostFindings = 1000 // findings per host
)

const benchDescription = "The remote host is running a version of the service that is affected by " +
	"multiple vulnerabilities, including a heap-based buffer overflow that an unauthenticated, " +
	"remote attacker can exploit to execute arbitrary code, and a denial of service condition " +
	"caused by improper validation of user-supplied input. Note that Nessus has not tested for " +
	"these issues but has instead relied only on the application's self-reported version number. " +
	"Lỗ hổng cho phép thực thi mã từ xa; cần cập nhật bản vá ngay."

// nessusBenchItem writes finding i of a generated Nessus report, opening
// and closing a ReportHost every benchHostFindings findings.
func nessusBenchItem(i int, b []byte) []byte {
	host := i / benchHostFindings
	if i%benchHostFindings == 0 {
		b = append(b, `<ReportHost name="10.20.`...)
		b = strconv.AppendInt(b, int64(host/250), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(host%250+1), 10)
		b = append(b, `"><HostProperties><tag name="host-ip">10.20.`...)
		b = strconv.AppendInt(b, int64(host/250), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(host%250+1), 10)
		b = append(b, `</tag><tag name="hostname">srv-bench</tag><tag name="operating-system">Linux</tag></HostProperties>`+"\n"...)
	}
	b = append(b, `<ReportItem port="`...)
	b = strconv.AppendInt(b, int64(1+i%65000), 10)
	b = append(b, `" svc_name="www" protocol="tcp" severity="`...)
	b = strconv.AppendInt(b, int64(i%5), 10)
	b = append(b, `" pluginID="`...)
	b = strconv.AppendInt(b, int64(100000+i), 10)
	b = append(b, `" pluginName="Generated finding for the benchmark" pluginFamily="General">
<cve>CVE-2024-`...)
	b = strconv.AppendInt(b, int64(10000+i), 10)
	b = append(b, `</cve><cvss3_base_score>7.5</cvss3_base_score><risk_factor>High</risk_factor>
<synopsis>The remote service is affected by multiple vulnerabilities.</synopsis>
<description>`+benchDescription+`</description>
<solution>Upgrade to the latest version.</solution><plugin_type>remote</plugin_type>
</ReportItem>
`...)
	if i%benchHostFindings == benchHostFindings-1 {
		b = append(b, "</ReportHost>\n"...)
	}
	return b
}

// openvasBenchItem writes result i of a generated OpenVAS report.
func openvasBenchItem(i int, b []byte) []byte {
	host := i / benchHostFindings
	b = append(b, `<result id="r`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"><name>Generated finding</name><host>10.30.`...)
	b = strconv.AppendInt(b, int64(host/250), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(host%250+1), 10)
	b = append(b, `<asset asset_id="x"/><hostname>srv-bench</hostname></host><port>`...)
	b = strconv.AppendInt(b, int64(1+i%65000), 10)
	b = append(b, `/tcp</port><nvt oid="1.3.6.1.4.1.25623.1.0.`...)
	b = strconv.AppendInt(b, int64(100000+i), 10)
	b = append(b, `"><type>nvt</type><name>Generated finding for the benchmark</name><family>General</family><cvss_base>7.5</cvss_base>
<tags>cvss_base_vector=AV:N/AC:L/Au:N/C:P/I:P/A:P|summary=The remote service is affected by multiple vulnerabilities.|solution=Upgrade to the latest version.|solution_type=VendorFix</tags>
<refs><ref type="cve" id="CVE-2024-`...)
	b = strconv.AppendInt(b, int64(10000+i), 10)
	b = append(b, `"/><ref type="url" id="https://example.org/advisory"/></refs></nvt>
<threat>High</threat><severity>7.5</severity><qod><value>80</value><type>remote_banner</type></qod>
<description>`+benchDescription+`</description></result>
`...)
	return b
}

// openvasBenchTail closes the results and lists the hosts.
func openvasBenchTail() []byte {
	b := []byte("</results>\n")
	for host := range benchFindings / benchHostFindings {
		b = append(b, "<host><ip>10.30."...)
		b = strconv.AppendInt(b, int64(host/250), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(host%250+1), 10)
		b = append(b, `</ip><detail><name>hostname</name><value>srv-bench</value></detail><detail><name>best_os_cpe</name><value>cpe:/o:linux:kernel</value></detail></host>`+"\n"...)
	}
	return append(b, "</report></report>\n"...)
}

// benchReports are the generated reports, as fresh readers.
var benchReports = []struct {
	name   string
	reader func() io.Reader
}{
	{"nessus", func() io.Reader {
		return &genReader{
			head: []byte(`<?xml version="1.0" ?>` + "\n<NessusClientData_v2><Report name=\"bench\">\n"),
			tail: []byte("</Report></NessusClientData_v2>\n"), n: benchFindings, item: nessusBenchItem,
		}
	}},
	{"openvas", func() io.Reader {
		return &genReader{
			head: []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<report id=\"b\"><report id=\"b\"><results start=\"1\">\n"),
			tail: openvasBenchTail(), n: benchFindings, item: openvasBenchItem,
		}
	}},
}

// BenchmarkParse100MB parses generated reports of 100,000 findings (about
// 100 MB) with callbacks that do nothing, and reports the peak heap growth
// sampled with runtime.ReadMemStats while parsing.
func BenchmarkParse100MB(b *testing.B) {
	for _, rep := range benchReports {
		b.Run(rep.name, func(b *testing.B) {
			size, err := io.Copy(io.Discard, rep.reader())
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			heap := sampleHeap()
			for b.Loop() {
				sum, err := Parse(rep.reader(), Options{}, func(Host) error { return nil }, func(Finding) error { return nil })
				if err != nil || sum.Findings != benchFindings || sum.Hosts != benchFindings/benchHostFindings {
					b.Fatalf("err %v, summary %+v", err, sum)
				}
			}
			b.ReportMetric(float64(heap.done())/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(size)/1e6, "MB/report")
		})
	}
}
