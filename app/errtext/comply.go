package errtext

import (
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/session"
)

// ComplyMessages maps the errors of regulation packs, assessments,
// evidence links, activities and obligations to message keys. The command
// line also prints the detail after such a message (the exact problem).
func ComplyMessages() []Message {
	return []Message{
		{Err: session.ErrNoSuchAssessment, Key: "err.no_such_assessment"},
		{Err: session.ErrAssessmentApproved, Key: "err.assessment_approved"},
		{Err: session.ErrAssessmentNotApproved, Key: "err.assessment_not_approved"},
		{Err: session.ErrAssessmentIncomplete, Key: "err.assessment_incomplete"},
		{Err: session.ErrCommentRequired, Key: "err.comment_required"},
		{Err: session.ErrNoSuchObligation, Key: "err.no_such_obligation"},
		{Err: session.ErrBadPeriod, Key: "err.bad_period"},
		{Err: session.ErrBadItemStatus, Key: "err.bad_item_status"},
		{Err: session.ErrReasonRequired, Key: "err.na_reason_required"},
		{Err: session.ErrSystemHasNoLevel, Key: "err.system_has_no_level"},
		{Err: session.ErrNoPreviousAssessment, Key: "err.no_previous_assessment"},
		{Err: session.ErrNoLevelSuggested, Key: "err.no_level_suggested"},
		{Err: session.ErrBadDate, Key: "err.bad_date"},
		{Err: session.ErrBadLinkKind, Key: "err.bad_link_kind"},
		{Err: session.ErrNoSuchItem, Key: "err.no_such_item"},
		{Err: session.ErrNoSuchLink, Key: "err.no_such_link"},
		{Err: session.ErrUnknownActivityKind, Key: "err.unknown_activity_kind"},
		{Err: session.ErrUnknownAgencyRole, Key: "err.unknown_agency_role"},
		{Err: packs.ErrUnknownPack, Key: "err.unknown_pack"},
		{Err: obligations.ErrInvalidPack, Key: "err.invalid_active_pack"},
	}
}
