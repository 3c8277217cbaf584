package session

import (
	"reflect"
	"testing"
	"time"

	"daumoi/data/registers"
)

// TestDashboardMatchesTheSeparateCalls fills a vault with systems, assets
// (one a violation), assessments of two periods, an open and a closed
// incident, and checks that the one-transaction Dashboard says what the
// separate list calls say.
func TestDashboardMatchesTheSeparateCalls(t *testing.T) {
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	_, s := newVaultAt(t, now)
	a := systemAt(t, s, "Cổng dịch vụ công", 3, "2024-01-01")
	b := systemAt(t, s, "Hệ thống thư điện tử", 2, "2024-01-01")
	for _, as := range []registers.Asset{
		{Type: registers.AssetServer, Name: "Máy chủ web", Systems: []int64{a.ID}, Internet: true},
		{Type: registers.AssetServer, Name: "Máy soạn thảo mật", StateSecret: true, LAN: true},
		{Type: registers.AssetServer, Name: "Máy mật không nối mạng", StateSecret: true},
	} {
		_, err := s.SaveAsset(as)
		must(t, err)
	}
	for _, period := range []string{"2025", "2026"} {
		_, err := s.OpenAssessment(a.ID, period)
		must(t, err)
	}
	open := addTestIncident(t, s, "serious")
	closed := addTestIncident(t, s)
	for _, st := range []IncidentState{IncidentNotified, IncidentResponding, IncidentClosed} {
		_, err := s.AdvanceIncident(closed.ID, st, time.Time{})
		must(t, err)
	}

	d, err := s.Dashboard(now)
	must(t, err)

	obs, err := s.Obligations(now)
	must(t, err)
	if !reflect.DeepEqual(d.Obligations, obs) {
		t.Errorf("obligations differ:\n%+v\n%+v", d.Obligations, obs)
	}
	systems, err := s.ListSystems(SystemFilter{})
	must(t, err)
	if !reflect.DeepEqual(d.Systems, systems) {
		t.Errorf("systems differ")
	}
	if d.Assets != 3 || d.Violations != 1 {
		t.Errorf("assets %d, violations %d; want 3, 1", d.Assets, d.Violations)
	}
	list, err := s.ListAssessments(a.ID)
	must(t, err)
	if got, want := d.Latest[a.ID], list[len(list)-1]; !reflect.DeepEqual(got, want) || got.Period != "2026" {
		t.Errorf("latest assessment of A = %+v, want %+v", got, want)
	}
	if _, ok := d.Latest[b.ID]; ok {
		t.Error("a latest assessment for B, which has none")
	}

	clocks, err := s.IncidentDeadlines(open.ID, now)
	must(t, err)
	var want []RunningClock
	for _, c := range clocks {
		if c.MetAt.IsZero() {
			want = append(want, RunningClock{open, c})
		}
	}
	if len(want) == 0 {
		t.Fatal("the serious incident has no running clock to compare")
	}
	if len(d.Clocks) != len(want) {
		t.Fatalf("%d running clocks, want %d (the closed incident's excluded)", len(d.Clocks), len(want))
	}
	for i := range want {
		if d.Clocks[i].Incident.ID != open.ID || !reflect.DeepEqual(d.Clocks[i].Clock, want[i].Clock) {
			t.Errorf("clock %d = %+v, want %+v", i, d.Clocks[i], want[i])
		}
	}
	for i := 1; i < len(d.Clocks); i++ {
		if d.Clocks[i].Clock.DueAt.Before(d.Clocks[i-1].Clock.DueAt) {
			t.Error("clocks not nearest first")
		}
	}
}

// TestDashboardOfAClosedSessionFails: no overview once the session is
// closed.
func TestDashboardOfAClosedSessionFails(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC))
	must(t, s.Close())
	if _, err := s.Dashboard(time.Now()); err == nil {
		t.Error("Dashboard of a closed session succeeded")
	}
}
