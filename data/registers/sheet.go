package registers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"daumoi/data/tabular"
	"daumoi/data/textnorm"
)

// Problem is one reason an imported row was refused.
type Problem struct {
	Field string // the field key, e.g. "ips"
	Err   error  // wraps one of the sentinels
}

// Error returns "field: reason", or the reason alone when it concerns the
// whole row.
func (p Problem) Error() string {
	if p.Field == "" {
		return p.Err.Error()
	}
	return p.Field + ": " + p.Err.Error()
}

// Unwrap gives the sentinel to errors.Is.
func (p Problem) Unwrap() error { return p.Err }

// column is one field of a register sheet: its key, the header written in
// exports, and the other names accepted on import.
type column struct {
	key      string
	header   string
	aliases  []string
	required bool
}

func assetColumns() []column {
	return []column{
		{"type", "Loại tài sản", []string{"Loại thiết bị", "Loại", "Phân loại", "Asset type", "Type", "Category"}, true},
		{"name", "Tên thiết bị", []string{"Tên tài sản", "Tên", "Tên thiết bị/phần mềm", "Asset name", "Name", "Device name"}, true},
		{"hostname", "Hostname", []string{"Tên máy", "Host name", "Computer name", "Tên máy tính"}, false},
		{"ips", "Địa chỉ IP", []string{"IP", "IP address", "IPs", "Địa chỉ IPv4"}, false},
		{"macs", "Địa chỉ MAC", []string{"MAC", "MAC address", "MACs", "Địa chỉ vật lý"}, false},
		{"os", "Hệ điều hành", []string{"HĐH", "OS", "Operating system"}, false},
		{"os_version", "Phiên bản", []string{"Phiên bản hệ điều hành", "OS version", "Version", "Phiên bản HĐH"}, false},
		{"serial", "Số sê-ri", []string{"Số serial", "Serial", "Serial number", "S/N", "Số hiệu"}, false},
		{"location", "Vị trí", []string{"Nơi đặt", "Vị trí lắp đặt", "Phòng", "Location"}, false},
		{"responsible", "Người phụ trách", []string{"Người quản lý", "Người sử dụng", "Cán bộ phụ trách", "Responsible", "Owner", "Responsible person"}, false},
		{"supplier", "Nhà cung cấp", []string{"Bên thứ ba", "Đơn vị cung cấp", "Supplier", "Vendor", "Third party"}, false},
		{"systems", "Hệ thống thông tin", []string{"Hệ thống", "Thuộc hệ thống", "Systems", "Information systems"}, false},
		{"internet", "Kết nối Internet", []string{"Internet", "Kết nối mạng Internet", "Connected to Internet", "Internet connected"}, false},
		{"lan", "Kết nối mạng LAN", []string{"LAN", "Kết nối LAN", "Mạng nội bộ", "Connected to LAN", "LAN connected"}, false},
		{"state_secret", "Lưu trữ bí mật nhà nước", []string{"Bí mật nhà nước", "Soạn thảo, lưu trữ BMNN", "BMNN", "Chứa BMNN", "State secret", "Holds state secrets"}, false},
		{"status", "Tình trạng", []string{"Trạng thái", "Tình trạng sử dụng", "Status"}, false},
		{"notes", "Ghi chú", []string{"Notes", "Note", "Remarks"}, false},
		{"sanitisation_method", "Phương pháp xóa dữ liệu", []string{"Sanitisation method", "Sanitization method"}, false},
		{"sanitisation_date", "Ngày xóa dữ liệu", []string{"Sanitisation date", "Sanitization date"}, false},
		{"sanitisation_performer", "Người thực hiện xóa dữ liệu", []string{"Sanitised by", "Sanitized by"}, false},
		{"sanitisation_witness", "Người chứng kiến xóa dữ liệu", []string{"Sanitisation witness", "Sanitization witness"}, false},
	}
}

func fieldsOf(cols []column) []tabular.Field {
	out := make([]tabular.Field, len(cols))
	for i, c := range cols {
		out[i] = tabular.Field{Key: c.key, Aliases: append([]string{c.header}, c.aliases...), Required: c.required}
	}
	return out
}

func headersOf(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out
}

// AssetFields are the columns an asset sheet may have, with their
// Vietnamese and English names, for tabular.DetectHeader. Type and name are
// required.
func AssetFields() []tabular.Field { return fieldsOf(assetColumns()) }

// AssetHeaders are the column headers written in asset exports, in order.
func AssetHeaders() []string { return headersOf(assetColumns()) }

