package registers

import (
	"fmt"
	"slices"

	"daumoi/data/textnorm"
)

// InfoType is a kind of information a system processes (NĐ 85/2016 Art. 6).
type InfoType string

// The information types.
const (
	InfoPublic      InfoType = "public"       // công cộng
	InfoPrivate     InfoType = "private"      // riêng
	InfoPersonal    InfoType = "personal"     // cá nhân
	InfoStateSecret InfoType = "state_secret" // bí mật nhà nước
)

// InfoTypes lists the information types in order.
func InfoTypes() []InfoType {
	return []InfoType{InfoPublic, InfoPrivate, InfoPersonal, InfoStateSecret}
}

// ServiceType is what a system is for (NĐ 85/2016 Art. 5).
type ServiceType string

// The system types.
const (
	ServiceInternal       ServiceType = "internal"           // phục vụ hoạt động nội bộ
	ServiceCitizens       ServiceType = "citizen_services"   // phục vụ người dân, doanh nghiệp
	ServiceInfrastructure ServiceType = "infrastructure"     // cơ sở hạ tầng thông tin
	ServiceIndustrial     ServiceType = "industrial_control" // điều khiển công nghiệp
	ServiceOther          ServiceType = "other"
)

// ServiceTypes lists the system types in order.
func ServiceTypes() []ServiceType {
	return []ServiceType{ServiceInternal, ServiceCitizens, ServiceInfrastructure, ServiceIndustrial, ServiceOther}
}

// PlanPart is one of the 7 parts of a system's protection plan (phương án
// bảo đảm an toàn hệ thống thông tin, NĐ 85/2016 Art. 19.2).
type PlanPart string

// The 7 parts of the protection plan.
const (
	PlanDesign     PlanPart = "design_build"      // thiết kế, xây dựng
	PlanOperation  PlanPart = "operation"         // quản lý vận hành
	PlanInspection PlanPart = "inspection"        // kiểm tra, đánh giá
	PlanRisk       PlanPart = "risk_management"   // quản lý rủi ro
	PlanMonitoring PlanPart = "monitoring"        // giám sát
	PlanIncident   PlanPart = "incident_response" // dự phòng, ứng cứu sự cố, khôi phục
	PlanEndOfLife  PlanPart = "end_of_operation"  // kết thúc vận hành, thanh lý, hủy bỏ
)

// PlanParts lists the 7 parts in the order of the decree.
func PlanParts() []PlanPart {
	return []PlanPart{PlanDesign, PlanOperation, PlanInspection, PlanRisk, PlanMonitoring, PlanIncident, PlanEndOfLife}
}

// PlanStatus is how far one part of the protection plan is implemented.
type PlanStatus string

// The implementation statuses; "" means not assessed yet.
const (
	PlanFull    PlanStatus = "full"    // đầy đủ
	PlanPartial PlanStatus = "partial" // một phần
	PlanNone    PlanStatus = "none"    // chưa triển khai
)

// Regulation is the system's security regulation (quy chế bảo đảm an toàn).
type Regulation struct {
	Issued bool   `json:"issued"`
	Number string `json:"number"`
	Date   string `json:"date"` // yyyy-mm-dd
}

// System is one information system in the register.
type System struct {
	ID                 int64                   `json:"id"`
	Name               string                  `json:"name"`
	Purpose            string                  `json:"purpose"`
	OperatingUnit      string                  `json:"operating_unit"` // đơn vị vận hành
	Owner              string                  `json:"owner"`          // chủ quản
	Scope              string                  `json:"scope"`
	Users              int                     `json:"users"`
	InfoTypes          []InfoType              `json:"info_types"`
	ServiceType        ServiceType             `json:"service_type"`
	Hosting            string                  `json:"hosting"`        // e.g. "Trung tâm dữ liệu tỉnh"
	ProposedLevel      int                     `json:"proposed_level"` // 0: not proposed yet
	LevelJustification string                  `json:"level_justification"`
	Dossier            Dossier                 `json:"dossier"`
	Plan               map[PlanPart]PlanStatus `json:"plan"`
	Regulation         Regulation              `json:"regulation"`
	GoLiveDate         string                  `json:"go_live_date"`
	TestedBeforeGoLive bool                    `json:"tested_before_go_live"` // Chỉ thị 11 item 1a
	ProvinceOwned      bool                    `json:"province_owned"`        // used here, owned by the province
	Notes              string                  `json:"notes"`
}

