package office

import "testing"

func TestTrendComparesOnlyComparableAgencies(t *testing.T) {
	st := func(code string, state ReportState, met, assessed int) AgencyStatus {
		return AgencyStatus{Agency: Agency{Code: code}, State: state, ItemsMet: met, ItemsAssessed: assessed}
	}
	byYear := [][]AgencyStatus{
		{st("A", ReportOnTime, 5, 10), st("B", ReportLate, 9, 10), st("C", ReportMissing, 0, 0)},
		{st("A", ReportOnTime, 8, 10), st("B", ReportMissing, 0, 0), st("C", ReportOnTime, 10, 10)},
		{st("A", ReportLate, 9, 10), st("B", ReportOnTime, 10, 10), st("C", ReportNotYetDue, 0, 0)},
	}
	got := Trend([]int{2024, 2025, 2026}, byYear)
	// Only A has assessed items in all three years.
	want := []YearPoint{
		{Year: 2024, Agencies: 3, OnTime: 1, Late: 1, Missing: 1, Comparable: 1, Compliance: 50},
		{Year: 2025, Agencies: 3, OnTime: 2, Missing: 1, Comparable: 1, Compliance: 80},
		{Year: 2026, Agencies: 3, OnTime: 1, Late: 1, NotDueYet: 1, Comparable: 1, Compliance: 90},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %+v, want %+v", want[i].Year, got[i], want[i])
		}
	}
	if none := Trend([]int{2026}, [][]AgencyStatus{{st("A", ReportMissing, 0, 0)}}); none[0].Comparable != 0 || none[0].Compliance != 0 {
		t.Errorf("no comparable agency: %+v", none[0])
	}
}
