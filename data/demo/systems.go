package demo

import (
	"fmt"

	"daumoi/data/registers"
	"daumoi/data/session"
)

// systemIDs are the ids of the demo systems, by short name.
type systemIDs map[string]int64

func fullPlan(status registers.PlanStatus) map[registers.PlanPart]registers.PlanStatus {
	plan := map[registers.PlanPart]registers.PlanStatus{}
	for _, p := range registers.PlanParts() {
		plan[p] = status
	}
	return plan
}

func addSystems(s *session.Session, day dates, ev evidence) (systemIDs, error) {
	partial := fullPlan(registers.PlanFull)
	partial[registers.PlanMonitoring] = registers.PlanPartial
	partial[registers.PlanIncident] = registers.PlanPartial
	partial[registers.PlanEndOfLife] = registers.PlanNone
	list := []struct {
		key string
		sys registers.System
	}{
		{"portal", registers.System{
			Name: "Cổng thông tin điện tử Sở Nội vụ", Purpose: "Công bố thông tin, văn bản chỉ đạo điều hành, tiếp nhận ý kiến người dân",
			OperatingUnit: "Văn phòng Sở Nội vụ", Owner: Agency, Scope: "Công khai trên Internet", Users: 12,
			InfoTypes: []registers.InfoType{registers.InfoPublic}, ServiceType: registers.ServiceCitizens,
			Hosting: "Trung tâm dữ liệu tỉnh Vĩnh Long", ProposedLevel: 2,
			LevelJustification: "Cung cấp thông tin công khai cho người dân; không xử lý bí mật nhà nước; dưới 10.000 người dùng có tài khoản.",
			Plan:               fullPlan(registers.PlanFull), Regulation: registers.Regulation{Issued: true, Number: "198/QĐ-SNV (số mẫu)", Date: day.ago(430)},
			GoLiveDate: day.ago(2200), TestedBeforeGoLive: true,
		}},
		{"tthc", registers.System{
			Name: "Hệ thống giải quyết thủ tục hành chính của Sở", Purpose: "Tiếp nhận, xử lý hồ sơ thủ tục hành chính thuộc thẩm quyền của Sở",
			OperatingUnit: "Văn phòng Sở Nội vụ", Owner: Agency, Scope: "Người dân, doanh nghiệp và cán bộ xử lý hồ sơ", Users: 3500,
			InfoTypes: []registers.InfoType{registers.InfoPrivate, registers.InfoPersonal}, ServiceType: registers.ServiceCitizens,
			Hosting: "Trung tâm dữ liệu tỉnh Vĩnh Long", ProposedLevel: 3,
			LevelJustification: "Hệ thống xử lý thủ tục hành chính: cấp độ 3 theo Nghị định 331/2026/NĐ-CP.",
			Plan:               partial, Regulation: registers.Regulation{Issued: true, Number: "77/QĐ-SNV (số mẫu)", Date: day.ago(90)},
			GoLiveDate: day.ago(800), TestedBeforeGoLive: true,
		}},
		{"hr", registers.System{
			Name: "Cơ sở dữ liệu hồ sơ cán bộ, công chức, viên chức", Purpose: "Quản lý hồ sơ, lý lịch, quá trình công tác của cán bộ, công chức, viên chức trong tỉnh",
			OperatingUnit: "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", Owner: Agency, Scope: "Nội bộ ngành Nội vụ", Users: 180,
			InfoTypes: []registers.InfoType{registers.InfoPrivate, registers.InfoPersonal}, ServiceType: registers.ServiceInternal,
			Hosting: "Phòng máy chủ của Sở", ProposedLevel: 2,
			LevelJustification: "Xử lý dữ liệu cá nhân của dưới 10.000 người; phục vụ nội bộ.",
			Plan:               partial, Regulation: registers.Regulation{Issued: true, Number: "45/QĐ-SNV (số mẫu)", Date: day.ago(700)},
			GoLiveDate: day.ago(1500), TestedBeforeGoLive: false,
		}},
		{"lan", registers.System{
			Name: "Mạng nội bộ (LAN) Sở Nội vụ", Purpose: "Kết nối máy tính, máy chủ của Sở và kết nối mạng truyền số liệu chuyên dùng",
			OperatingUnit: "Văn phòng Sở Nội vụ", Owner: Agency, Scope: "Trụ sở Sở Nội vụ", Users: 95,
			InfoTypes: []registers.InfoType{registers.InfoPrivate}, ServiceType: registers.ServiceInfrastructure,
			Hosting: "Trụ sở Sở", ProposedLevel: 2, LevelJustification: "Hạ tầng phục vụ một cơ quan.",
			Plan: fullPlan(registers.PlanPartial), GoLiveDate: day.ago(3000),
		}},
		{"emulation", registers.System{
			Name: "Phần mềm quản lý thi đua, khen thưởng nội bộ", Purpose: "Theo dõi phong trào thi đua, hồ sơ khen thưởng",
			OperatingUnit: "Ban Thi đua - Khen thưởng", Owner: Agency, Scope: "Nội bộ", Users: 15,
			InfoTypes: []registers.InfoType{registers.InfoPublic}, ServiceType: registers.ServiceInternal,
			Hosting: "Máy chủ nội bộ", ProposedLevel: 1, LevelJustification: "Hệ thống nội bộ chỉ xử lý thông tin công cộng.",
			Regulation: registers.Regulation{Issued: true, Number: "12/QĐ-SNV (số mẫu)", Date: day.ago(300)},
		}},
		{"docs", registers.System{
			Name: "Hệ thống quản lý văn bản và điều hành tỉnh Vĩnh Long", Purpose: "Gửi, nhận, xử lý văn bản điện tử liên thông",
			OperatingUnit: "Sở Khoa học và Công nghệ tỉnh Vĩnh Long", Owner: "UBND tỉnh Vĩnh Long", Scope: "Toàn tỉnh", Users: 9000,
			InfoTypes: []registers.InfoType{registers.InfoPrivate, registers.InfoPersonal}, ServiceType: registers.ServiceInternal,
			Hosting: "Trung tâm dữ liệu tỉnh Vĩnh Long", ProposedLevel: 3, ProvinceOwned: true,
			LevelJustification: "Hệ thống dùng chung của tỉnh; Sở là đơn vị sử dụng, hồ sơ cấp độ do chủ quản lập.",
			Notes:              "Sở chỉ sử dụng; trách nhiệm của Sở: quản lý tài khoản, máy trạm truy cập.",
		}},
		{"mail", registers.System{
			Name: "Hệ thống thư điện tử công vụ tỉnh Vĩnh Long", Purpose: "Thư điện tử công vụ cho cán bộ, công chức",
			OperatingUnit: "Sở Khoa học và Công nghệ tỉnh Vĩnh Long", Owner: "UBND tỉnh Vĩnh Long", Scope: "Toàn tỉnh", Users: 12000,
			InfoTypes: []registers.InfoType{registers.InfoPrivate}, ServiceType: registers.ServiceInfrastructure,
			Hosting: "Trung tâm dữ liệu tỉnh Vĩnh Long", ProposedLevel: 2, ProvinceOwned: true,
			LevelJustification: "Hệ thống dùng chung của tỉnh; Sở là đơn vị sử dụng.",
		}},
		{"national", registers.System{
			Name: "Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức", Purpose: "Cập nhật dữ liệu cán bộ, công chức, viên chức của tỉnh lên cơ sở dữ liệu quốc gia",
			OperatingUnit: "Bộ Nội vụ", Owner: "Bộ Nội vụ", Scope: "Toàn quốc; Sở cập nhật dữ liệu của tỉnh", Users: 50000,
			InfoTypes: []registers.InfoType{registers.InfoPrivate, registers.InfoPersonal}, ServiceType: registers.ServiceInfrastructure,
			Hosting: "Bộ Nội vụ", ProposedLevel: 4, LevelJustification: "Hệ thống quốc gia do Bộ Nội vụ chủ quản.",
			Notes: "Sở chỉ là đơn vị sử dụng.",
		}},
	}
	ids := systemIDs{}
	for _, x := range list {
		sys, err := s.SaveSystem(x.sys)
		if err != nil {
			return nil, fmt.Errorf("demo: system %s: %w", x.sys.Name, err)
		}
		ids[x.key] = sys.ID
	}
	return ids, advanceDossiers(s, day, ids, ev)
}

