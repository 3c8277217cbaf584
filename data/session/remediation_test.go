package session

import (
	"errors"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/vault"
)

// strictPack is a pack whose remediation rule, for level-3 systems from
// 2026-01-01, is stricter than the directive's for critical findings and
// looser for high ones.
const strictPack = `{
 "format": 1, "id": "nghiem-ngat", "title": {"vi": "Gói khắc phục nghiêm ngặt"}, "version": 1,
 "published": "2026-01-01", "effective": {"from": "2026-01-01"},
 "sources": [{"id": "src", "title_vi": "Quy chế của cơ quan", "number": "1/QC"}],
 "obligations": [
  {"id": "fix-fast", "kind": "remediation", "scope": "system", "levels": [3], "title_vi": "Khắc phục nhanh",
   "severity_days": {"critical": 3, "high": 45}, "source": {"source": "src", "ref": "Điều 2"}}
 ]
}`

func policyAt(t *testing.T, s *Session, systemID int64, at time.Time) RemediationPolicy {
	t.Helper()
	var p RemediationPolicy
	err := s.v.View(func(tx *vault.ReadTx) error {
		var err error
		p, err = remediationPolicy(tx, systemID, at)
		return err
	})
	must(t, err)
	return p
}

func TestRemediationPolicy(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	l3 := systemAt(t, s, "Cổng dịch vụ công", 3, "2025-01-01")
	l2 := systemAt(t, s, "Quản lý văn bản", 2, "2025-01-01")
	directive := map[string]int{"critical": 7, "high": 30, "medium": 90, "low": 180}

	p, err := s.RemediationPolicy(l3.ID)
	must(t, err)
	if !maps.Equal(p.Days, directive) || p.RuleID != "ct11-remediation" || p.PackID != "ct11-vinhlong-2023" {
		t.Fatalf("shipped packs give %+v", p)
	}
	for _, c := range []struct{ severity, found, want string }{
		{"critical", "2026-11-20", "2026-11-27"}, {"high", "2026-11-20", "2026-12-20"},
		{"medium", "2026-11-20", "2027-02-18"}, {"low", "2026-12-31", "2027-06-29"},
	} {
		if got, ok := p.Due(c.severity, c.found); !ok || got != c.want {
			t.Errorf("Due(%s, %s) = %s, %v; want %s", c.severity, c.found, got, ok, c.want)
		}
	}
	for _, c := range [][2]string{{"info", "2026-11-20"}, {"urgent", "2026-11-20"}, {"high", "20/11/2026"}} {
		if got, ok := p.Due(c[0], c[1]); ok {
			t.Errorf("Due(%s, %s) = %s, want no due date", c[0], c[1], got)
		}
	}

	// A second pack: each severity takes the shortest days; the rule named
	// is the one that gave the critical days.
	_, err = s.ImportPack([]byte(strictPack))
	must(t, err)
	p, err = s.RemediationPolicy(l3.ID)
	must(t, err)
	want := map[string]int{"critical": 3, "high": 30, "medium": 90, "low": 180}
	if !maps.Equal(p.Days, want) || p.RuleID != "fix-fast" || p.PackID != "nghiem-ngat" ||
		p.Origins["high"] != "ct11-vinhlong-2023/ct11-remediation" || p.Origins["critical"] != "nghiem-ngat/fix-fast" {
		t.Errorf("two packs give %+v", p)
	}
	// The stricter rule is for level 3 only, and in force from 2026.
	if p := policyAt(t, s, l2.ID, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)); !maps.Equal(p.Days, directive) || p.RuleID != "ct11-remediation" {
		t.Errorf("level-2 system: %+v", p)
	}
	if p := policyAt(t, s, l3.ID, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)); !maps.Equal(p.Days, directive) {
		t.Errorf("before the stricter pack is in force: %+v", p)
	}
	// Before the directive (19/7/2023) nothing applies.
	if p := policyAt(t, s, l3.ID, time.Date(2023, 7, 18, 0, 0, 0, 0, time.UTC)); p.Days != nil || p.RuleID != "" || p.PackID != "" {
		t.Errorf("before any pack is in force: %+v", p)
	}

	// Only the stricter pack, which covers two severities: the highest
	// covered names the rule; medium gets no due date.
	must(t, s.SetPackActive("ct11-vinhlong-2023", false))
	p, err = s.RemediationPolicy(l3.ID)
	must(t, err)
	if p.RuleID != "fix-fast" || len(p.Days) != 2 {
		t.Errorf("stricter pack alone: %+v", p)
	}
	if _, ok := p.Due("medium", "2026-11-20"); ok {
		t.Error("a severity no rule covers got a due date")
	}
	if p, err = s.RemediationPolicy(l2.ID); err != nil || p.Days != nil || p.RuleID != "" {
		t.Errorf("no rule for a level-2 system: %+v, %v", p, err)
	}
	if _, err := s.RemediationPolicy(999); !errors.Is(err, ErrNoSuchSystem) {
		t.Errorf("unknown system: %v", err)
	}
}

