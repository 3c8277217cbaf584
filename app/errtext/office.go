package errtext

import (
	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/users"
)

// officeMessages maps the receiving office's sentinels (registry, vault
// kind) to message keys.
func officeMessages() []Message {
	return []Message{
		{Err: office.ErrInvalidAgency, Key: "err.office.invalid_agency"},
		{Err: office.ErrUnknownKind, Key: "err.office.unknown_kind"},
		{Err: office.ErrUnknownKey, Key: "err.office.unknown_key"},
		{Err: office.ErrKeyNotYetValid, Key: "err.office.key_not_yet_valid"},
		{Err: office.ErrKeyReplaced, Key: "err.office.key_replaced"},
		{Err: office.ErrKeyRevoked, Key: "err.office.key_revoked"},
		{Err: session.ErrNoSuchAgency, Key: "err.office.no_such_agency"},
		{Err: office.ErrInvalidWarning, Key: "office.warning.err.invalid"},
		{Err: office.ErrWarningRelay, Key: "office.warning.err.relay"},
		{Err: office.ErrWarningDay, Key: "office.warning.err.day"},
		{Err: office.ErrUnknownSeverity, Key: "office.warning.err.severity"},
		{Err: office.ErrUnknownWarningStatus, Key: "office.warning.err.status"},
		{Err: session.ErrNoSuchOfficeWarning, Key: "office.warning.err.no_such"},
		{Err: session.ErrOfficeWarningExists, Key: "office.warning.err.exists"},
		{Err: session.ErrAgencyExists, Key: "err.office.agency_exists"},
		{Err: session.ErrKeyExists, Key: "err.office.key_exists"},
		{Err: session.ErrKeyOfOther, Key: "err.office.key_of_other"},
		{Err: session.ErrNoSuchBundle, Key: "err.office.no_such_bundle"},
		{Err: session.ErrNotInBundle, Key: "err.office.not_in_bundle"},
		{Err: session.ErrBundleFileTooLarge, Key: "err.office.bundle_file_too_large"},
		{Err: session.ErrIntakeUnreadable, Key: "err.office.intake_unreadable"},
		{Err: session.ErrIntakeChanged, Key: "err.office.intake_changed"},
		{Err: session.ErrIntakeUnknownAgency, Key: "err.office.intake_unknown_agency"},
		{Err: session.ErrIntakeKeyOfOtherAgency, Key: "err.office.intake_key_of_other_agency"},
		{Err: session.ErrIntakeUnknownKind, Key: "err.office.intake_unknown_kind"},
		{Err: session.ErrIntakePeriod, Key: "err.office.intake_period"},
		{Err: session.ErrIntakeBadData, Key: "err.office.intake_bad_data"},
		{Err: session.ErrIntakeOlder, Key: "err.office.intake_older"},
		{Err: session.ErrNoReceipt, Key: "err.office.no_receipt"},
		{Err: office.ErrMalformedReceipt, Key: "err.office.malformed_receipt"},
		{Err: office.ErrBadAssessmentResults, Key: "err.office.bad_assessment_results"},
		{Err: session.ErrNoOfficeKey, Key: "err.office.no_office_key"},
		{Err: session.ErrReceiptUnreadable, Key: "err.office.receipt_unreadable"},
		{Err: session.ErrReceiptBadSignature, Key: "err.office.receipt_bad_signature"},
		{Err: session.ErrReceiptOtherAgency, Key: "err.office.receipt_other_agency"},
		{Err: session.ErrReceiptUnknownBundle, Key: "err.office.receipt_unknown_bundle"},
		{Err: session.ErrUnknownVaultKind, Key: "err.office.unknown_vault_kind"},
		{Err: session.ErrOfficeOnly, Key: "err.office.office_only"},
		{Err: session.ErrUnknownSummaryKind, Key: "err.office.summary_unknown_kind"},
		{Err: session.ErrBadSummaryPeriod, Key: "err.office.summary_bad_period"},
		{Err: session.ErrNoSummaryRule, Key: "err.office.summary_no_rule"},
		{Err: session.ErrAgencyOnly, Key: "err.office.agency_only"},
		{Err: session.ErrWrongVaultKind, Key: "err.office.wrong_vault_kind"},
		{Err: session.ErrSameAgencyTwice, Key: "err.office.same_agency_twice"},
		{Err: session.ErrNotKeyFolder, Key: "err.office.not_key_folder"},
		{Err: users.ErrRoleNotForKind, Key: "err.office.role_not_for_kind"},
	}
}
