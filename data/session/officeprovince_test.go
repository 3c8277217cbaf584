package session

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/vault"
)

// provinceAgency is one generated agency of the province test: what the
// test made it send, from which the test computes the figures itself.
type provinceAgency struct {
	code, name string
	// sends are the days (office clock) the annual 2026 bundles are
	// received, the last one current; none: missing.
	sends []string
	// systems, each a list of statuses set on the first items of its
	// assessment (the rest stay not assessed); nil: no assessment.
	systems [][]ItemStatus
	// fix are the statuses of the first system after each correction.
	fix []ItemStatus
}

var statusCycle = []ItemStatus{ItemPass, ItemPass, ItemPartial, ItemFail, ItemNotApplicable, ItemPass, ItemNotAssessed}

// cycle is n statuses from the cycle starting at offset.
func cycle(offset, n int) []ItemStatus {
	out := make([]ItemStatus, n)
	for i := range out {
		out[i] = statusCycle[(offset+i)%len(statusCycle)]
	}
	return out
}

// generatedProvince is the generated province: on time, corrected, late,
// late and corrected, missing, without assessment.
func generatedProvince() []provinceAgency {
	return []provinceAgency{
		{code: "000.00.30.H62", name: "Sở Tài chính", sends: []string{"2026-12-05"}, systems: [][]ItemStatus{cycle(0, 12)}},
		{code: "000.00.31.H62", name: "Sở Tư pháp", sends: []string{"2026-12-04", "2026-12-10"}, systems: [][]ItemStatus{cycle(1, 12), cycle(3, 12)}, fix: cycle(2, 12)},
		{code: "000.00.32.H62", name: "Sở Công Thương", sends: []string{"2026-12-15"}, systems: [][]ItemStatus{cycle(4, 12), cycle(5, 12)}},
		{code: "000.00.33.H62", name: "UBND xã Long Hồ", sends: []string{"2026-12-14", "2026-12-18"}, systems: [][]ItemStatus{cycle(6, 12)}, fix: cycle(0, 8)},
		{code: "000.00.34.H62", name: "UBND xã Tân Hạnh"},
		{code: "000.00.35.H62", name: "Sở Giáo dục và Đào tạo", sends: []string{"2026-12-11"}},
	}
}