// remediationObligation returns the directive's remediation obligation of
// a system, if any.
func remediationObligation(t *testing.T, s *Session, systemID string, today time.Time) (obligations.Obligation, bool) {
	t.Helper()
	list, err := s.Obligations(today)
	must(t, err)
	for _, o := range list {
		if o.RuleID == "ct11-remediation" && o.SystemID == systemID {
			return o, true
		}
	}
	return obligations.Obligation{}, false
}

// TestRemediationObligation: open findings give one obligation for the
// system, due on the earliest due date of the open ones; fixing them moves
// it, and when none is open it is gone.
func TestRemediationObligation(t *testing.T) {
	_, s, sys := seedScanVault(t)
	id := strconv.FormatInt(sys.ID, 10)
	today := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if o, ok := remediationObligation(t, s, id, today); ok {
		t.Fatalf("no findings, yet %+v", o)
	}
	report := nessusReport(
		nessusHost{"192.168.10.5", "srv-web01", []nessusItem{critWeb, medWeb}},
		nessusHost{"10.0.0.9", "srv-db01", []nessusItem{highDB}},
	)
	_, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: sys.ID, Date: "2026-11-20"})
	must(t, err)
	list, err := s.ListFindings(FindingFilter{})
	must(t, err)
	if len(list) != 3 {
		t.Fatalf("findings %+v", list)
	}
	bySeverity := map[string]int64{}
	for _, f := range list {
		bySeverity[f.Severity] = f.ID
	}
	// Due dates set by hand, so the test does not depend on how the import
	// computes them: critical yesterday, high today, medium in 40 days.
	for sev, due := range map[string]string{"critical": "2026-11-24", "high": "2026-11-25", "medium": "2027-01-04"} {
		_, err := s.UpdateFinding(bySeverity[sev], FindingUpdate{DueDate: due})
		must(t, err)
	}
	steps := []struct {
		name   string
		update func()
		count  int
		due    string
		status obligations.Status
	}{
		{"three open, one due yesterday", func() {}, 3, "2026-11-24", obligations.StatusOverdue},
		{"critical fixed: the high one is due today", func() {
			_, err := s.UpdateFinding(bySeverity["critical"], FindingUpdate{Status: FindingFixed})
			must(t, err)
		}, 2, "2026-11-25", obligations.StatusDue},
		{"high in progress still counts", func() {
			_, err := s.UpdateFinding(bySeverity["high"], FindingUpdate{Status: FindingInProgress})
			must(t, err)
		}, 2, "2026-11-25", obligations.StatusDue},
		{"high accepted as a risk: medium in 40 days", func() {
			_, err := s.UpdateFinding(bySeverity["high"], FindingUpdate{Status: FindingAcceptedRisk})
			must(t, err)
		}, 1, "2027-01-04", obligations.StatusUpcoming},
	}
	for _, st := range steps {
		st.update()
		o, ok := remediationObligation(t, s, id, today)
		if !ok || o.OpenFindings != st.count || o.Due.Format(time.DateOnly) != st.due || o.Status != st.status || !o.Unverified ||
			o.ID != "ct11-vinhlong-2023/ct11-remediation/sys:"+id || !strings.Contains(o.TitleVI, "lỗ hổng chưa khắc phục") {
			t.Errorf("%s: %+v (found %v)", st.name, o, ok)
		}
	}
	_, err = s.UpdateFinding(bySeverity["medium"], FindingUpdate{Status: FindingFalsePositive})
	must(t, err)
	if o, ok := remediationObligation(t, s, id, today); ok {
		t.Errorf("nothing open, yet %+v", o)
	}
}

