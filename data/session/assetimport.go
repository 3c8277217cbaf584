package session

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/textnorm"
	"daumoi/data/vault"
)

// ErrSameAssetTwice is a row of an import that describes an asset an
// earlier row of the same file already describes.
var ErrSameAssetTwice = errors.New("session: another row of the file describes the same asset")

// registerTag is the register's tag in asset codes: six hex digits of the
// hash of the agency's creation time, the same for the life of the vault
// (and its backups), different from another agency's vault. A code with
// another tag comes from another register and matches nothing here.
func registerTag(q rowQuerier) (string, error) {
	var created string
	err := q.QueryRow(`SELECT created_at FROM agency WHERE id = 1`).Scan(&created)
	if err != nil && !isNoRows(err) {
		return "", err
	}
	sum := sha256.Sum256([]byte("daumoi asset register " + created))
	return strings.ToUpper(hex.EncodeToString(sum[:3])), nil
}

// assetPlan is what an asset import stores: new assets, and updates of
// assets already in the register (with the status change a row asks for).
type assetPlan struct {
	added   []registers.Asset
	updates []assetUpdate
}

type assetUpdate struct {
	before, after registers.Asset
	changes       []registers.FieldChange
	san           registers.Sanitisation // for a status change that needs one
}

// importIndex finds the register's assets by the keys an import matches
// on. Each key lists its assets in id order; a row takes the first one no
// earlier row took, so a file with several identical rows (five "Máy trạm
// phòng Kế toán" without host names) matches the same assets in the same
// order each time it is imported.
type importIndex struct {
	tag     string
	byID    map[int64]registers.Asset
	keys    map[string][]int64
	claimed map[int64]int // asset id → row that took it
}

func newImportIndex(tag string, assets []registers.Asset) *importIndex {
	ix := &importIndex{tag: tag, byID: map[int64]registers.Asset{}, keys: map[string][]int64{}, claimed: map[int64]int{}}
	for _, a := range assets {
		ix.byID[a.ID] = a
		for _, k := range matchKeys(a) {
			ix.keys[k] = append(ix.keys[k], a.ID)
		}
	}
	return ix
}

// matchKeys are an asset's keys, in the order an import tries them.
func matchKeys(a registers.Asset) []string {
	var out []string
	if h := registers.HostnameKey(a.Hostname); h != "" {
		out = append(out, "hostname:"+h)
	}
	if s := textnorm.Fold(a.Serial); s != "" {
		out = append(out, "serial:"+s)
	}
	for _, m := range a.MACs {
		out = append(out, "macs:"+strings.ToLower(m))
	}
	for _, ip := range a.IPs {
		out = append(out, "ips:"+ip)
	}
	if n := textnorm.Fold(a.Name); n != "" {
		out = append(out, "name:"+string(a.Type)+"|"+n)
	}
	return out
}

// match finds the asset a row describes: by its code in the register, then
// by host name, serial, MAC, IP, and last by type and name — the name only
// when the identifiers both sides have agree. It returns 0 for a new row.
func (ix *importIndex) match(row registers.Asset, code string) (id int64, by string, err error) {
	tag, cid, err := registers.ParseAssetCode(code)
	if err != nil {
		return 0, "", err
	}
	if cid != 0 && tag == ix.tag {
		if _, ok := ix.byID[cid]; ok {
			return cid, "code", nil
		}
	}
	for _, k := range matchKeys(row) {
		by, _, _ := strings.Cut(k, ":")
		for _, cand := range ix.keys[k] {
			if _, taken := ix.claimed[cand]; taken {
				continue
			}
			if by == "name" && !identifiersAgree(ix.byID[cand], row) {
				continue
			}
			return cand, by, nil
		}
	}
	return 0, "", nil
}

// identifiersAgree reports that no identifier both assets have differs.
func identifiersAgree(a, b registers.Asset) bool {
	differ := func(x, y string) bool { return x != "" && y != "" && x != y }
	if differ(registers.HostnameKey(a.Hostname), registers.HostnameKey(b.Hostname)) || differ(textnorm.Fold(a.Serial), textnorm.Fold(b.Serial)) {
		return false
	}
	disjoint := func(x, y []string) bool {
		if len(x) == 0 || len(y) == 0 {
			return false
		}
		for _, v := range x {
			if slices.Contains(y, v) {
				return false
			}
		}
		return true
	}
	return !disjoint(a.MACs, b.MACs) && !disjoint(a.IPs, b.IPs)
}