// TestProvinceFiguresFromGeneratedAgencies builds a province through the
// agency side (vaults, systems, assessments, signed bundles, corrections),
// receives it at the office on the days planned, and compares the
// office's status, roll-up by requirement, CSV and XLSX with the figures
// the test computes from what it generated.
func TestProvinceFiguresFromGeneratedAgencies(t *testing.T) {
	_, o := newOfficeVault(t)
	dir := filepath.Join(fsxtest.TempDir(t), "in")
	plan := generatedProvince()
	want := map[string]map[string][]ItemStatus{} // agency → requirement key → statuses of its systems (current bundle)
	var keys []string                            // requirements the generated assessments set, in order
	for i, p := range plan {
		a := newTestAgency(t, p.code, p.name, vnTime("2026-01-05 08:00"))
		register(t, o, a, vnDay("2026-01-01"))
		var assessments []Assessment
		for j, statuses := range p.systems {
			sys := systemAt(t, a.s, fmt.Sprintf("Hệ thống %d của %s", j+1, p.name), 2, "2025-01-01")
			as, err := a.s.OpenAssessment(sys.ID, "2026")
			must(t, err)
			assessments = append(assessments, as)
			setStatuses(t, a, as, statuses)
		}
		for k, day := range p.sends {
			if k > 0 {
				setStatuses(t, a, assessments[0], p.fix)
			}
			path := a.annual(2026, vnTime(day+" 07:00"), dir, fmt.Sprintf("%d-%d.zip", i, k))
			o.now = clockAt(vnTime(day + " 10:00"))
			if r := intake(t, o, path); r.Outcome == IntakeRefused {
				t.Fatalf("%s: refused: %v", path, r.Reason)
			}
		}
		if len(p.sends) > 0 && len(p.systems) > 0 {
			want[p.code] = currentStatuses(p, assessments, &keys)
		}
	}
	list, _, err := o.ProvinceStatus(2026, vnDay("2026-12-20"))
	must(t, err)
	checkProvinceStatus(t, plan, want, list)
	start := time.Now()
	rollups, err := o.ProvinceItems(2026)
	must(t, err)
	kept := time.Since(start)
	checkProvinceItems(t, plan, want, keys, rollups)
	checkAgencySideGroups(t, o, plan, want, rollups)
	checkStatusExports(t, plan, list)
	checkReminders(t, o, plan)

	// Bundles received before migration 11 have no items_json: the
	// roll-up reads them from the stored bundles and comes out the same.
	must(t, o.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`UPDATE office_bundles SET items_json = NULL`)
		return err
	}))
	start = time.Now()
	again, err := o.ProvinceItems(2026)
	must(t, err)
	t.Logf("roll-up of %d agencies: %v from items_json, %v from the stored bundles", len(plan), kept, time.Since(start))
	if !reflect.DeepEqual(again, rollups) {
		t.Error("the roll-up read from the stored bundles differs from the one intake kept")
	}
	n, err := o.FillReceivedItems()
	must(t, err)
	var left int
	must(t, o.v.View(func(tx *vault.ReadTx) error {
		return tx.QueryRow(`SELECT count(*) FROM office_bundles WHERE items_json IS NULL`).Scan(&left)
	}))
	filled, err := o.ProvinceItems(2026)
	must(t, err)
	if n != 7 || left != 0 || !reflect.DeepEqual(filled, rollups) {
		t.Errorf("filled %d bundles (want the 7 received), %d left without, same roll-up: %v", n, left, reflect.DeepEqual(filled, rollups))
	}
}

// setStatuses sets the first items of the assessment to statuses.
func setStatuses(t *testing.T, a *testAgency, as Assessment, statuses []ItemStatus) {
	t.Helper()
	k := 0
	for _, g := range as.Groups {
		for _, it := range g.Items {
			if k >= len(statuses) {
				return
			}
			must(t, a.s.SetAssessmentItem(as.ID, it.Key(), statuses[k], "Ghi chú của đơn vị", nil))
			k++
		}
	}
}

// currentStatuses is what the agency's current bundle says: per
// requirement, the status on each system (the first corrected when the
// agency corrected it), recorded as the test set them.
func currentStatuses(p provinceAgency, assessments []Assessment, keys *[]string) map[string][]ItemStatus {
	out := map[string][]ItemStatus{}
	for j, as := range assessments {
		statuses := p.systems[j]
		if j == 0 && p.fix != nil {
			statuses = append(append([]ItemStatus{}, p.fix...), p.systems[0][len(p.fix):]...)
		}
		k := 0
		for _, g := range as.Groups {
			for _, it := range g.Items {
				st := ItemNotAssessed
				if k < len(statuses) {
					st = statuses[k]
				}
				if _, seen := out[it.Key()]; !seen && !containsKey(*keys, it.Key()) {
					*keys = append(*keys, it.Key())
				}
				out[it.Key()] = append(out[it.Key()], st)
				k++
			}
		}
	}
	return out
}

func containsKey(list []string, k string) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// expectedResult is the office's definition computed here from the
// statuses the test set: N/A on all → not applicable; none of pass,
// partial, fail → not assessed; any fail → not met; all pass → met;
// otherwise partly.
func expectedResult(statuses []ItemStatus) office.ItemResult {
	count := map[ItemStatus]int{}
	for _, s := range statuses {
		count[s]++
	}
	judged := count[ItemPass] + count[ItemPartial] + count[ItemFail]
	switch {
	case len(statuses) > 0 && count[ItemNotApplicable] == len(statuses):
		return office.ItemNotApplicable
	case judged == 0:
		return office.ItemNotAssessed
	case count[ItemFail] > 0:
		return office.ItemNotMet
	case count[ItemPass] == judged:
		return office.ItemMet
	}
	return office.ItemPartly
}

