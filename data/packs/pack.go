// Package packs loads, validates and keeps regulation packs: versioned JSON
// documents that hold every rule, deadline, checklist and level criterion the
// application uses. Legal texts change, so none of this lives in code; see
// FORMAT.md in this folder for the file format and the rule vocabulary.
//
// Load decodes and normalises one pack (text to NFC) and validates it;
// Validate checks a Pack value built in code; Registry keeps the shipped
// packs plus the imported ones as an immutable value.
package packs

// FormatVersion is the only pack format version this package understands.
const FormatVersion = 1

// MaxPackSize is the largest pack file Load accepts, in bytes.
const MaxPackSize = 8 << 20

// Pack is one regulation pack as stored in its JSON file.
type Pack struct {
	Format        int         `json:"format"`
	ID            string      `json:"id"`
	Title         Text        `json:"title"`
	Version       int         `json:"version"`
	Published     string      `json:"published"`
	Effective     Period      `json:"effective"`
	Unverified    bool        `json:"unverified,omitempty"`
	Note          string      `json:"note,omitempty"`
	Sources       []Source    `json:"sources"`
	Catalogues    []Catalogue `json:"catalogues,omitempty"`
	LevelCriteria []Criterion `json:"level_criteria,omitempty"`
	Obligations   []Rule      `json:"obligations,omitempty"`
}

// Text is a title in Vietnamese (required) and English (gloss, optional).
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en,omitempty"`
}

// Period is a validity interval of civil dates (YYYY-MM-DD); Until is
// optional and inclusive.
type Period struct {
	From  string `json:"from"`
	Until string `json:"until,omitempty"`
}

