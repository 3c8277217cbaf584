package session

import (
	"errors"
	"testing"
	"time"

	"daumoi/data/incidents"
	"daumoi/data/obligations"
)

// detected2300 is a detection at 23:00 Vietnam time, the boundary case of
// the clocks: hour-based clocks end at 23:00, day-based ones at the end of
// the day.
var detected2300 = time.Date(2026, 11, 20, 23, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func addTestIncident(t *testing.T, s *Session, flags ...string) Incident {
	t.Helper()
	in, err := s.AddIncident(Incident{Title: "Trang chủ bị thay đổi giao diện", Type: "defacement", Detected: detected2300, Flags: flags})
	must(t, err)
	return in
}

// TestIncidentStateFlow tries every pair of states: only the allowed
// changes succeed, the others fail with ErrBadIncidentState and change
// nothing.
func TestIncidentStateFlow(t *testing.T) {
	states := []IncidentState{IncidentDetected, IncidentNotified, IncidentInitialReport, IncidentResponding, IncidentClosed}
	allowed := map[[2]IncidentState]bool{
		{IncidentDetected, IncidentNotified}:        true,
		{IncidentNotified, IncidentInitialReport}:   true,
		{IncidentNotified, IncidentResponding}:      true,
		{IncidentInitialReport, IncidentResponding}: true,
		{IncidentResponding, IncidentClosed}:        true,
	}
	// paths reach each state from "detected" through allowed steps.
	paths := map[IncidentState][]IncidentState{
		IncidentDetected:      nil,
		IncidentNotified:      {IncidentNotified},
		IncidentInitialReport: {IncidentNotified, IncidentInitialReport},
		IncidentResponding:    {IncidentNotified, IncidentResponding},
		IncidentClosed:        {IncidentNotified, IncidentResponding, IncidentClosed},
	}
	_, s := newVaultAt(t, time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC))
	for _, from := range states {
		for _, to := range states {
			in := addTestIncident(t, s)
			for _, step := range paths[from] {
				_, err := s.AdvanceIncident(in.ID, step, time.Time{})
				must(t, err)
			}
			if got := incidents.CanAdvance(from, to); got != allowed[[2]IncidentState{from, to}] {
				t.Errorf("CanAdvance(%s, %s) = %v", from, to, got)
			}
			_, err := s.AdvanceIncident(in.ID, to, time.Time{})
			d, gerr := s.GetIncident(in.ID)
			must(t, gerr)
			if allowed[[2]IncidentState{from, to}] {
				if err != nil || d.State != to {
					t.Errorf("%s → %s: %v, state %s", from, to, err, d.State)
				}
				continue
			}
			if !errors.Is(err, ErrBadIncidentState) || d.State != from {
				t.Errorf("%s → %s = %v, state %s; want ErrBadIncidentState and %s", from, to, err, d.State, from)
			}
		}
	}
}

