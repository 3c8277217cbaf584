package demo

import (
	"fmt"

	"daumoi/data/registers"
	"daumoi/data/session"
)

// assetSpec is a shorter way to write a demo asset.
type assetSpec struct {
	typ                     registers.AssetType
	name, host, ip          string
	os, osVersion, location string
	responsible, supplier   string
	systems                 []string
	internet, lan, secret   bool
	notes                   string
}

func (a assetSpec) asset(seq int, ids systemIDs) registers.Asset {
	x := registers.Asset{Type: a.typ, Name: a.name, Hostname: a.host, OS: a.os, OSVersion: a.osVersion, Location: a.location,
		Responsible: a.responsible, Supplier: a.supplier, Internet: a.internet, LAN: a.lan, StateSecret: a.secret, Notes: a.notes}
	if a.ip != "" {
		x.IPs = []string{a.ip}
	}
	if a.typ != registers.AssetSoftware && a.typ != registers.AssetService && a.typ != registers.AssetDataSet {
		x.MACs = []string{fmt.Sprintf("00:1A:2B:%02X:%02X:%02X", seq/256, seq%256, (seq*37)%256)}
		x.Serial = fmt.Sprintf("SN-MAU-%04d", 1000+seq*7)
	}
	for _, k := range a.systems {
		x.Systems = append(x.Systems, ids[k])
	}
	return x
}

// staff are the demo's (invented) officers who use workstations.
var staff = []struct{ name, room string }{
	{"Nguyễn Văn An", "Phòng Tổ chức, biên chế"}, {"Trần Thị Bích Ngọc", "Phòng Tổ chức, biên chế"},
	{"Lê Hoàng Phúc", "Phòng Công chức, viên chức"}, {"Phạm Thị Mỹ Duyên", "Phòng Công chức, viên chức"},
	{"Võ Thành Nhân", "Phòng Xây dựng chính quyền"}, {"Huỳnh Thị Kim Loan", "Phòng Xây dựng chính quyền"},
	{"Đặng Quốc Việt", "Thanh tra Sở"}, {"Bùi Thị Thanh Tâm", "Thanh tra Sở"},
	{"Ngô Minh Trí", "Văn phòng Sở"}, {"Dương Thị Ánh Tuyết", "Văn phòng Sở"},
	{"Lý Văn Hậu", "Ban Thi đua - Khen thưởng"}, {"Trương Thị Hồng Nhung", "Ban Thi đua - Khen thưởng"},
	{"Phan Thanh Sơn", "Chi cục Văn thư - Lưu trữ"}, {"Hồ Thị Ngọc Hân", "Chi cục Văn thư - Lưu trữ"},
	{"Châu Minh Khoa", "Phòng Tôn giáo"}, {"Mai Thị Thùy Trang", "Phòng Tôn giáo"},
	{"Tạ Văn Lộc", "Phòng Tổ chức, biên chế"}, {"Kiều Thị Phương Thảo", "Phòng Công chức, viên chức"},
	{"Lâm Quang Huy", "Văn phòng Sở"}, {"Đỗ Thị Cẩm Tú", "Thanh tra Sở"},
	{"Vương Đình Khải", "Phòng Xây dựng chính quyền"}, {"Quách Thị Diễm My", "Văn phòng Sở"},
}

