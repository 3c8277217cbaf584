package registers

import "fmt"

// Profile is the agency's profile (Thông tin đơn vị): who it is, who owns
// it, where its reports go, its focal points (Chỉ thị 11 item 1d) and its
// published incident-response contact (item 1i).
type Profile struct {
	Name           string `json:"name"`
	Code           string `json:"code"` // e.g. the agency's code in the province's lists
	Address        string `json:"address"`
	OwnerAuthority string `json:"owner_authority"` // cơ quan chủ quản, e.g. "UBND tỉnh Vĩnh Long"
	// Signing holds what Nghị định 30 needs for the documents' number
	// line and signature block.
	Signing         Signing         `json:"signing"`
	ReceivingOffice ReceivingOffice `json:"receiving_office"`
	FocalPoints     []FocalPoint    `json:"focal_points"`
	IncidentContact IncidentContact `json:"incident_contact"`
}

// ReceivingOffice is where the agency's reports go. Which office receives
// them changed in 2025 and differs by province, so it is configurable.
type ReceivingOffice struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Email   string `json:"email"`
	Hotline string `json:"hotline"`
}

// FocalPoint is one person named as information-security focal point.
type FocalPoint struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
}

// IncidentContact is the incident-response contact the agency publishes on
// its website, with where it is published and when that was last checked.
type IncidentContact struct {
	Phone        string `json:"phone"`
	Email        string `json:"email"`
	PublishedURL string `json:"published_url"`
	CheckedOn    string `json:"checked_on"` // yyyy-mm-dd
}

// NormalizeProfile cleans and checks p: the agency name is required; every
// e-mail, phone, URL and date must have its shape; a focal point needs a
// name.
func NormalizeProfile(p Profile) (Profile, error) {
	var err error
	steps := []func() error{
		func() error { p.Name, err = required("name", p.Name, MaxShort); return err },
		func() error { p.Code, err = clean("code", p.Code, MaxShort); return err },
		func() error { p.Address, err = clean("address", p.Address, MaxShort); return err },
		func() error { p.OwnerAuthority, err = clean("owner_authority", p.OwnerAuthority, MaxShort); return err },
		func() error { p.Signing, err = normalizeSigning(p.Signing); return err },
		func() error { p.ReceivingOffice, err = normalizeOffice(p.ReceivingOffice); return err },
		func() error { p.IncidentContact, err = normalizeContact(p.IncidentContact); return err },
		func() error { p.FocalPoints, err = normalizeFocalPoints(p.FocalPoints); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return p, err
		}
	}
	return p, nil
}

func normalizeOffice(o ReceivingOffice) (ReceivingOffice, error) {
	var err error
	if o.Name, err = clean("receiving_office.name", o.Name, MaxShort); err != nil {
		return o, err
	}
	if o.Address, err = clean("receiving_office.address", o.Address, MaxShort); err != nil {
		return o, err
	}
	if o.Email, err = NormalizeEmail(o.Email); err != nil {
		return o, fmt.Errorf("receiving_office.email: %w", err)
	}
	if o.Hotline, err = NormalizePhone(o.Hotline); err != nil {
		return o, fmt.Errorf("receiving_office.hotline: %w", err)
	}
	return o, nil
}

func normalizeContact(c IncidentContact) (IncidentContact, error) {
	var err error
	if c.Phone, err = NormalizePhone(c.Phone); err != nil {
		return c, fmt.Errorf("incident_contact.phone: %w", err)
	}
	if c.Email, err = NormalizeEmail(c.Email); err != nil {
		return c, fmt.Errorf("incident_contact.email: %w", err)
	}
	if c.PublishedURL, err = NormalizeURL(c.PublishedURL); err != nil {
		return c, fmt.Errorf("incident_contact.published_url: %w", err)
	}
	if c.CheckedOn, err = NormalizeDate(c.CheckedOn); err != nil {
		return c, fmt.Errorf("incident_contact.checked_on: %w", err)
	}
	return c, nil
}

func normalizeFocalPoints(list []FocalPoint) ([]FocalPoint, error) {
	out := make([]FocalPoint, 0, len(list))
	for i, f := range list {
		var err error
		if f.Name, err = required(fmt.Sprintf("focal_points[%d].name", i), f.Name, MaxShort); err != nil {
			return list, err
		}
		if f.Position, err = clean("focal_points.position", f.Position, MaxShort); err != nil {
			return list, err
		}
		if f.Phone, err = NormalizePhone(f.Phone); err != nil {
			return list, fmt.Errorf("focal_points[%d].phone: %w", i, err)
		}
		if f.Email, err = NormalizeEmail(f.Email); err != nil {
			return list, fmt.Errorf("focal_points[%d].email: %w", i, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// DescribeChanges lists the fields that differ between before and after as
// "field: old → new", for the history.
func (p Profile) DescribeChanges(after Profile) []string {
	type pair struct{ name, a, b string }
	pairs := []pair{
		{"Tên đơn vị", p.Name, after.Name}, {"Mã", p.Code, after.Code}, {"Địa chỉ", p.Address, after.Address},
		{"Cơ quan chủ quản", p.OwnerAuthority, after.OwnerAuthority},
		{"Chữ viết tắt trong ký hiệu văn bản", p.Signing.Abbreviation, after.Signing.Abbreviation},
		{"Chức danh người đứng đầu", p.Signing.HeadTitle, after.Signing.HeadTitle},
		{"Tập thể lãnh đạo", p.Signing.CollectiveBody, after.Signing.CollectiveBody},
		{"Hình thức ký", p.Signing.SignAs.Label(), after.Signing.SignAs.Label()},
		{"Địa danh ghi trên văn bản", p.Signing.Place, after.Signing.Place},
		{"Nơi nhận báo cáo", p.ReceivingOffice.Name, after.ReceivingOffice.Name},
		{"Địa chỉ nơi nhận", p.ReceivingOffice.Address, after.ReceivingOffice.Address},
		{"E-mail nơi nhận", p.ReceivingOffice.Email, after.ReceivingOffice.Email},
		{"Đường dây nóng", p.ReceivingOffice.Hotline, after.ReceivingOffice.Hotline},
		{"Điện thoại ứng cứu sự cố", p.IncidentContact.Phone, after.IncidentContact.Phone},
		{"E-mail ứng cứu sự cố", p.IncidentContact.Email, after.IncidentContact.Email},
		{"Trang công bố", p.IncidentContact.PublishedURL, after.IncidentContact.PublishedURL},
		{"Ngày kiểm tra trang", p.IncidentContact.CheckedOn, after.IncidentContact.CheckedOn},
		{"Đầu mối", describeFocal(p.FocalPoints), describeFocal(after.FocalPoints)},
	}
	var out []string
	for _, x := range pairs {
		if x.a != x.b {
			out = append(out, fmt.Sprintf("%s: %q → %q", x.name, x.a, x.b))
		}
	}
	return out
}

func describeFocal(list []FocalPoint) string {
	s := ""
	for i, f := range list {
		if i > 0 {
			s += "; "
		}
		s += f.Name
		if f.Position != "" {
			s += " (" + f.Position + ")"
		}
		if f.Phone != "" {
			s += " " + f.Phone
		}
		if f.Email != "" {
			s += " " + f.Email
		}
	}
	return s
}