// TestIncidentDeadlines checks the clocks of the shipped packs for a
// detection at 23:00 (+07:00): TT 20 notice by the end of the 5th day, ND
// 331 report in 72 h, the serious-incident notice in 24 h; one minute
// before a deadline it is due with a minute left, one minute after it is
// overdue by a minute; a notification stops the clocks it satisfies.
func TestIncidentDeadlines(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 21, 1, 0, 0, 0, time.UTC))
	in := addTestIncident(t, s, "serious")
	zone := detected2300.Location()
	want := map[string]time.Time{
		"nd331-incident-serious-24h": time.Date(2026, 11, 21, 23, 0, 0, 0, zone),
		"nd331-incident-72h":         time.Date(2026, 11, 23, 23, 0, 0, 0, zone),
		"tt20-incident-notice":       time.Date(2026, 11, 26, 0, 0, 0, 0, zone).Add(-time.Nanosecond), // end of the 5th day
	}
	clocks, err := s.IncidentDeadlines(in.ID, detected2300.Add(time.Hour))
	must(t, err)
	if len(clocks) != len(want) {
		t.Fatalf("clocks = %+v, want %d", clocks, len(want))
	}
	for _, c := range clocks {
		due, ok := want[c.RuleID]
		if !ok || !c.DueAt.Equal(due) {
			t.Errorf("%s due %s, want %s", c.RuleID, c.DueAt, due)
		}
	}
	for rule, due := range want {
		before := clockOf(t, s, in.ID, rule, due.Add(-time.Minute))
		if before.Status != obligations.StatusDue || before.Remaining != time.Minute {
			t.Errorf("%s a minute before: %s, %s left", rule, before.Status, before.Remaining)
		}
		after := clockOf(t, s, in.ID, rule, due.Add(time.Minute))
		if after.Status != obligations.StatusOverdue || after.Remaining != -time.Minute {
			t.Errorf("%s a minute after: %s, %s left", rule, after.Status, after.Remaining)
		}
	}
	notified := detected2300.Add(2 * time.Hour)
	_, err = s.RecordIncidentNotification(in.ID, IncidentNotification{Kind: "incident_report", At: notified, Recipient: "A05"})
	must(t, err)
	for _, rule := range []string{"nd331-incident-72h", "nd331-incident-serious-24h"} {
		c := clockOf(t, s, in.ID, rule, detected2300.Add(100*time.Hour))
		if c.Status != obligations.StatusDone || c.MetBy != "incident_report" || !c.MetAt.Equal(notified) {
			t.Errorf("%s after the report: %+v", rule, c)
		}
	}
	if c := clockOf(t, s, in.ID, "tt20-incident-notice", detected2300.Add(100*time.Hour)); c.Status == obligations.StatusDone {
		t.Errorf("the ND 331 report met the TT 20 notice: %+v", c)
	}
}

func clockOf(t *testing.T, s *Session, id int64, rule string, now time.Time) DeadlineClock {
	t.Helper()
	clocks, err := s.IncidentDeadlines(id, now)
	must(t, err)
	for _, c := range clocks {
		if c.RuleID == rule {
			return c
		}
	}
	t.Fatalf("no clock %s at %s in %+v", rule, now, clocks)
	return DeadlineClock{}
}

// TestIncidentInputErrors checks how bad incidents fail, and that an
// update keeps the state the flow set.
func TestIncidentInputErrors(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC))
	cases := []struct {
		in   Incident
		want error
	}{
		{Incident{Title: "", Detected: detected2300}, ErrInvalidInput},
		{Incident{Title: "X", Detected: detected2300, Type: "virus"}, ErrBadIncidentType},
		{Incident{Title: "X", Detected: detected2300, Flags: []string{"urgent"}}, ErrBadIncidentFlag},
		{Incident{Title: "X"}, ErrBadTime},
		{Incident{Title: "X", Detected: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, ErrBadTime},
		{Incident{Title: "X", Detected: detected2300, SystemID: 7}, ErrNoSuchSystem},
	}
	for _, c := range cases {
		if _, err := s.AddIncident(c.in); !errors.Is(err, c.want) {
			t.Errorf("AddIncident(%+v) = %v, want %v", c.in, err, c.want)
		}
	}
	in := addTestIncident(t, s, "serious", "serious", " ")
	if len(in.Flags) != 1 {
		t.Errorf("flags = %q", in.Flags)
	}
	_, err := s.AdvanceIncident(in.ID, IncidentNotified, detected2300.Add(-time.Minute))
	if !errors.Is(err, ErrBadTime) {
		t.Errorf("notified before the detection = %v", err)
	}
	_, err = s.AdvanceIncident(in.ID, IncidentNotified, time.Time{})
	must(t, err)
	in.Description, in.State = "Trang chủ hiển thị nội dung lạ", IncidentClosed
	_, err = s.UpdateIncident(in)
	must(t, err)
	d, err := s.GetIncident(in.ID)
	must(t, err)
	if d.State != IncidentNotified || d.Description != "Trang chủ hiển thị nội dung lạ" || len(d.Notifications) != 1 || len(d.Timeline) != 1 {
		t.Errorf("after update: %+v", d)
	}
	if _, err := s.GetIncident(99); !errors.Is(err, ErrNoSuchIncident) {
		t.Errorf("GetIncident(99) = %v", err)
	}
	if _, err := s.RecordIncidentNotification(in.ID, IncidentNotification{Kind: "fax"}); !errors.Is(err, ErrBadNotificationKind) {
		t.Errorf("unknown notification kind = %v", err)
	}
}