func infrastructure() []assetSpec {
	const room = "Phòng máy chủ, tầng 3"
	return []assetSpec{
		{typ: registers.AssetService, name: "Đường truyền Internet cáp quang VNPT (FiberVNN 300 Mb/s)", location: room, responsible: "Lê Minh Đức",
			supplier: "VNPT Vĩnh Long", systems: []string{"lan"}, internet: true},
		{typ: registers.AssetService, name: "Đường truyền Internet dự phòng Viettel (100 Mb/s)", location: room, responsible: "Lê Minh Đức",
			supplier: "Viettel Vĩnh Long", systems: []string{"lan"}, internet: true},
		{typ: registers.AssetService, name: "Kết nối mạng truyền số liệu chuyên dùng (VNPT)", location: room, responsible: "Lê Minh Đức",
			supplier: "VNPT Vĩnh Long", systems: []string{"lan", "docs", "mail"}, lan: true},
		{typ: registers.AssetSecurityDevice, name: "Tường lửa FortiGate 100F", host: "FW-SNV-01", ip: "10.70.1.1", os: "FortiOS", osVersion: "7.2.8",
			location: room, responsible: "Lê Minh Đức", supplier: "Công ty TNHH Giải pháp mạng Mekong (mẫu)", systems: []string{"lan", "portal", "tthc"}, internet: true, lan: true},
		{typ: registers.AssetSecurityDevice, name: "Tường lửa Sophos XGS 2100 (vùng máy chủ)", host: "FW-SNV-02", ip: "10.70.2.1", os: "SFOS", osVersion: "20.0",
			location: room, responsible: "Lê Minh Đức", supplier: "Công ty TNHH Giải pháp mạng Mekong (mẫu)", systems: []string{"lan", "hr"}, lan: true},
		{typ: registers.AssetNetworkDevice, name: "Bộ định tuyến biên Cisco ISR 4331", host: "RT-SNV-01", ip: "10.70.0.1", os: "Cisco IOS XE", osVersion: "17.9",
			location: room, responsible: "Lê Minh Đức", supplier: "VNPT Vĩnh Long", systems: []string{"lan"}, internet: true, lan: true},
		{typ: registers.AssetNetworkDevice, name: "Thiết bị chuyển mạch lõi Cisco Catalyst 9300", host: "SW-CORE-01", ip: "10.70.1.2", os: "Cisco IOS XE", osVersion: "17.9",
			location: room, responsible: "Lê Minh Đức", systems: []string{"lan"}, lan: true},
		{typ: registers.AssetNetworkDevice, name: "Thiết bị chuyển mạch tầng 1 HPE Aruba 2930F", host: "SW-T1-01", ip: "10.70.1.11",
			location: "Tủ mạng tầng 1", responsible: "Lê Minh Đức", systems: []string{"lan"}, lan: true},
		{typ: registers.AssetNetworkDevice, name: "Thiết bị chuyển mạch tầng 2 HPE Aruba 2930F", host: "SW-T2-01", ip: "10.70.1.12",
			location: "Tủ mạng tầng 2", responsible: "Lê Minh Đức", systems: []string{"lan"}, lan: true},
		{typ: registers.AssetNetworkDevice, name: "Điểm truy cập Wi-Fi hội trường", host: "AP-HT-01", ip: "10.70.5.10",
			location: "Hội trường tầng 1", responsible: "Lê Minh Đức", systems: []string{"lan"}, internet: true, lan: true},
		{typ: registers.AssetServer, name: "Máy chủ ứng dụng cơ sở dữ liệu hồ sơ cán bộ", host: "SRV-HSCB-01", ip: "10.70.2.10", os: "Windows Server", osVersion: "2019",
			location: room, responsible: "Lê Minh Đức", supplier: "Công ty CP Phần mềm Nam Bộ (mẫu)", systems: []string{"hr"}, lan: true},
		{typ: registers.AssetServer, name: "Máy chủ cơ sở dữ liệu hồ sơ cán bộ", host: "SRV-HSCB-DB", ip: "10.70.2.11", os: "Windows Server", osVersion: "2022",
			location: room, responsible: "Lê Minh Đức", systems: []string{"hr"}, lan: true},
		{typ: registers.AssetServer, name: "Máy chủ phần mềm thi đua, khen thưởng", host: "SRV-TDKT-01", ip: "10.70.2.20", os: "Ubuntu Server", osVersion: "22.04 LTS",
			location: room, responsible: "Lê Minh Đức", systems: []string{"emulation"}, lan: true},
		{typ: registers.AssetServer, name: "Máy chủ quản lý tên miền nội bộ (AD)", host: "SRV-AD-01", ip: "10.70.2.5", os: "Windows Server", osVersion: "2022",
			location: room, responsible: "Lê Minh Đức", systems: []string{"lan"}, lan: true},
		{typ: registers.AssetServer, name: "Máy chủ giám sát và sao lưu", host: "SRV-BACKUP-01", ip: "10.70.2.30", os: "Ubuntu Server", osVersion: "24.04 LTS",
			location: room, responsible: "Lê Minh Đức", systems: []string{"lan", "hr"}, lan: true},
		{typ: registers.AssetStorage, name: "Thiết bị lưu trữ NAS Synology DS1522+", host: "NAS-SNV-01", ip: "10.70.2.40", os: "DSM", osVersion: "7.2",
			location: room, responsible: "Lê Minh Đức", systems: []string{"hr"}, lan: true},
		{typ: registers.AssetSoftware, name: "Phần mềm diệt virus BKAV Endpoint (bản quyền 60 máy)", osVersion: "2025",
			responsible: "Lê Minh Đức", supplier: "Công ty CP BKAV", systems: []string{"lan"}},
		{typ: registers.AssetSoftware, name: "Kaspersky Endpoint Security cho máy chủ (bản quyền 5 máy)", osVersion: "12.5",
			responsible: "Lê Minh Đức", supplier: "Đại lý Kaspersky tại Cần Thơ (mẫu)", systems: []string{"hr", "emulation"}},
		{typ: registers.AssetDataSet, name: "Dữ liệu hồ sơ cán bộ, công chức, viên chức", location: "SRV-HSCB-DB", responsible: "Phạm Thị Mỹ Duyên",
			systems: []string{"hr"}, notes: "Dữ liệu cá nhân nhạy cảm; sao lưu hằng ngày lên NAS-SNV-01."},
		{typ: registers.AssetService, name: "Dịch vụ lưu trữ Cổng thông tin tại Trung tâm dữ liệu tỉnh", responsible: "Ngô Minh Trí",
			supplier: "Trung tâm dữ liệu tỉnh Vĩnh Long", systems: []string{"portal"}, internet: true},
		{typ: registers.AssetService, name: "Dịch vụ lưu trữ Hệ thống giải quyết TTHC tại Trung tâm dữ liệu tỉnh", responsible: "Ngô Minh Trí",
			supplier: "Trung tâm dữ liệu tỉnh Vĩnh Long", systems: []string{"tthc"}, internet: true},
	}
}

