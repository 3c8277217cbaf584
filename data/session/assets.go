package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of the asset register.
var (
	// ErrNoSuchAsset is returned for an unknown asset id.
	ErrNoSuchAsset = errors.New("session: no such asset")
	// ErrDuplicateHostname is returned when another asset has the same host
	// name (ignoring case).
	ErrDuplicateHostname = errors.New("session: another asset has this host name")
	// ErrNoSuchRepair is returned for an unknown repair entry.
	ErrNoSuchRepair = errors.New("session: no such repair entry")
)

// AssetSort orders ListAssets.
type AssetSort string

// The sort orders; each falls back to the name, then the id.
const (
	SortByName        AssetSort = "name"
	SortByHostname    AssetSort = "hostname"
	SortByType        AssetSort = "type"
	SortByStatus      AssetSort = "status"
	SortByLocation    AssetSort = "location"
	SortByResponsible AssetSort = "responsible"
)

// AssetFilter narrows ListAssets. Zero values match everything.
type AssetFilter struct {
	Type           registers.AssetType
	Status         registers.AssetStatus
	System         int64  // serves this system
	Text           string // anywhere in the asset's text; ignores case and diacritics
	ViolationsOnly bool   // state secret on a connected device
	Sort           AssetSort
	Descending     bool
}

const assetColumns = `id, type, name, hostname, ips, macs, os, os_version, serial, location, responsible, supplier,
	internet, lan, state_secret, status, notes, in_service_date, manufacture_year, managing_unit`

func scanAsset(scan func(dest ...any) error) (registers.Asset, error) {
	var a registers.Asset
	var ips, macs string
	err := scan(&a.ID, &a.Type, &a.Name, &a.Hostname, &ips, &macs, &a.OS, &a.OSVersion, &a.Serial, &a.Location,
		&a.Responsible, &a.Supplier, &a.Internet, &a.LAN, &a.StateSecret, &a.Status, &a.Notes,
		&a.InServiceDate, &a.ManufactureYear, &a.ManagingUnit)
	a.IPs, a.MACs = splitStored(ips), splitStored(macs)
	return a, err
}

func splitStored(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}

func orderBy(f AssetFilter) string {
	cols := map[AssetSort]string{
		SortByHostname: "hostname_key", SortByType: "type", SortByStatus: "status",
		SortByLocation: "location COLLATE NOCASE", SortByResponsible: "responsible COLLATE NOCASE",
	}
	dir := ""
	if f.Descending {
		dir = " DESC"
	}
	if c, ok := cols[f.Sort]; ok {
		return c + dir + ", name_key" + dir + ", id"
	}
	return "name_key" + dir + ", id"
}

// ListAssets returns the assets matching f with the systems they serve
// (repairs and sanitisations are left to GetAsset). The text search runs
// inside SQLite over a folded copy of the asset's text.
func (s *Session) ListAssets(f AssetFilter) ([]registers.Asset, error) {
	var list []registers.Asset
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAssets(tx, f)
		return err
	})
	return list, err
}

func queryAssets(q rowQuerier, f AssetFilter) ([]registers.Asset, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, string(f.Type))
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if f.System != 0 {
		where, args = append(where, "id IN (SELECT asset_id FROM asset_systems WHERE system_id = ?)"), append(args, f.System)
	}
	if t := textnorm.Fold(f.Text); t != "" {
		where, args = append(where, "instr(search, ?) > 0"), append(args, t)
	}
	if f.ViolationsOnly {
		where = append(where, "state_secret = 1 AND (internet = 1 OR lan = 1)")
	}
	list, err := queryAll(q, scanAsset, `SELECT `+assetColumns+` FROM assets WHERE `+strings.Join(where, " AND ")+` ORDER BY `+orderBy(f), args...)
	if err != nil {
		return nil, err
	}
	return list, attachSystems(q, list)
}

