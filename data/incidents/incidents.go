// Package incidents holds the pure rules of incident handling: the states
// an incident goes through and which changes are allowed, the incident
// types and notification kinds the packs know, and how times are read and
// written in Vietnam time. It does no storage: package session stores
// incidents in the vault, checks permissions and records history; the GUI
// and the CLI call these rules instead of re-implementing them.
package incidents

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrBadTime is returned for a time that is not RFC 3339 or
// "YYYY-MM-DD HH:MM", or that lies in the future or before detection.
var ErrBadTime = errors.New("session: invalid time")

// State is where an incident stands in its handling.
type State string

// The incident states, in order.
const (
	Detected      State = "detected"
	Notified      State = "notified"
	InitialReport State = "initial_report"
	Responding    State = "responding"
	Closed        State = "closed"
)

// flow lists the allowed state changes: the initial report (Form 03) may be
// skipped when the incident stays within the unit's capacity.
func flow() map[State][]State {
	return map[State][]State{
		Detected:      {Notified},
		Notified:      {InitialReport, Responding},
		InitialReport: {Responding},
		Responding:    {Closed},
	}
}

// CanAdvance reports whether an incident may go from one state to another.
func CanAdvance(from, to State) bool {
	return slices.Contains(flow()[from], to)
}

// Next lists the states an incident in state from may go to, in order.
func Next(from State) []State {
	return slices.Clone(flow()[from])
}

// Types are the incident types of Form 03 as national portals use them.
func Types() []string {
	return []string{"defacement", "phishing", "malware", "dos", "botnet", "multi_vector", "other"}
}

// NotificationKinds are the notices and reports about an incident the
// packs' rules know (satisfied_by of after_event rules).
func NotificationKinds() []string {
	return []string{"incident_notified", "initial_report_form03", "closure_report_form04",
		"incident_initial_notice", "incident_report", "personal_data_breach_notice"}
}

// InputLayout is how a person types a time: "25/11/2026 23:00", Vietnam
// time (ParseTime takes "2026-11-25 23:00" too).
const InputLayout = "02/01/2006 15:04"

// Zone is Vietnam time (UTC+7, no daylight saving), the zone of times given
// without one.
func Zone() *time.Location { return time.FixedZone("ICT", 7*3600) }

// FormatInput writes t as a person types it (InputLayout, Vietnam time).
func FormatInput(t time.Time) string { return t.In(Zone()).Format(InputLayout) }

// ParseTime reads RFC 3339 ("2026-11-25T23:00:00+07:00"), "dd/mm/yyyy
// HH:MM" or "YYYY-MM-DD HH:MM" / "YYYY-MM-DDTHH:MM" (seconds optional),
// which are taken in Vietnam time. Fractions of a second are dropped: times are kept
// to the second.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Truncate(time.Second), nil
	}
	for _, layout := range []string{InputLayout, "2/1/2006 15:04", "02/01/2006 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04",
		"2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, Zone()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q", ErrBadTime, s)
}

// Label is the Vietnamese name of the state, as the reports' timelines
// write it.
func (s State) Label() string {
	switch s {
	case Detected:
		return "mới phát hiện"
	case Notified:
		return "đã thông báo"
	case InitialReport:
		return "đã báo cáo ban đầu"
	case Responding:
		return "đang ứng phó"
	case Closed:
		return "đã kết thúc"
	}
	return string(s)
}

// NotificationLabel is the Vietnamese name of a notification kind (see
// NotificationKinds); an unknown kind is given back as it is.
func NotificationLabel(kind string) string {
	switch kind {
	case "incident_notified":
		return "thông báo sự cố"
	case "initial_report_form03":
		return "báo cáo ban đầu sự cố (Mẫu 03)"
	case "closure_report_form04":
		return "báo cáo kết thúc ứng phó sự cố (Mẫu 04)"
	case "incident_initial_notice":
		return "thông báo ban đầu về sự cố"
	case "incident_report":
		return "báo cáo sự cố"
	case "personal_data_breach_notice":
		return "thông báo vi phạm dữ liệu cá nhân"
	}
	return kind
}