func endpoints() []assetSpec {
	var out []assetSpec
	for i, p := range staff {
		os, ver := "Windows 11 Pro", "23H2"
		if i%3 == 0 {
			os, ver = "Windows 10 Pro", "22H2"
		}
		systems := []string{"lan", "docs", "mail"}
		if i < 4 || i == 16 || i == 17 {
			systems = append(systems, "hr")
		}
		if i == 8 || i == 9 {
			systems = append(systems, "tthc", "portal")
		}
		out = append(out, assetSpec{typ: registers.AssetWorkstation, name: "Máy trạm của " + p.name, host: fmt.Sprintf("PC-SNV-%02d", i+1),
			ip: fmt.Sprintf("10.70.10.%d", 21+i), os: os, osVersion: ver, location: p.room, responsible: p.name,
			systems: systems, internet: true, lan: true, notes: "Cài BKAV Endpoint"})
	}
	laptops := []struct{ who, model string }{
		{"Trần Quốc Bảo", "Dell Latitude 7440"}, {"Nguyễn Thị Thu Hương", "Lenovo ThinkPad T14"},
		{"Lê Minh Đức", "HP ProBook 450 G10"}, {"Đặng Quốc Việt", "Dell Latitude 5440"},
	}
	for i, l := range laptops {
		out = append(out, assetSpec{typ: registers.AssetLaptop, name: "Máy tính xách tay " + l.model + " của " + l.who, host: fmt.Sprintf("LT-SNV-%02d", i+1),
			ip: fmt.Sprintf("10.70.11.%d", 31+i), os: "Windows 11 Pro", osVersion: "23H2", location: "Mang theo người",
			responsible: l.who, systems: []string{"lan", "docs", "mail"}, internet: true, lan: true})
	}
	return append(out,
		assetSpec{typ: registers.AssetWorkstation, name: "Máy tính soạn thảo văn bản mật (độc lập)", host: "PC-MAT-01",
			os: "Windows 10 Pro", osVersion: "22H2", location: "Phòng bảo mật, Văn phòng Sở", responsible: "Dương Thị Ánh Tuyết", secret: true,
			notes: "Không kết nối Internet, không kết nối mạng nội bộ; cổng USB bị khóa."},
		assetSpec{typ: registers.AssetLaptop, name: "Máy tính xách tay soạn thảo tài liệu mật (cấu hình sai)", host: "LT-MAT-02", ip: "10.70.11.50",
			os: "Windows 11 Pro", osVersion: "23H2", location: "Thanh tra Sở", responsible: "Bùi Thị Thanh Tâm", secret: true, internet: true, lan: true,
			notes: "Phát hiện khi rà soát: máy lưu tài liệu mật nhưng vẫn kết nối Wi-Fi và Internet — phải ngắt kết nối ngay."},
	)
}

