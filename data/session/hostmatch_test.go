package session

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestAssignUnmatchedHost gives the findings of a host that matched no
// asset to an asset and remembers its address: the next report of that
// host matches by itself and sees the same findings again.
func TestAssignUnmatchedHost(t *testing.T) {
	_, s, sys := seedScanVault(t)
	report := nessusReport(
		nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb}},
		nessusHost{"10.9.9.9", "la-may", []nessusItem{lowOdd, medWeb}},
	)
	_, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	hosts, err := s.ListUnmatchedHosts(sys.ID)
	must(t, err)
	if len(hosts) != 1 || hosts[0].Host != "10.9.9.9" || hosts[0].Hostname != "la-may" || hosts[0].Open != 2 {
		t.Fatalf("unmatched hosts = %+v", hosts)
	}
	assets, err := s.ListAssets(AssetFilter{})
	must(t, err)
	db := assets[1]
	n, err := s.AssignHost(HostAssignment{SystemID: sys.ID, Host: "10.9.9.9", AssetID: db.ID, RememberAddress: true})
	must(t, err)
	if n != 2 {
		t.Errorf("assigned %d findings, want 2", n)
	}
	got, err := s.GetAsset(db.ID)
	must(t, err)
	if !slices.Contains(got.IPs, "10.9.9.9") {
		t.Errorf("asset addresses = %v", got.IPs)
	}
	if hosts, _ := s.ListUnmatchedHosts(0); len(hosts) != 0 {
		t.Errorf("still unmatched: %+v", hosts)
	}
	res, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-24"})
	must(t, err)
	if res.New != 0 || res.Seen != 3 || len(res.Unmatched) != 0 {
		t.Errorf("re-scan after assigning = new %d seen %d unmatched %+v", res.New, res.Seen, res.Unmatched)
	}

	if _, err := s.AssignHost(HostAssignment{SystemID: sys.ID, Host: "10.9.9.9", AssetID: db.ID}); !errors.Is(err, ErrNoUnmatchedHost) {
		t.Errorf("assigning again = %v, want ErrNoUnmatchedHost", err)
	}
	if _, err := s.AssignHost(HostAssignment{SystemID: sys.ID, Host: "10.9.9.9", AssetID: 999}); !errors.Is(err, ErrNoSuchAsset) {
		t.Errorf("unknown asset = %v, want ErrNoSuchAsset", err)
	}
}
