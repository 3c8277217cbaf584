package registers

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"daumoi/data/textnorm"
)

// NormalizeIPs reads one or more IPv4/IPv6 addresses separated by commas,
// semicolons or spaces and returns them in canonical form ("192.168.001.010"
// is refused as ambiguous, as Go's parser does), without duplicates, in the
// order given.
func NormalizeIPs(s string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, f := range splitList(textnorm.NFC(s)) {
		a, err := netip.ParseAddr(f)
		if err != nil || a.Zone() != "" {
			return nil, fmt.Errorf("%w: %q", ErrBadIP, f)
		}
		c := a.Unmap().String()
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// NormalizeMACs reads one or more 48-bit MAC addresses written
// AA:BB:CC:DD:EE:FF, AA-BB-CC-DD-EE-FF, aabb.ccdd.eeff or as 12 hex digits,
// and returns them as upper-case AA:BB:CC:DD:EE:FF without duplicates.
func NormalizeMACs(s string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, f := range splitList(textnorm.NFC(s)) {
		m, err := parseMAC(f)
		if err != nil {
			return nil, err
		}
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out, nil
}

func parseMAC(s string) (string, error) {
	if len(s) == 12 && isHex(s) {
		s = s[0:2] + ":" + s[2:4] + ":" + s[4:6] + ":" + s[6:8] + ":" + s[8:10] + ":" + s[10:12]
	}
	hw, err := net.ParseMAC(s)
	if err != nil || len(hw) != 6 {
		return "", fmt.Errorf("%w: %q", ErrBadMAC, s)
	}
	return strings.ToUpper(hw.String()), nil
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// NormalizeHostname checks a host name: labels of letters, digits, '-' and
// '_' (Windows names use it) separated by dots, each 1–63 characters, 253 in
// all, not starting or ending with '-'. Case is kept as written; HostnameKey
// gives the case-insensitive key used to find duplicates. "" stays "".
func NormalizeHostname(s string) (string, error) {
	s = strings.TrimSuffix(strings.TrimSpace(textnorm.NFC(s)), ".")
	if s == "" {
		return "", nil
	}
	if len(s) > 253 {
		return s, fmt.Errorf("%w: %q", ErrBadHostname, s)
	}
	for _, label := range strings.Split(s, ".") {
		if !validLabel(label) {
			return s, fmt.Errorf("%w: %q", ErrBadHostname, s)
		}
	}
	return s, nil
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, r := range l {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}

// HostnameKey is the case-insensitive form of a host name, for duplicate
// checks.
func HostnameKey(h string) string { return strings.ToLower(h) }
