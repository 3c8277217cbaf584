package registers

import (
	"fmt"
	"slices"
	"strings"

	"daumoi/data/textnorm"
)

// AssetStatus is where an asset stands in its lifecycle.
type AssetStatus string

// The lifecycle statuses.
const (
	StatusInUse       AssetStatus = "in_use"       // đang sử dụng
	StatusUnderRepair AssetStatus = "under_repair" // đang sửa chữa
	StatusRepurposed  AssetStatus = "repurposed"   // chuyển mục đích sử dụng
	StatusDisposed    AssetStatus = "disposed"     // đã thanh lý
)

// AssetStatuses lists the statuses in lifecycle order.
func AssetStatuses() []AssetStatus {
	return []AssetStatus{StatusInUse, StatusUnderRepair, StatusRepurposed, StatusDisposed}
}

func statusNames() map[AssetStatus][]string {
	return map[AssetStatus][]string{
		StatusInUse:       {"Đang sử dụng", "in use", "dang dung", "su dung", "hoat dong", "active"},
		StatusUnderRepair: {"Đang sửa chữa", "under repair", "sua chua", "dang bao hanh", "bao hanh", "repair"},
		StatusRepurposed:  {"Chuyển mục đích", "repurposed", "chuyen muc dich su dung", "dieu chuyen"},
		StatusDisposed:    {"Đã thanh lý", "disposed", "thanh ly", "da huy", "retired"},
	}
}

// ParseAssetStatus reads a status written as its key or in Vietnamese or
// English; "" is in use.
func ParseAssetStatus(s string) (AssetStatus, error) {
	f := textnorm.Fold(s)
	if f == "" {
		return StatusInUse, nil
	}
	for _, st := range AssetStatuses() {
		if f == string(st) {
			return st, nil
		}
		for _, n := range statusNames()[st] {
			if f == textnorm.Fold(n) {
				return st, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownStatus, strings.TrimSpace(textnorm.NFC(s)))
}

// Label returns the Vietnamese name of the status, as written in exports.
func (s AssetStatus) Label() string {
	if n := statusNames()[s]; len(n) > 0 {
		return n[0]
	}
	return string(s)
}

// statusChanges are the lifecycle's allowed transitions. Disposed is final.
func statusChanges() map[AssetStatus][]AssetStatus {
	return map[AssetStatus][]AssetStatus{
		StatusInUse:       {StatusUnderRepair, StatusRepurposed, StatusDisposed},
		StatusUnderRepair: {StatusInUse, StatusRepurposed, StatusDisposed},
		StatusRepurposed:  {StatusInUse, StatusUnderRepair, StatusDisposed},
	}
}

// CanChangeStatus reports whether an asset may go from one status to
// another.
func CanChangeStatus(from, to AssetStatus) bool {
	return slices.Contains(statusChanges()[from], to)
}

// NeedsSanitisation reports a status that requires a sanitisation record
// first (Chỉ thị 11 item 1đ: storage is cleaned when a device changes use).
func NeedsSanitisation(to AssetStatus) bool { return to == StatusRepurposed || to == StatusDisposed }

// SanitisationMethod is how storage was cleaned (NIST SP 800-88 terms).
type SanitisationMethod string

// The methods.
const (
	MethodClear   SanitisationMethod = "clear"   // ghi đè
	MethodPurge   SanitisationMethod = "purge"   // xóa an toàn / khử từ
	MethodDestroy SanitisationMethod = "destroy" // hủy vật lý
)

// SanitisationMethods lists the methods.
func SanitisationMethods() []SanitisationMethod {
	return []SanitisationMethod{MethodClear, MethodPurge, MethodDestroy}
}

// Label returns the Vietnamese name of the method, as written in exports
// ("" for none).
func (m SanitisationMethod) Label() string {
	switch m {
	case MethodClear:
		return "Ghi đè"
	case MethodPurge:
		return "Xóa an toàn"
	case MethodDestroy:
		return "Hủy vật lý"
	}
	return string(m)
}

// Sanitisation records the cleaning of a device's storage.
type Sanitisation struct {
	ID         int64              `json:"id"`
	Method     SanitisationMethod `json:"method"`
	Date       string             `json:"date"` // yyyy-mm-dd
	Performer  string             `json:"performer"`
	Witness    string             `json:"witness"`
	EvidenceID string             `json:"evidence_id"` // the signed record (biên bản), if attached
	ForStatus  AssetStatus        `json:"for_status"`  // the status change it allowed
}

// NormalizeSanitisation checks a record: method, date and performer are
// required (ErrSanitisationRequired otherwise).
func NormalizeSanitisation(s Sanitisation) (Sanitisation, error) {
	var err error
	if s.Date, err = NormalizeDate(s.Date); err != nil {
		return s, err
	}
	if s.Performer, err = clean("performer", s.Performer, MaxShort); err != nil {
		return s, err
	}
	if s.Witness, err = clean("witness", s.Witness, MaxShort); err != nil {
		return s, err
	}
	if s.EvidenceID, err = clean("evidence_id", s.EvidenceID, 64); err != nil {
		return s, err
	}
	if s.Method == "" || s.Date == "" || s.Performer == "" {
		return s, ErrSanitisationRequired
	}
	if !slices.Contains(SanitisationMethods(), s.Method) {
		return s, fmt.Errorf("%w: %q", ErrUnknownMethod, s.Method)
	}
	return s, nil
}

// ParseMethod reads a sanitisation method as its key or in Vietnamese.
func ParseMethod(s string) (SanitisationMethod, error) {
	switch textnorm.Fold(s) {
	case "clear", "ghi de", "xoa":
		return MethodClear, nil
	case "purge", "xoa an toan", "khu tu":
		return MethodPurge, nil
	case "destroy", "huy vat ly", "huy", "pha huy":
		return MethodDestroy, nil
	case "":
		return "", nil
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownMethod, strings.TrimSpace(textnorm.NFC(s)))
}

// Repair is one entry of an asset's repair log (Chỉ thị 11 item 1đ).
type Repair struct {
	ID         int64  `json:"id"`
	Date       string `json:"date"` // sent for repair
	By         string `json:"by"`   // who handed it over
	Vendor     string `json:"vendor"`
	What       string `json:"what"`
	ReturnedOn string `json:"returned_on"` // "" while away
}

// NormalizeRepair checks a repair entry: date and what was done are
// required.
func NormalizeRepair(r Repair) (Repair, error) {
	var err error
	if r.Date, err = NormalizeDate(r.Date); err != nil {
		return r, err
	}
	if r.ReturnedOn, err = NormalizeDate(r.ReturnedOn); err != nil {
		return r, err
	}
	if r.By, err = clean("by", r.By, MaxShort); err != nil {
		return r, err
	}
	if r.Vendor, err = clean("vendor", r.Vendor, MaxShort); err != nil {
		return r, err
	}
	if r.What, err = required("what", r.What, MaxLong); err != nil {
		return r, err
	}
	if r.Date == "" {
		return r, fmt.Errorf("%w: date", ErrRequired)
	}
	if r.ReturnedOn != "" && r.ReturnedOn < r.Date {
		return r, fmt.Errorf("%w: returned before sent", ErrBadDate)
	}
	return r, nil
}
