package registers

import (
	"fmt"
	"strconv"
	"strings"

	"daumoi/data/textnorm"
)

func infoTypeNames() map[InfoType][]string {
	return map[InfoType][]string{
		InfoPublic:      {"Công cộng", "public", "cong khai"},
		InfoPrivate:     {"Riêng", "private", "thong tin rieng", "noi bo"},
		InfoPersonal:    {"Cá nhân", "personal", "thong tin ca nhan", "du lieu ca nhan"},
		InfoStateSecret: {"Bí mật nhà nước", "state secret", "state_secret", "bmnn", "mat", "toi mat", "tuyet mat"},
	}
}

// Label returns the Vietnamese name of the information type.
func (t InfoType) Label() string {
	if n := infoTypeNames()[t]; len(n) > 0 {
		return n[0]
	}
	return string(t)
}

// ParseInfoTypes reads information types separated by ';' or ',' in
// Vietnamese or English.
func ParseInfoTypes(s string) ([]InfoType, error) {
	var out []InfoType
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		f := textnorm.Fold(part)
		if f == "" {
			continue
		}
		found := false
		for _, t := range InfoTypes() {
			for _, n := range infoTypeNames()[t] {
				if f == textnorm.Fold(n) {
					out, found = append(out, t), true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: %q", ErrUnknownInfoType, strings.TrimSpace(part))
		}
	}
	return normalizeInfoTypes(out)
}

func serviceTypeNames() map[ServiceType][]string {
	return map[ServiceType][]string{
		ServiceInternal:       {"Nội bộ", "internal", "phuc vu hoat dong noi bo"},
		ServiceCitizens:       {"Phục vụ người dân, doanh nghiệp", "citizen_services", "citizen services", "dich vu cong", "phuc vu nguoi dan"},
		ServiceInfrastructure: {"Hạ tầng thông tin", "infrastructure", "co so ha tang thong tin", "ha tang"},
		ServiceIndustrial:     {"Điều khiển công nghiệp", "industrial_control", "industrial control"},
		ServiceOther:          {"Khác", "other"},
	}
}

// Label returns the Vietnamese name of the system type ("" for none).
func (t ServiceType) Label() string {
	if n := serviceTypeNames()[t]; len(n) > 0 {
		return n[0]
	}
	return string(t)
}

// ParseServiceType reads a system type in Vietnamese or English; "" is
// none.
func ParseServiceType(s string) (ServiceType, error) {
	f := textnorm.Fold(s)
	if f == "" {
		return "", nil
	}
	for _, t := range ServiceTypes() {
		for _, n := range serviceTypeNames()[t] {
			if f == textnorm.Fold(n) {
				return t, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownServiceType, strings.TrimSpace(textnorm.NFC(s)))
}

// ParseLevel reads a level 1–5, written "3", "cấp độ 3" or "Level 3"; ""
// is 0 (not proposed).
func ParseLevel(s string) (int, error) {
	f := textnorm.Fold(s)
	for _, p := range []string{"cap do", "cap", "level"} {
		f = strings.TrimSpace(strings.TrimPrefix(f, p))
	}
	if f == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(f)
	if err != nil || n < 1 || n > 5 {
		return 0, fmt.Errorf("%w: %q", ErrBadLevel, strings.TrimSpace(s))
	}
	return n, nil
}

func dossierNames() map[DossierState]string {
	return map[DossierState]string{
		DossierDrafting: "Đang xây dựng", DossierSubmitted: "Đã trình thẩm định",
		DossierAppraised: "Đã thẩm định", DossierApproved: "Đã phê duyệt",
	}
}

// Label returns the Vietnamese name of the dossier state.
func (d DossierState) Label() string {
	if d == "" {
		d = DossierDrafting
	}
	if n, ok := dossierNames()[d]; ok {
		return n
	}
	return string(d)
}
