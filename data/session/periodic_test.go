package session

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestResponsePlanReview records a plan, which counts as issued; a change
// of the system after the approval day makes the latest plan need a
// review, and a newer plan clears it.
func TestResponsePlanReview(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	sys := systemAt(t, s, "Quản lý văn bản", 3, "2025-01-01")
	p, err := s.RecordResponsePlan(ResponsePlan{SystemID: sys.ID, Version: "1.0", ApprovedOn: "2026-11-20", Approver: "Trần Quốc Bảo"})
	must(t, err)
	plans, err := s.ListResponsePlans(sys.ID)
	must(t, err)
	if len(plans) != 1 || plans[0].ReviewNeeded {
		t.Fatalf("plans = %+v", plans)
	}
	acts, err := s.ListActivities(ActivityFilter{Kind: kindPlanIssued})
	must(t, err)
	if len(acts) != 1 || acts[0].SystemID != sys.ID || acts[0].Date != p.ApprovedOn {
		t.Errorf("activities = %+v", acts)
	}
	sys.Purpose = "Thêm phân hệ ký số"
	_, err = s.SaveSystem(sys)
	must(t, err)
	plans, err = s.ListResponsePlans(0)
	must(t, err)
	if !plans[0].ReviewNeeded || plans[0].SystemChangedOn != "2026-11-25" {
		t.Errorf("after a change: %+v", plans[0])
	}
	_, err = s.RecordResponsePlan(ResponsePlan{SystemID: sys.ID, Version: "1.1", ApprovedOn: "2026-11-25"})
	must(t, err)
	plans, err = s.ListResponsePlans(sys.ID)
	must(t, err)
	if len(plans) != 2 || plans[0].Version != "1.1" || plans[0].ReviewNeeded {
		t.Errorf("after the new version: %+v", plans)
	}
	for _, bad := range []struct {
		p    ResponsePlan
		want error
	}{
		{ResponsePlan{SystemID: sys.ID, ApprovedOn: "2026-11-20"}, ErrInvalidInput},
		{ResponsePlan{SystemID: sys.ID, Version: "2", ApprovedOn: "2026-12-20"}, ErrBadDate},
		{ResponsePlan{SystemID: 99, Version: "2", ApprovedOn: "2026-11-20"}, ErrNoSuchSystem},
	} {
		if _, err := s.RecordResponsePlan(bad.p); !errors.Is(err, bad.want) {
			t.Errorf("RecordResponsePlan(%+v) = %v, want %v", bad.p, err, bad.want)
		}
	}
}

// TestDrillsAndAwareness: a live-fire drill is a "drill" activity of each
// of its systems; a tabletop exercise meets no obligation; awareness
// sessions are kept (no shipped pack counts them).
func TestDrillsAndAwareness(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	a := systemAt(t, s, "Một cửa", 3, "2025-01-01")
	b := systemAt(t, s, "Thư điện tử", 3, "2025-01-01")
	_, err := s.RecordDrill(Drill{Date: "2026-10-10", Scenario: "Tấn công mã độc mã hóa", SystemIDs: []int64{b.ID, a.ID, a.ID}, LiveFire: true, Participants: "Tổ ứng cứu"})
	must(t, err)
	_, err = s.RecordDrill(Drill{Date: "2026-10-11", Scenario: "Rò rỉ dữ liệu (trên bàn)", SystemIDs: []int64{a.ID}})
	must(t, err)
	acts, err := s.ListActivities(ActivityFilter{Kind: kindDrill})
	must(t, err)
	if len(acts) != 2 || acts[0].SystemID != a.ID || acts[1].SystemID != b.ID || acts[0].Date != "2026-10-10" {
		t.Errorf("drill activities = %+v", acts)
	}
	drills, err := s.ListDrills()
	must(t, err)
	if len(drills) != 2 || drills[1].LiveFire != true || len(drills[1].SystemIDs) != 2 {
		t.Errorf("drills = %+v", drills)
	}
	if _, err := s.RecordDrill(Drill{Date: "2026-10-11", Scenario: "x", SystemIDs: []int64{42}}); !errors.Is(err, ErrNoSuchSystem) {
		t.Errorf("drill of an unknown system = %v", err)
	}
	if _, err := s.RecordDrill(Drill{Date: "2026-10-11"}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("drill without scenario = %v", err)
	}
	aw, err := s.RecordAwareness(AwarenessSession{Date: "2026-09-01", Topic: "Nhận diện thư lừa đảo", Audience: "Công chức", Attendees: 45})
	must(t, err)
	list, err := s.ListAwareness()
	must(t, err)
	if len(list) != 1 || list[0].Attendees != 45 || aw.ActivityID == 0 { // the shipped packs count awareness_training
		t.Errorf("awareness = %+v (activity %d)", list, aw.ActivityID)
	}
	if _, err := s.RecordAwareness(AwarenessSession{Date: "2026-09-01", Topic: "x", Attendees: -1}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative count = %v", err)
	}
}

// TestWarnings matches a warning to assets by the CVE of an open finding
// and by a product name in the OS (any case and diacritics), and closes it.
func TestWarnings(t *testing.T) {
	_, s, sys := seedScanVault(t)
	_, err := s.ImportScanReport(strings.NewReader(nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb}})),
		ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	db, err := s.ListAssets(AssetFilter{Text: "SRV-DB01"})
	must(t, err)
	db[0].OS, db[0].OSVersion = "Microsoft SQL Server", "2012"
	_, err = s.SaveAsset(db[0])
	must(t, err)
	w, err := s.RecordWarning(Warning{Number: "123/CATTT-NCSC", Date: "2026-11-21", Source: "Cục An toàn thông tin",
		CVEs: []string{"cve-2021-44228"}, Products: []string{"sql server 2012"}})
	must(t, err)
	list, err := s.ListWarnings()
	must(t, err)
	if len(list) != 1 || len(list[0].Assets) != 2 || list[0].Status != WarningOpen {
		t.Fatalf("warnings = %+v", list)
	}
	must(t, s.SetWarningStatus(w.ID, WarningClosed, "Đã vá Log4j, nâng cấp SQL Server"))
	list, err = s.ListWarnings()
	must(t, err)
	if list[0].ClosedOn != "2026-11-25" || list[0].Action == "" {
		t.Errorf("closed warning = %+v", list[0])
	}
	if err := s.SetWarningStatus(w.ID, "xong", ""); !errors.Is(err, ErrBadWarningStatus) {
		t.Errorf("bad status = %v", err)
	}
	if err := s.SetWarningStatus(99, WarningClosed, ""); !errors.Is(err, ErrNoSuchWarning) {
		t.Errorf("unknown warning = %v", err)
	}
}