// addAssets enters the inventory, then a repair, a disposal with its
// sanitisation record, and a repurposed workstation.
func addAssets(s *session.Session, day dates, ids systemIDs, ev evidence) error {
	specs := append(infrastructure(), endpoints()...)
	specs = append(specs,
		assetSpec{typ: registers.AssetWorkstation, name: "Máy trạm cũ Văn thư (đã thanh lý)", host: "PC-VT-07", ip: "10.70.10.90",
			os: "Windows 10 Pro", osVersion: "21H2", location: "Kho Văn phòng Sở", responsible: "Ngô Minh Trí", lan: true},
		assetSpec{typ: registers.AssetWorkstation, name: "Máy trạm cũ phòng Tôn giáo (chuyển làm máy tra cứu)", host: "PC-TG-03", ip: "10.70.10.91",
			os: "Windows 10 Pro", osVersion: "22H2", location: "Phòng Tôn giáo", responsible: "Châu Minh Khoa", lan: true},
	)
	byHost := map[string]int64{}
	for i, spec := range specs {
		a, err := s.SaveAsset(spec.asset(i+1, ids))
		if err != nil {
			return fmt.Errorf("demo: asset %s: %w", spec.name, err)
		}
		byHost[a.Hostname] = a.ID
	}
	return lifecycle(s, day, byHost, ev)
}

func lifecycle(s *session.Session, day dates, byHost map[string]int64, ev evidence) error {
	if _, err := s.AddRepair(byHost["PC-SNV-05"], registers.Repair{Date: day.ago(75), By: "Lê Minh Đức", Vendor: "Trung tâm bảo hành Dell Vĩnh Long (mẫu)",
		What: "Thay ổ cứng SSD bị lỗi; ổ cũ được giữ lại tại Sở, không giao cho đơn vị sửa chữa", ReturnedOn: day.ago(68)}); err != nil {
		return err
	}
	if _, err := s.AddRepair(byHost["SRV-HSCB-01"], registers.Repair{Date: day.ago(6), By: "Lê Minh Đức", Vendor: "Công ty CP Phần mềm Nam Bộ (mẫu)",
		What: "Thay bộ nguồn dự phòng, sửa chữa tại chỗ có cán bộ giám sát"}); err != nil {
		return err
	}
	if err := s.ChangeAssetStatus(byHost["SRV-HSCB-01"], registers.StatusUnderRepair, nil); err != nil {
		return err
	}
	if err := s.ChangeAssetStatus(byHost["PC-VT-07"], registers.StatusDisposed, &registers.Sanitisation{
		Method: registers.MethodDestroy, Date: day.ago(45), Performer: "Lê Minh Đức", Witness: "Phạm Văn Tâm", EvidenceID: ev.sanitisation,
	}); err != nil {
		return err
	}
	return s.ChangeAssetStatus(byHost["PC-TG-03"], registers.StatusRepurposed, &registers.Sanitisation{
		Method: registers.MethodPurge, Date: day.ago(15), Performer: "Lê Minh Đức", Witness: "Châu Minh Khoa",
	})
}
