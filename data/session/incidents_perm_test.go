package session

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"daumoi/data/users"
)

// TestIncidentPermissions runs every service method of incidents, scans,
// findings, plans, drills, warnings and awareness as each role: allowed
// roles succeed, others get ErrNotPermitted and leave the history
// unchanged. The focal point prepared system 1 with its assets, an
// imported scan (finding 1), incident 1 (detected), warning 1 and an
// evidence file.
func TestIncidentPermissions(t *testing.T) {
	report := nessusReport(nessusHost{"192.168.10.5", "srv-web01", []nessusItem{medWeb}}, nessusHost{"10.9.9.9", "la-may", []nessusItem{lowOdd}})
	calls := []struct {
		name string
		perm users.Permission
		call func(s *Session, ev string) error
	}{
		{"AddIncident", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.AddIncident(Incident{Title: "Lừa đảo qua thư", Type: "phishing", Detected: detected2300})
			return err
		}},
		{"UpdateIncident", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.UpdateIncident(Incident{ID: 1, Title: "Đổi tên", Detected: detected2300})
			return err
		}},
		{"GetIncident", users.PermRead, func(s *Session, _ string) error { _, err := s.GetIncident(1); return err }},
		{"ListIncidents", users.PermRead, func(s *Session, _ string) error { _, err := s.ListIncidents(); return err }},
		{"AdvanceIncident", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.AdvanceIncident(1, IncidentNotified, time.Time{})
			return err
		}},
		{"RecordIncidentNotification", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordIncidentNotification(1, IncidentNotification{Kind: "incident_report"})
			return err
		}},
		{"AddTimelineEntry", users.PermEditRegisters, func(s *Session, _ string) error { return s.AddTimelineEntry(1, time.Time{}, "Cách ly máy") }},
		{"LinkIncidentEvidence", users.PermAddEvidence, func(s *Session, ev string) error { return s.LinkIncidentEvidence(1, ev) }},
		{"IncidentDeadlines", users.PermRead, func(s *Session, _ string) error { _, err := s.IncidentDeadlines(1, detected2300); return err }},
		{"IncidentDocument", users.PermRead, func(s *Session, _ string) error { _, err := s.IncidentDocument(1, IncidentReportInitial); return err }},
		{"RenderIncidentReport", users.PermRead, func(s *Session, _ string) error {
			_, err := s.RenderIncidentReport(1, IncidentReportInitial, io.Discard)
			return err
		}},
		{"IncidentEmail", users.PermRead, func(s *Session, _ string) error { _, _, err := s.IncidentEmail(1); return err }},
		{"BuildIncidentBundle", users.PermSign, func(s *Session, _ string) error {
			_, err := s.BuildIncidentBundle(IncidentBundleRequest{IncidentID: 1}, []byte("x"), &MemOutput{})
			if errors.Is(err, ErrNoSigningKey) {
				return nil // allowed to sign, but has no key (TestIncidentBundle signs)
			}
			return err
		}},
		{"RecordScan", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordScan(Scan{SystemID: 1, Date: "2026-11-24", Kind: ScanThreatHunt})
			return err
		}},
		{"ListScans", users.PermRead, func(s *Session, _ string) error { _, err := s.ListScans(0); return err }},
		{"ImportScanReport", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: 1, Date: "2026-11-24"})
			return err
		}},
		{"ListFindings", users.PermRead, func(s *Session, _ string) error { _, err := s.ListFindings(FindingFilter{}); return err }},
		{"RemediationPolicy", users.PermRead, func(s *Session, _ string) error { _, err := s.RemediationPolicy(1); return err }},
		{"ListUnmatchedHosts", users.PermRead, func(s *Session, _ string) error { _, err := s.ListUnmatchedHosts(0); return err }},
		{"AssignHost", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.AssignHost(HostAssignment{SystemID: 1, Host: "10.9.9.9", AssetID: 1, RememberAddress: true})
			return err
		}},
		{"UpdateFinding", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.UpdateFinding(1, FindingUpdate{Status: FindingInProgress})
			return err
		}},
		{"RecordResponsePlan", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordResponsePlan(ResponsePlan{SystemID: 1, Version: "1", ApprovedOn: "2026-11-01"})
			return err
		}},
		{"ListResponsePlans", users.PermRead, func(s *Session, _ string) error { _, err := s.ListResponsePlans(0); return err }},
		{"RecordDrill", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordDrill(Drill{Date: "2026-11-01", Scenario: "Mã độc", SystemIDs: []int64{1}, LiveFire: true})
			return err
		}},
		{"ListDrills", users.PermRead, func(s *Session, _ string) error { _, err := s.ListDrills(); return err }},
		{"RecordWarning", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordWarning(Warning{Number: "1/CB", Date: "2026-11-01"})
			return err
		}},
		{"SetWarningStatus", users.PermEditRegisters, func(s *Session, _ string) error { return s.SetWarningStatus(1, WarningClosed, "Đã vá") }},
		{"ListWarnings", users.PermRead, func(s *Session, _ string) error { _, err := s.ListWarnings(); return err }},
		{"RecordAwareness", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordAwareness(AwarenessSession{Date: "2026-11-01", Topic: "Thư lừa đảo", Attendees: 10})
			return err
		}},
		{"ListAwareness", users.PermRead, func(s *Session, _ string) error { _, err := s.ListAwareness(); return err }},
	}
	for _, role := range users.AllRoles() {
		for _, c := range calls {
			t.Run(string(role)+"/"+c.name, func(t *testing.T) {
				dir, focal, _ := seedScanVault(t)
				ev := seedIncidents(t, focal, report)
				addReady(t, dir, focal, "actor", role)
				focal.Close()
				s := openReadyAt(t, dir, "actor")
				before := historyLen(t, dir, s)
				err := c.call(s, ev)
				allowed := (users.User{Roles: []users.Role{role}}).Can(c.perm)
				if allowed && err != nil {
					t.Fatalf("%s as %s: %v", c.name, role, err)
				}
				if !allowed {
					if !errors.Is(err, ErrNotPermitted) {
						t.Fatalf("%s as %s = %v, want ErrNotPermitted", c.name, role, err)
					}
					if after := historyLen(t, dir, s); after != before {
						t.Errorf("refused %s changed the history: %d → %d", c.name, before, after)
					}
				}
			})
		}
	}
}

// seedIncidents adds what TestIncidentPermissions acts on and returns the
// evidence id.
func seedIncidents(t *testing.T, s *Session, report string) string {
	t.Helper()
	_, err := s.ImportScanReport(strings.NewReader(report), ScanImport{SystemID: 1, Date: "2026-11-20"})
	must(t, err)
	_, err = s.AddIncident(Incident{Title: "Thay đổi giao diện", Type: "defacement", Detected: detected2300, SystemID: 1})
	must(t, err)
	_, err = s.RecordWarning(Warning{Number: "99/CB", Date: "2026-11-02", CVEs: []string{"CVE-2023-48795"}})
	must(t, err)
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("nhật ký"), EvidenceMeta{FileName: "log.txt"}, nil)
	must(t, err)
	return ev.ID
}
