package scangen_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"daumoi/data/scanimport"
	"daumoi/data/scanimport/scangen"
)

// TestReportsParse checks that both generated formats are reports the
// import reads completely, with the hosts and severities the spec says.
func TestReportsParse(t *testing.T) {
	spec := scangen.Spec{Findings: 2500, PerHost: 1000, Network: "10.9"}
	for name, gen := range map[string]func(scangen.Spec) io.Reader{"nessus": scangen.Nessus, "openvas": scangen.OpenVAS} {
		t.Run(name, func(t *testing.T) {
			hosts := map[string]bool{}
			sum, err := scanimport.Parse(gen(spec), scanimport.Options{},
				func(h scanimport.Host) error { hosts[h.IP] = true; return nil },
				func(scanimport.Finding) error { return nil })
			if err != nil || sum.Findings != 2500 || sum.Hosts != spec.Hosts() || spec.Hosts() != 3 {
				t.Fatalf("err %v, summary %+v, want %d hosts", err, sum, spec.Hosts())
			}
			for i := range spec.Hosts() {
				if !hosts[spec.HostIP(i)] {
					t.Errorf("host %s missing from %v", spec.HostIP(i), hosts)
				}
			}
		})
	}
}

// TestStreamSmallReads reads a stream one byte at a time and compares it
// with reading it whole.
func TestStreamSmallReads(t *testing.T) {
	whole, err := io.ReadAll(scangen.Nessus(scangen.Spec{Findings: 3, PerHost: 2}))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r := scangen.Nessus(scangen.Spec{Findings: 3, PerHost: 2})
	one := make([]byte, 1)
	for {
		n, err := r.Read(one)
		b.Write(one[:n])
		if err == io.EOF {
			break
		}
	}
	if !bytes.Equal(whole, b.Bytes()) || strings.Count(b.String(), "<ReportHost ") != 2 || strings.Count(b.String(), "</ReportHost>") != 2 {
		t.Fatalf("streams differ or hosts not closed:\n%s", b.String())
	}
}