// Source is a legal document the pack cites.
type Source struct {
	ID         string    `json:"id"`
	TitleVI    string    `json:"title_vi"`
	TitleEN    string    `json:"title_en,omitempty"`
	Number     string    `json:"number"`
	IssuerVI   string    `json:"issuer_vi,omitempty"`
	Signed     string    `json:"signed,omitempty"`
	Effective  string    `json:"effective,omitempty"`
	Articles   []Article `json:"articles,omitempty"`
	Unverified bool      `json:"unverified,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// Article is an article (or item) of a source that the pack refers to.
type Article struct {
	Ref     string `json:"ref"`
	TitleVI string `json:"title_vi"`
}

// SourceRef points from a pack entry to a source and a place in it.
type SourceRef struct {
	Source string `json:"source"`
	Ref    string `json:"ref"`
}

// Catalogue is a named list of checklist items.
type Catalogue struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
	Items []Item `json:"items"`
}

// Item is one checklist item (a requirement to meet or a task to do).
type Item struct {
	ID      string    `json:"id"`
	Group   string    `json:"group"`
	TextVI  string    `json:"text_vi"`
	GlossEN string    `json:"gloss_en,omitempty"`
	Levels  []int     `json:"levels"`
	Source  SourceRef `json:"source"`

	EvidenceHintVI string `json:"evidence_hint_vi,omitempty"`
	Origin         string `json:"origin,omitempty"`
	Kind           string `json:"kind,omitempty"`
	SubgroupVI     string `json:"subgroup_vi,omitempty"`
	SubgroupEN     string `json:"subgroup_en,omitempty"`
	Family         string `json:"family,omitempty"`
	FamilyLabelVI  string `json:"family_label_vi,omitempty"`
	FamilyEN       string `json:"family_en,omitempty"`
	ConditionVI    string `json:"condition_vi,omitempty"`
	ConditionEN    string `json:"condition_en,omitempty"`
	// The maps below are keyed by level ("1"…"5").
	TextVIByLevel         map[string]string `json:"text_vi_by_level,omitempty"`
	ClauseByLevel         map[string]string `json:"clause_by_level,omitempty"`
	SubgroupClauseByLevel map[string]string `json:"subgroup_clause_by_level,omitempty"`
	RowByLevel            map[string]string `json:"row_by_level,omitempty"`
	PointByLevel          map[string]string `json:"point_by_level,omitempty"`
	Unverified            bool              `json:"unverified,omitempty"`
	Note                  string            `json:"note,omitempty"`
}

// Criterion is a question that suggests a security level for a system.
// The suggested level of a system is the highest level among its answers.
type Criterion struct {
	ID         string    `json:"id"`
	QuestionVI string    `json:"question_vi"`
	QuestionEN string    `json:"question_en,omitempty"`
	RuleVI     string    `json:"rule_vi"`
	Options    []Option  `json:"options"`
	Source     SourceRef `json:"source"`
	Unverified bool      `json:"unverified,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// Option is one answer to a Criterion. Level 0 suggests nothing; OutOfScope
// marks an answer that puts the system outside the pack's regime.
type Option struct {
	ID         string `json:"id"`
	TextVI     string `json:"text_vi"`
	TextEN     string `json:"text_en,omitempty"`
	Level      int    `json:"level,omitempty"`
	OutOfScope bool   `json:"out_of_scope,omitempty"`
}

// Rule kinds (the obligation vocabulary; see FORMAT.md).
const (
	KindPeriodic       = "periodic"
	KindYearlyDate     = "yearly_date"
	KindMonthlyDay     = "monthly_day"
	KindFixedDate      = "fixed_date"
	KindAfterEvent     = "after_event"
	KindEvidenceExpiry = "evidence_expiry"
	KindRemediation    = "remediation"
)

// Severities of findings a remediation rule gives days for.
const (
	SeverityLow      = "low"
	SeverityMedium   = "medium"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// MaxRemediationDays is the longest time to fix a finding a remediation rule
// may give, in days (0 means the same day).
const MaxRemediationDays = 366

// Scopes of calendar rules.
const (
	ScopeAgency = "agency"
	ScopeSystem = "system"
)

// Alignments of periodic rules.
const (
	AlignRolling  = "rolling"
	AlignCalendar = "calendar"
)

// Events that start an after_event clock.
const (
	EventIncidentDetected      = "incident_detected"
	EventIncidentResponseEnded = "incident_response_ended"
	EventSystemGoLive          = "system_go_live"
)

// Incident flags an after_event rule may require.
const (
	FlagSerious            = "serious"
	FlagNationalSecurity   = "national_security"
	FlagPersonalDataBreach = "personal_data_breach"
	FlagBeyondCapacity     = "beyond_capacity"
)

// Rule is one obligation: what must be done, by when, and on which legal
// ground. Which fields apply depends on Kind (see FORMAT.md).
type Rule struct {
	ID      string `json:"id"`
	TitleVI string `json:"title_vi"`
	TitleEN string `json:"title_en,omitempty"`
	Kind    string `json:"kind"`

	Scope       string   `json:"scope,omitempty"`
	Levels      []int    `json:"levels,omitempty"`
	AgencyRoles []string `json:"agency_roles,omitempty"`
	SatisfiedBy []string `json:"satisfied_by,omitempty"`

	EveryMonths int    `json:"every_months,omitempty"`
	Alignment   string `json:"alignment,omitempty"`

	Month      int            `json:"month,omitempty"`
	Day        int            `json:"day,omitempty"`
	DataPeriod *MonthDayRange `json:"data_period,omitempty"`
	Date       string         `json:"date,omitempty"`

	Event         string    `json:"event,omitempty"`
	IncidentFlags []string  `json:"incident_flags,omitempty"`
	Within        *Duration `json:"within,omitempty"`

	// SeverityDays (remediation rules): days to fix a finding, by severity
	// (low, medium, high, critical), counted from the day it was found.
	SeverityDays map[string]int `json:"severity_days,omitempty"`

	Effective  *Period   `json:"effective,omitempty"`
	Items      []string  `json:"items,omitempty"`
	Source     SourceRef `json:"source"`
	Unverified bool      `json:"unverified,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// MonthDayRange is a yearly interval given as "MM-DD" strings, such as a
// report's data period 12-15 to 12-14 (From falls in the previous year when
// it is later in the year than To).
type MonthDayRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Duration is the length of an after_event clock: exactly one of Hours (> 0),
// Days (≥ 0; counted as calendar days, ending at the end of the day) or
// Immediately (due at the moment of the event).
type Duration struct {
	Hours       int  `json:"hours,omitempty"`
	Days        *int `json:"days,omitempty"`
	Immediately bool `json:"immediately,omitempty"`
}
