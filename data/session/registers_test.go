package session

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"daumoi/data/audit"
	"daumoi/data/registers"
)

// sampleSystem is a valid system with a proposed level.
func sampleSystem(name string) registers.System {
	return registers.System{
		Name: name, Purpose: "Thử nghiệm", OperatingUnit: "Văn phòng", Owner: "UBND tỉnh Vĩnh Long", Users: 10,
		InfoTypes: []registers.InfoType{registers.InfoPersonal, registers.InfoPublic}, ServiceType: registers.ServiceInternal,
		ProposedLevel: 2, LevelJustification: "Nội bộ, có dữ liệu cá nhân",
	}
}

// sampleAsset is a valid workstation.
func sampleAsset(host string) registers.Asset {
	return registers.Asset{Type: registers.AssetWorkstation, Name: "Máy trạm " + host, Hostname: host,
		IPs: []string{"10.0.0.1"}, MACs: []string{"aa-bb-cc-dd-ee-ff"}, OS: "Windows 11", Responsible: "Nguyễn Văn Ấn", LAN: true}
}

func TestProfileSaveValidatesAndRecordsChanges(t *testing.T) {
	dir, s, _ := newVault(t)
	p, err := s.Profile()
	if err != nil || p.Name != "Sở Nội vụ tỉnh Vĩnh Long" || p.ReceivingOffice.Name != "Công an tỉnh Vĩnh Long" {
		t.Fatalf("initial profile = %+v, %v", p, err)
	}
	bad := []struct {
		name   string
		change func(p *registers.Profile)
		want   error
	}{
		{"e-mail", func(p *registers.Profile) { p.ReceivingOffice.Email = "không phải thư" }, registers.ErrBadEmail},
		{"phone", func(p *registers.Profile) { p.IncidentContact.Phone = "gọi tôi" }, registers.ErrBadPhone},
		{"url", func(p *registers.Profile) { p.IncidentContact.PublishedURL = "javascript:alert(1)" }, registers.ErrBadURL},
		{"date", func(p *registers.Profile) { p.IncidentContact.CheckedOn = "31/02/2026" }, registers.ErrBadDate},
		{"focal without name", func(p *registers.Profile) { p.FocalPoints = []registers.FocalPoint{{Phone: "0912345678"}} }, registers.ErrRequired},
		{"empty name", func(p *registers.Profile) { p.Name = "  " }, registers.ErrRequired},
	}
	before := historyLen(t, dir, s)
	for _, c := range bad {
		q := p
		c.change(&q)
		if err := s.SaveProfile(q); !errors.Is(err, c.want) || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: SaveProfile = %v, want %v", c.name, err, c.want)
		}
	}
	if historyLen(t, dir, s) != before {
		t.Error("refused profiles changed the history")
	}
	p.OwnerAuthority = "UBND tỉnh Vĩnh Long"
	p.IncidentContact = registers.IncidentContact{Phone: "0270 3822 999", Email: "ucsc@example.vn",
		PublishedURL: "https://example.vn/lien-he", CheckedOn: "20/11/2026"}
	p.FocalPoints = []registers.FocalPoint{{Name: "Nguye\u0302\u0303n Thị Thu Hương", Phone: "+84 912 345 678"}}
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	got, err := s.Profile()
	if err != nil || got.IncidentContact.CheckedOn != "2026-11-20" || got.FocalPoints[0].Name != "Nguyễn Thị Thu Hương" {
		t.Errorf("saved profile = %+v, %v (date normalised, NFC)", got, err)
	}
	h, err := s.History(auditFilterAction("profile.update"))
	if err != nil || len(h) != 1 || !strings.Contains(h[0].Summary, `Cơ quan chủ quản: "" → "UBND tỉnh Vĩnh Long"`) {
		t.Errorf("history = %+v, %v", h, err)
	}
	// Saving the same profile again records nothing.
	if err := s.SaveProfile(got); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(auditFilterAction("profile.update")); len(h) != 1 {
		t.Errorf("an unchanged profile was recorded: %d entries", len(h))
	}
}

