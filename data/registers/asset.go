package registers

import (
	"fmt"
	"slices"
	"strings"

	"daumoi/data/textnorm"
)

// AssetType is the kind of an asset.
type AssetType string

// The asset types.
const (
	AssetServer         AssetType = "server"
	AssetWorkstation    AssetType = "workstation"
	AssetLaptop         AssetType = "laptop"
	AssetNetworkDevice  AssetType = "network_device"
	AssetSecurityDevice AssetType = "security_device"
	AssetStorage        AssetType = "storage"
	AssetSoftware       AssetType = "software"
	AssetService        AssetType = "service"
	AssetDataSet        AssetType = "dataset"
	AssetPrinter        AssetType = "printer"
	AssetOther          AssetType = "other"
)

// AssetTypes lists the asset types in display order.
func AssetTypes() []AssetType {
	return []AssetType{AssetServer, AssetWorkstation, AssetLaptop, AssetNetworkDevice, AssetSecurityDevice,
		AssetStorage, AssetPrinter, AssetSoftware, AssetService, AssetDataSet, AssetOther}
}

// assetTypeNames are the Vietnamese names (first: the one written in
// exports) and other spellings users write, folded.
func assetTypeNames() map[AssetType][]string {
	return map[AssetType][]string{
		AssetServer:         {"Máy chủ", "server", "may chu ao", "vm"},
		AssetWorkstation:    {"Máy trạm", "workstation", "may tinh de ban", "may tinh", "pc", "desktop"},
		AssetLaptop:         {"Máy tính xách tay", "laptop", "notebook", "may xach tay"},
		AssetNetworkDevice:  {"Thiết bị mạng", "network device", "network", "switch", "router", "bo dinh tuyen", "thiet bi chuyen mach", "access point", "wifi"},
		AssetSecurityDevice: {"Thiết bị bảo mật", "security device", "tuong lua", "firewall", "thiet bi an ninh", "utm", "ips"},
		AssetStorage:        {"Thiết bị lưu trữ", "storage", "nas", "san", "luu tru", "o cung", "usb"},
		AssetSoftware:       {"Phần mềm", "software", "ung dung", "application"},
		AssetService:        {"Dịch vụ", "service", "duong truyen", "dich vu thue ngoai", "cloud"},
		AssetDataSet:        {"Dữ liệu", "dataset", "data set", "data", "co so du lieu", "csdl", "bo du lieu"},
		AssetPrinter:        {"Máy in", "printer", "may in laser", "may in mau", "may in da nang", "may photocopy", "may photo", "may scan", "may quet", "scanner", "thiet bi in"},
		AssetOther:          {"Khác", "other", "thiet bi khac", "loai khac"},
	}
}

