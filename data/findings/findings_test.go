package findings

import "testing"

func TestOverdue(t *testing.T) {
	for _, c := range []struct {
		status, due, today string
		want               bool
	}{
		{Open, "2026-12-01", "2026-12-02", true},
		{InProgress, "2026-12-01", "2026-12-02", true},
		{Open, "2026-12-02", "2026-12-02", false},
		{Open, "", "2026-12-02", false},
		{Fixed, "2026-01-01", "2026-12-02", false},
		{AcceptedRisk, "2026-01-01", "2026-12-02", false},
		{FalsePositive, "2026-01-01", "2026-12-02", false},
	} {
		if got := Overdue(c.status, c.due, c.today); got != c.want {
			t.Errorf("Overdue(%q, %q, %q) = %v, want %v", c.status, c.due, c.today, got, c.want)
		}
	}
}

func TestNeedsAttention(t *testing.T) {
	if !NeedsAttention(Open, "high", "", "2026-12-02") {
		t.Error("an untouched high finding must stand out")
	}
	if NeedsAttention(InProgress, "critical", "2026-12-31", "2026-12-02") {
		t.Error("a critical finding being worked on before its due date need not stand out")
	}
	if !NeedsAttention(InProgress, "low", "2026-11-30", "2026-12-02") {
		t.Error("an overdue finding must stand out")
	}
}