func TestSystemDossierWorkflow(t *testing.T) {
	_, s, _ := newVault(t)
	sys, err := s.SaveSystem(sampleSystem("Cổng thông tin điện tử"))
	if err != nil {
		t.Fatal(err)
	}
	if sys.Dossier.State != registers.DossierDrafting || sys.ID == 0 {
		t.Fatalf("new system = %+v", sys)
	}
	if _, err := s.SaveSystem(sampleSystem("CONG THONG TIN dien tu")); !errors.Is(err, ErrSystemExists) {
		t.Errorf("duplicate name (case, diacritics) = %v", err)
	}
	approve := registers.DossierStep{To: registers.DossierApproved, Date: "2026-03-01",
		Decision: registers.Decision{Number: "12/QĐ-UBND", Date: "01/03/2026", Authority: "UBND tỉnh Vĩnh Long"}}
	steps := []struct {
		step registers.DossierStep
		want error
	}{
		{approve, registers.ErrInvalidTransition},
		{registers.DossierStep{To: registers.DossierAppraised, Date: "2026-01-01"}, registers.ErrInvalidTransition},
		{registers.DossierStep{To: registers.DossierSubmitted}, registers.ErrRequired},
		{registers.DossierStep{To: registers.DossierSubmitted, Date: "2026-01-05"}, nil},
		{registers.DossierStep{To: registers.DossierDrafting, Date: "2026-01-06"}, registers.ErrReasonRequired},
		{registers.DossierStep{To: registers.DossierAppraised, Date: "2026-02-01"}, nil},
		{registers.DossierStep{To: registers.DossierApproved, Date: "2026-03-01"}, registers.ErrDecisionRequired},
		{approve, registers.ErrRegulationRequired},
	}
	for i, c := range steps {
		if _, err := s.AdvanceDossier(sys.ID, c.step); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Fatalf("step %d (%s) = %v, want %v", i, c.step.To, err, c.want)
		}
	}
	sys.Regulation = registers.Regulation{Issued: true, Number: "5/QĐ", Date: "2026-02-15"}
	if _, err := s.SaveSystem(sys); err != nil {
		t.Fatal(err)
	}
	got, err := s.AdvanceDossier(sys.ID, approve)
	if err != nil || got.Dossier.State != registers.DossierApproved || got.Dossier.ApprovedLevel != 2 || got.Dossier.Decision.Date != "2026-03-01" {
		t.Fatalf("approved = %+v, %v", got.Dossier, err)
	}
	// Saving the system does not touch its dossier.
	edited := got
	edited.Dossier = registers.Dossier{}
	edited.ProposedLevel = 3
	if after, err := s.SaveSystem(edited); err != nil || after.Dossier.State != registers.DossierApproved || after.Level() != 2 {
		t.Errorf("SaveSystem changed the dossier: %+v, %v", after.Dossier, err)
	}
	back, err := s.AdvanceDossier(sys.ID, registers.DossierStep{To: registers.DossierDrafting, Date: "2026-11-01", Note: "Xác định lại theo NĐ 331"})
	if err != nil || back.Dossier.State != registers.DossierDrafting || len(back.Dossier.History) != 4 || back.Level() != 3 {
		t.Fatalf("re-determination = %+v, %v", back.Dossier, err)
	}
	if back.Dossier.History[2].Decision.Number != "12/QĐ-UBND" {
		t.Errorf("history lost the earlier approval: %+v", back.Dossier.History)
	}
	if !back.NeedsYearlyDrill() {
		t.Error("a level-3 system is not flagged for the yearly drill")
	}
	list, err := s.ListSystems(SystemFilter{Text: "cong thong tin", MinLevel: 3})
	if err != nil || len(list) != 1 {
		t.Errorf("ListSystems = %v, %v", list, err)
	}
	if _, err := s.GetSystem(999); !errors.Is(err, ErrNoSuchSystem) {
		t.Errorf("GetSystem(999) = %v", err)
	}
}