// AssetRow renders a for a sheet, in AssetHeaders order. systemName gives a
// system's name from its id; the names are sorted, so the cell does not
// depend on ids. The latest sanitisation record fills the
// sanitisation columns.
func AssetRow(a Asset, systemName func(int64) string) []string {
	var names []string
	for _, id := range a.Systems {
		names = append(names, systemName(id))
	}
	slices.SortFunc(names, func(x, y string) int { return strings.Compare(textnorm.Fold(x), textnorm.Fold(y)) })
	var s Sanitisation
	if n := len(a.Sanitisations); n > 0 {
		s = a.Sanitisations[n-1]
	}
	return []string{a.Type.Label(), a.Name, a.Hostname, strings.Join(a.IPs, ", "), strings.Join(a.MACs, ", "),
		a.OS, a.OSVersion, a.Serial, a.Location, a.Responsible, a.Supplier, strings.Join(names, "; "),
		FormatYesNo(a.Internet), FormatYesNo(a.LAN), FormatYesNo(a.StateSecret), a.Status.Label(), a.Notes,
		string(s.Method), s.Date, s.Performer, s.Witness}
}

// AssetFromRecord builds an asset from an imported row. systemID resolves
// a system name (as written in the cell, several separated by ';') to its
// id. It returns every problem of the row, not only the first; a row with
// problems must not be imported. The sanitisation columns, when filled,
// give the record that a repurposed or disposed asset needs.
func AssetFromRecord(rec tabular.Record, systemID func(name string) (int64, bool)) (Asset, []Problem) {
	v := rec.Values
	probs := formulaProblems(rec)
	if len(probs) > 0 {
		return Asset{}, probs
	}
	add := func(field string, err error) {
		if err != nil {
			probs = append(probs, Problem{field, err})
		}
	}
	a := Asset{Name: v["name"], OS: v["os"], OSVersion: v["os_version"], Serial: v["serial"], Location: v["location"],
		Responsible: v["responsible"], Supplier: v["supplier"], Notes: v["notes"]}
	var err error
	a.Type, err = ParseAssetType(v["type"])
	add("type", err)
	a.Hostname, err = NormalizeHostname(v["hostname"])
	add("hostname", err)
	a.IPs, err = NormalizeIPs(v["ips"])
	add("ips", err)
	a.MACs, err = NormalizeMACs(v["macs"])
	add("macs", err)
	a.Internet, err = ParseYesNo(v["internet"])
	add("internet", err)
	a.LAN, err = ParseYesNo(v["lan"])
	add("lan", err)
	a.StateSecret, err = ParseYesNo(v["state_secret"])
	add("state_secret", err)
	a.Status, err = ParseAssetStatus(v["status"])
	add("status", err)
	a.Systems, err = resolveSystems(v["systems"], systemID)
	add("systems", err)
	san, err := sanitisationFromRecord(v, a.Status)
	add("sanitisation", err)
	if san != nil {
		a.Sanitisations = []Sanitisation{*san}
	}
	if len(probs) > 0 {
		return a, probs
	}
	a, err = NormalizeAsset(a)
	if err != nil {
		return a, []Problem{{"", err}}
	}
	return a, nil
}

// formulaProblems refuses cells that look like formulas and XLSX cells that
// held one (whose saved result cannot be trusted to be what the user saw).
func formulaProblems(rec tabular.Record) []Problem {
	var probs []Problem
	for _, f := range rec.Formulas {
		probs = append(probs, Problem{f, fmt.Errorf("%w: %q", ErrFormula, rec.Values[f])})
	}
	for _, f := range rec.Computed {
		if !slices.Contains(rec.Formulas, f) {
			probs = append(probs, Problem{f, fmt.Errorf("%w: computed cell", ErrFormula)})
		}
	}
	return probs
}

