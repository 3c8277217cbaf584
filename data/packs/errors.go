package packs

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by Load, Validate and Registry wraps
// exactly one of them; validation errors also carry the path of the problem.
var (
	// ErrTooLarge: the pack file is larger than MaxPackSize.
	ErrTooLarge = errors.New("pack file too large")
	// ErrMalformed: the file is not one well-formed JSON object of the right shape.
	ErrMalformed = errors.New("malformed pack JSON")
	// ErrInvalidUTF8: the file has bytes that are not UTF-8 (JSON would
	// silently turn them into U+FFFD).
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	// ErrUnknownField: the file has a field this format does not define.
	ErrUnknownField = errors.New("unknown field")
	// ErrFormatVersion: the "format" field is not FormatVersion.
	ErrFormatVersion = errors.New("unsupported pack format version")
	// ErrMissingText: a required text or identifier is empty.
	ErrMissingText = errors.New("required text is empty")
	// ErrNotNFC: text is not in Unicode NFC (only for packs built in code;
	// Load normalises).
	ErrNotNFC = errors.New("text is not NFC-normalised")
	// ErrBadID: an identifier has characters outside [A-Za-z0-9._-] or is too long.
	ErrBadID = errors.New("invalid identifier")
	// ErrDuplicateID: an identifier is used twice in the pack.
	ErrDuplicateID = errors.New("duplicate identifier")
	// ErrBadLevel: a security level outside 1–5.
	ErrBadLevel = errors.New("security level out of range 1-5")
	// ErrUnknownReference: a reference to a source, catalogue item or level
	// that the pack does not define.
	ErrUnknownReference = errors.New("unknown reference")
	// ErrBadDate: a date, month-day or date interval that is not valid.
	ErrBadDate = errors.New("invalid date")
	// ErrBadDuration: an after_event duration, a period in months or a
	// remediation time in days that is missing, out of range or ambiguous.
	ErrBadDuration = errors.New("invalid duration")
	// ErrBadRule: an obligation rule of unknown kind, or with missing or
	// contradictory parameters for its kind.
	ErrBadRule = errors.New("invalid obligation rule")
	// ErrBadVersion: the pack version is not a positive integer.
	ErrBadVersion = errors.New("invalid pack version")
	// ErrNotNewer: an imported pack does not have a higher version than the
	// pack with the same id already in the registry.
	ErrNotNewer = errors.New("pack version is not newer than the one installed")
	// ErrNotImported: only imported packs can be removed, not shipped ones.
	ErrNotImported = errors.New("pack is shipped with the program, not imported")
	// ErrUnknownPack: no pack with that id in the registry.
	ErrUnknownPack = errors.New("unknown pack id")
)

// ValidationError locates a problem in a pack. Its message is
// "<path>: <detail>", e.g. `obligations[3].source: unknown source "nd85"`.
type ValidationError struct {
	Path   string
	Detail string
	Err    error
}

// Error returns the path and the detail of the problem.
func (e *ValidationError) Error() string {
	if e.Path == "" {
		return e.Detail
	}
	return e.Path + ": " + e.Detail
}

// Unwrap returns the sentinel error.
func (e *ValidationError) Unwrap() error { return e.Err }

func problem(sentinel error, path, format string, args ...any) error {
	detail := sentinel.Error()
	if format != "" {
		detail = fmt.Sprintf(format, args...)
	}
	return &ValidationError{Path: path, Detail: detail, Err: sentinel}
}
