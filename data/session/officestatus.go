package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/office"
	"daumoi/data/packs"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// ProvinceStatus is every registered agency's status for year at the
// office (see office.ProvinceStatus): its annual report received on time,
// late or missing by the deadline of the active packs, and the figures of
// its current bundle. today decides what is missing yet, and the status
// is the one of that day: only the bundles received by its end count,
// and a correction received later does not replace its bundle yet
// (office.ReceivedBy).
func (s *Session) ProvinceStatus(year int, today time.Time) ([]office.AgencyStatus, time.Time, error) {
	var out []office.AgencyStatus
	var deadline time.Time
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if k, err := vaultKind(tx); err != nil || k != KindOffice {
			return errors.Join(err, ErrOfficeOnly)
		}
		agencies, err := queryAll(tx, scanAgency, `SELECT `+agencyColumns+` FROM office_agencies ORDER BY code`)
		if err != nil {
			return err
		}
		subs, err := receivedBy(tx, s.clockAt(today))
		if err != nil {
			return err
		}
		active, _, err := activePacks(tx)
		if err != nil {
			return err
		}
		deadline = office.AnnualDeadline(active, year)
		out = office.ProvinceStatus(agencies, subs, year, deadline, today)
		overdue, err := overdueIncidents(active, subs, year, s.clockAt(today))
		for i := range out {
			out[i].OverdueClocks = overdue[out[i].Agency.Code]
		}
		return err
	})
	return out, deadline, err
}

// clockAt is the moment reporting clocks are read at for the day today:
// now when today is today, else the end of that day in Vietnam.
func (s *Session) clockAt(today time.Time) time.Time {
	now := s.now()
	if office.Day(now).Equal(office.Day(today)) {
		return now
	}
	return office.Day(today).Add(24*time.Hour - 7*time.Hour - time.Second)
}

// overdueIncidents counts, per agency, the incidents of year (their
// current bundles) with a reporting deadline of the packs passed unmet at
// the moment at.
func overdueIncidents(active []packs.Pack, subs []office.Submission, year int, at time.Time) (map[string]int, error) {
	in := obligations.Input{Now: at, Packs: active}
	agencyOf := map[string]string{}
	for _, sub := range subs {
		if sub.Kind != "incident" || !sub.Current || (sub.From.Year() != year && sub.To.Year() != year) {
			continue
		}
		var d IncidentDetails
		if json.Unmarshal([]byte(sub.Data), &d) != nil {
			continue
		}
		oi := receivedIncident(d)
		oi.ID = strconv.FormatInt(sub.BundleID, 10) // agencies' own ids collide
		in.Incidents = append(in.Incidents, oi)
		agencyOf[oi.ID] = sub.AgencyCode
	}
	out := map[string]int{}
	if len(in.Incidents) == 0 {
		return out, nil
	}
	list, err := obligations.Evaluate(in)
	if err != nil {
		return nil, err
	}
	late := map[string]bool{}
	for _, o := range list {
		if o.IncidentID != "" && o.Status == obligations.StatusOverdue && !late[o.IncidentID] {
			late[o.IncidentID] = true
			out[agencyOf[o.IncidentID]]++
		}
	}
	return out, nil
}

// receivedBy loads the bundles received as the office held them at the
// moment at (office.ReceivedBy), in the order received.
func receivedBy(q rowQuerier, at time.Time) ([]office.Submission, error) {
	subs, err := queryAll(q, scanSubmission, `SELECT id, agency_code, kind, period_from, period_to, subject, received_at, superseded_by, data_json
		FROM office_bundles ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return office.ReceivedBy(subs, at), nil
}

// scanSubmission reads what the status needs of a received bundle.
func scanSubmission(scan func(dest ...any) error) (office.Submission, error) {
	var sub office.Submission
	var from, to, received string
	err := scan(&sub.BundleID, &sub.AgencyCode, &sub.Kind, &from, &to, &sub.Subject, &received, &sub.SupersededBy, &sub.Data)
	sub.From, _ = time.Parse(time.DateOnly, from)
	sub.To, _ = time.Parse(time.DateOnly, to)
	sub.ReceivedAt = parseStamp(received)
	sub.Current = sub.SupersededBy == 0
	return sub, err
}

// ReceivedIncidentClocks returns the reporting deadlines of the incident a
// received incident bundle reports, on now: the office's active packs
// applied to what the bundle says (detection, flags, end of response,
// notices sent), as the agency computes them. A bundle of another kind
// has none.
func (s *Session) ReceivedIncidentClocks(bundleID int64, now time.Time) ([]DeadlineClock, error) {
	var clocks []DeadlineClock
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		b, err := getReceived(tx, bundleID)
		if err != nil || b.Kind != "incident" {
			return err
		}
		var d IncidentDetails
		if err := json.Unmarshal([]byte(b.Data), &d); err != nil {
			return fmt.Errorf("%w: %w", ErrIntakeBadData, err)
		}
		in := obligations.Input{Now: now, Incidents: []obligations.Incident{receivedIncident(d)}}
		if in.Packs, _, err = activePacks(tx); err != nil {
			return err
		}
		list, err := obligations.Evaluate(in)
		if err != nil {
			return err
		}
		clocks = incidentClocks(list, strconv.FormatInt(d.ID, 10), now)
		return nil
	})
	return clocks, err
}

// receivedIncident is what the obligations engine needs of a reported
// incident.
func receivedIncident(d IncidentDetails) obligations.Incident {
	oi := obligations.Incident{ID: strconv.FormatInt(d.ID, 10), Detected: d.Detected, ResponseEnded: d.ResponseEnded, Flags: d.Flags}
	for _, n := range d.Notifications {
		oi.Notifications = append(oi.Notifications, obligations.Notification{ID: "n:" + strconv.FormatInt(n.ID, 10), Kind: n.Kind, At: n.At})
	}
	return oi
}

// ProvinceTrend is the province's trend over years (oldest first): each
// year's reporting and the compliance of the agencies comparable over all
// of them (office.Trend), on today.
func (s *Session) ProvinceTrend(years []int, today time.Time) ([]office.YearPoint, error) {
	byYear := make([][]office.AgencyStatus, len(years))
	for i, y := range years {
		list, _, err := s.ProvinceStatus(y, today)
		if err != nil {
			return nil, err
		}
		byYear[i] = list
	}
	return office.Trend(years, byYear), nil
}