func resolveSystems(cell string, systemID func(string) (int64, bool)) ([]int64, error) {
	var ids []int64
	for _, name := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' }) {
		name = strings.TrimSpace(textnorm.NFC(name))
		if name == "" {
			continue
		}
		id, ok := systemID(name)
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownSystem, name)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func sanitisationFromRecord(v map[string]string, status AssetStatus) (*Sanitisation, error) {
	m, err := ParseMethod(v["sanitisation_method"])
	if err != nil {
		return nil, err
	}
	s := Sanitisation{Method: m, Date: v["sanitisation_date"], Performer: v["sanitisation_performer"],
		Witness: v["sanitisation_witness"], ForStatus: status}
	empty := s.Method == "" && strings.TrimSpace(s.Date+s.Performer+s.Witness) == ""
	if empty && !NeedsSanitisation(status) {
		return nil, nil
	}
	s, err = NormalizeSanitisation(s)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func systemColumns() []column {
	return []column{
		{"name", "Tên hệ thống", []string{"Tên hệ thống thông tin", "Hệ thống thông tin", "System name", "Name", "Tên"}, true},
		{"purpose", "Mục đích", []string{"Mục đích sử dụng", "Chức năng", "Purpose"}, false},
		{"operating_unit", "Đơn vị vận hành", []string{"Operating unit", "Đơn vị quản lý vận hành"}, false},
		{"owner", "Chủ quản", []string{"Cơ quan chủ quản", "Chủ quản hệ thống", "Owner"}, false},
		{"scope", "Phạm vi", []string{"Phạm vi, quy mô", "Scope"}, false},
		{"users", "Số người dùng", []string{"Số lượng người dùng", "Users", "Number of users"}, false},
		{"info_types", "Loại thông tin", []string{"Thông tin xử lý", "Information types", "Info types"}, false},
		{"service_type", "Loại hệ thống", []string{"Loại hình", "Service type", "System type"}, false},
		{"hosting", "Nơi đặt", []string{"Hạ tầng", "Nơi lưu trữ", "Hosting"}, false},
		{"proposed_level", "Cấp độ đề xuất", []string{"Cấp độ", "Proposed level", "Level"}, false},
		{"level_justification", "Thuyết minh cấp độ", []string{"Lý do đề xuất cấp độ", "Justification", "Level justification"}, false},
		{"go_live_date", "Ngày đưa vào sử dụng", []string{"Ngày vận hành", "Go-live date", "Go live"}, false},
		{"tested_before_go_live", "Kiểm tra ATTT trước khi sử dụng", []string{"Đã kiểm tra trước khi vận hành", "Tested before go-live"}, false},
		{"province_owned", "Dùng chung của tỉnh", []string{"Hệ thống dùng chung", "Province owned", "Shared provincial system"}, false},
		{"regulation_number", "Số quy chế", []string{"Quy chế", "Regulation number"}, false},
		{"regulation_date", "Ngày ban hành quy chế", []string{"Regulation date"}, false},
		{"dossier_state", "Tình trạng hồ sơ", []string{"Hồ sơ cấp độ", "Dossier state", "Dossier"}, false},
		{"notes", "Ghi chú", []string{"Notes"}, false},
	}
}

// SystemFields are the columns a system sheet may have; the name is
// required.
func SystemFields() []tabular.Field { return fieldsOf(systemColumns()) }

// SystemHeaders are the column headers written in system exports.
func SystemHeaders() []string { return headersOf(systemColumns()) }

// SystemRow renders s for a sheet, in SystemHeaders order.
func SystemRow(s System) []string {
	var infos []string
	for _, t := range s.InfoTypes {
		infos = append(infos, t.Label())
	}
	level := ""
	if s.ProposedLevel > 0 {
		level = strconv.Itoa(s.ProposedLevel)
	}
	return []string{s.Name, s.Purpose, s.OperatingUnit, s.Owner, s.Scope, strconv.Itoa(s.Users), strings.Join(infos, "; "),
		s.ServiceType.Label(), s.Hosting, level, s.LevelJustification, s.GoLiveDate, FormatYesNo(s.TestedBeforeGoLive),
		FormatYesNo(s.ProvinceOwned), s.Regulation.Number, s.Regulation.Date, s.Dossier.State.Label(), s.Notes}
}

// SystemFromRecord builds a system from an imported row. The dossier
// column is informative only: an imported system starts drafting, since
// its workflow steps are recorded one by one. A regulation number or date
// marks the regulation as issued.
func SystemFromRecord(rec tabular.Record) (System, []Problem) {
	v := rec.Values
	probs := formulaProblems(rec)
	if len(probs) > 0 {
		return System{}, probs
	}
	add := func(field string, err error) {
		if err != nil {
			probs = append(probs, Problem{field, err})
		}
	}
	s := System{Name: v["name"], Purpose: v["purpose"], OperatingUnit: v["operating_unit"], Owner: v["owner"], Scope: v["scope"],
		Hosting: v["hosting"], LevelJustification: v["level_justification"], GoLiveDate: v["go_live_date"], Notes: v["notes"],
		Regulation: Regulation{Number: v["regulation_number"], Date: v["regulation_date"]}}
	s.Regulation.Issued = s.Regulation.Number != "" || s.Regulation.Date != ""
	var err error
	s.Users, err = ParseCount(v["users"])
	add("users", err)
	s.InfoTypes, err = ParseInfoTypes(v["info_types"])
	add("info_types", err)
	s.ServiceType, err = ParseServiceType(v["service_type"])
	add("service_type", err)
	s.ProposedLevel, err = ParseLevel(v["proposed_level"])
	add("proposed_level", err)
	s.TestedBeforeGoLive, err = ParseYesNo(v["tested_before_go_live"])
	add("tested_before_go_live", err)
	s.ProvinceOwned, err = ParseYesNo(v["province_owned"])
	add("province_owned", err)
	if len(probs) > 0 {
		return s, probs
	}
	s, err = NormalizeSystem(s)
	if err != nil {
		return s, []Problem{{"", err}}
	}
	return s, nil
}
