package scanimport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"daumoi/data/scanimport/scangen"
)

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<NessusClientData_v2><Report><ReportHost name="&lol9;"/></Report></NessusClientData_v2>`

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<report><results><result><host>&xxe;</host></result></results></report>`

func TestParseHostileInput(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.nessus")
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	tests := []struct {
		name  string
		input []byte
		opts  Options
		want  error
	}{
		{"billion laughs", []byte(billionLaughs), Options{}, ErrDoctype},
		{"external entity", []byte(externalEntity), Options{}, ErrDoctype},
		{"doctype inside the report", []byte(`<report><!DOCTYPE x><results/></report>`), Options{}, ErrDoctype},
		{"undefined entity", []byte(`<NessusClientData_v2><Report><ReportHost name="&lol9;"/></Report></NessusClientData_v2>`), Options{}, ErrMalformed},
		{"undefined entity in text", []byte(`<report><results><result><host>&xxe;</host></result></results></report>`), Options{}, ErrMalformed},
		{"deep nesting", []byte(strings.Repeat("<report>", 100_000)), Options{}, ErrTooDeep},
		{"deep nesting just over", []byte(strings.Repeat("<a>", MaxDepth+1)), Options{}, ErrNotScanReport},
		{"deep nesting in report", []byte("<report>" + strings.Repeat("<a>", MaxDepth) + strings.Repeat("</a>", MaxDepth) + "</report>"), Options{}, ErrTooDeep},
		{"truncated", sample[:len(sample)/2], Options{}, ErrTruncated},
		{"truncated in a tag", sample[:len(sample)-10], Options{}, ErrTruncated},
		{"cut before root", []byte(`<?xml version="1.0"?><NessusClient`), Options{}, ErrNotScanReport},
		{"binary garbage", garbage, Options{}, ErrNotScanReport},
		{"garbage after a valid start", append([]byte("<NessusClientData_v2><Report>"), garbage...), Options{}, ErrMalformed},
		{"wrong root", []byte(`<html><body>hello</body></html>`), Options{}, ErrNotScanReport},
		{"nessus v1", []byte(`<NessusClientData><Report/></NessusClientData>`), Options{}, ErrNotScanReport},
		{"empty", nil, Options{}, ErrNotScanReport},
		{"only space", []byte("   \n\t  "), Options{}, ErrNotScanReport},
		{"latin-1 declared", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><report/>`), Options{}, ErrEncoding},
		{"invalid UTF-8", []byte("<report><results><result><name>\xff\xfe</name></result></results></report>"), Options{}, ErrMalformed},
		{"mismatched tags", []byte(`<report><results></report></results>`), Options{}, ErrMalformed},
		{"huge attribute", []byte(`<report a="` + strings.Repeat("x", 300<<10) + `"/>`), Options{}, ErrTokenTooLarge},
		{"huge element name", []byte(`<report><` + strings.Repeat("x", 100<<10) + `/></report>`), Options{}, ErrTokenTooLarge},
		{"many namespaces", []byte(`<report>` + strings.Repeat(`<a `+strings.Repeat(`xmlns:n="urn:x" `, 5000)+`>`, 3)), Options{}, ErrTokenTooLarge},
		{"long text with small token cap", []byte(`<report><results>` + strings.Repeat("y", 300<<10) + `</results></report>`), Options{MaxTokenBytes: 100 << 10}, ErrTokenTooLarge},
		{"long text within the default cap", []byte(`<report><results>` + strings.Repeat("y", 300<<10) + `</results></report>`), Options{}, nil},
		{"too many findings", sample, Options{MaxFindings: 5}, ErrTooManyFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := parseWithin(t, 10*time.Second, bytes.NewReader(tt.input), tt.opts)
			if !errors.Is(res.err, tt.want) {
				t.Fatalf("err = %v, want %v", res.err, tt.want)
			}
			if res.sum.Findings != len(res.findings) || res.sum.Hosts != len(res.hosts) {
				t.Errorf("summary %+v does not match delivered %d/%d", res.sum, len(res.hosts), len(res.findings))
			}
		})
	}
}

// TestParsePartialImports checks that what came before a failure was
// delivered, and nothing after it.
func TestParsePartialImports(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.nessus")
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(sample, []byte(`pluginID="97833"`)) // inside host 2
	res := parseWithin(t, 10*time.Second, bytes.NewReader(sample[:cut]), Options{})
	if !errors.Is(res.err, ErrTruncated) || res.sum.Findings != 7 || res.sum.Hosts != 2 {
		t.Errorf("truncated: err %v, summary %+v", res.err, res.sum)
	}
	res = parseWithin(t, 10*time.Second, bytes.NewReader(sample), Options{MaxFindings: 5})
	if !errors.Is(res.err, ErrTooManyFindings) || res.sum.Findings != 5 || len(res.findings) != 5 {
		t.Errorf("limit: err %v, summary %+v", res.err, res.sum)
	}
}

// TestParseWhitespaceRun streams a report whose root holds a 200 MB run of
// white space (one token): the parser must stop after MaxTokenBytes with
// ErrTokenTooLarge and constant memory, not buffer the run.
func TestParseWhitespaceRun(t *testing.T) {
	size := 200 << 20
	space := bytes.Repeat([]byte(" \n\t "), 16<<10)
	gen := &scangen.Stream{
		Head: []byte("<NessusClientData_v2>"),
		Tail: []byte("</NessusClientData_v2>"),
		N:    size / len(space),
		Item: func(_ int, buf []byte) []byte { return append(buf, space...) },
	}
	heap := sampleHeap()
	res := parseWithin(t, 60*time.Second, gen, Options{})
	peak := heap.done()
	if !errors.Is(res.err, ErrTokenTooLarge) {
		t.Fatalf("err = %v, want ErrTokenTooLarge", res.err)
	}
	if res.sum.BytesRead > DefaultMaxTokenBytes+2*guardSize {
		t.Errorf("read %d bytes before refusing", res.sum.BytesRead)
	}
	if peak > 64<<20 {
		t.Errorf("peak heap growth %s", mib(peak))
	}
	t.Logf("refused after %d bytes, peak heap growth %s", res.sum.BytesRead, mib(peak))
}

// TestParseLongSpacedStream streams 200 MB (20 MB with -short) of white
// space broken by comments every 1 MiB inside a valid report: the whole
// stream is read and memory stays flat.
func TestParseLongSpacedStream(t *testing.T) {
	size := 200 << 20
	if testing.Short() {
		size = 20 << 20
	}
	chunk := append(bytes.Repeat([]byte("  \n"), (1<<20)/3), "<!-- keep-alive -->"...)
	gen := &scangen.Stream{
		Head: []byte("<report><results>"),
		Tail: []byte(`<result><host>10.1.1.1</host><port>80/tcp</port><nvt oid="1.2.3"><name>Last</name></nvt><severity>5.0</severity></result></results></report>`),
		N:    size / len(chunk),
		Item: func(_ int, buf []byte) []byte { return append(buf, chunk...) },
	}
	heap := sampleHeap()
	res := parseWithin(t, 120*time.Second, gen, Options{})
	peak := heap.done()
	if res.err != nil || res.sum.Findings != 1 || res.findings[0].Severity != SeverityMedium {
		t.Fatalf("err %v, summary %+v", res.err, res.sum)
	}
	if res.sum.BytesRead < int64(size)-(1<<20) {
		t.Errorf("read only %d bytes", res.sum.BytesRead)
	}
	if peak > 32<<20 {
		t.Errorf("peak heap growth %s for a %d MB stream", mib(peak), size>>20)
	}
	t.Logf("%d MB streamed, peak heap growth %s", size>>20, mib(peak))
}

func TestParseReaderFaults(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample-openvas.xml")
	if err != nil {
		t.Fatal(err)
	}
	diskErr := errors.New("disk on fire")
	t.Run("read error", func(t *testing.T) {
		r := io.MultiReader(bytes.NewReader(sample[:5000]), iotest.ErrReader(diskErr))
		res := parseWithin(t, 10*time.Second, r, Options{})
		if !errors.Is(res.err, diskErr) {
			t.Errorf("err = %v", res.err)
		}
	})
	t.Run("one byte at a time", func(t *testing.T) {
		res := parseWithin(t, 10*time.Second, iotest.OneByteReader(bytes.NewReader(sample)), Options{})
		if res.err != nil || res.sum.Findings != 12 {
			t.Errorf("err %v, summary %+v", res.err, res.sum)
		}
	})
	t.Run("data with EOF", func(t *testing.T) {
		res := parseWithin(t, 10*time.Second, iotest.DataErrReader(bytes.NewReader(sample)), Options{})
		if res.err != nil || res.sum.Findings != 12 {
			t.Errorf("err %v, summary %+v", res.err, res.sum)
		}
	})
	t.Run("no progress", func(t *testing.T) {
		res := parseWithin(t, 10*time.Second, stuckReader{}, Options{})
		if !errors.Is(res.err, io.ErrNoProgress) {
			t.Errorf("err = %v", res.err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res := parseWithin(t, 10*time.Second, bytes.NewReader(sample), Options{Context: ctx})
		if !errors.Is(res.err, context.Canceled) {
			t.Errorf("err = %v", res.err)
		}
	})
}

// stuckReader returns no data and no error, forever.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

func TestParseCallbacks(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.nessus")
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("disk full")
	sum, err := Parse(bytes.NewReader(sample), Options{}, nil, func(f Finding) error {
		if f.PluginID == "11213" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || sum.Findings != 4 {
		t.Errorf("finding callback: %v, %+v", err, sum)
	}
	sum, err = Parse(bytes.NewReader(sample), Options{}, func(Host) error { return stop }, nil)
	if !errors.Is(err, stop) || sum.Hosts != 1 || sum.Findings != 0 {
		t.Errorf("host callback: %v, %+v", err, sum)
	}
	var progress []int64
	sum, err = Parse(bytes.NewReader(sample), Options{Progress: func(n int64) { progress = append(progress, n) }}, nil, nil)
	if err != nil || len(progress) == 0 || progress[len(progress)-1] != int64(len(sample)) || sum.Findings != 16 {
		t.Errorf("progress %v, summary %+v, err %v", progress, sum, err)
	}
}

// TestParseSkipsInvalidParts checks that invalid hosts and findings are
// skipped with a problem while the rest is imported.
func TestParseSkipsInvalidParts(t *testing.T) {
	doc := `<NessusClientData_v2><Report name="r">
<ReportHost name=""><ReportItem port="80" severity="3" pluginID="1" pluginName="no host"/></ReportHost>
<ReportHost name="10.9.9.9"><HostProperties><tag name="host-ip">999.1.1.1</tag></HostProperties>
<ReportItem port="99999" protocol="TCP" severity="x" pluginID="2" pluginName="word severity"><risk_factor>High</risk_factor>
<cvss3_base_score>11</cvss3_base_score><cvss_base_score>7.1</cvss_base_score></ReportItem>
<ReportItem port="1" severity="1"/>
<ReportItem port="2" severity="2" pluginID="3"><cve>CVE-2024-1</cve><cve>CVE-2024-12345 cve-2024-12345</cve></ReportItem>
</ReportHost></Report></NessusClientData_v2>`
	res := parseWithin(t, 10*time.Second, strings.NewReader(doc), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.sum.Hosts != 1 || res.sum.Findings != 2 || res.sum.Skipped != 3 || len(res.sum.Problems) != 4 {
		t.Fatalf("summary = %+v", res.sum)
	}
	f := res.findings[0]
	if f.Host != "10.9.9.9" || f.Port != 0 || f.Protocol != "tcp" || f.Severity != SeverityHigh || f.CVSS != 7.1 {
		t.Errorf("finding = %+v", f)
	}
	if g := res.findings[1]; g.Name != "3" || len(g.CVEs) != 1 || g.CVEs[0] != "CVE-2024-12345" {
		t.Errorf("finding = %+v", g)
	}
}

func TestParseTextLimit(t *testing.T) {
	long := strings.Repeat("Lỗ hổng nghiêm trọng. ", 50)
	doc := `<report><results><result><host>fe80::1</host><port>443/tcp</port><nvt oid="1"><name>x</name></nvt>` +
		`<severity>7.0</severity><description>` + long + `</description></result></results></report>`
	res := parseWithin(t, 10*time.Second, strings.NewReader(doc), Options{MaxTextLen: 100})
	if res.err != nil || len(res.findings) != 1 {
		t.Fatalf("err %v, %+v", res.err, res.sum)
	}
	f := res.findings[0]
	if len(f.Description) > 100 || !strings.HasSuffix(f.Description, "…") || !strings.HasPrefix(long, strings.TrimSuffix(f.Description, "…")) {
		t.Errorf("description %q (%d bytes)", f.Description, len(f.Description))
	}
	if f.IP != "fe80::1" || f.Severity != SeverityHigh || f.CVSS != 7 {
		t.Errorf("finding = %+v", f)
	}
}