// attachSystems fills each asset's Systems.
func attachSystems(q rowQuerier, list []registers.Asset) error {
	if len(list) == 0 {
		return nil
	}
	rows, err := q.Query(`SELECT asset_id, system_id FROM asset_systems ORDER BY asset_id, system_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	links := map[int64][]int64{}
	for rows.Next() {
		var a, sys int64
		if err := rows.Scan(&a, &sys); err != nil {
			return err
		}
		links[a] = append(links[a], sys)
	}
	for i := range list {
		list[i].Systems = links[list[i].ID]
	}
	return rows.Err()
}

// Violations returns the devices that hold state-secret data while
// connected to the Internet or the LAN (Chỉ thị 11 item 1đ).
func (s *Session) Violations() ([]registers.Asset, error) {
	return s.ListAssets(AssetFilter{ViolationsOnly: true})
}

func getAsset(q rowQuerier, id int64) (registers.Asset, error) {
	a, err := scanAsset(q.QueryRow(`SELECT `+assetColumns+` FROM assets WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return a, fmt.Errorf("%w: %d", ErrNoSuchAsset, id)
	}
	if err != nil {
		return a, err
	}
	list := []registers.Asset{a}
	if err := attachSystems(q, list); err != nil {
		return a, err
	}
	a = list[0]
	if a.Repairs, err = readRepairs(q, id); err != nil {
		return a, err
	}
	a.Sanitisations, err = readSanitisations(q, id)
	return a, err
}

// GetAsset returns one asset with its repairs and sanitisation records.
func (s *Session) GetAsset(id int64) (registers.Asset, error) {
	var a registers.Asset
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		a, err = getAsset(tx, id)
		return err
	})
	return a, err
}

// SaveAsset creates an asset (ID 0) or updates one and returns it as
// stored, with Violation() telling whether it breaks the state-secret rule.
// A new asset starts in use or under repair; an existing asset keeps its
// status, which changes only through ChangeAssetStatus. Needs
// PermEditRegisters.
func (s *Session) SaveAsset(a registers.Asset) (registers.Asset, error) {
	a, err := registers.NormalizeAsset(a)
	if err != nil {
		return a, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		a, err = s.saveAssetTx(tx, a)
		return err
	})
	return a, err
}

func (s *Session) saveAssetTx(tx *vault.Tx, a registers.Asset) (registers.Asset, error) {
	if err := checkAssetRefs(tx, a); err != nil {
		return a, err
	}
	now := stamp(s.now())
	if a.ID == 0 {
		if registers.NeedsSanitisation(a.Status) {
			return a, fmt.Errorf("%w: a new asset cannot start %s", registers.ErrInvalidStatusChange, a.Status)
		}
		id, err := nextID(tx, "assets")
		if err != nil {
			return a, err
		}
		a.ID = id
		if err := writeAsset(tx, a, now, true); err != nil {
			return a, err
		}
		return a, s.record(tx, "asset.add", "asset", fmt.Sprint(a.ID), describeAsset(a))
	}
	before, err := getAsset(tx, a.ID)
	if err != nil {
		return a, err
	}
	a.Status, a.Repairs, a.Sanitisations = before.Status, before.Repairs, before.Sanitisations
	if err := writeAsset(tx, a, now, false); err != nil {
		return a, err
	}
	return a, s.record(tx, "asset.update", "asset", fmt.Sprint(a.ID), a.Name+": "+joinSummary(diffFields(before, a, "id", "repairs", "sanitisations")))
}

func describeAsset(a registers.Asset) string {
	s := fmt.Sprintf("%s (%s", a.Name, a.Type.Label())
	if a.Hostname != "" {
		s += ", " + a.Hostname
	}
	s += ")"
	if a.Violation() {
		s += " — VI PHẠM: lưu bí mật nhà nước trên máy có kết nối mạng"
	}
	return s
}

// checkAssetRefs refuses a duplicate host name or an unknown system.
func checkAssetRefs(q rowQuerier, a registers.Asset) error {
	if a.Hostname != "" {
		var other int64
		err := q.QueryRow(`SELECT id FROM assets WHERE hostname_key = ? AND id <> ?`, registers.HostnameKey(a.Hostname), a.ID).Scan(&other)
		if err == nil {
			return fmt.Errorf("%w: %s", ErrDuplicateHostname, a.Hostname)
		}
		if !isNoRows(err) {
			return err
		}
	}
	for _, id := range a.Systems {
		if _, err := getSystem(q, id); err != nil {
			return err
		}
	}
	return nil
}