// advanceDossiers walks each dossier to its demo state: the portal and
// the emulation software approved, the procedure system submitted, the
// LAN appraised, the personnel database approved at level 2 and then sent
// back for re-determination at level 3.
func advanceDossiers(s *session.Session, day dates, ids systemIDs, ev evidence) error {
	approve := func(number, date, authority, evidenceID string) registers.DossierStep {
		return registers.DossierStep{To: registers.DossierApproved, Date: date,
			Decision: registers.Decision{Number: number, Date: date, Authority: authority, EvidenceID: evidenceID}}
	}
	step := func(to registers.DossierState, date, note string) registers.DossierStep {
		return registers.DossierStep{To: to, Date: date, Note: note}
	}
	plan := []struct {
		key   string
		steps []registers.DossierStep
	}{
		{"portal", []registers.DossierStep{step(registers.DossierSubmitted, day.ago(430), ""), step(registers.DossierAppraised, day.ago(415), ""),
			approve("245/QĐ-SNV (số mẫu)", day.ago(400), "Giám đốc Sở Nội vụ tỉnh Vĩnh Long", ev.decision)}},
		{"emulation", []registers.DossierStep{step(registers.DossierSubmitted, day.ago(290), ""), step(registers.DossierAppraised, day.ago(280), ""),
			approve("301/QĐ-SNV (số mẫu)", day.ago(270), "Giám đốc Sở Nội vụ tỉnh Vĩnh Long", "")}},
		{"tthc", []registers.DossierStep{step(registers.DossierSubmitted, day.ago(30), "Trình Công an tỉnh thẩm định kèm hồ sơ đề xuất cấp độ 3")}},
		{"lan", []registers.DossierStep{step(registers.DossierSubmitted, day.ago(60), ""), step(registers.DossierAppraised, day.ago(40), "")}},
		{"hr", []registers.DossierStep{step(registers.DossierSubmitted, day.ago(690), ""), step(registers.DossierAppraised, day.ago(680), ""),
			approve("512/QĐ-SNV (số mẫu)", day.ago(670), "Giám đốc Sở Nội vụ tỉnh Vĩnh Long", ""),
			step(registers.DossierDrafting, day.ago(25), "Xác định lại cấp độ: dữ liệu cá nhân nhạy cảm vượt ngưỡng của Nghị định 331/2026/NĐ-CP, đề xuất cấp độ 3")}},
	}
	for _, p := range plan {
		for _, st := range p.steps {
			if _, err := s.AdvanceDossier(ids[p.key], st); err != nil {
				return fmt.Errorf("demo: dossier of %s: %w", p.key, err)
			}
		}
	}
	// After re-determination the personnel database is proposed at level 3.
	hr, err := s.GetSystem(ids["hr"])
	if err != nil {
		return err
	}
	hr.ProposedLevel = 3
	hr.LevelJustification = "Xử lý dữ liệu cá nhân nhạy cảm (lý lịch, sức khỏe) của trên 10.000 người trong tỉnh: cấp độ 3."
	_, err = s.SaveSystem(hr)
	return err
}
