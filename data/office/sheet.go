package office

import (
	"fmt"
	"strings"

	"daumoi/data/tabular"
	"daumoi/data/textnorm"
)

// The keys of an office's list of agencies, as a spreadsheet's columns map
// to them (tabular.DetectHeader with AgencyFields).
const (
	FieldCode         = "agency_code"
	FieldName         = "agency_name"
	FieldParent       = "agency_parent"
	FieldKind         = "agency_kind"
	FieldContactName  = "agency_contact_name"
	FieldContactPhone = "agency_contact_phone"
	FieldContactEmail = "agency_contact_email"
)

// AgencyFields are the columns of the office's own list of agencies, with
// the Vietnamese and English names such lists use; code and name are
// required, the row number column "STT" is recognised and ignored.
func AgencyFields() []tabular.Field {
	return []tabular.Field{
		{Key: FieldCode, Required: true, Aliases: []string{"Mã đơn vị", "Mã định danh", "Mã định danh điện tử", "Mã cơ quan", "Mã", "Code", "Agency code"}},
		{Key: FieldName, Required: true, Aliases: []string{"Tên đơn vị", "Tên cơ quan", "Đơn vị", "Cơ quan", "Name", "Agency name", "Agency"}},
		{Key: FieldParent, Aliases: []string{"Cơ quan chủ quản", "Đơn vị chủ quản", "Chủ quản", "Parent", "Parent authority"}},
		{Key: FieldKind, Aliases: []string{"Loại", "Loại đơn vị", "Loại cơ quan", "Kind", "Type"}},
		{Key: FieldContactName, Aliases: []string{"Người liên hệ", "Đầu mối", "Cán bộ đầu mối", "Contact", "Contact name"}},
		{Key: FieldContactPhone, Aliases: []string{"Điện thoại", "Số điện thoại", "SĐT", "Phone", "Telephone"}},
		{Key: FieldContactEmail, Aliases: []string{"Email", "E-mail", "Thư điện tử", "Contact email"}},
		{Key: "row_number", Ignored: true, Aliases: []string{"STT", "TT", "No", "#"}},
	}
}

// kindWords are the words lists use for each kind, folded (no diacritics,
// lower case).
func kindWords() map[Kind][]string {
	return map[Kind][]string{
		KindDepartment: {"department", "so", "ban", "nganh", "so, ban, nganh", "so ban nganh", "so/ban/nganh", "cap tinh", "co quan cap tinh"},
		KindCommune:    {"commune", "xa", "phuong", "dac khu", "xa/phuong", "xa, phuong", "xa phuong", "xa, phuong, dac khu", "cap xa", "ubnd xa", "ubnd phuong"},
		KindOther:      {"other", "khac", "don vi khac"},
	}
}

// ParseKindLabel reads a kind as lists write it: the key ("commune"), the
// Vietnamese word ("Xã", "Sở, ban, ngành", "Khác") in any case and with or
// without diacritics; "" is KindOther.
func ParseKindLabel(s string) (Kind, error) {
	folded := strings.TrimSpace(textnorm.Fold(s))
	if folded == "" {
		return KindOther, nil
	}
	for _, k := range Kinds() {
		for _, w := range kindWords()[k] {
			if folded == w {
				return k, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownKind, s)
}