func writeAsset(tx *vault.Tx, a registers.Asset, now string, create bool) error {
	args := []any{string(a.Type), a.Name, textnorm.Fold(a.Name), a.Hostname, registers.HostnameKey(a.Hostname),
		strings.Join(a.IPs, " "), strings.Join(a.MACs, " "), a.OS, a.OSVersion, a.Serial, a.Location, a.Responsible,
		a.Supplier, a.Internet, a.LAN, a.StateSecret, string(a.Status), a.Notes, a.InServiceDate, a.ManufactureYear,
		a.ManagingUnit, a.SearchText(), now}
	var err error
	if create {
		_, err = tx.Exec(`INSERT INTO assets (type, name, name_key, hostname, hostname_key, ips, macs, os, os_version, serial,
			location, responsible, supplier, internet, lan, state_secret, status, notes, in_service_date, manufacture_year,
			managing_unit, search, updated_at, id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, a.ID, now)...)
	} else {
		_, err = tx.Exec(`UPDATE assets SET type = ?, name = ?, name_key = ?, hostname = ?, hostname_key = ?, ips = ?, macs = ?,
			os = ?, os_version = ?, serial = ?, location = ?, responsible = ?, supplier = ?, internet = ?, lan = ?,
			state_secret = ?, status = ?, notes = ?, in_service_date = ?, manufacture_year = ?, managing_unit = ?,
			search = ?, updated_at = ? WHERE id = ?`, append(args, a.ID)...)
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM asset_systems WHERE asset_id = ?`, a.ID); err != nil {
		return err
	}
	for _, sys := range a.Systems {
		if _, err := tx.Exec(`INSERT INTO asset_systems (asset_id, system_id) VALUES (?, ?)`, a.ID, sys); err != nil {
			return err
		}
	}
	return nil
}

// DeleteAsset removes an asset with its repair log and sanitisation
// records (for entries made by mistake; a device that leaves service is
// disposed of with ChangeAssetStatus instead, which keeps its record).
// Needs PermEditRegisters.
func (s *Session) DeleteAsset(id int64) error {
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		a, err := getAsset(tx, id)
		if err != nil {
			return err
		}
		for _, table := range []string{"asset_systems", "asset_repairs", "asset_sanitisations"} {
			if _, err := tx.Exec(`DELETE FROM `+table+` WHERE asset_id = ?`, id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`DELETE FROM assets WHERE id = ?`, id); err != nil {
			return err
		}
		return s.record(tx, "asset.delete", "asset", fmt.Sprint(id), describeAsset(a))
	})
}

// ChangeAssetStatus moves an asset along its lifecycle (in use → under
// repair → repurposed → disposed; see registers.CanChangeStatus). Going to
// repurposed or disposed requires the sanitisation record san (method,
// date, performer), stored with the change in one transaction. Needs
// PermEditRegisters.
func (s *Session) ChangeAssetStatus(id int64, to registers.AssetStatus, san *registers.Sanitisation) error {
	if !slices.Contains(registers.AssetStatuses(), to) {
		return fmt.Errorf("%w: %q", registers.ErrUnknownStatus, to)
	}
	var clean registers.Sanitisation
	if registers.NeedsSanitisation(to) {
		if san == nil {
			return registers.ErrSanitisationRequired
		}
		var err error
		if clean, err = registers.NormalizeSanitisation(*san); err != nil {
			return err
		}
		clean.ForStatus = to
	}
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		a, err := getAsset(tx, id)
		if err != nil {
			return err
		}
		return s.changeStatusTx(tx, a, to, clean)
	})
}

func (s *Session) changeStatusTx(tx *vault.Tx, a registers.Asset, to registers.AssetStatus, san registers.Sanitisation) error {
	if !registers.CanChangeStatus(a.Status, to) {
		return fmt.Errorf("%w: %s → %s", registers.ErrInvalidStatusChange, a.Status, to)
	}
	if _, err := tx.Exec(`UPDATE assets SET status = ?, updated_at = ? WHERE id = ?`, string(to), stamp(s.now()), a.ID); err != nil {
		return err
	}
	summary := fmt.Sprintf("%s: %s → %s", a.Name, a.Status.Label(), to.Label())
	if registers.NeedsSanitisation(to) {
		if err := insertSanitisation(tx, a.ID, san); err != nil {
			return err
		}
		summary += fmt.Sprintf("; xóa dữ liệu (%s) ngày %s, người thực hiện %s", san.Method, san.Date, san.Performer)
		if san.Witness != "" {
			summary += ", người chứng kiến " + san.Witness
		}
	}
	return s.record(tx, "asset.status", "asset", fmt.Sprint(a.ID), summary)
}

