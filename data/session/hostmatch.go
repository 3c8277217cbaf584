package session

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// ErrNoUnmatchedHost is returned by AssignHost for a host that has no
// finding without an asset in the system.
var ErrNoUnmatchedHost = errors.New("session: no finding of that host lacks an asset")

// UnmatchedHost is a scanned host whose findings belong to no asset of the
// register: its address or name matched nothing when the report was
// imported.
type UnmatchedHost struct {
	SystemID int64
	Host     string // the address, or the name when the report gave none
	Hostname string
	Open     int // findings still open or in progress
	Total    int
	LastSeen string
}

// ListUnmatchedHosts returns the hosts of a system (0: of every system)
// that have open findings without an asset, by system and host. Needs
// PermRead.
func (s *Session) ListUnmatchedHosts(systemID int64) ([]UnmatchedHost, error) {
	var list []UnmatchedHost
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT system_id, host, MAX(hostname), SUM(status IN ('open', 'in_progress')), COUNT(*), MAX(last_seen)
			FROM findings WHERE asset_id = 0 AND (? = 0 OR system_id = ?) GROUP BY system_id, host
			HAVING SUM(status IN ('open', 'in_progress')) > 0 ORDER BY system_id, host`, systemID, systemID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h UnmatchedHost
			if err := rows.Scan(&h.SystemID, &h.Host, &h.Hostname, &h.Open, &h.Total, &h.LastSeen); err != nil {
				return err
			}
			list = append(list, h)
		}
		return rows.Err()
	})
	return list, err
}

// HostAssignment gives the asset a scanned host is.
type HostAssignment struct {
	SystemID int64
	Host     string
	AssetID  int64
	// RememberAddress adds the host's address (or, for a host known only by
	// name, its name when the asset has none) to the asset, so that later
	// reports match it by themselves.
	RememberAddress bool
}

// AssignHost gives the findings of a host that matched no asset to an
// asset, and returns how many it changed. Needs PermEditRegisters.
func (s *Session) AssignHost(a HostAssignment) (int, error) {
	a.Host = strings.TrimSpace(textnorm.NFC(a.Host))
	var n int
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		asset, err := getAsset(tx, a.AssetID)
		if err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE findings SET asset_id = ?, match_key = 'asset:' || ? || substr(match_key, instr(match_key, '|'))
			WHERE system_id = ? AND host = ? AND asset_id = 0`, asset.ID, asset.ID, a.SystemID, a.Host)
		if err != nil {
			return err
		}
		changed, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if changed == 0 {
			return fmt.Errorf("%w: %s", ErrNoUnmatchedHost, a.Host)
		}
		n = int(changed)
		if a.RememberAddress {
			if err := s.rememberAddress(tx, asset.ID, a.Host); err != nil {
				return err
			}
		}
		return s.record(tx, "finding.assign", "asset", fmt.Sprint(asset.ID),
			fmt.Sprintf("gán %d lỗ hổng của máy %s cho tài sản %s", n, a.Host, asset.Name))
	})
	return n, err
}

// rememberAddress adds host to the asset's addresses when it is an IP
// address, or as its host name when it has none.
func (s *Session) rememberAddress(tx *vault.Tx, assetID int64, host string) error {
	asset, err := getAsset(tx, assetID)
	if err != nil {
		return err
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if slices.Contains(asset.IPs, ip.String()) {
			return nil
		}
		asset.IPs = append(asset.IPs, ip.String())
	} else if asset.Hostname == "" {
		asset.Hostname = host
	} else {
		return nil
	}
	if asset, err = registers.NormalizeAsset(asset); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	_, err = s.saveAssetTx(tx, asset)
	return err
}
