package registers

import (
	"errors"
	"fmt"
	"regexp"
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

// IsUnknownChoice reports a value that is not one of its field's choices
// (FieldChoices), so that a message can list them.
func (p Problem) IsUnknownChoice() bool {
	for _, sentinel := range []error{ErrUnknownAssetType, ErrUnknownStatus, ErrUnknownMethod, ErrUnknownServiceType, ErrUnknownInfoType} {
		if errors.Is(p.Err, sentinel) {
			return true
		}
	}
	return false
}

// Unwrap gives the sentinel to errors.Is.
func (p Problem) Unwrap() error { return p.Err }

// column is one field of a register sheet: its key, the header written in
// exports, and the other names accepted on import. A date column is written
// to XLSX as a date cell; an ignored column (the row number) is recognised
// so that it is neither imported nor reported as unknown.
type column struct {
	key      string
	header   string
	aliases  []string
	required bool
	date     bool
	ignored  bool
}

// rowNumberColumn is the "STT" column agencies' sheets start with.
func rowNumberColumn() column {
	return column{key: "row_number", header: "STT", aliases: []string{"TT", "Số TT", "Số thứ tự", "No", "No.", "#"}, ignored: true}
}

func assetColumns() []column {
	return []column{
		{key: "code", header: "Mã trong sổ", aliases: []string{"Mã trong sổ tài sản", "Mã sổ tài sản", "Register code", "Asset code"}},
		{key: "type", header: "Loại tài sản", aliases: []string{"Loại thiết bị", "Loại", "Phân loại", "Chủng loại", "Loại TS", "Nhóm tài sản", "Nhóm thiết bị", "Asset type", "Type", "Category"}, required: true},
		{key: "name", header: "Tên thiết bị", aliases: []string{"Tên tài sản", "Tên", "Tên TS", "Tên thiết bị/phần mềm", "Tên tài sản, thiết bị", "Tên thiết bị, phần mềm", "Tên, ký hiệu", "Asset name", "Name", "Device name"}, required: true},
		{key: "hostname", header: "Hostname", aliases: []string{"Tên máy", "Host name", "Computer name", "Tên máy tính"}},
		{key: "ips", header: "Địa chỉ IP", aliases: []string{"IP", "IP address", "IPs", "Địa chỉ IPv4", "IP tĩnh"}},
		{key: "macs", header: "Địa chỉ MAC", aliases: []string{"MAC", "MAC address", "MACs", "Địa chỉ vật lý"}},
		{key: "os", header: "Hệ điều hành", aliases: []string{"HĐH", "OS", "Operating system"}},
		{key: "os_version", header: "Phiên bản", aliases: []string{"Phiên bản hệ điều hành", "OS version", "Version", "Phiên bản HĐH"}},
		{key: "serial", header: "Số sê-ri", aliases: []string{"Số serial", "Số seri", "Số series", "Mã serial", "Serial", "Serial number", "S/N", "SN", "Số hiệu"}},
		{key: "manufacture_year", header: "Năm sản xuất", aliases: []string{"Năm SX", "NSX", "Year of manufacture", "Manufacture year"}},
		{key: "in_service_date", header: "Ngày đưa vào sử dụng", aliases: []string{"Ngày sử dụng", "Ngày bắt đầu sử dụng", "Ngày đưa vào khai thác", "Thời điểm đưa vào sử dụng", "Ngày bàn giao", "Ngày cấp phát", "Ngày lắp đặt", "In service date", "In-service date"}, date: true},
		{key: "managing_unit", header: "Đơn vị quản lý", aliases: []string{"Đơn vị sử dụng", "Phòng ban", "Phòng ban quản lý", "Phòng ban sử dụng", "Bộ phận", "Bộ phận sử dụng", "Đơn vị quản lý, sử dụng", "Managing unit", "Department"}},
		{key: "location", header: "Vị trí", aliases: []string{"Nơi đặt", "Vị trí lắp đặt", "Vị trí đặt", "Nơi lắp đặt", "Địa điểm", "Phòng", "Location"}},
		{key: "responsible", header: "Người phụ trách", aliases: []string{"Người quản lý", "Người sử dụng", "Người dùng", "Cán bộ phụ trách", "Cán bộ sử dụng", "Cán bộ quản lý", "Người được giao", "Họ tên người sử dụng", "Responsible", "Owner", "Responsible person", "User"}},
		{key: "supplier", header: "Nhà cung cấp", aliases: []string{"Bên thứ ba", "Đơn vị cung cấp", "Supplier", "Vendor", "Third party"}},
		{key: "systems", header: "Hệ thống thông tin", aliases: []string{"Hệ thống", "Thuộc hệ thống", "Systems", "Information systems"}},
		{key: "internet", header: "Kết nối Internet", aliases: []string{"Internet", "Kết nối mạng Internet", "Connected to Internet", "Internet connected"}},
		{key: "lan", header: "Kết nối mạng LAN", aliases: []string{"LAN", "Kết nối LAN", "Mạng nội bộ", "Connected to LAN", "LAN connected"}},
		{key: "state_secret", header: "Lưu trữ bí mật nhà nước", aliases: []string{"Bí mật nhà nước", "Soạn thảo, lưu trữ BMNN", "BMNN", "Chứa BMNN", "State secret", "Holds state secrets"}},
		{key: "status", header: "Tình trạng", aliases: []string{"Trạng thái", "Tình trạng sử dụng", "Hiện trạng", "Tình trạng hoạt động", "Status"}},
		{key: "notes", header: "Ghi chú", aliases: []string{"Chú thích", "Notes", "Note", "Remarks"}},
		{key: "sanitisation_method", header: "Phương pháp xóa dữ liệu", aliases: []string{"Sanitisation method", "Sanitization method"}},
		{key: "sanitisation_date", header: "Ngày xóa dữ liệu", aliases: []string{"Sanitisation date", "Sanitization date"}, date: true},
		{key: "sanitisation_performer", header: "Người thực hiện xóa dữ liệu", aliases: []string{"Sanitised by", "Sanitized by"}},
		{key: "sanitisation_witness", header: "Người chứng kiến xóa dữ liệu", aliases: []string{"Sanitisation witness", "Sanitization witness"}},
	}
}

// fieldsOf gives the fields of a sheet's columns, with the row number
// column (recognised, never imported) last.
func fieldsOf(cols []column) []tabular.Field {
	out := make([]tabular.Field, 0, len(cols)+1)
	for _, c := range append(cols, rowNumberColumn()) {
		out = append(out, tabular.Field{Key: c.key, Aliases: append([]string{c.header}, c.aliases...), Required: c.required, Ignored: c.ignored})
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

// dateColumnsOf gives the 0-based indexes of the date columns.
func dateColumnsOf(cols []column) []int {
	var out []int
	for i, c := range cols {
		if c.date {
			out = append(out, i)
		}
	}
	return out
}

// AssetDateColumns are the indexes (in AssetHeaders order) of the columns
// holding dates (yyyy-mm-dd), written to XLSX as date cells.
func AssetDateColumns() []int { return dateColumnsOf(assetColumns()) }

// SystemDateColumns are the indexes of the system sheet's date columns.
func SystemDateColumns() []int { return dateColumnsOf(systemColumns()) }

// AssetCode is an asset's code in the register, written in exports so that
// importing the file again updates the asset instead of adding it twice:
// "TS-000012-3F9A1C", the asset's id and the register's tag (which tells
// one agency's register from another's).
func AssetCode(tag string, id int64) string {
	return fmt.Sprintf("TS-%06d-%s", id, strings.ToUpper(tag))
}

// ParseAssetCode reads an AssetCode ("" gives id 0 and no error).
func ParseAssetCode(s string) (tag string, id int64, err error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", 0, nil
	}
	m := assetCodePattern.FindStringSubmatch(s)
	if m == nil {
		return "", 0, fmt.Errorf("%w: %q", ErrBadAssetCode, s)
	}
	id, err = strconv.ParseInt(m[1], 10, 64)
	if err != nil || id <= 0 {
		return "", 0, fmt.Errorf("%w: %q", ErrBadAssetCode, s)
	}
	return m[2], id, nil
}

var assetCodePattern = regexp.MustCompile(`^TS-(\d{1,12})-([0-9A-F]{6})$`)

// FieldChoices are the values a field of the registers' sheets accepts,
// as written in exports, for messages that refuse a value; nil for a field
// of free text.
func FieldChoices(key string) []string {
	switch key {
	case "type":
		return AssetTypeLabels()
	case "status":
		var out []string
		for _, st := range AssetStatuses() {
			out = append(out, st.Label())
		}
		return out
	case "sanitisation", "sanitisation_method":
		var out []string
		for _, m := range SanitisationMethods() {
			out = append(out, m.Label())
		}
		return out
	case "internet", "lan", "state_secret", "tested_before_go_live", "province_owned":
		return []string{FormatYesNo(true), FormatYesNo(false)}
	case "service_type":
		var out []string
		for _, t := range ServiceTypes() {
			out = append(out, t.Label())
		}
		return out
	case "info_types":
		var out []string
		for _, t := range InfoTypes() {
			out = append(out, t.Label())
		}
		return out
	}
	return nil
}

// AssetFields are the columns an asset sheet may have, with their
// Vietnamese and English names, for tabular.DetectHeader. Type and name are
// required.
func AssetFields() []tabular.Field { return fieldsOf(assetColumns()) }

// AssetHeaders are the column headers written in asset exports, in order.
func AssetHeaders() []string { return headersOf(assetColumns()) }

// AssetRow renders a for a sheet, in AssetHeaders order, under its code in
// the register (AssetCode). systemName gives a system's name from its id;
// the names are sorted, so the cell does not depend on ids. The latest
// sanitisation record fills the sanitisation columns. Choices are written
// as their Vietnamese labels, dates as yyyy-mm-dd.
func AssetRow(a Asset, code string, systemName func(int64) string) []string {
	var names []string
	for _, id := range a.Systems {
		names = append(names, systemName(id))
	}
	slices.SortFunc(names, func(x, y string) int { return strings.Compare(textnorm.Fold(x), textnorm.Fold(y)) })
	var s Sanitisation
	if n := len(a.Sanitisations); n > 0 {
		s = a.Sanitisations[n-1]
	}
	year := ""
	if a.ManufactureYear > 0 {
		year = strconv.Itoa(a.ManufactureYear)
	}
	return []string{code, a.Type.Label(), a.Name, a.Hostname, strings.Join(a.IPs, ", "), strings.Join(a.MACs, ", "),
		a.OS, a.OSVersion, a.Serial, year, a.InServiceDate, a.ManagingUnit, a.Location, a.Responsible, a.Supplier, strings.Join(names, "; "),
		FormatYesNo(a.Internet), FormatYesNo(a.LAN), FormatYesNo(a.StateSecret), a.Status.Label(), a.Notes,
		s.Method.Label(), s.Date, s.Performer, s.Witness}
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
		Responsible: v["responsible"], Supplier: v["supplier"], Notes: v["notes"], ManagingUnit: v["managing_unit"]}
	var err error
	a.InServiceDate, err = NormalizeDate(v["in_service_date"])
	add("in_service_date", err)
	a.ManufactureYear, err = ParseYear(v["manufacture_year"])
	add("manufacture_year", err)
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
		{key: "name", header: "Tên hệ thống", aliases: []string{"Tên hệ thống thông tin", "Hệ thống thông tin", "System name", "Name", "Tên"}, required: true},
		{key: "purpose", header: "Mục đích", aliases: []string{"Mục đích sử dụng", "Chức năng", "Purpose"}},
		{key: "operating_unit", header: "Đơn vị vận hành", aliases: []string{"Operating unit", "Đơn vị quản lý vận hành"}},
		{key: "owner", header: "Chủ quản", aliases: []string{"Cơ quan chủ quản", "Chủ quản hệ thống", "Owner"}},
		{key: "scope", header: "Phạm vi", aliases: []string{"Phạm vi, quy mô", "Scope"}},
		{key: "users", header: "Số người dùng", aliases: []string{"Số lượng người dùng", "Users", "Number of users"}},
		{key: "info_types", header: "Loại thông tin", aliases: []string{"Thông tin xử lý", "Information types", "Info types"}},
		{key: "service_type", header: "Loại hệ thống", aliases: []string{"Loại hình", "Service type", "System type"}},
		{key: "hosting", header: "Nơi đặt", aliases: []string{"Hạ tầng", "Nơi lưu trữ", "Hosting"}},
		{key: "proposed_level", header: "Cấp độ đề xuất", aliases: []string{"Cấp độ", "Proposed level", "Level"}},
		{key: "level_justification", header: "Thuyết minh cấp độ", aliases: []string{"Lý do đề xuất cấp độ", "Justification", "Level justification"}},
		{key: "go_live_date", header: "Ngày đưa vào sử dụng", aliases: []string{"Ngày vận hành", "Go-live date", "Go live"}, date: true},
		{key: "tested_before_go_live", header: "Kiểm tra ATTT trước khi sử dụng", aliases: []string{"Đã kiểm tra trước khi vận hành", "Tested before go-live"}},
		{key: "province_owned", header: "Dùng chung của tỉnh", aliases: []string{"Hệ thống dùng chung", "Province owned", "Shared provincial system"}},
		{key: "regulation_number", header: "Số quy chế", aliases: []string{"Quy chế", "Regulation number"}},
		{key: "regulation_date", header: "Ngày ban hành quy chế", aliases: []string{"Regulation date"}, date: true},
		{key: "dossier_state", header: "Tình trạng hồ sơ", aliases: []string{"Hồ sơ cấp độ", "Dossier state", "Dossier"}},
		{key: "notes", header: "Ghi chú", aliases: []string{"Notes"}},
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

// AssetFieldKeys are the keys of AssetHeaders' columns, in the same order.
func AssetFieldKeys() []string {
	var out []string
	for _, c := range assetColumns() {
		out = append(out, c.key)
	}
	return out
}

// FieldChange is one field an import changes: its key and the values as
// written in exports.
type FieldChange struct {
	Field    string
	Old, New string
}

// AssetChanges lists the fields whose exported values differ between
// before and after (the code and the sanitisation columns aside: those
// are not edited by an import).
func AssetChanges(before, after Asset, systemName func(int64) string) []FieldChange {
	keys := AssetFieldKeys()
	b, a := AssetRow(before, "", systemName), AssetRow(after, "", systemName)
	var out []FieldChange
	for i, k := range keys {
		if k == "code" || strings.HasPrefix(k, "sanitisation_") || b[i] == a[i] {
			continue
		}
		out = append(out, FieldChange{Field: k, Old: b[i], New: a[i]})
	}
	return out
}

// MergeAsset applies an imported row to the asset it matched: every
// mapped field whose cell is filled replaces the asset's value; an empty
// cell keeps it, so a sheet with fewer columns or gaps erases nothing.
// row is the asset AssetFromRecord built from the same record.
func MergeAsset(existing, row Asset, rec tabular.Record) Asset {
	out := existing
	filled := func(key string) bool { return strings.TrimSpace(rec.Values[key]) != "" }
	set := map[string]func(){
		"type": func() { out.Type = row.Type }, "name": func() { out.Name = row.Name },
		"hostname": func() { out.Hostname = row.Hostname }, "ips": func() { out.IPs = row.IPs },
		"macs": func() { out.MACs = row.MACs }, "os": func() { out.OS = row.OS },
		"os_version": func() { out.OSVersion = row.OSVersion }, "serial": func() { out.Serial = row.Serial },
		"manufacture_year": func() { out.ManufactureYear = row.ManufactureYear },
		"in_service_date":  func() { out.InServiceDate = row.InServiceDate },
		"managing_unit":    func() { out.ManagingUnit = row.ManagingUnit }, "location": func() { out.Location = row.Location },
		"responsible": func() { out.Responsible = row.Responsible }, "supplier": func() { out.Supplier = row.Supplier },
		"systems": func() { out.Systems = row.Systems }, "internet": func() { out.Internet = row.Internet },
		"lan": func() { out.LAN = row.LAN }, "state_secret": func() { out.StateSecret = row.StateSecret },
		"status": func() { out.Status = row.Status }, "notes": func() { out.Notes = row.Notes },
	}
	for key, apply := range set {
		if _, mapped := rec.Values[key]; mapped && filled(key) {
			apply()
		}
	}
	return out
}

// SystemFieldKeys are the keys of SystemHeaders' columns, in order.
func SystemFieldKeys() []string {
	var out []string
	for _, c := range systemColumns() {
		out = append(out, c.key)
	}
	return out
}

// SystemMatches reports that an imported row says what the register holds
// for the system already: every mapped column (keys) but the informative
// dossier state exports the same value.
func SystemMatches(existing, row System, keys map[string]bool) bool {
	a, b := SystemRow(existing), SystemRow(row)
	for i, k := range SystemFieldKeys() {
		if keys[k] && k != "dossier_state" && a[i] != b[i] {
			return false
		}
	}
	return true
}