func checkProvinceStatus(t *testing.T, plan []provinceAgency, want map[string]map[string][]ItemStatus, list []office.AgencyStatus) {
	t.Helper()
	by := map[string]office.AgencyStatus{}
	for _, st := range list {
		by[st.Agency.Code] = st
	}
	for _, p := range plan {
		st := by[p.code]
		state := office.ReportMissing
		if len(p.sends) > 0 {
			state = office.ReportOnTime
			if p.sends[0] > "2026-12-12" {
				state = office.ReportLate
			}
		}
		met, assessed := 0, 0
		for _, statuses := range want[p.code] {
			for _, s := range statuses {
				met += b2i(s == ItemPass)
				assessed += b2i(s == ItemPass || s == ItemPartial || s == ItemFail)
			}
		}
		if st.State != state || st.Corrections != max(0, len(p.sends)-1) || st.Systems != len(p.systems)*b2i(len(p.sends) > 0) ||
			st.ItemsMet != met || st.ItemsAssessed != assessed {
			t.Errorf("%s: got %s, %d corrections, %d systems, %d/%d met; want %s, %d, %d, %d/%d", p.name, st.State, st.Corrections, st.Systems,
				st.ItemsMet, st.ItemsAssessed, state, max(0, len(p.sends)-1), len(p.systems), met, assessed)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func checkProvinceItems(t *testing.T, plan []provinceAgency, want map[string]map[string][]ItemStatus, keys []string, rollups []office.ItemRollup) {
	t.Helper()
	by := map[string]office.ItemRollup{}
	for _, r := range rollups {
		by[r.Key] = r
	}
	missed, seen := 0, map[office.ItemResult]int{}
	for _, k := range keys {
		r, ok := by[k]
		if !ok {
			t.Fatalf("requirement %s assessed by agencies is not in the office's roll-up", k)
		}
		counts := map[office.ItemResult]int{}
		for _, p := range plan {
			counts[expectedResult(want[p.code][k])]++
		}
		for _, res := range office.ItemResults() {
			if r.Counts[res] != counts[res] {
				t.Errorf("%s %s: %d agencies, want %d", k, res, r.Counts[res], counts[res])
			}
		}
		missed += b2i(counts[office.ItemPartly]+counts[office.ItemNotMet] > 0)
		for res, n := range counts {
			seen[res] += n
		}
	}
	if len(seen) != len(office.ItemResults()) {
		t.Errorf("the generated province does not give every outcome: %v", seen)
	}
	t.Logf("%d requirements assessed, outcomes %v, %d missed", len(keys), seen, missed)
	if missed == 0 || len(office.CommonlyMissed(rollups, 100)) != missed {
		t.Errorf("commonly missed: %d requirements, want %d", len(office.CommonlyMissed(rollups, 100)), missed)
	}
}

// checkStatusExports reads the CSV and the XLSX back: one row per agency
// with its state, first day received and counts, dates and numbers as
// real cells.
func checkStatusExports(t *testing.T, plan []provinceAgency, list []office.AgencyStatus) {
	t.Helper()
	label := func(k string, _ ...any) string { return k }
	tb := office.StatusTable(list, label)
	header := tb.Header("office.status.col.", label)
	var csvBuf, xlsxBuf bytes.Buffer
	must(t, tb.WriteCSV(&csvBuf, header))
	must(t, tb.WriteXLSX(&xlsxBuf, "Tình hình", header))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvBuf.Bytes(), []byte("\uFEFF")))).ReadAll()
	must(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBuf.Bytes()))
	must(t, err)
	defer f.Close()
	if len(rows) != len(plan)+1 {
		t.Fatalf("CSV: %d rows, want %d and a header", len(rows), len(plan))
	}
	for i, p := range plan {
		first := ""
		if len(p.sends) > 0 {
			first = p.sends[0]
		}
		row := rows[i+1]
		if row[0] != p.code || row[6] != first || row[8] != strconv.Itoa(max(0, len(p.sends)-1)) {
			t.Errorf("CSV row %d: %q", i+1, row)
		}
		checkXLSXRow(t, f, i+2, p, first)
	}
}

