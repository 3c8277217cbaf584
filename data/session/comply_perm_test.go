package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"daumoi/data/users"
)

// TestComplyPermissions runs every service method of packs, levels,
// assessments, evidence metadata, activities and obligations as each role:
// allowed roles succeed, others get ErrNotPermitted and leave the history
// unchanged. The focal point prepared system 1 (level 3), assessment 1
// (open, all items assessed), assessment 2 (approved), evidence
// seedEvidence linked to system 1, and the test pack.
func TestComplyPermissions(t *testing.T) {
	calls := []struct {
		name string
		perm users.Permission
		call func(s *Session, ev string) error
	}{
		{"ListPacks", users.PermRead, func(s *Session, _ string) error { _, err := s.ListPacks(); return err }},
		{"ActivePacks", users.PermRead, func(s *Session, _ string) error { _, err := s.ActivePacks(); return err }},
		{"ImportPack", users.PermManagePacks, func(s *Session, _ string) error {
			_, err := s.ImportPack(mutate(`"version": 1`, `"version": 2`))
			return err
		}},
		{"SetPackActive", users.PermManagePacks, func(s *Session, _ string) error { return s.SetPackActive("tt12-2022", false) }},
		{"SuggestLevel", users.PermRead, func(s *Session, _ string) error {
			_, err := s.SuggestLevel(1, map[string]string{"q-secret": "yes"})
			return err
		}},
		{"AcceptLevelSuggestion", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.AcceptLevelSuggestion(1, LevelSuggestion{Answers: map[string]string{"q-users": "yes"}})
			return err
		}},
		{"OpenAssessment", users.PermAssess, func(s *Session, _ string) error { _, err := s.OpenAssessment(1, "2027"); return err }},
		{"GetAssessment", users.PermRead, func(s *Session, _ string) error { _, err := s.GetAssessment(1); return err }},
		{"ListAssessments", users.PermRead, func(s *Session, _ string) error { _, err := s.ListAssessments(0); return err }},
		{"SetAssessmentItem", users.PermAssess, func(s *Session, _ string) error {
			return s.SetAssessmentItem(1, "it1", ItemFail, "Chưa có biên bản", nil)
		}},
		{"ApproveAssessment", users.PermApprove, func(s *Session, _ string) error { return s.ApproveAssessment(1) }},
		{"NewRevision", users.PermAssess, func(s *Session, _ string) error { _, err := s.NewRevision(2); return err }},
		{"CopyPrevious", users.PermAssess, func(s *Session, _ string) error { _, err := s.CopyPrevious(1); return err }},
		{"SetEvidenceDates", users.PermAddEvidence, func(s *Session, ev string) error { return s.SetEvidenceDates(ev, "2026-01-01", "2027-01-01") }},
		{"SetEvidenceDescription", users.PermAddEvidence, func(s *Session, ev string) error { return s.SetEvidenceDescription(ev, "Mô tả") }},
		{"SetEvidenceTitle", users.PermAddEvidence, func(s *Session, ev string) error { return s.SetEvidenceTitle(ev, "Tiêu đề mới") }},
		{"EvidenceInfo", users.PermRead, func(s *Session, ev string) error { _, err := s.EvidenceInfo(ev); return err }},
		{"LinkEvidence", users.PermAddEvidence, func(s *Session, ev string) error {
			return s.LinkEvidence(ev, EvidenceLink{LinkItem, "kiem-thu/it1"})
		}},
		{"UnlinkEvidence", users.PermAddEvidence, func(s *Session, ev string) error {
			return s.UnlinkEvidence(ev, EvidenceLink{LinkSystem, "1"})
		}},
		{"EvidenceLinks", users.PermRead, func(s *Session, ev string) error { _, err := s.EvidenceLinks(ev); return err }},
		{"RecordActivity", users.PermEditRegisters, func(s *Session, _ string) error {
			_, err := s.RecordActivity(Activity{Kind: "drill", SystemID: 1, Date: "2026-11-20"})
			return err
		}},
		{"ListActivities", users.PermRead, func(s *Session, _ string) error { _, err := s.ListActivities(ActivityFilter{}); return err }},
		{"ActivityKinds", users.PermRead, func(s *Session, _ string) error { _, err := s.ActivityKinds(); return err }},
		{"AgencyRoles", users.PermRead, func(s *Session, _ string) error { _, err := s.AgencyRoles(); return err }},
		{"KnownAgencyRoles", users.PermRead, func(s *Session, _ string) error { _, err := s.KnownAgencyRoles(); return err }},
		{"SetAgencyRoles", users.PermEditProfile, func(s *Session, _ string) error { return s.SetAgencyRoles([]string{"system_owner"}) }},
		{"Obligations", users.PermRead, func(s *Session, _ string) error {
			_, err := s.Obligations(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			return err
		}},
	}
	for _, role := range users.AllRoles() {
		for _, c := range calls {
			t.Run(string(role)+"/"+c.name, func(t *testing.T) {
				dir, focal := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
				ev := seedComply(t, focal)
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

// seedComply prepares what TestComplyPermissions's calls act on and
// returns the evidence id.
func seedComply(t *testing.T, s *Session) string {
	t.Helper()
	onlyTestPack(t, s)
	sys := systemAt(t, s, "Một cửa điện tử", 3, "2025-01-01")
	ev, err := s.AddEvidence(context.Background(), strings.NewReader("biên bản"), EvidenceMeta{FileName: "bb.txt"}, nil)
	must(t, err)
	must(t, s.LinkEvidence(ev.ID, EvidenceLink{LinkSystem, "1"}))
	for _, period := range []string{"2026", "2025"} {
		a, err := s.OpenAssessment(sys.ID, period)
		must(t, err)
		for _, it := range []string{"it1", "it2", "it3"} {
			must(t, s.SetAssessmentItem(a.ID, it, ItemPass, "", nil))
		}
	}
	must(t, s.ApproveAssessment(2))
	return ev.ID
}
