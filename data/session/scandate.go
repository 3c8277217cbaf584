package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"daumoi/data/incidents"
	"daumoi/data/scanimport"
)

// ErrScanDateUnusual is returned by ImportScanReport when the date read
// from the report is in the future or more than a year before today and
// the import did not confirm it (ScanImport.ConfirmDate); nothing was
// changed.
var ErrScanDateUnusual = errors.New("session: the report's scan date is in the future or more than a year old; confirm it or give the date")

// Where the date of an imported scan comes from.
const (
	ScanDateGiven  = "given"  // ScanImport.Date
	ScanDateReport = "report" // the scan's start in the report
	ScanDateToday  = "today"  // the report gives none
)

// ScanDateUnusual tells whether a scan dated day (YYYY-MM-DD) needs the
// user's confirmation on the day of now (Vietnam time): after today, or
// more than a year before it. Such a date is still recorded as it is, so
// an old report does not meet a current obligation.
func ScanDateUnusual(day string, now time.Time) bool {
	today := now.In(incidents.Zone())
	return day > today.Format(time.DateOnly) || day < today.AddDate(-1, 0, 0).Format(time.DateOnly)
}

// scanDay is the day (YYYY-MM-DD, Vietnam time) of a report's start; ""
// when the report gives none.
func scanDay(started time.Time) string {
	if started.IsZero() {
		return ""
	}
	return started.In(incidents.Zone()).Format(time.DateOnly)
}

// ReadScanReportDate reads a Nessus or OpenVAS report only to tell the day
// its scan started (YYYY-MM-DD, Vietnam time; "" when it gives none), so
// the user can check it before importing. It stores nothing and needs no
// permission. A report it cannot read fails with ErrBadScanReport.
func ReadScanReportDate(ctx context.Context, r io.Reader, progress func(bytesRead int64)) (string, error) {
	sum, err := scanimport.Parse(r, scanimport.Options{Context: ctx, Progress: progress}, nil, nil)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrBadScanReport, err)
	}
	return scanDay(sum.Started), nil
}

// chooseScanDate is the date of an imported scan: the one given, else the
// report's, else today; with where it comes from.
func chooseScanDate(given string, started, now time.Time) (day, source string) {
	switch {
	case given != "":
		return given, ScanDateGiven
	case !started.IsZero():
		return scanDay(started), ScanDateReport
	}
	return now.In(incidents.Zone()).Format(time.DateOnly), ScanDateToday
}
