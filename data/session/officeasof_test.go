package session

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/office"
)

// statusOf is the agency's line in the status.
func statusOf(t *testing.T, list []office.AgencyStatus, code string) office.AgencyStatus {
	t.Helper()
	for _, st := range list {
		if st.Agency.Code == code {
			return st
		}
	}
	t.Fatalf("no status for %s", code)
	return office.AgencyStatus{}
}

// A status counted on a day in the past counts only the bundles received
// by the end of that day: a correction received later does not replace
// the bundle yet, an agency whose first bundle came later has sent none.
func TestProvinceStatusAsOfADay(t *testing.T) {
	f := newProvinceFixture(t) // Nội vụ 05/12 and its correction 08/12, Tân Hạnh 10/12, Y tế 15/12
	*f.now = vnTime("2026-12-20 09:00")
	then, _, err := f.office.ProvinceStatus(2026, vnDay("2026-12-07"))
	must(t, err)
	later, _, err := f.office.ProvinceStatus(2026, vnDay("2026-12-20"))
	must(t, err)
	noivu, noivuLater := statusOf(t, then, codeNoiVu), statusOf(t, later, codeNoiVu)
	if noivu.Corrections != 0 || !strings.HasPrefix(noivu.LastReceived, "2026-12-05T10:00") || noivu.BundleID == 0 {
		t.Errorf("Nội vụ on 07/12: %+v", noivu)
	}
	if noivuLater.Corrections != 1 || !strings.HasPrefix(noivuLater.LastReceived, "2026-12-08T10:00") || noivuLater.BundleID == noivu.BundleID {
		t.Errorf("Nội vụ on 20/12: %+v (07/12: bundle %d)", noivuLater, noivu.BundleID)
	}
	for code, want := range map[string][2]office.ReportState{
		codeYTe:         {office.ReportNotYetDue, office.ReportLate},
		"000.00.50.H62": {office.ReportNotYetDue, office.ReportOnTime},
		"000.00.20.H62": {office.ReportNotYetDue, office.ReportMissing},
	} {
		a, b := statusOf(t, then, code), statusOf(t, later, code)
		if a.State != want[0] || b.State != want[1] {
			t.Errorf("%s: %s on 07/12, %s on 20/12; want %s, %s", code, a.State, b.State, want[0], want[1])
		}
		if a.HasData || a.BundleID != 0 || a.FirstReceived != "" {
			t.Errorf("%s has a bundle on 07/12: %+v", code, a)
		}
	}
	// Tân Hạnh's incident, received 10/11, is not counted on 09/11.
	before, _, err := f.office.ProvinceStatus(2026, vnDay("2026-11-09"))
	must(t, err)
	if st := statusOf(t, before, "000.00.50.H62"); st.IncidentsReceived != 0 || st.OpenIncidents != 0 {
		t.Errorf("the incident counted before it came: %+v", st)
	}
	if st := statusOf(t, later, "000.00.50.H62"); st.IncidentsReceived != 1 {
		t.Errorf("the incident not counted after it came: %+v", st)
	}
}

// The provincial reports dated in the past show the province as it was
// that day: the annual report of 12/12 (the agencies' deadline) does not
// list Y tế's late report received on 15/12, and the monthly report
// dated before a corrected incident bundle came shows the incident as the
// first bundle said.
func TestProvinceSummaryAsOfADay(t *testing.T) {
	f := newProvinceFixture(t)
	xa := f.agency(t, "000.00.60.H62", "UBND xã Long Hồ", []int{1}, false)
	in := filepath.Join(f.dir, "in")
	id, first := xa.incident(0, vnTime("2026-11-20 07:00"), vnTime("2026-11-20 09:00"), in, "longho-suco.zip")
	f.receive(t, first, "2026-11-20 10:00")
	xa.now = vnTime("2026-12-02 08:00")
	details, err := xa.s.GetIncident(id)
	must(t, err)
	inc := details.Incident
	inc.Title = "Máy chủ thư điện tử bị mã hóa dữ liệu"
	_, err = xa.s.UpdateIncident(inc)
	must(t, err)
	_, second := xa.incident(id, time.Time{}, vnTime("2026-12-02 09:00"), in, "longho-suco-sua.zip")
	f.receive(t, second, "2026-12-02 10:00")
	*f.now = vnTime("2026-12-20 09:00")

	monthly := func(day string) string {
		var pdf bytes.Buffer
		_, err := f.office.RenderProvinceSummary(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 11, Today: vnDay(day)}, &pdf)
		must(t, err)
		return pdfText(t, pdf.Bytes())
	}
	then, now := monthly("2026-12-01"), monthly("2026-12-03")
	if !strings.Contains(then, "UBND xã Long Hồ Trang chủ bị thay đổi") {
		t.Errorf("the report of 01/12 lacks the incident as first reported:\n%s", then)
	}
	if strings.Contains(then, "Máy chủ thư điện tử") {
		t.Errorf("the report of 01/12 shows the correction received on 02/12:\n%s", then)
	}
	if !strings.Contains(now, "UBND xã Long Hồ Máy chủ thư điện tử") || strings.Contains(now, "Long Hồ Trang chủ") {
		t.Errorf("the report of 03/12 lacks the correction:\n%s", now)
	}
	annual := func(day string) string {
		var pdf bytes.Buffer
		_, err := f.office.RenderProvinceSummary(SummaryRequest{Kind: SummaryAnnual, Year: 2026, Today: vnDay(day)}, &pdf)
		must(t, err)
		keepPDF(t, "province-annual-2026-on-"+day+".pdf", pdf.Bytes())
		return pdfText(t, pdf.Bytes())
	}
	then, now = annual("2026-12-12"), annual("2026-12-18")
	if strings.Contains(then, "15/12/2026") || strings.Contains(then, "Trễ hạn") {
		t.Errorf("the report of 12/12 shows Y tế's report received on 15/12:\n%s", then)
	}
	if !strings.Contains(now, "Sở Y tế tỉnh Vĩnh Long Trễ hạn 15/12/2026") {
		t.Errorf("the report of 18/12 lacks Y tế's late report:\n%s", now)
	}
}
