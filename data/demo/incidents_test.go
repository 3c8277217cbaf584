package demo

import (
	"testing"

	"daumoi/data/obligations"
	"daumoi/data/session"
)

// TestDemoIncidents: the demo holds an imported scan with findings matched
// to assets, an open serious incident whose 24-hour notice is overdue, a
// closed one with its closure report sent, plans, a drill, a warning
// matching a finding's asset, an awareness session, and the TTHC system's
// scan still overdue.
func TestDemoIncidents(t *testing.T) {
	s := open(t, build(t), ITUser)
	findings, err := s.ListFindings(session.FindingFilter{})
	if err != nil || len(findings) != 4 || findings[0].Severity != "critical" || findings[0].AssetID == 0 {
		t.Fatalf("findings = %+v, %v", findings, err)
	}
	incidents, err := s.ListIncidents()
	if err != nil || len(incidents) != 2 || incidents[0].State != session.IncidentDetected || incidents[1].State != session.IncidentClosed {
		t.Fatalf("incidents = %+v, %v", incidents, err)
	}
	clocks, err := s.IncidentDeadlines(incidents[0].ID, fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	overdue := map[string]bool{}
	for _, c := range clocks {
		overdue[c.RuleID] = c.Status == obligations.StatusOverdue
	}
	if !overdue["nd331-incident-serious-24h"] {
		t.Errorf("open incident clocks = %+v", clocks)
	}
	warnings, err := s.ListWarnings()
	if err != nil || len(warnings) != 1 || len(warnings[0].Assets) == 0 {
		t.Errorf("warnings = %+v, %v", warnings, err)
	}
	plans, err := s.ListResponsePlans(0)
	drills, derr := s.ListDrills()
	awareness, aerr := s.ListAwareness()
	if err != nil || derr != nil || aerr != nil || len(plans) != 2 || len(drills) != 1 || len(awareness) != 2 {
		t.Errorf("plans %d, drills %d, awareness %d: %v %v %v", len(plans), len(drills), len(awareness), err, derr, aerr)
	}
	list, err := s.Obligations(fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]obligations.Status{}
	for _, o := range list {
		if o.Status == obligations.StatusOverdue || status[o.RuleID] == "" {
			status[o.RuleID] = o.Status
		}
	}
	want := map[string]obligations.Status{
		"ct11-vulnerability-scan": obligations.StatusOverdue, // the TTHC system
		"ct11-remediation":        obligations.StatusOverdue, // the critical finding, 7 days
		"nd331-awareness":         obligations.StatusDone,
	}
	for rule, st := range want {
		if status[rule] != st {
			t.Errorf("obligation %s is %q, want %q", rule, status[rule], st)
		}
	}
	scans, err := s.ListScans(0)
	if err != nil {
		t.Fatal(err)
	}
	pentest := false
	for _, sc := range scans {
		pentest = pentest || (sc.Kind == session.ScanPenTest && sc.ActivityID != 0)
	}
	if !pentest {
		t.Errorf("no penetration test counted in %+v", scans)
	}
}