// TestPenetrationTestMeetsInspection: with TT 12 active, a penetration
// test recorded on a level-3 system is recorded as an activity and meets
// the yearly inspection.
func TestPenetrationTestMeetsInspection(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	sys := systemAt(t, s, "Cổng dịch vụ công", 3, "2024-01-01")
	inspection := func() obligations.Obligation {
		list, err := s.Obligations(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
		must(t, err)
		for _, o := range list {
			if o.ID == "tt12-2022/nd85-inspection-level34/sys:"+strconv.FormatInt(sys.ID, 10) {
				return o
			}
		}
		t.Fatal("no inspection obligation for the level-3 system")
		return obligations.Obligation{}
	}
	if o := inspection(); o.Status != obligations.StatusOverdue {
		t.Fatalf("before the test: %+v", o)
	}
	sc, err := s.RecordScan(Scan{SystemID: sys.ID, Date: "2026-10-15", Kind: ScanPenTest, Performer: PerformerProvider, Provider: "Công ty kiểm định"})
	must(t, err)
	if sc.ActivityID == 0 {
		t.Fatal("the penetration test was not recorded as an activity")
	}
	o := inspection()
	if o.Status != obligations.StatusDone || o.SatisfiedBy == nil || o.SatisfiedBy.Kind != ScanPenTest || !o.Unverified {
		t.Errorf("after the test: %+v", o)
	}
	if got := o.Due.Format(time.DateOnly); got != "2027-10-15" {
		t.Errorf("next inspection due %s, want 2027-10-15", got)
	}
}

// TestAwarenessCounted: an awareness session is recorded as an activity
// and meets the directive's yearly awareness obligation. A session after a
// missed year is used first for that year (met late), as for every
// calendar-aligned rule.
func TestAwarenessCounted(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	today := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	record := func(date string) {
		t.Helper()
		a, err := s.RecordAwareness(AwarenessSession{Date: date, Topic: "Nhận diện thư lừa đảo", Audience: "Công chức", Attendees: 40})
		must(t, err)
		if a.ActivityID == 0 {
			t.Fatal("the awareness session was not recorded as an activity")
		}
	}
	statuses := func() map[string]obligations.Obligation {
		list, err := s.Obligations(today)
		must(t, err)
		got := map[string]obligations.Obligation{}
		for _, o := range list {
			if strings.Contains(o.RuleID, "awareness") {
				got[o.ID] = o
			}
		}
		return got
	}
	record("2026-03-10")
	got := statuses()
	if o := got["ct11-vinhlong-2023/ct11-awareness/2025-12-31"]; o.Status != obligations.StatusDone || !o.Late {
		t.Errorf("2025 met late by the 2026 session: %+v", o)
	}
	if o := got["ct11-vinhlong-2023/ct11-awareness/2026-12-31"]; o.Status != obligations.StatusUpcoming {
		t.Errorf("2026 still open: %+v", o)
	}
	record("2025-06-01")
	got = statuses()
	want := map[string]obligations.Status{
		"ct11-vinhlong-2023/ct11-awareness/2026-12-31": obligations.StatusDone,
		"nd331-2026/nd331-awareness":                   obligations.StatusUpcoming, // counted from 19/8/2026
	}
	if len(got) != len(want) {
		t.Errorf("awareness obligations %v, want %v", got, want)
	}
	for id, status := range want {
		if o := got[id]; o.Status != status || !o.Unverified {
			t.Errorf("%s: %+v, want %s", id, o, status)
		}
	}
}
