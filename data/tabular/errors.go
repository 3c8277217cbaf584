package tabular

import "errors"

// Sentinel errors. Callers test them with errors.Is; the messages carry details
// (row, column, limit) through wrapping.
var (
	// ErrEmpty reports a file with no bytes, or with no non-blank cell.
	ErrEmpty = errors.New("tabular: file is empty")
	// ErrTooLarge reports a file, or an XLSX's unzipped content, over the size limit.
	ErrTooLarge = errors.New("tabular: file is too large")
	// ErrTooManyRows reports more non-empty rows than the row limit.
	ErrTooManyRows = errors.New("tabular: too many rows")
	// ErrTooManyColumns reports a row with more cells than the column limit.
	ErrTooManyColumns = errors.New("tabular: too many columns")
	// ErrCellTooLong reports a cell longer than the cell length limit.
	ErrCellTooLong = errors.New("tabular: cell is too long")
	// ErrNotCSV reports input that is not delimited text (binary data, a
	// spreadsheet, or text the CSV parser rejects).
	ErrNotCSV = errors.New("tabular: not a CSV text file")
	// ErrNotXLSX reports input that is not a readable XLSX workbook.
	ErrNotXLSX = errors.New("tabular: not an XLSX workbook")
	// ErrLegacyOrEncrypted reports an OLE compound file: a legacy .xls
	// workbook or a password-protected .xlsx. The user must save it as a
	// plain .xlsx.
	ErrLegacyOrEncrypted = errors.New("tabular: legacy .xls or password-protected workbook")
	// ErrNoSheet reports a requested worksheet that does not exist.
	ErrNoSheet = errors.New("tabular: worksheet not found")
	// ErrNoHeader reports that no row in the scanned range names any known field.
	ErrNoHeader = errors.New("tabular: no header row found")
	// ErrMissingRequired reports required fields that no column maps to.
	ErrMissingRequired = errors.New("tabular: required columns missing")
	// ErrDuplicateField reports two columns mapped to the same field.
	ErrDuplicateField = errors.New("tabular: field mapped to more than one column")
	// ErrUnknownField reports a mapping to a key that is not among the fields.
	ErrUnknownField = errors.New("tabular: mapping names an unknown field")
	// ErrBadColumn reports a mapped column index that is negative or not
	// below DefaultMaxColumns.
	ErrBadColumn = errors.New("tabular: mapped column out of range")
	// ErrBadDate reports a cell that is not a recognised date.
	ErrBadDate = errors.New("tabular: not a valid date")
	// ErrBadSheetName reports an XLSX sheet name Excel would reject.
	ErrBadSheetName = errors.New("tabular: invalid sheet name")
	// ErrCellWrite reports a cell an XLSX writer cannot store (over 32,767 characters).
	ErrCellWrite = errors.New("tabular: cell cannot be written")
)
