package session

import (
	"daumoi/data/fsx/fsxtest"
	"encoding/json"
	"errors"
	"testing"

	"daumoi/data/office"
)

// TestProvinceStatusFromReceivedBundles receives the fixture's bundles
// (the office's clock is 25/11/2026; Sở Xây dựng is not registered) and checks each agency's line of
// 2025 and 2026 against what the test reads itself from the files.
func TestProvinceStatusFromReceivedBundles(t *testing.T) {
	f := newIntakeFixture(t)
	for _, name := range []string{"a2025", "b2025", "c2025", "a2026", "a2026-fix", "b2026-revoked", "inc1"} {
		intake(t, f.office, f.files[name])
	}
	got, deadline, err := f.office.ProvinceStatus(2026, vnDay("2026-12-20"))
	must(t, err)
	if deadline != vnDay("2026-12-12") || len(got) != 2 {
		t.Fatalf("deadline %v, %d agencies", deadline, len(got))
	}
	by := map[string]office.AgencyStatus{}
	for _, st := range got {
		by[st.Agency.Code] = st
	}
	noivu := by[codeNoiVu]
	// The incident of March was sent with no notice recorded: its 24-hour
	// and 72-hour deadlines passed unmet long before 20/12.
	if noivu.State != office.ReportOnTime || noivu.Corrections != 1 || noivu.BundleID == 0 || noivu.IncidentsReceived != 1 || noivu.OpenIncidents != 1 || noivu.OverdueClocks != 1 {
		t.Errorf("Sở Nội vụ 2026: %+v", noivu)
	}
	var data struct {
		Figures struct {
			Systems    int `json:"systems"`
			Violations int `json:"violations"`
		} `json:"figures"`
	}
	must(t, json.Unmarshal(zipFile(t, f.files["a2026-fix"], "data/data.json"), &data))
	if !noivu.HasData || noivu.Systems != data.Figures.Systems || noivu.Violations != data.Figures.Violations {
		t.Errorf("Sở Nội vụ's figures %+v, the correction's data.json says %+v", noivu, data.Figures)
	}
	if by[codeYTe].State != office.ReportMissing || by[codeYTe].BundleID != 0 {
		t.Errorf("Sở Y tế's refused 2026 report: %+v", by[codeYTe])
	}
	last, _, err := f.office.ProvinceStatus(2025, vnDay("2026-12-20"))
	must(t, err)
	for _, st := range last {
		if st.State != office.ReportLate {
			t.Errorf("%s 2025 (received 25/11/2026): %s, want late", st.Agency.Code, st.State)
		}
	}
	trend, err := f.office.ProvinceTrend([]int{2025, 2026}, vnDay("2026-12-20"))
	must(t, err)
	if trend[0].Late != 2 || trend[1].OnTime != 1 || trend[1].Missing != 1 || trend[0].Year != 2025 {
		t.Errorf("trend: %+v", trend)
	}
	agency := newTestAgency(t, "000.00.50.H62", "UBND xã Tân Hạnh", vnTime("2026-01-05 08:00"))
	if _, _, err := agency.s.ProvinceStatus(2026, vnDay("2026-12-20")); !errors.Is(err, ErrOfficeOnly) {
		t.Errorf("an agency vault's province status: %v, want ErrOfficeOnly", err)
	}
}

// TestReceivedIncidentClocks: the office computes an incident's reporting
// deadlines from the bundle as the agency does from its vault.
func TestReceivedIncidentClocks(t *testing.T) {
	a := newTestAgency(t, codeNoiVu, "Sở Nội vụ tỉnh Vĩnh Long", vnTime("2026-01-05 08:00"))
	dir := fsxtest.TempDir(t)
	id, path := a.incident(0, vnTime("2026-03-09 23:00"), vnTime("2026-03-10 10:00"), dir, "suco.zip")
	_, o := newOfficeVault(t)
	register(t, o, a, vnDay("2026-01-01"))
	r := intake(t, o, path)
	now := vnTime("2026-03-10 12:00")
	got, err := o.ReceivedIncidentClocks(r.Bundle.ID, now)
	must(t, err)
	want, err := a.s.IncidentDeadlines(id, now)
	must(t, err)
	if len(got) == 0 || len(got) != len(want) {
		t.Fatalf("office: %d clocks, agency: %d", len(got), len(want))
	}
	for i := range want {
		if got[i].RuleID != want[i].RuleID || !got[i].DueAt.Equal(want[i].DueAt) || got[i].Status != want[i].Status {
			t.Errorf("clock %d: office %+v, agency %+v", i, got[i], want[i])
		}
	}
	annual := intake(t, o, a.annual(2026, vnTime("2026-03-11 09:00"), dir, "nam.zip"))
	if c, err := o.ReceivedIncidentClocks(annual.Bundle.ID, now); err != nil || len(c) != 0 {
		t.Errorf("an annual bundle's clocks: %v, %v", c, err)
	}
}
