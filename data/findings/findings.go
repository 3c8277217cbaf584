// Package findings holds the pure rules of vulnerability findings: their
// remediation statuses, which of them still need work, and when a finding
// is overdue. It does no storage: package session stores findings in the
// vault; the GUI, the CLI and the reports call these rules instead of
// re-implementing them.
package findings

import "slices"

// Remediation statuses.
const (
	Open          = "open"
	InProgress    = "in_progress"
	Fixed         = "fixed"
	AcceptedRisk  = "accepted_risk"
	FalsePositive = "false_positive"
)

// Statuses lists the remediation statuses.
func Statuses() []string {
	return []string{Open, InProgress, Fixed, AcceptedRisk, FalsePositive}
}

// IsOpen reports whether a finding in this status still needs work.
func IsOpen(status string) bool { return status == Open || status == InProgress }

// Overdue reports whether a finding is still open after its due date. due
// and today are ISO dates ("2026-12-02"); a finding without a due date is
// never overdue.
func Overdue(status, due, today string) bool {
	return IsOpen(status) && due != "" && due < today
}

// NeedsAttention reports whether a finding should stand out in a list:
// overdue, or critical or high and nobody has started on it.
func NeedsAttention(status, severity, due, today string) bool {
	urgent := slices.Contains([]string{"critical", "high"}, severity)
	return Overdue(status, due, today) || (urgent && status == Open)
}
