// Package registers holds the domain types of the agency's registers — the
// agency profile, the information systems with their level dossiers, and the
// asset inventory — together with their validation and the rules of their
// workflows (dossier steps, asset lifecycle). It does no storage: package
// session stores them in the vault, checks permissions and records history.
//
// Every Normalize function puts text in NFC (textnorm.NFC), trims it, checks
// shapes (e-mail, phone, URL, IP, MAC, hostname, dates) and returns an error
// wrapping one of the sentinels below, so callers can tell the user exactly
// which field is wrong. Dates are ISO 8601 strings ("2026-11-25"): they are
// stored, exported and compared as text, and "" means "not known".
package registers

import "errors"

// Sentinel errors. The messages carry the field and value through wrapping.
var (
	// ErrRequired reports an empty field that must be filled.
	ErrRequired = errors.New("registers: required field is empty")
	// ErrTooLong reports text over the field's length limit.
	ErrTooLong = errors.New("registers: text too long")
	// ErrBadEmail reports a malformed e-mail address.
	ErrBadEmail = errors.New("registers: not a valid e-mail address")
	// ErrBadPhone reports a malformed phone number.
	ErrBadPhone = errors.New("registers: not a valid phone number")
	// ErrBadURL reports a web address that is not http(s) with a host.
	ErrBadURL = errors.New("registers: not a valid web address")
	// ErrBadDate reports a date that cannot be read.
	ErrBadDate = errors.New("registers: not a valid date")
	// ErrBadIP reports a malformed IP address.
	ErrBadIP = errors.New("registers: not a valid IP address")
	// ErrBadMAC reports a malformed MAC address.
	ErrBadMAC = errors.New("registers: not a valid MAC address")
	// ErrBadHostname reports a host name with characters or lengths DNS and
	// Windows refuse.
	ErrBadHostname = errors.New("registers: not a valid host name")
	// ErrBadYesNo reports a cell that is neither yes nor no.
	ErrBadYesNo = errors.New("registers: not yes or no")
	// ErrBadYear reports a year that is not a four-digit year between
	// MinYear and MaxYear.
	ErrBadYear = errors.New("registers: not a valid year")
	// ErrBadAssetCode reports an asset code (the register's own id column)
	// that is not written as the register writes it.
	ErrBadAssetCode = errors.New("registers: not an asset code of this register")
	// ErrBadNumber reports a count that is not a whole number ≥ 0.
	ErrBadNumber = errors.New("registers: not a valid number")
	// ErrUnknownAssetType reports an asset type that is not in the list.
	ErrUnknownAssetType = errors.New("registers: unknown asset type")
	// ErrUnknownStatus reports an asset status that is not in the list.
	ErrUnknownStatus = errors.New("registers: unknown asset status")
	// ErrUnknownInfoType reports an information type that is not in the list.
	ErrUnknownInfoType = errors.New("registers: unknown information type")
	// ErrUnknownSignAs reports a signer's relation to the head that is not
	// one of the SignAs values.
	ErrUnknownSignAs = errors.New("registers: unknown way of signing (head, deputy, delegated, authorized, collective, collective_deputy)")
	// ErrUnknownServiceType reports a system type that is not in the list.
	ErrUnknownServiceType = errors.New("registers: unknown system type")
	// ErrBadPlan reports an unknown protection-plan part or status.
	ErrBadPlan = errors.New("registers: unknown protection-plan part or status")
	// ErrBadLevel reports a security level outside 1–5.
	ErrBadLevel = errors.New("registers: security level must be 1 to 5")
	// ErrUnknownMethod reports an unknown sanitisation method.
	ErrUnknownMethod = errors.New("registers: unknown sanitisation method")
	// ErrUnknownSystem reports a system name in an imported cell that is
	// not in the register.
	ErrUnknownSystem = errors.New("registers: no information system of this name")
	// ErrFormula reports an imported cell that a spreadsheet would run as a
	// formula (e.g. =HYPERLINK(...)); such cells are refused, never stored.
	ErrFormula = errors.New("registers: cell looks like a spreadsheet formula")
	// ErrInvalidTransition reports a dossier step not allowed from the
	// dossier's current state.
	ErrInvalidTransition = errors.New("registers: this dossier step is not allowed from the current state")
	// ErrInvalidStatusChange reports an asset status change the lifecycle
	// does not allow (e.g. from disposed).
	ErrInvalidStatusChange = errors.New("registers: this asset status change is not allowed")
	// ErrSanitisationRequired reports a change to repurposed or disposed
	// without a complete sanitisation record (method, date, performer).
	ErrSanitisationRequired = errors.New("registers: a sanitisation record is required before repurposing or disposing of a device")
	// ErrReasonRequired reports a return to drafting without a reason.
	ErrReasonRequired = errors.New("registers: a reason is required")
	// ErrDecisionRequired reports an approval without decision number, date
	// and approving authority.
	ErrDecisionRequired = errors.New("registers: the approval decision needs its number, date and approving authority")
	// ErrRegulationRequired reports an approval while the system's security
	// regulation (quy chế) is not recorded as issued (TT 12/2022 Art. 9.7).
	ErrRegulationRequired = errors.New("registers: the system's security regulation must be issued before its dossier is approved")
	// ErrLevelRequired reports a dossier submitted without a proposed level
	// and its justification.
	ErrLevelRequired = errors.New("registers: a proposed level with its justification is required")
)
