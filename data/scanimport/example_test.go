package scanimport_test

import (
	"fmt"
	"os"

	"daumoi/data/scanimport"
)

// Parse streams a report: hosts and findings reach the callbacks as soon as
// each is read, so the caller can store them without holding the report.
func ExampleParse() {
	f, err := os.Open("testdata/sample.nessus")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	critical := 0
	sum, err := scanimport.Parse(f, scanimport.Options{},
		func(h scanimport.Host) error {
			fmt.Printf("host %s %s\n", h.IP, h.Hostname)
			return nil
		},
		func(fd scanimport.Finding) error {
			if fd.Severity == scanimport.SeverityCritical {
				critical++
			}
			return nil
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.Format, sum.Hosts, "hosts,", sum.Findings, "findings,", critical, "critical,", sum.Skipped, "skipped")
	// Output:
	// host 192.168.10.5 srv-web01
	// host 10.0.0.20 KETOAN-PC
	// host  mail.sotttt.vinhlong.gov.vn
	// nessus 3 hosts, 16 findings, 2 critical, 1 skipped
}