func insertSanitisation(tx *vault.Tx, assetID int64, san registers.Sanitisation) error {
	id, err := nextID(tx, "asset_sanitisations")
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO asset_sanitisations (id, asset_id, method, date, performer, witness, evidence_id, for_status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, assetID, string(san.Method), san.Date, san.Performer, san.Witness, san.EvidenceID, string(san.ForStatus))
	return err
}

func readSanitisations(q rowQuerier, assetID int64) ([]registers.Sanitisation, error) {
	rows, err := q.Query(`SELECT id, method, date, performer, witness, evidence_id, for_status FROM asset_sanitisations
		WHERE asset_id = ? ORDER BY id`, assetID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []registers.Sanitisation
	for rows.Next() {
		var x registers.Sanitisation
		if err := rows.Scan(&x.ID, &x.Method, &x.Date, &x.Performer, &x.Witness, &x.EvidenceID, &x.ForStatus); err != nil {
			return nil, err
		}
		list = append(list, x)
	}
	return list, rows.Err()
}

// AddRepair appends an entry to an asset's repair log and returns it with
// its id. Needs PermEditRegisters.
func (s *Session) AddRepair(assetID int64, r registers.Repair) (registers.Repair, error) {
	r, err := registers.NormalizeRepair(r)
	if err != nil {
		return r, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		a, err := getAsset(tx, assetID)
		if err != nil {
			return err
		}
		if r.ID, err = nextID(tx, "asset_repairs"); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO asset_repairs (id, asset_id, date, by_whom, vendor, what, returned_on) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.ID, assetID, r.Date, r.By, r.Vendor, r.What, r.ReturnedOn); err != nil {
			return err
		}
		return s.record(tx, "asset.repair", "asset", fmt.Sprint(assetID), fmt.Sprintf("%s: sửa chữa ngày %s (%s), đơn vị %s, người giao %s, nhận lại %s",
			a.Name, r.Date, r.What, r.Vendor, r.By, r.ReturnedOn))
	})
	return r, err
}

// ReturnRepair records the date a device came back from repair. Needs
// PermEditRegisters.
func (s *Session) ReturnRepair(assetID, repairID int64, returnedOn string) error {
	date, err := registers.NormalizeDate(returnedOn)
	if err != nil || date == "" {
		return fmt.Errorf("%w: %w", ErrInvalidInput, errors.Join(err, registers.ErrBadDate))
	}
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		var sent string
		err := tx.QueryRow(`SELECT date FROM asset_repairs WHERE id = ? AND asset_id = ?`, repairID, assetID).Scan(&sent)
		if isNoRows(err) {
			return fmt.Errorf("%w: %d", ErrNoSuchRepair, repairID)
		}
		if err != nil {
			return err
		}
		if date < sent {
			return fmt.Errorf("%w: %w: returned before sent", ErrInvalidInput, registers.ErrBadDate)
		}
		if _, err := tx.Exec(`UPDATE asset_repairs SET returned_on = ? WHERE id = ?`, date, repairID); err != nil {
			return err
		}
		return s.record(tx, "asset.repair_return", "asset", fmt.Sprint(assetID), fmt.Sprintf("nhận lại thiết bị sửa chữa ngày %s", date))
	})
}

func readRepairs(q rowQuerier, assetID int64) ([]registers.Repair, error) {
	rows, err := q.Query(`SELECT id, date, by_whom, vendor, what, returned_on FROM asset_repairs WHERE asset_id = ? ORDER BY date, id`, assetID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []registers.Repair
	for rows.Next() {
		var r registers.Repair
		if err := rows.Scan(&r.ID, &r.Date, &r.By, &r.Vendor, &r.What, &r.ReturnedOn); err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