func checkXLSXRow(t *testing.T, f *excelize.File, r int, p provinceAgency, first string) {
	t.Helper()
	code, _ := f.GetCellValue("Tình hình", fmt.Sprintf("A%d", r))
	corrections, _ := f.GetCellType("Tình hình", fmt.Sprintf("I%d", r))
	raw, _ := f.GetCellValue("Tình hình", fmt.Sprintf("G%d", r), excelize.Options{RawCellValue: true})
	if code != p.code || corrections != excelize.CellTypeNumber && corrections != excelize.CellTypeUnset {
		t.Errorf("XLSX row %d: code %q, corrections cell type %v", r, code, corrections)
	}
	if first == "" {
		return
	}
	serial, err := strconv.ParseFloat(raw, 64)
	day, _ := time.Parse(time.DateOnly, first)
	if err != nil || math.Abs(serial-(float64(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours())/24)) > 0.001 {
		t.Errorf("XLSX row %d: first received %q, want the date serial of %s", r, raw, first)
	}
}

// checkReminders: on 20/12 the agencies that sent nothing are overdue by
// 8 days, each with an e-mail naming it and the deadline; on 01/12 (11
// days before) nobody is reminded within 7 days.
func checkReminders(t *testing.T, o *Session, plan []provinceAgency) {
	t.Helper()
	got, _, err := o.ProvinceReminders(2026, vnDay("2026-12-20"), 7)
	must(t, err)
	var want []string
	for _, p := range plan {
		if len(p.sends) == 0 {
			want = append(want, p.code)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d reminders, want %v", len(got), want)
	}
	for i, r := range got {
		if r.Status.Agency.Code != want[i] || r.DaysLeft != -8 || !strings.Contains(r.Body, r.Status.Agency.Name) || !strings.Contains(r.Body, "12/12/2026") {
			t.Errorf("reminder %d: %+v", i, r)
		}
	}
	if early, _, err := o.ProvinceReminders(2026, vnDay("2026-12-01"), 7); err != nil || len(early) != 0 {
		t.Errorf("11 days before: %d reminders, %v", len(early), err)
	}
}

// checkAgencySideGroups compares the roll-up by directive item of the
// province built through the agency side with the one the test computes
// from the statuses it set (wantAgency, wantGroup).
func checkAgencySideGroups(t *testing.T, o *Session, plan []provinceAgency, want map[string]map[string][]ItemStatus, rollups []office.ItemRollup) {
	t.Helper()
	as := map[ItemStatus]office.ItemResult{ItemPass: office.ItemMet, ItemPartial: office.ItemPartly, ItemFail: office.ItemNotMet,
		ItemNotApplicable: office.ItemNotApplicable, ItemNotAssessed: office.ItemNotAssessed}
	year := map[string]map[string][]office.ItemResult{}
	var codes []string
	for _, p := range plan {
		codes = append(codes, p.code)
		year[p.code] = map[string][]office.ItemResult{}
		for k, statuses := range want[p.code] {
			for _, st := range statuses {
				year[p.code][k] = append(year[p.code][k], as[st])
			}
		}
	}
	slices.Sort(codes)
	reqs := make([]office.Requirement, len(rollups))
	for i, r := range rollups {
		reqs[i] = r.Requirement
	}
	checkGroups(t, reqs, codes, year, office.Groups(rollups))
}