// ParseAssetType reads an asset type written as its key or in Vietnamese or
// English ("Máy chủ", "server", "tường lửa" …), ignoring case and diacritics.
func ParseAssetType(s string) (AssetType, error) {
	f := textnorm.Fold(s)
	for _, t := range AssetTypes() {
		if f == string(t) {
			return t, nil
		}
		for _, n := range assetTypeNames()[t] {
			if f == textnorm.Fold(n) {
				return t, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownAssetType, strings.TrimSpace(textnorm.NFC(s)))
}

// AssetTypeLabels are the Vietnamese names of the types, in display order:
// the values an asset sheet's type column accepts.
func AssetTypeLabels() []string {
	var out []string
	for _, t := range AssetTypes() {
		out = append(out, t.Label())
	}
	return out
}

// Label returns the Vietnamese name of the type, as written in exports.
func (t AssetType) Label() string {
	if n := assetTypeNames()[t]; len(n) > 0 {
		return n[0]
	}
	return string(t)
}

// Asset is one entry of the asset inventory.
type Asset struct {
	ID          int64       `json:"id"`
	Type        AssetType   `json:"type"`
	Name        string      `json:"name"`
	Hostname    string      `json:"hostname"`
	IPs         []string    `json:"ips"`
	MACs        []string    `json:"macs"`
	OS          string      `json:"os"`
	OSVersion   string      `json:"os_version"`
	Serial      string      `json:"serial"`
	Location    string      `json:"location"`
	Responsible string      `json:"responsible"` // người phụ trách
	Supplier    string      `json:"supplier"`    // nhà cung cấp / bên thứ ba (Chỉ thị 11 item 1g)
	Systems     []int64     `json:"systems"`     // ids of the systems it serves
	Internet    bool        `json:"internet"`    // connected to the Internet
	LAN         bool        `json:"lan"`         // connected to the local network
	StateSecret bool        `json:"state_secret"`
	Status      AssetStatus `json:"status"`
	Notes       string      `json:"notes"`
	// InServiceDate is when the asset was put into use (yyyy-mm-dd, "" if
	// not known); ManufactureYear the year it was made (0 if not known);
	// ManagingUnit the unit (phòng, ban) that manages it.
	InServiceDate   string `json:"in_service_date,omitempty"`
	ManufactureYear int    `json:"manufacture_year,omitempty"`
	ManagingUnit    string `json:"managing_unit,omitempty"`
	// Repairs and Sanitisations are filled by GetAsset and exports; saving
	// an asset ignores them (they change through their own calls).
	Repairs       []Repair       `json:"repairs,omitempty"`
	Sanitisations []Sanitisation `json:"sanitisations,omitempty"`
}

// Violation reports a device that holds state-secret data while connected
// to the Internet or to the local network, which Chỉ thị 11 item 1đ forbids.
func (a Asset) Violation() bool { return a.StateSecret && (a.Internet || a.LAN) }

// NormalizeAsset cleans and checks the fields a user edits. The type and
// name are required; a new asset (Status "") is in use.
func NormalizeAsset(a Asset) (Asset, error) {
	var err error
	if a.Name, err = required("name", a.Name, MaxShort); err != nil {
		return a, err
	}
	if !slices.Contains(AssetTypes(), a.Type) {
		return a, fmt.Errorf("%w: %q", ErrUnknownAssetType, a.Type)
	}
	if a.Status == "" {
		a.Status = StatusInUse
	}
	if !slices.Contains(AssetStatuses(), a.Status) {
		return a, fmt.Errorf("%w: %q", ErrUnknownStatus, a.Status)
	}
	if a.Hostname, err = NormalizeHostname(a.Hostname); err != nil {
		return a, err
	}
	if a.IPs, err = NormalizeIPs(strings.Join(a.IPs, " ")); err != nil {
		return a, err
	}
	if a.MACs, err = NormalizeMACs(strings.Join(a.MACs, " ")); err != nil {
		return a, err
	}
	texts := []struct {
		name string
		p    *string
		max  int
	}{
		{"os", &a.OS, MaxShort}, {"os_version", &a.OSVersion, MaxShort}, {"serial", &a.Serial, MaxShort},
		{"location", &a.Location, MaxShort}, {"responsible", &a.Responsible, MaxShort},
		{"supplier", &a.Supplier, MaxShort}, {"notes", &a.Notes, MaxLong}, {"managing_unit", &a.ManagingUnit, MaxShort},
	}
	for _, t := range texts {
		if *t.p, err = clean(t.name, *t.p, t.max); err != nil {
			return a, err
		}
	}
	if a.InServiceDate, err = NormalizeDate(a.InServiceDate); err != nil {
		return a, err
	}
	if a.ManufactureYear != 0 && (a.ManufactureYear < MinYear || a.ManufactureYear > MaxYear) {
		return a, fmt.Errorf("%w: %d", ErrBadYear, a.ManufactureYear)
	}
	a.Systems = sortedIDs(a.Systems)
	return a, nil
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SearchText is the folded text a free-text search looks in: name, host
// name, addresses, OS, serial, location, responsible person, supplier and
// notes.
func (a Asset) SearchText() string {
	parts := []string{a.Name, a.Hostname, strings.Join(a.IPs, " "), strings.Join(a.MACs, " "), a.OS, a.OSVersion,
		a.Serial, a.Location, a.Responsible, a.Supplier, a.Notes, a.Type.Label(), a.ManagingUnit}
	return textnorm.Fold(strings.Join(parts, " | "))
}
