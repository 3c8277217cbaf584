package errtext

import (
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/tabular"
)

// registerMessages maps the sentinel errors of the registers, their
// imports and exports to message keys. They come first in Messages:
// session wraps field errors as ErrInvalidInput: registers.ErrX, and the
// specific message must win.
func registerMessages() []Message {
	return []Message{
		{Err: registers.ErrRequired, Key: "err.reg.required"},
		{Err: registers.ErrTooLong, Key: "err.reg.too_long"},
		{Err: registers.ErrBadEmail, Key: "err.reg.bad_email"},
		{Err: registers.ErrBadPhone, Key: "err.reg.bad_phone"},
		{Err: registers.ErrBadURL, Key: "err.reg.bad_url"},
		{Err: registers.ErrBadDate, Key: "err.reg.bad_date"},
		{Err: registers.ErrBadIP, Key: "err.reg.bad_ip"},
		{Err: registers.ErrBadMAC, Key: "err.reg.bad_mac"},
		{Err: registers.ErrBadHostname, Key: "err.reg.bad_hostname"},
		{Err: registers.ErrBadYesNo, Key: "err.reg.bad_yes_no"},
		{Err: registers.ErrBadNumber, Key: "err.reg.bad_number"},
		{Err: registers.ErrBadYear, Key: "err.reg.bad_year"},
		{Err: registers.ErrBadAssetCode, Key: "err.reg.bad_asset_code"},
		{Err: session.ErrSameAssetTwice, Key: "err.same_asset_twice"},
		{Err: registers.ErrUnknownAssetType, Key: "err.reg.unknown_asset_type"},
		{Err: registers.ErrUnknownStatus, Key: "err.reg.unknown_status"},
		{Err: registers.ErrUnknownInfoType, Key: "err.reg.unknown_info_type"},
		{Err: registers.ErrUnknownSignAs, Key: "err.reg.unknown_sign_as"},
		{Err: registers.ErrUnknownServiceType, Key: "err.reg.unknown_service_type"},
		{Err: registers.ErrBadPlan, Key: "err.reg.bad_plan"},
		{Err: registers.ErrBadLevel, Key: "err.reg.bad_level"},
		{Err: registers.ErrUnknownMethod, Key: "err.reg.unknown_method"},
		{Err: registers.ErrUnknownSystem, Key: "err.reg.unknown_system"},
		{Err: registers.ErrFormula, Key: "err.reg.formula"},
		{Err: registers.ErrInvalidTransition, Key: "err.reg.invalid_transition"},
		{Err: registers.ErrInvalidStatusChange, Key: "err.reg.invalid_status_change"},
		{Err: registers.ErrSanitisationRequired, Key: "err.reg.sanitisation_required"},
		{Err: registers.ErrReasonRequired, Key: "err.reg.reason_required"},
		{Err: registers.ErrDecisionRequired, Key: "err.reg.decision_required"},
		{Err: registers.ErrRegulationRequired, Key: "err.reg.regulation_required"},
		{Err: registers.ErrLevelRequired, Key: "err.reg.level_required"},
		{Err: session.ErrNoSuchSystem, Key: "err.no_such_system"},
		{Err: session.ErrSystemExists, Key: "err.system_exists"},
		{Err: session.ErrSystemInUse, Key: "err.system_in_use"},
		{Err: session.ErrNoSuchAsset, Key: "err.no_such_asset"},
		{Err: session.ErrDuplicateHostname, Key: "err.duplicate_hostname"},
		{Err: session.ErrNoSuchRepair, Key: "err.no_such_repair"},
		{Err: session.ErrUnknownFormat, Key: "err.unknown_format"},
		{Err: session.ErrStrictRejected, Key: "err.strict_rejected"},
		{Err: session.ErrNoValidRows, Key: "err.no_valid_rows"},
		{Err: tabular.ErrEmpty, Key: "err.tab.empty"},
		{Err: tabular.ErrTooLarge, Key: "err.tab.too_large"},
		{Err: tabular.ErrTooManyRows, Key: "err.tab.too_many_rows"},
		{Err: tabular.ErrTooManyColumns, Key: "err.tab.too_many_columns"},
		{Err: tabular.ErrCellTooLong, Key: "err.tab.cell_too_long"},
		{Err: tabular.ErrNotCSV, Key: "err.tab.not_csv"},
		{Err: tabular.ErrNotXLSX, Key: "err.tab.not_xlsx"},
		{Err: tabular.ErrLegacyOrEncrypted, Key: "err.tab.legacy"},
		{Err: tabular.ErrNoSheet, Key: "err.tab.no_sheet"},
		{Err: tabular.ErrNoHeader, Key: "err.tab.no_header"},
		{Err: tabular.ErrMissingRequired, Key: "err.tab.missing_required"},
		{Err: tabular.ErrDuplicateField, Key: "err.tab.mapping"},
		{Err: tabular.ErrUnknownField, Key: "err.tab.mapping"},
		{Err: tabular.ErrBadColumn, Key: "err.tab.mapping"},
		{Err: tabular.ErrCellWrite, Key: "err.tab.cell_write"},
	}
}