func TestDeleteSystemInUse(t *testing.T) {
	_, s, _ := newVault(t)
	sys, err := s.SaveSystem(sampleSystem("LAN"))
	if err != nil {
		t.Fatal(err)
	}
	a := sampleAsset("PC-01")
	a.Systems = []int64{sys.ID}
	a, err = s.SaveAsset(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSystem(sys.ID); !errors.Is(err, ErrSystemInUse) {
		t.Errorf("DeleteSystem with an asset = %v", err)
	}
	a.Systems = nil
	if _, err := s.SaveAsset(a); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSystem(sys.ID); err != nil {
		t.Errorf("DeleteSystem = %v", err)
	}
	if _, err := s.SaveAsset(registers.Asset{Type: registers.AssetServer, Name: "x", Systems: []int64{sys.ID}}); !errors.Is(err, ErrNoSuchSystem) {
		t.Errorf("asset serving a deleted system = %v", err)
	}
}

func TestAssetValidationAndViolation(t *testing.T) {
	_, s, _ := newVault(t)
	a, err := s.SaveAsset(sampleAsset("PC-KT-01"))
	if err != nil {
		t.Fatal(err)
	}
	if a.MACs[0] != "AA:BB:CC:DD:EE:FF" || a.Status != registers.StatusInUse || a.Violation() {
		t.Errorf("saved = %+v", a)
	}
	bad := []struct {
		name   string
		change func(a *registers.Asset)
		want   error
	}{
		{"ip", func(a *registers.Asset) { a.IPs = []string{"10.0.0.300"} }, registers.ErrBadIP},
		{"mac", func(a *registers.Asset) { a.MACs = []string{"aa:bb"} }, registers.ErrBadMAC},
		{"hostname", func(a *registers.Asset) { a.Hostname = "máy kế toán" }, registers.ErrBadHostname},
		{"type", func(a *registers.Asset) { a.Type = "toaster" }, registers.ErrUnknownAssetType},
		{"name", func(a *registers.Asset) { a.Name = "" }, registers.ErrRequired},
		{"duplicate hostname", func(a *registers.Asset) { a.Hostname = "pc-kt-01" }, ErrDuplicateHostname},
		{"starts disposed", func(a *registers.Asset) { a.Status = registers.StatusDisposed }, registers.ErrInvalidStatusChange},
	}
	for _, c := range bad {
		x := sampleAsset("PC-KT-02")
		c.change(&x)
		if _, err := s.SaveAsset(x); !errors.Is(err, c.want) {
			t.Errorf("%s: SaveAsset = %v, want %v", c.name, err, c.want)
		}
	}
	secret := registers.Asset{Type: registers.AssetLaptop, Name: "Máy soạn thảo mật", StateSecret: true, Internet: true}
	secret, err = s.SaveAsset(secret)
	if err != nil || !secret.Violation() {
		t.Fatalf("violation not reported: %+v, %v", secret, err)
	}
	v, err := s.Violations()
	if err != nil || len(v) != 1 || v[0].ID != secret.ID {
		t.Errorf("Violations = %+v, %v", v, err)
	}
	secret.Internet = false
	if _, err := s.SaveAsset(secret); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Violations(); len(v) != 0 {
		t.Errorf("fixed violation still listed: %+v", v)
	}
}

func TestAssetLifecycle(t *testing.T) {
	_, s, _ := newVault(t)
	a, err := s.SaveAsset(sampleAsset("PC-01"))
	if err != nil {
		t.Fatal(err)
	}
	san := &registers.Sanitisation{Method: registers.MethodPurge, Date: "2026-11-01", Performer: "Lê Minh Đức", Witness: "Trần Quốc Bảo"}
	cases := []struct {
		to   registers.AssetStatus
		san  *registers.Sanitisation
		want error
	}{
		{registers.StatusRepurposed, nil, registers.ErrSanitisationRequired},
		{registers.StatusDisposed, &registers.Sanitisation{Method: registers.MethodDestroy}, registers.ErrSanitisationRequired},
		{registers.StatusDisposed, &registers.Sanitisation{Method: "burn", Date: "2026-11-01", Performer: "x"}, registers.ErrUnknownMethod},
		{"lost", nil, registers.ErrUnknownStatus},
		{registers.StatusInUse, nil, registers.ErrInvalidStatusChange},
		{registers.StatusUnderRepair, nil, nil},
		{registers.StatusInUse, nil, nil},
		{registers.StatusRepurposed, san, nil},
		{registers.StatusDisposed, san, nil},
		{registers.StatusInUse, nil, registers.ErrInvalidStatusChange},
	}
	for i, c := range cases {
		if err := s.ChangeAssetStatus(a.ID, c.to, c.san); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Fatalf("change %d to %s = %v, want %v", i, c.to, err, c.want)
		}
	}
	r, err := s.AddRepair(a.ID, registers.Repair{Date: "01/10/2026", By: "Lê Minh Đức", Vendor: "FPT", What: "Thay ổ cứng"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnRepair(a.ID, r.ID, "2026-09-01"); !errors.Is(err, registers.ErrBadDate) {
		t.Errorf("returned before sent = %v", err)
	}
	if err := s.ReturnRepair(a.ID, r.ID+5, "2026-10-09"); !errors.Is(err, ErrNoSuchRepair) {
		t.Errorf("unknown repair = %v", err)
	}
	if err := s.ReturnRepair(a.ID, r.ID, "2026-10-09"); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetAsset(a.ID)
	if err != nil || got.Status != registers.StatusDisposed || len(got.Sanitisations) != 2 || len(got.Repairs) != 1 || got.Repairs[0].ReturnedOn != "2026-10-09" {
		t.Errorf("asset = %+v, %v", got, err)
	}
	if got.Sanitisations[1].ForStatus != registers.StatusDisposed {
		t.Errorf("sanitisation = %+v", got.Sanitisations)
	}
	if _, err := s.AddRepair(a.ID, registers.Repair{Date: "2026-10-01"}); !errors.Is(err, registers.ErrRequired) {
		t.Errorf("repair without what = %v", err)
	}
	if err := s.DeleteAsset(a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAsset(a.ID); !errors.Is(err, ErrNoSuchAsset) {
		t.Errorf("deleted asset = %v", err)
	}
}

func TestListAssetsFilterAndSort(t *testing.T) {
	_, s, _ := newVault(t)
	sys, err := s.SaveSystem(sampleSystem("Hồ sơ cán bộ"))
	if err != nil {
		t.Fatal(err)
	}
	for i, spec := range []struct {
		typ   registers.AssetType
		name  string
		resp  string
		inSys bool
	}{
		{registers.AssetServer, "Máy chủ CSDL", "Lê Minh Đức", true},
		{registers.AssetWorkstation, "Đài kiểm soát", "Nguyễn Văn Ấn", false},
		{registers.AssetWorkstation, "Bàn làm việc", "Trần Thị Bích", true},
	} {
		a := registers.Asset{Type: spec.typ, Name: spec.name, Hostname: fmt.Sprintf("H-%d", i), Responsible: spec.resp}
		if spec.inSys {
			a.Systems = []int64{sys.ID}
		}
		if _, err := s.SaveAsset(a); err != nil {
			t.Fatal(err)
		}
	}
	names := func(f AssetFilter) string {
		list, err := s.ListAssets(f)
		if err != nil {
			t.Fatal(err)
		}
		var n []string
		for _, a := range list {
			n = append(n, a.Name)
		}
		return strings.Join(n, ",")
	}
	cases := []struct {
		f    AssetFilter
		want string
	}{
		{AssetFilter{}, "Bàn làm việc,Đài kiểm soát,Máy chủ CSDL"},
		{AssetFilter{Descending: true}, "Máy chủ CSDL,Đài kiểm soát,Bàn làm việc"},
		{AssetFilter{Text: "nguyen van an"}, "Đài kiểm soát"},
		{AssetFilter{Text: "DAI KIEM"}, "Đài kiểm soát"},
		{AssetFilter{Type: registers.AssetWorkstation}, "Bàn làm việc,Đài kiểm soát"},
		{AssetFilter{System: sys.ID}, "Bàn làm việc,Máy chủ CSDL"},
		{AssetFilter{Sort: SortByResponsible}, "Máy chủ CSDL,Đài kiểm soát,Bàn làm việc"},
		{AssetFilter{Text: "không có"}, ""},
	}
	for _, c := range cases {
		if got := names(c.f); got != c.want {
			t.Errorf("ListAssets(%+v) = %q, want %q", c.f, got, c.want)
		}
	}
}

// auditFilterAction selects the history entries of one action.
func auditFilterAction(action string) audit.Filter { return audit.Filter{Text: action} }
