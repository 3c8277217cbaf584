// Package obligations computes, from the active regulation packs and the
// facts the agency recorded (systems, activities, incidents, evidence), the
// list of obligations with their due dates and status. It is a pure
// function: no database, no clock (the caller passes Now), and the same
// input always gives the same output in the same order.
//
// The rule vocabulary it interprets is defined in data/packs/FORMAT.md; the
// status semantics are documented on Status and in that file.
package obligations

import (
	"errors"
	"time"

	"daumoi/data/packs"
)

// DefaultDueSoonDays is the "due soon" window used when Input.DueSoonDays is 0.
const DefaultDueSoonDays = 30

// Sentinel errors returned by Evaluate.
var (
	// ErrBadInput: the input is inconsistent (zero Now, duplicate system or
	// incident id, level outside 0–5, negative window, open findings listed
	// twice for a system or without a count or a due date).
	ErrBadInput = errors.New("invalid obligations input")
	// ErrInvalidPack: an active pack fails packs.Validate.
	ErrInvalidPack = errors.New("active pack is invalid")
)

// Input is everything the computation needs.
type Input struct {
	// Now is the moment of evaluation; "today" is its date in Now.Location().
	Now time.Time
	// DueSoonDays is the window in which an unmet obligation counts as "due"
	// rather than "upcoming" (0 means DefaultDueSoonDays).
	DueSoonDays int
	Packs       []packs.Pack
	Agency      Agency
	Systems     []System
	Activities  []Activity
	Incidents   []Incident
	Evidence    []Evidence
	// OpenFindings summarises, per system, the vulnerability findings not
	// yet fixed that have a due date (remediation rules).
	OpenFindings []FindingsDue
}

// FindingsDue is the open findings of one system: how many, and the
// earliest due date among them (the civil date in EarliestDue's location).
type FindingsDue struct {
	SystemID    string
	Count       int
	EarliestDue time.Time
}

// Agency holds the facts about the agency that rules can depend on.
type Agency struct {
	Name string
	// Roles such as "system_owner" or "provincial_department"; a rule with
	// agency_roles applies only if the agency has one of them.
	Roles []string
}

// System is an information system the agency manages.
type System struct {
	ID   string
	Name string
	// Level is the current security level (0 = not yet classified). It is
	// used only when LevelHistory is empty, as the level since GoLive.
	Level int
	// LevelHistory lists level changes; each entry gives the level from its
	// date on. Before the first entry the system had no level.
	LevelHistory []LevelChange
	// GoLive is the date the system went into use (zero = unknown, treated as
	// live since ever).
	GoLive time.Time
}

// LevelChange sets a system's level from a date on.
type LevelChange struct {
	From  time.Time
	Level int
}

// Activity is a dated action the agency recorded, e.g. a vulnerability scan.
// Only the civil date of Date (in Date's own location) matters.
type Activity struct {
	ID       string
	Kind     string // e.g. vulnerability_scan, threat_hunt, drill, annual_report_submitted
	SystemID string // empty for agency-wide activities
	Date     time.Time
	// For, when set, is the deadline of the one cycle of a yearly_date or
	// monthly_day rule the activity is for (a report of a given period):
	// it meets that cycle only, on time or late, whatever its date. Zero:
	// the cycle its date falls in.
	For time.Time
}

// Incident is a security incident with its notifications.
type Incident struct {
	ID       string
	SystemID string
	Detected time.Time
	// ResponseEnded is when the response ended (zero while still open).
	ResponseEnded time.Time
	// Flags such as "serious", "national_security", "personal_data_breach",
	// "beyond_capacity" (see packs.KnownIncidentFlags).
	Flags         []string
	Notifications []Notification
}

// Notification is a notice or report sent about an incident.
type Notification struct {
	ID   string
	Kind string // e.g. incident_notified, incident_initial_notice, incident_report
	At   time.Time
}

// Evidence is a document or asset with an expiry date (its last valid day,
// the civil date in Expires' own location).
type Evidence struct {
	ID       string
	Name     string
	SystemID string
	Expires  time.Time // zero = never expires
}

// Status is where an obligation stands on Input.Now.
type Status string

const (
	// StatusDone: met for the current period (SatisfiedBy says how; Late
	// says it was met after the due date).
	StatusDone Status = "done"
	// StatusDue: not met, due within the "due soon" window.
	StatusDue Status = "due"
	// StatusUpcoming: not met, due later than the window.
	StatusUpcoming Status = "upcoming"
	// StatusOverdue: not met and the due date has passed.
	StatusOverdue Status = "overdue"
	// StatusNotApplicable: the rule does not apply (Reason says why).
	StatusNotApplicable Status = "not_applicable"
)

// Reasons for StatusNotApplicable.
const (
	ReasonNotInForce   = "not_in_force"   // today is outside the rule's effective period
	ReasonLevel        = "level"          // the system's level is outside the rule's levels
	ReasonNotLive      = "not_live"       // the system is not in use yet
	ReasonAgencyRole   = "agency_role"    // the agency has none of the rule's roles
	ReasonLiveTooLate  = "live_after_due" // a one-off deadline passed before the system went live
	ReasonNoActiveRule = "no_cycle"       // no period of the rule falls in its effective period
	ReasonMarked       = "marked"         // a person marked it not applicable (Note says why)
)

// Obligation is one computed obligation.
type Obligation struct {
	// ID is unique and stable: pack/rule[/sys:ID][/inc:ID][/ev:ID][/due date].
	ID      string
	PackID  string
	RuleID  string
	Kind    string
	TitleVI string
	// TitleEN is the rule's English title (empty when the pack gives none).
	TitleEN string
	// Due is the due date (00:00 UTC of the civil date); zero when not applicable.
	Due time.Time
	// DueAt is the exact deadline of an after_event clock; zero otherwise.
	DueAt  time.Time
	Status Status
	Late   bool
	Reason string
	// Note is the person's reason when Reason is ReasonMarked.
	Note string
	// PeriodFrom and PeriodTo give the data period of a yearly report, or the
	// calendar period of a calendar-aligned rule.
	PeriodFrom, PeriodTo time.Time
	SystemID             string
	IncidentID           string
	EvidenceID           string
	// OpenFindings is the number of findings not yet fixed (remediation
	// obligations only).
	OpenFindings int
	Source       Source
	SatisfiedBy  *Satisfaction
	Unverified   bool
	// Received is when the receiving office received the report that met
	// it, by a signed receipt the agency imported; zero otherwise.
	Received time.Time
}

// Source is the legal ground of an obligation.
type Source struct {
	PackID   string
	SourceID string
	Number   string
	Ref      string
}

// Satisfaction names the activity or notification that met an obligation.
type Satisfaction struct {
	ID   string
	Kind string
	At   time.Time
}