// planAssets validates the rows, matches each to the register and returns
// what to store; the report says which rows are new, updated, unchanged or
// refused.
func planAssets(q rowQuerier, sheet tabular.Sheet, m tabular.Mapping, rep *ImportReport) (assetPlan, error) {
	var plan assetPlan
	systems, err := readSystems(q)
	if err != nil {
		return plan, err
	}
	byName, names := map[string]int64{}, map[int64]string{}
	for _, sys := range systems {
		byName[registers.SystemKey(sys.Name)] = sys.ID
		names[sys.ID] = sys.Name
	}
	resolve := func(name string) (int64, bool) { id, ok := byName[registers.SystemKey(name)]; return id, ok }
	systemName := func(id int64) string { return names[id] }
	existing, err := queryAssets(q, AssetFilter{})
	if err != nil {
		return plan, err
	}
	tag, err := registerTag(q)
	if err != nil {
		return plan, err
	}
	ix := newImportIndex(tag, existing)
	hostOwner := map[string]int64{} // host name key → asset id (0: a new row of the file)
	for _, a := range existing {
		if k := registers.HostnameKey(a.Hostname); k != "" {
			hostOwner[k] = a.ID
		}
	}
	for _, rec := range tabular.TrimFooter(tabular.Records(sheet, m), "type", "name") {
		rep.Rows++
		row, probs := registers.AssetFromRecord(rec, resolve)
		var id int64
		var by string
		if len(probs) == 0 {
			var err error
			if id, by, err = ix.match(row, rec.Values["code"]); err != nil {
				probs = append(probs, registers.Problem{Field: "code", Err: err})
			} else if first, dup := ix.claimed[id]; id != 0 && dup {
				probs = append(probs, registers.Problem{Err: fmt.Errorf("%w: %q (row %d)", ErrSameAssetTwice, ix.byID[id].Name, first)})
			}
		}
		after := row
		var upd assetUpdate
		if len(probs) == 0 && id != 0 {
			upd, err = planUpdate(ix.byID[id], row, rec, systemName)
			after = upd.after
			if err != nil {
				probs = append(probs, registers.Problem{Field: "status", Err: err})
			}
		}
		if key := registers.HostnameKey(after.Hostname); len(probs) == 0 && key != "" {
			if owner, taken := hostOwner[key]; taken && (owner != id || owner == 0) {
				probs = append(probs, registers.Problem{Field: "hostname", Err: fmt.Errorf("%w: %q", ErrDuplicateHostname, after.Hostname)})
			}
		}
		if len(probs) > 0 {
			rep.Skipped = append(rep.Skipped, SkippedRow{Row: rec.Row, Problems: probs})
			continue
		}
		if id != 0 {
			if k := registers.HostnameKey(ix.byID[id].Hostname); k != "" && k != registers.HostnameKey(after.Hostname) && hostOwner[k] == id {
				delete(hostOwner, k) // the asset gives its old host name up
			}
		}
		if key := registers.HostnameKey(after.Hostname); key != "" {
			hostOwner[key] = id
		}
		rep.Valid++
		if id == 0 {
			plan.added = append(plan.added, row)
			rep.New++
			rep.Added = append(rep.Added, RowMatch{Row: rec.Row, Name: row.Name})
			continue
		}
		ix.claimed[id] = rec.Row
		match := RowMatch{Row: rec.Row, ID: id, Name: ix.byID[id].Name, By: by, Changes: upd.changes}
		if len(upd.changes) == 0 {
			rep.Unchanged = append(rep.Unchanged, match)
			continue
		}
		rep.Updated = append(rep.Updated, match)
		plan.updates = append(plan.updates, upd)
	}
	return plan, nil
}

// planUpdate merges a row into the asset it matched and checks a status
// change against the lifecycle.
func planUpdate(before, row registers.Asset, rec tabular.Record, systemName func(int64) string) (assetUpdate, error) {
	after, err := registers.NormalizeAsset(registers.MergeAsset(before, row, rec))
	if err != nil {
		return assetUpdate{after: after}, err
	}
	upd := assetUpdate{before: before, after: after, changes: registers.AssetChanges(before, after, systemName)}
	if after.Status != before.Status {
		if !registers.CanChangeStatus(before.Status, after.Status) {
			return upd, fmt.Errorf("%w: %s → %s", registers.ErrInvalidStatusChange, before.Status.Label(), after.Status.Label())
		}
		if registers.NeedsSanitisation(after.Status) {
			if len(row.Sanitisations) == 0 {
				return upd, registers.ErrSanitisationRequired
			}
			upd.san = row.Sanitisations[0]
			upd.san.ForStatus = after.Status
		}
	}
	return upd, nil
}

// storeAssets inserts the new assets with their sanitisation records,
// updates the matched ones (a status change going through the lifecycle),
// and records one history entry for the import.
func (s *Session) storeAssets(tx *vault.Tx, plan assetPlan) error {
	id, err := nextID(tx, "assets")
	if err != nil {
		return err
	}
	now := stamp(s.now())
	for _, a := range plan.added {
		a.ID = id
		id++
		if err := writeAsset(tx, a, now, true); err != nil {
			return err
		}
		for _, san := range a.Sanitisations {
			if err := insertSanitisation(tx, a.ID, san); err != nil {
				return err
			}
		}
	}
	var updated []registers.Asset
	for _, u := range plan.updates {
		fields := u.after
		fields.Status = u.before.Status
		if err := writeAsset(tx, fields, now, false); err != nil {
			return err
		}
		if u.after.Status != u.before.Status {
			if err := s.changeStatusTx(tx, fields, u.after.Status, u.san); err != nil {
				return err
			}
		}
		var parts []string
		for _, c := range u.changes {
			parts = append(parts, fmt.Sprintf("%s: %q → %q", c.Field, c.Old, c.New))
		}
		if err := s.record(tx, "asset.update", "asset", fmt.Sprint(u.after.ID), u.after.Name+" (nhập từ tệp): "+joinSummary(parts)); err != nil {
			return err
		}
		updated = append(updated, u.after)
	}
	if len(plan.added) == 0 {
		return nil
	}
	summary := fmt.Sprintf("Nhập %d tài sản từ tệp: %s", len(plan.added), namesOf(plan.added))
	if len(updated) > 0 {
		summary += fmt.Sprintf("; cập nhật %d tài sản", len(updated))
	}
	return s.record(tx, "asset.import", "asset", "", summary)
}