// Level is the system's effective level: the approved one if its dossier
// is approved, else the proposed one (0 when neither).
func (s System) Level() int {
	if s.Dossier.State == DossierApproved && s.Dossier.ApprovedLevel > 0 {
		return s.Dossier.ApprovedLevel
	}
	return s.ProposedLevel
}

// NeedsYearlyDrill reports a system of level 3 or above, which must take
// part in a live drill every year (Chỉ thị 11 item 1c).
func (s System) NeedsYearlyDrill() bool { return s.Level() >= 3 }

// HasInfo reports whether the system processes information of type t.
func (s System) HasInfo(t InfoType) bool { return slices.Contains(s.InfoTypes, t) }

// PlanSummary counts the parts of the protection plan per status; parts
// not assessed count under "".
func (s System) PlanSummary() map[PlanStatus]int {
	out := map[PlanStatus]int{}
	for _, p := range PlanParts() {
		out[s.Plan[p]]++
	}
	return out
}

// NormalizeSystem cleans and checks the fields a user edits. The dossier
// is not touched: it changes only through Dossier.Advance.
func NormalizeSystem(s System) (System, error) {
	var err error
	texts := []struct {
		name string
		p    *string
		max  int
	}{
		{"purpose", &s.Purpose, MaxLong}, {"operating_unit", &s.OperatingUnit, MaxShort}, {"owner", &s.Owner, MaxShort},
		{"scope", &s.Scope, MaxLong}, {"hosting", &s.Hosting, MaxShort}, {"level_justification", &s.LevelJustification, MaxLong},
		{"regulation.number", &s.Regulation.Number, MaxShort}, {"notes", &s.Notes, MaxLong},
	}
	if s.Name, err = required("name", s.Name, MaxShort); err != nil {
		return s, err
	}
	for _, t := range texts {
		if *t.p, err = clean(t.name, *t.p, t.max); err != nil {
			return s, err
		}
	}
	if s.Users < 0 {
		return s, fmt.Errorf("%w: users", ErrBadNumber)
	}
	if s.ProposedLevel < 0 || s.ProposedLevel > 5 {
		return s, fmt.Errorf("%w: %d", ErrBadLevel, s.ProposedLevel)
	}
	if s.InfoTypes, err = normalizeInfoTypes(s.InfoTypes); err != nil {
		return s, err
	}
	if s.ServiceType != "" && !slices.Contains(ServiceTypes(), s.ServiceType) {
		return s, fmt.Errorf("%w: %q", ErrUnknownServiceType, s.ServiceType)
	}
	if s.Plan, err = normalizePlan(s.Plan); err != nil {
		return s, err
	}
	if s.Regulation.Date, err = NormalizeDate(s.Regulation.Date); err != nil {
		return s, fmt.Errorf("regulation.date: %w", err)
	}
	if s.GoLiveDate, err = NormalizeDate(s.GoLiveDate); err != nil {
		return s, fmt.Errorf("go_live_date: %w", err)
	}
	return s, nil
}

func normalizeInfoTypes(list []InfoType) ([]InfoType, error) {
	var out []InfoType
	for _, t := range InfoTypes() {
		if slices.Contains(list, t) {
			out = append(out, t)
		}
	}
	for _, t := range list {
		if !slices.Contains(InfoTypes(), t) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownInfoType, t)
		}
	}
	return out, nil
}

func normalizePlan(plan map[PlanPart]PlanStatus) (map[PlanPart]PlanStatus, error) {
	out := map[PlanPart]PlanStatus{}
	for part, st := range plan {
		if !slices.Contains(PlanParts(), part) {
			return nil, fmt.Errorf("%w: part %q", ErrBadPlan, part)
		}
		switch st {
		case PlanFull, PlanPartial, PlanNone:
			out[part] = st
		case "":
		default:
			return nil, fmt.Errorf("%w: status %q", ErrBadPlan, st)
		}
	}
	return out, nil
}

// SystemKey is the diacritic- and case-insensitive form of a system name,
// used to refuse duplicates and to resolve names in imported files.
func SystemKey(name string) string { return textnorm.Fold(name) }
