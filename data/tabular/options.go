package tabular

// Default limits used when a ReadOptions field is zero.
const (
	DefaultMaxBytes      = 50 << 20  // 50 MiB file
	DefaultMaxUnzipBytes = 256 << 20 // 256 MiB unzipped XLSX content
	DefaultMaxRows       = 200_000   // non-empty rows
	DefaultMaxColumns    = 512       // cells per row
	DefaultMaxCellLength = 32_767    // characters per cell, Excel's own limit
)

// maxZipEntries bounds the parts of an XLSX package; real workbooks have
// a few dozen.
const maxZipEntries = 10_000

// ReadOptions bounds and steers the readers. The zero value uses the defaults.
type ReadOptions struct {
	MaxBytes      int64 // largest accepted file, in bytes
	MaxUnzipBytes int64 // XLSX only: largest total unzipped size (zip-bomb guard)
	MaxRows       int   // most non-empty rows
	MaxColumns    int   // most cells in one row
	MaxCellLength int   // most characters (runes) in one cell
	// Sheet names the XLSX worksheet to read; empty means the first visible
	// one. ReadCSV ignores it.
	Sheet string
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxUnzipBytes <= 0 {
		o.MaxUnzipBytes = DefaultMaxUnzipBytes
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = DefaultMaxColumns
	}
	if o.MaxCellLength <= 0 {
		o.MaxCellLength = DefaultMaxCellLength
	}
	return o
}
