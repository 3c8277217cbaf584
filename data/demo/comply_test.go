package demo

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/session"
)

func TestDemoCompliance(t *testing.T) {
	dir := build(t)
	s := open(t, dir, FocalUser)
	list, err := s.ListAssessments(0)
	if err != nil {
		t.Fatal(err)
	}
	states := map[session.AssessmentState]int{}
	var partial session.AssessmentSummary
	for _, a := range list {
		states[a.State]++
		if a.State == session.AssessmentApproved && (a.ApprovedBy != ManagerUser || a.Period != "2025" || a.Progress.Done() != a.Progress.Total) {
			t.Errorf("approved assessment = %+v", a)
		}
		if strings.HasPrefix(a.SystemName, "Hệ thống giải quyết thủ tục") {
			partial = a
		}
	}
	if len(list) != 3 || states[session.AssessmentApproved] != 1 || states[session.AssessmentOpen] != 2 {
		t.Fatalf("assessments = %+v", list)
	}
	if partial.Progress.Done() == 0 || partial.Progress.Done() == partial.Progress.Total || partial.Level != 3 {
		t.Errorf("assessment in progress = %+v", partial)
	}

	evidence, err := s.ListEvidence()
	if err != nil {
		t.Fatal(err)
	}
	itemLinks := 0
	for _, e := range evidence {
		links, err := s.EvidenceLinks(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			if l.Kind == session.LinkItem {
				itemLinks++
			}
		}
	}
	if itemLinks < 5 {
		t.Errorf("%d evidence links to items", itemLinks)
	}

	systems, err := s.ListSystems(session.SystemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]string{}
	for _, sys := range systems {
		id[sys.Name] = strconv.FormatInt(sys.ID, 10)
	}
	obs, err := s.Obligations(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]obligations.Status{}
	for _, o := range obs {
		status[o.RuleID+"@"+o.SystemID] = o.Status
		if o.Kind == "evidence_expiry" && o.Status != obligations.StatusDue {
			t.Errorf("the certificate expiring in 20 days = %+v", o)
		}
	}
	tthc, portal := id["Hệ thống giải quyết thủ tục hành chính của Sở"], id["Cổng thông tin điện tử Sở Nội vụ"]
	want := map[string]obligations.Status{
		"ct11-vulnerability-scan@" + tthc:   obligations.StatusOverdue,
		"ct11-vulnerability-scan@" + portal: obligations.StatusDone,
		"ct11-threat-hunt@" + portal:        obligations.StatusDone,
		"ct11-threat-hunt@" + tthc:          obligations.StatusDone,
		"ct11-evidence-expiry@" + portal:    obligations.StatusDue,
		"ct11-level-dossier@" + portal:      obligations.StatusDone,
	}
	for k, st := range want {
		if status[k] != st {
			t.Errorf("%s = %q, want %q", k, status[k], st)
		}
	}
}
