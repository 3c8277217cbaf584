package errtext

import (
	"daumoi/data/incidents"
	"daumoi/data/scanimport"
	"daumoi/data/session"
)

// IncidentMessages maps the errors of incidents, scans and findings,
// response plans, drills, official warnings and awareness sessions to
// message keys. The parser's reasons come after ErrBadScanReport so the
// most precise message wins when the caller looks for the first match of
// the parser's sentinels.
func IncidentMessages() []Message {
	return []Message{
		{Err: scanimport.ErrDoctype, Key: "err.scan_doctype"},
		{Err: scanimport.ErrTruncated, Key: "err.scan_truncated"},
		{Err: scanimport.ErrMalformed, Key: "err.scan_malformed"},
		{Err: scanimport.ErrNotScanReport, Key: "err.scan_not_report"},
		{Err: scanimport.ErrEncoding, Key: "err.scan_encoding"},
		{Err: scanimport.ErrTooDeep, Key: "err.scan_too_deep"},
		{Err: scanimport.ErrTokenTooLarge, Key: "err.scan_token_too_large"},
		{Err: scanimport.ErrTooManyFindings, Key: "err.scan_too_many_findings"},
		{Err: session.ErrBadScanReport, Key: "err.bad_scan_report"},
		{Err: session.ErrNoSuchIncident, Key: "err.no_such_incident"},
		{Err: session.ErrBadIncidentState, Key: "err.bad_incident_state"},
		{Err: session.ErrBadIncidentType, Key: "err.bad_incident_type"},
		{Err: session.ErrBadIncidentFlag, Key: "err.bad_incident_flag"},
		{Err: session.ErrBadNotificationKind, Key: "err.bad_notification_kind"},
		{Err: incidents.ErrBadTime, Key: "err.bad_time"},
		{Err: session.ErrUnknownIncidentReport, Key: "err.unknown_incident_report"},
		{Err: session.ErrIncidentNotClosed, Key: "err.incident_not_closed"},
		{Err: session.ErrBadScanKind, Key: "err.bad_scan_kind"},
		{Err: session.ErrBadPerformer, Key: "err.bad_performer"},
		{Err: session.ErrScanNeedsSystem, Key: "err.scan_needs_system"},
		{Err: session.ErrScanDateUnusual, Key: "err.scan_date_unusual"},
		{Err: session.ErrNoSuchFinding, Key: "err.no_such_finding"},
		{Err: session.ErrBadFindingStatus, Key: "err.bad_finding_status"},
		{Err: session.ErrNoUnmatchedHost, Key: "err.no_unmatched_host"},
		{Err: session.ErrNoSuchWarning, Key: "err.no_such_warning"},
		{Err: session.ErrBadWarningStatus, Key: "err.bad_warning_status"},
	}
}
