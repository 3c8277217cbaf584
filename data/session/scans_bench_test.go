package session

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkImportScanReport imports a Nessus report of 2,000 hosts with 5
// findings each (10,000 findings, about 4 MB) into a vault with a level-3
// system; every round after the first sees the same findings again.
func BenchmarkImportScanReport(b *testing.B) {
	_, s, sys := seedScanVault(b)
	var hosts []nessusHost
	for i := range 2000 {
		ip := fmt.Sprintf("10.%d.%d.%d", 1+i/65536, (i/256)%256, i%256)
		var items []nessusItem
		for j := range 5 {
			items = append(items, nessusItem{port: 1000 + j, severity: 1 + j%4, plugin: fmt.Sprint(50000 + j), name: fmt.Sprintf("Lỗ hổng %d", j)})
		}
		hosts = append(hosts, nessusHost{ip, fmt.Sprintf("host-%d", i), items})
	}
	report := nessusReport(hosts...)
	b.SetBytes(int64(len(report)))
	for b.Loop() {
		res, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
		if err != nil || res.Findings != 10000 {
			b.Fatalf("import: %d findings, %v", res.Findings, err)
		}
	}
}
