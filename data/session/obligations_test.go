package session

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/registers"
)

// find returns the obligations of a rule for a system.
func find(list []obligations.Obligation, rule, system string) []obligations.Obligation {
	var out []obligations.Obligation
	for _, o := range list {
		if o.RuleID == rule && o.SystemID == system {
			out = append(out, o)
		}
	}
	return out
}

// obligationsVault is a vault with only testPack active, its clock in 2030:
// system 1 (level 3 since ever) scanned on 2027-08-31, system 2 (level 3)
// scanned on 2026-08-31, system 1 drilled on 2026-06-01.
func obligationsVault(t *testing.T) *Session {
	_, s := newVaultAt(t, time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC))
	onlyTestPack(t, s)
	a := systemAt(t, s, "Hệ thống A", 3, "2026-01-01")
	b := systemAt(t, s, "Hệ thống B", 3, "2026-01-01")
	for _, act := range []Activity{
		{Kind: "vulnerability_scan", SystemID: a.ID, Date: "2027-08-31"},
		{Kind: "vulnerability_scan", SystemID: b.ID, Date: "2026-08-31"},
		{Kind: "drill", SystemID: a.ID, Date: "2026-06-01"},
	} {
		if _, err := s.RecordActivity(act); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestObligationsSixMonthWindow: 31 Aug + 6 months is the last day of
// February (29 in a leap year); "due" starts 30 days before, "overdue" the
// day after.
func TestObligationsSixMonthWindow(t *testing.T) {
	s := obligationsVault(t)
	cases := []struct {
		today, system string
		due           string
		status        obligations.Status
	}{
		{"2028-01-29", "1", "2028-02-29", obligations.StatusDone},
		{"2028-01-30", "1", "2028-02-29", obligations.StatusDue},
		{"2028-02-29", "1", "2028-02-29", obligations.StatusDue},
		{"2028-03-01", "1", "2028-02-29", obligations.StatusOverdue},
		{"2027-02-28", "2", "2027-02-28", obligations.StatusDue},
		{"2027-03-01", "2", "2027-02-28", obligations.StatusOverdue},
		{"2027-01-28", "2", "2027-02-28", obligations.StatusDone},
	}
	for _, c := range cases {
		list, err := s.Obligations(day(t, c.today))
		if err != nil {
			t.Fatal(err)
		}
		got := find(list, "scan", c.system)
		if len(got) != 1 || got[0].Status != c.status || got[0].Due.Format(time.DateOnly) != c.due {
			t.Errorf("%s, system %s: %+v, want %s due %s", c.today, c.system, got, c.status, c.due)
		}
		if c.status == obligations.StatusDone && (got[0].SatisfiedBy == nil || got[0].SatisfiedBy.Kind != "vulnerability_scan") {
			t.Errorf("%s: done without its activity: %+v", c.today, got[0].SatisfiedBy)
		}
	}
}

// TestObligationsEndOfYear: a yearly drill in calendar years is due on 31
// December; on 1 January the missed year is overdue and the new one open.
func TestObligationsEndOfYear(t *testing.T) {
	s := obligationsVault(t)
	list, err := s.Obligations(day(t, "2027-12-31"))
	must(t, err)
	got := find(list, "drill", "1")
	if len(got) != 1 || got[0].Status != obligations.StatusDue || got[0].Due.Format(time.DateOnly) != "2027-12-31" {
		t.Fatalf("31 Dec: %+v", got)
	}
	list, err = s.Obligations(day(t, "2028-01-01"))
	must(t, err)
	got = find(list, "drill", "1")
	if len(got) != 2 || got[0].Status != obligations.StatusOverdue || got[0].Due.Format(time.DateOnly) != "2027-12-31" ||
		got[1].Status != obligations.StatusUpcoming || got[1].Due.Format(time.DateOnly) != "2028-12-31" {
		t.Fatalf("1 Jan: %+v", got)
	}
	_, err = s.RecordActivity(Activity{Kind: "drill", SystemID: 1, Date: "2027-12-31"})
	must(t, err)
	list, err = s.Obligations(day(t, "2028-01-01"))
	must(t, err)
	if got = find(list, "drill", "1"); len(got) != 1 || got[0].Due.Format(time.DateOnly) != "2028-12-31" {
		t.Fatalf("1 Jan after a drill on 31 Dec: %+v", got)
	}
}

// TestObligationsLevelChange: the 6-monthly scan applies to levels 3–4
// only; a system approved at level 2 and later at level 3 owes it from the
// second decision on.
func TestObligationsLevelChange(t *testing.T) {
	s := obligationsVault(t)
	c := systemAt(t, s, "Hệ thống C", 2, "2026-01-01")
	c.Regulation = registers.Regulation{Issued: true, Number: "5/QĐ", Date: "2026-12-01"}
	c, err := s.SaveSystem(c)
	must(t, err)
	advance := func(to registers.DossierState, date, note string) {
		t.Helper()
		step := registers.DossierStep{To: to, Date: date, Note: note}
		if to == registers.DossierApproved {
			step.Decision = registers.Decision{Number: "QĐ-" + date, Date: date, Authority: "UBND tỉnh Vĩnh Long"}
		}
		if _, err := s.AdvanceDossier(c.ID, step); err != nil {
			t.Fatal(err)
		}
	}
	advance(registers.DossierSubmitted, "2027-01-05", "")
	advance(registers.DossierAppraised, "2027-02-01", "")
	advance(registers.DossierApproved, "2027-03-01", "")
	advance(registers.DossierDrafting, "2028-01-02", "Xác định lại cấp độ")
	c, err = s.GetSystem(c.ID)
	must(t, err)
	c.ProposedLevel = 3
	_, err = s.SaveSystem(c)
	must(t, err)
	advance(registers.DossierSubmitted, "2028-02-01", "")
	advance(registers.DossierAppraised, "2028-03-01", "")
	advance(registers.DossierApproved, "2028-05-10", "")

	cases := []struct {
		today  string
		status obligations.Status
		due    string
	}{
		{"2027-06-01", obligations.StatusNotApplicable, ""},
		{"2028-05-09", obligations.StatusNotApplicable, ""},
		{"2028-05-10", obligations.StatusUpcoming, "2028-11-10"},
		{"2028-11-10", obligations.StatusDue, "2028-11-10"},
		{"2028-11-11", obligations.StatusOverdue, "2028-11-10"},
	}
	for _, cs := range cases {
		list, err := s.Obligations(day(t, cs.today))
		must(t, err)
		got := find(list, "scan", "3")
		due := ""
		if len(got) == 1 && !got[0].Due.IsZero() {
			due = got[0].Due.Format(time.DateOnly)
		}
		if len(got) != 1 || got[0].Status != cs.status || due != cs.due {
			t.Errorf("%s: %+v, want %s %s", cs.today, got, cs.status, cs.due)
		}
	}
}

func TestObligationsEvidenceExpiryAndDeterminism(t *testing.T) {
	s := obligationsVault(t)
	ev := addTestEvidence(t, s, "chung-thu-so.pdf")
	must(t, s.SetEvidenceDates(ev.ID, "2027-01-01", "2028-12-31"))
	must(t, s.LinkEvidence(ev.ID, EvidenceLink{LinkSystem, "2"}))
	must(t, s.LinkEvidence(ev.ID, EvidenceLink{LinkSystem, "1"}))
	list, err := s.Obligations(day(t, "2028-12-01"))
	must(t, err)
	got := find(list, "expiry", "1")
	if len(got) != 1 || got[0].EvidenceID != ev.ID || got[0].Status != obligations.StatusDue || got[0].Due.Format(time.DateOnly) != "2028-12-31" {
		t.Fatalf("expiry = %+v", got)
	}
	again, err := s.Obligations(day(t, "2028-12-01"))
	must(t, err)
	if !reflect.DeepEqual(list, again) {
		t.Error("two evaluations of the same vault and date differ")
	}
	must(t, s.SetPackActive("kiem-thu", false))
	list, err = s.Obligations(day(t, "2028-12-01"))
	if err != nil || len(find(list, "scan", "1")) != 0 {
		t.Errorf("an inactive pack still yields obligations: %d, %v", len(list), err)
	}
}

// TestObligationsFromRegisters: an approval in the level dossier meets the
// dossier deadline, and an approved assessment is the yearly inspection.
func TestObligationsFromRegisters(t *testing.T) {
	s := obligationsVault(t)
	sys, err := s.GetSystem(1)
	must(t, err)
	sys.Regulation = registers.Regulation{Issued: true, Number: "5/QĐ", Date: "2026-12-01"}
	_, err = s.SaveSystem(sys)
	must(t, err)
	for _, step := range []registers.DossierStep{
		{To: registers.DossierSubmitted, Date: "2027-01-05"},
		{To: registers.DossierAppraised, Date: "2027-02-01"},
		{To: registers.DossierApproved, Date: "2027-07-15", Decision: registers.Decision{Number: "7/QĐ", Date: "2027-07-15", Authority: "UBND tỉnh"}},
	} {
		_, err := s.AdvanceDossier(1, step)
		must(t, err)
	}
	list, err := s.Obligations(day(t, "2027-08-01"))
	must(t, err)
	got := find(list, "dossier", "1")
	if len(got) != 1 || got[0].Status != obligations.StatusDone || !got[0].Late || got[0].SatisfiedBy.Kind != "level_dossier_approved" {
		t.Errorf("dossier approved late = %+v", got)
	}
	if got := find(list, "dossier", "2"); len(got) != 1 || got[0].Status != obligations.StatusOverdue {
		t.Errorf("dossier never approved = %+v", got)
	}
	if got := find(list, "inspect", "1"); len(got) != 1 || got[0].Status != obligations.StatusOverdue {
		t.Fatalf("inspection before any assessment = %+v", got)
	}
	a, err := s.OpenAssessment(1, "2029")
	must(t, err)
	for _, it := range []string{"it1", "it2", "it3"} {
		must(t, s.SetAssessmentItem(a.ID, it, ItemPass, "", nil))
	}
	must(t, s.ApproveAssessment(a.ID)) // the clock is in 2030
	list, err = s.Obligations(day(t, "2030-02-01"))
	must(t, err)
	got = find(list, "inspect", "1")
	if len(got) != 1 || got[0].Status != obligations.StatusDone || got[0].SatisfiedBy.Kind != "security_inspection" ||
		got[0].Due.Format(time.DateOnly) != "2031-01-01" {
		t.Errorf("inspection after an approved assessment = %+v", got)
	}
}

// TestAgencyRoles: rules for a kind of agency apply once the agency says
// it is one.
func TestAgencyRoles(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	monthly := func() obligations.Obligation {
		t.Helper()
		list, err := s.Obligations(day(t, "2026-11-25"))
		must(t, err)
		for _, o := range list {
			if o.RuleID == "ct11-monthly-summary" {
				return o
			}
		}
		t.Fatal("no monthly summary obligation")
		return obligations.Obligation{}
	}
	if o := monthly(); o.Status != obligations.StatusNotApplicable || o.Reason != obligations.ReasonAgencyRole {
		t.Errorf("without the role = %+v", o)
	}
	known, err := s.KnownAgencyRoles()
	if err != nil || !reflect.DeepEqual(known, []string{"provincial_department", "system_owner"}) {
		t.Errorf("KnownAgencyRoles = %v, %v", known, err)
	}
	if err := s.SetAgencyRoles([]string{"mayor"}); !errors.Is(err, ErrUnknownAgencyRole) {
		t.Errorf("unknown role = %v", err)
	}
	must(t, s.SetAgencyRoles([]string{" provincial_department", "provincial_department"}))
	if roles, err := s.AgencyRoles(); err != nil || !reflect.DeepEqual(roles, []string{"provincial_department"}) {
		t.Errorf("AgencyRoles = %v, %v", roles, err)
	}
	if o := monthly(); o.Status == obligations.StatusNotApplicable || o.Due.Format(time.DateOnly) != "2026-11-05" {
		t.Errorf("with the role = %+v", o)
	}
	must(t, s.SetAgencyRoles(nil))
	if roles, _ := s.AgencyRoles(); len(roles) != 0 {
		t.Errorf("roles after clearing = %v", roles)
	}
}

// An obligation marked not applicable says so with the person's reason,
// in the list and on the dashboard; the rule's kinds are those an activity
// meeting it may have.
func TestMarkObligationNotApplicable(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	onlyTestPack(t, s)
	systemAt(t, s, "Một cửa điện tử", 3, "2025-01-01")
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	list, err := s.Obligations(today)
	must(t, err)
	var target obligations.Obligation
	for _, o := range list {
		if o.RuleID == "drill" && o.Status != obligations.StatusNotApplicable {
			target = o
		}
	}
	if target.ID == "" {
		t.Fatalf("no drill obligation in %+v", list)
	}
	kinds, err := s.ObligationKinds(target.PackID, target.RuleID)
	if err != nil || len(kinds) != 1 || kinds[0] != "drill" {
		t.Errorf("kinds = %v, %v", kinds, err)
	}
	if _, err := s.ObligationKinds(target.PackID, "nope"); !errors.Is(err, ErrNoSuchObligation) {
		t.Errorf("unknown rule = %v", err)
	}
	if err := s.MarkObligationNotApplicable(target.ID, " "); !errors.Is(err, ErrReasonRequired) {
		t.Errorf("no reason = %v", err)
	}
	if err := s.MarkObligationNotApplicable("kiem-thu/none", "lý do"); !errors.Is(err, ErrNoSuchObligation) {
		t.Errorf("unknown obligation = %v", err)
	}
	must(t, s.MarkObligationNotApplicable(target.ID, "Hệ thống đã diễn tập cùng Sở TT&TT"))
	list, err = s.Obligations(today)
	must(t, err)
	d, err := s.Dashboard(today)
	must(t, err)
	for _, l := range [][]obligations.Obligation{list, d.Obligations} {
		i := slices.IndexFunc(l, func(o obligations.Obligation) bool { return o.ID == target.ID })
		if i < 0 || l[i].Status != obligations.StatusNotApplicable || l[i].Reason != obligations.ReasonMarked || l[i].Note != "Hệ thống đã diễn tập cùng Sở TT&TT" {
			t.Errorf("marked = %+v", l)
		}
	}
}
