package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/incidents"
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of incidents.
var (
	// ErrNoSuchIncident is returned for an incident id not in the vault.
	ErrNoSuchIncident = errors.New("session: no such incident")
	// ErrBadIncidentState is returned for a state change the flow does not
	// allow (e.g. detected → closed).
	ErrBadIncidentState = errors.New("session: this incident state change is not allowed")
	// ErrBadIncidentType is returned for an incident type not in incidents.Types.
	ErrBadIncidentType = errors.New("session: unknown incident type")
	// ErrBadIncidentFlag is returned for a flag not in packs.KnownIncidentFlags.
	ErrBadIncidentFlag = errors.New("session: unknown incident flag")
	// ErrBadNotificationKind is returned for a notification kind not in
	// NotificationKinds.
	ErrBadNotificationKind = errors.New("session: unknown notification kind")
	// ErrBadTime is returned for a time that is not RFC 3339 or
	// "YYYY-MM-DD HH:MM", or that lies in the future or before detection
	// (the same error as incidents.ErrBadTime).
	ErrBadTime = incidents.ErrBadTime
)

// IncidentState is where an incident stands in its handling (the rules are
// in package incidents).
type IncidentState = incidents.State

// The incident states, in order.
const (
	IncidentDetected      = incidents.Detected
	IncidentNotified      = incidents.Notified
	IncidentInitialReport = incidents.InitialReport
	IncidentResponding    = incidents.Responding
	IncidentClosed        = incidents.Closed
)

// Contact is the person to contact about an incident.
type Contact struct {
	Name, Position, Phone, Email string
}

// Incident is a security incident with the fields of the initial report
// (Form 03, QĐ 05/2017 Art. 11.4) and of the closure report (Form 04).
type Incident struct {
	ID       int64
	Title    string
	SystemID int64  // 0: not tied to one system
	Type     string // one of incidents.Types
	// Detected is when the incident was detected, with its time zone.
	Detected time.Time
	// Flags are packs.KnownIncidentFlags (serious, national_security,
	// personal_data_breach, beyond_capacity): they start the rules' clocks.
	Flags []string
	State IncidentState
	// ResponseEnded is set when the incident is closed.
	ResponseEnded time.Time

	// Form 03.
	DetectedHow     string // log review, IDS, third-party notice…
	Description     string // symptoms, harm, spread, impact
	Handled         bool   // current status: handled or not
	AlreadyNotified string // who was already notified
	OSAndServices   string
	Controls        string // firewall, antivirus, IDS…
	PublicIPs       string
	Domains         string
	Providers       string // infrastructure / security service providers
	Measures        string // measures taken or planned
	Helpers         string // organisations helping and results
	Recommendations string
	Contact         Contact
	Confidential    bool

	// Form 04.
	InitialReportRef string // number and date of the initial report
	Outcome          string
	Lessons          string

	CreatedBy, CreatedAt, UpdatedAt string
}

// IncidentNotification is a notice or report sent about an incident.
type IncidentNotification struct {
	ID         int64
	Kind       string // one of NotificationKinds
	At         time.Time
	Recipient  string
	RecordedBy string
}

// TimelineEntry is one line of an incident's timeline.
type TimelineEntry struct {
	ID   int64
	At   time.Time
	Text string
	By   string
}

// IncidentDetails is an incident with its notifications, timeline and
// evidence.
type IncidentDetails struct {
	Incident
	Notifications []IncidentNotification
	Timeline      []TimelineEntry
	EvidenceIDs   []string
}

// normalize cleans the text fields and checks the incident.
func (in Incident) normalize(now time.Time) (Incident, error) {
	for _, f := range in.textFields() {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 10000 {
			return in, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	if in.Title == "" {
		return in, fmt.Errorf("%w: the incident needs a title", ErrInvalidInput)
	}
	if in.Type == "" {
		in.Type = "other"
	}
	if !slices.Contains(incidents.Types(), in.Type) {
		return in, fmt.Errorf("%w: %q", ErrBadIncidentType, in.Type)
	}
	if in.Detected.IsZero() || in.Detected.After(now) {
		return in, fmt.Errorf("%w: detection time missing or in the future", ErrBadTime)
	}
	in.Detected = in.Detected.Truncate(time.Second)
	var flags []string
	for _, f := range in.Flags {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(packs.KnownIncidentFlags(), f) {
			return in, fmt.Errorf("%w: %q", ErrBadIncidentFlag, f)
		}
		flags = append(flags, f)
	}
	slices.Sort(flags)
	in.Flags = slices.Compact(flags)
	return in, nil
}

func (in *Incident) textFields() []*string {
	return []*string{&in.Title, &in.DetectedHow, &in.Description, &in.AlreadyNotified, &in.OSAndServices, &in.Controls,
		&in.PublicIPs, &in.Domains, &in.Providers, &in.Measures, &in.Helpers, &in.Recommendations,
		&in.Contact.Name, &in.Contact.Position, &in.Contact.Phone, &in.Contact.Email,
		&in.InitialReportRef, &in.Outcome, &in.Lessons}
}

// AddIncident records a new incident in state "detected" and returns it
// with its id. Needs PermEditRegisters.
func (s *Session) AddIncident(in Incident) (Incident, error) {
	in, err := in.normalize(s.now())
	if err != nil {
		return in, err
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		if in.SystemID != 0 {
			if _, err := getSystem(tx, in.SystemID); err != nil {
				return err
			}
		}
		id, err := nextID(tx, "incidents")
		if err != nil {
			return err
		}
		now := stamp(s.now())
		in.ID, in.State, in.ResponseEnded = id, IncidentDetected, time.Time{}
		in.CreatedBy, in.CreatedAt, in.UpdatedAt = s.user, now, now
		if err := writeIncident(tx, in, true); err != nil {
			return err
		}
		return s.record(tx, "incident.add", "incident", fmt.Sprint(id),
			fmt.Sprintf("sự cố “%s”, phát hiện lúc %s", in.Title, in.Detected.Format(time.RFC3339)))
	})
	return in, err
}

// UpdateIncident saves the report fields of an incident (not its state,
// which AdvanceIncident changes). Needs PermEditRegisters.
func (s *Session) UpdateIncident(in Incident) (Incident, error) {
	in, err := in.normalize(s.now())
	if err != nil {
		return in, err
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		old, err := getIncident(tx, in.ID)
		if err != nil {
			return err
		}
		if in.SystemID != 0 {
			if _, err := getSystem(tx, in.SystemID); err != nil {
				return err
			}
		}
		in.State, in.ResponseEnded, in.CreatedBy, in.CreatedAt = old.State, old.ResponseEnded, old.CreatedBy, old.CreatedAt
		in.UpdatedAt = stamp(s.now())
		if err := writeIncident(tx, in, false); err != nil {
			return err
		}
		return s.record(tx, "incident.edit", "incident", fmt.Sprint(in.ID), fmt.Sprintf("sự cố “%s”", in.Title))
	})
	return in, err
}

func writeIncident(tx *vault.Tx, in Incident, create bool) error {
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	ended := ""
	if !in.ResponseEnded.IsZero() {
		ended = in.ResponseEnded.Format(time.RFC3339)
	}
	args := []any{in.Title, in.SystemID, in.Type, in.Detected.Format(time.RFC3339), strings.Join(in.Flags, ","),
		string(in.State), ended, string(data), in.UpdatedAt, in.ID}
	if create {
		_, err = tx.Exec(`INSERT INTO incidents (title, system_id, type, detected_at, flags, state, response_ended_at, data, updated_at, id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, in.CreatedBy, in.CreatedAt)...)
		return err
	}
	_, err = tx.Exec(`UPDATE incidents SET title = ?, system_id = ?, type = ?, detected_at = ?, flags = ?, state = ?,
		response_ended_at = ?, data = ?, updated_at = ? WHERE id = ?`, args...)
	return err
}

func getIncident(q rowQuerier, id int64) (Incident, error) {
	var data string
	err := q.QueryRow(`SELECT data FROM incidents WHERE id = ?`, id).Scan(&data)
	if isNoRows(err) {
		return Incident{}, fmt.Errorf("%w: %d", ErrNoSuchIncident, id)
	}
	if err != nil {
		return Incident{}, err
	}
	var in Incident
	if err := json.Unmarshal([]byte(data), &in); err != nil {
		return in, fmt.Errorf("%w: incident %d: %v", vault.ErrCorrupt, id, err)
	}
	return in, nil
}

// GetIncident returns an incident with its notifications, timeline and
// evidence. Needs PermRead.
func (s *Session) GetIncident(id int64) (IncidentDetails, error) {
	var d IncidentDetails
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		d, err = incidentDetails(tx, id)
		return err
	})
	return d, err
}

func incidentDetails(q rowQuerier, id int64) (IncidentDetails, error) {
	in, err := getIncident(q, id)
	if err != nil {
		return IncidentDetails{}, err
	}
	d := IncidentDetails{Incident: in}
	if d.Notifications, err = readNotifications(q, id); err != nil {
		return d, err
	}
	if d.Timeline, err = readTimeline(q, id); err != nil {
		return d, err
	}
	d.EvidenceIDs, err = readIncidentEvidence(q, id)
	return d, err
}

// ListIncidents returns every incident, newest detection first. Needs
// PermRead.
func (s *Session) ListIncidents() ([]Incident, error) {
	var list []Incident
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = readIncidents(tx)
		return err
	})
	return list, err
}

func readIncidents(q rowQuerier) ([]Incident, error) {
	rows, err := q.Query(`SELECT id FROM incidents ORDER BY detected_at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	list := make([]Incident, 0, len(ids))
	for _, id := range ids {
		in, err := getIncident(q, id)
		if err != nil {
			return nil, err
		}
		list = append(list, in)
	}
	return list, nil
}

// stateNotification is the notification a state change records: moving
// to "notified" is the notice of TT 20, to "initial_report" the Form 03.
func stateNotification(to IncidentState) string {
	switch to {
	case IncidentNotified:
		return "incident_notified"
	case IncidentInitialReport:
		return "initial_report_form03"
	}
	return ""
}

// AdvanceIncident moves an incident to the next state at the given time
// (zero: now), if the flow allows it (ErrBadIncidentState). Moving to
// "notified" or "initial_report" records the matching notification, so
// the deadline clocks stop; "closed" sets the end of the response, which
// starts the clock of the closure report. A timeline entry is added.
// Needs PermEditRegisters.
func (s *Session) AdvanceIncident(id int64, to IncidentState, at time.Time) (Incident, error) {
	var in Incident
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		var err error
		if in, err = getIncident(tx, id); err != nil {
			return err
		}
		if !incidents.CanAdvance(in.State, to) {
			return fmt.Errorf("%w: %s → %s", ErrBadIncidentState, in.State, to)
		}
		if at, err = s.eventTime(at, in.Detected); err != nil {
			return err
		}
		if kind := stateNotification(to); kind != "" {
			if err := s.insertNotification(tx, id, IncidentNotification{Kind: kind, At: at}); err != nil {
				return err
			}
		}
		from := in.State
		in.State, in.UpdatedAt = to, stamp(s.now())
		if to == IncidentClosed {
			in.ResponseEnded = at
		}
		if err := writeIncident(tx, in, false); err != nil {
			return err
		}
		if err := s.insertTimeline(tx, id, at, fmt.Sprintf("Chuyển trạng thái: %s → %s", from.Label(), to.Label())); err != nil {
			return err
		}
		return s.record(tx, "incident.advance", "incident", fmt.Sprint(id), fmt.Sprintf("sự cố “%s”: %s → %s", in.Title, from, to))
	})
	return in, err
}

// eventTime checks a time of an incident event: zero means now; it may be
// neither in the future nor before the detection.
func (s *Session) eventTime(at, detected time.Time) (time.Time, error) {
	now := s.now()
	if at.IsZero() {
		return now.In(detected.Location()).Truncate(time.Second), nil
	}
	if at.After(now) || at.Before(detected) {
		return at, fmt.Errorf("%w: %s is in the future or before the detection", ErrBadTime, at.Format(time.RFC3339))
	}
	return at.Truncate(time.Second), nil
}

// RecordIncidentNotification records a notice or report sent about an
// incident (kind in NotificationKinds), e.g. the closure report (Form 04)
// or the 72-hour report under ND 331. Needs PermEditRegisters.
func (s *Session) RecordIncidentNotification(id int64, n IncidentNotification) (IncidentNotification, error) {
	if !slices.Contains(incidents.NotificationKinds(), n.Kind) {
		return n, fmt.Errorf("%w: %q", ErrBadNotificationKind, n.Kind)
	}
	n.Recipient = strings.TrimSpace(textnorm.NFC(n.Recipient))
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		in, err := getIncident(tx, id)
		if err != nil {
			return err
		}
		if n.At, err = s.eventTime(n.At, in.Detected); err != nil {
			return err
		}
		if err := s.insertNotification(tx, id, n); err != nil {
			return err
		}
		sent := "Đã gửi " + incidents.NotificationLabel(n.Kind)
		if n.Recipient != "" {
			sent += " cho " + n.Recipient
		}
		if err := s.insertTimeline(tx, id, n.At, sent); err != nil {
			return err
		}
		return s.record(tx, "incident.notify", "incident", fmt.Sprint(id), fmt.Sprintf("sự cố %d: %s lúc %s", id, n.Kind, n.At.Format(time.RFC3339)))
	})
	n.RecordedBy = s.user
	return n, err
}

func (s *Session) insertNotification(tx *vault.Tx, id int64, n IncidentNotification) error {
	_, err := tx.Exec(`INSERT INTO incident_notifications (incident_id, kind, at, recipient, recorded_by) VALUES (?, ?, ?, ?, ?)`,
		id, n.Kind, n.At.Format(time.RFC3339), n.Recipient, s.user)
	return err
}

func (s *Session) insertTimeline(tx *vault.Tx, id int64, at time.Time, text string) error {
	_, err := tx.Exec(`INSERT INTO incident_timeline (incident_id, at, text, by_whom) VALUES (?, ?, ?, ?)`,
		id, at.Format(time.RFC3339), strings.TrimSpace(text), s.user)
	return err
}

// AddTimelineEntry adds a line to an incident's timeline (zero time: now).
// Needs PermEditRegisters.
func (s *Session) AddTimelineEntry(id int64, at time.Time, text string) error {
	text = strings.TrimSpace(textnorm.NFC(text))
	if text == "" || utf8.RuneCountInString(text) > 5000 {
		return fmt.Errorf("%w: timeline text empty or too long", ErrInvalidInput)
	}
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		in, err := getIncident(tx, id)
		if err != nil {
			return err
		}
		if at, err = s.eventTime(at, in.Detected); err != nil {
			return err
		}
		if err := s.insertTimeline(tx, id, at, text); err != nil {
			return err
		}
		return s.record(tx, "incident.timeline", "incident", fmt.Sprint(id), text)
	})
}

// LinkIncidentEvidence attaches an evidence file to an incident (logs,
// samples, reports sent). Needs PermAddEvidence.
func (s *Session) LinkIncidentEvidence(id int64, evidenceID string) error {
	return s.write(users.PermAddEvidence, func(tx *vault.Tx, _ users.User) error {
		if _, err := getIncident(tx, id); err != nil {
			return err
		}
		if _, err := getEvidence(tx, evidenceID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT OR IGNORE INTO incident_evidence (incident_id, evidence_id) VALUES (?, ?)`, id, evidenceID); err != nil {
			return err
		}
		return s.record(tx, "incident.evidence", "incident", fmt.Sprint(id), "minh chứng "+evidenceID)
	})
}

func readNotifications(q rowQuerier, id int64) ([]IncidentNotification, error) {
	rows, err := q.Query(`SELECT id, kind, at, recipient, recorded_by FROM incident_notifications WHERE incident_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []IncidentNotification
	for rows.Next() {
		var n IncidentNotification
		var at string
		if err := rows.Scan(&n.ID, &n.Kind, &at, &n.Recipient, &n.RecordedBy); err != nil {
			return nil, err
		}
		if n.At, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, fmt.Errorf("%w: notification %d at %q", vault.ErrCorrupt, n.ID, at)
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

func readTimeline(q rowQuerier, id int64) ([]TimelineEntry, error) {
	rows, err := q.Query(`SELECT id, at, text, by_whom FROM incident_timeline WHERE incident_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []TimelineEntry
	for rows.Next() {
		var e TimelineEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Text, &e.By); err != nil {
			return nil, err
		}
		if e.At, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, fmt.Errorf("%w: timeline %d at %q", vault.ErrCorrupt, e.ID, at)
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

func readIncidentEvidence(q rowQuerier, id int64) ([]string, error) {
	rows, err := q.Query(`SELECT evidence_id FROM incident_evidence WHERE incident_id = ? ORDER BY evidence_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// obligationIncidents gives the engine every incident with its
// notifications, so the packs' after_event rules start their clocks.
func obligationIncidents(q rowQuerier) ([]obligations.Incident, error) {
	list, err := readIncidents(q)
	if err != nil {
		return nil, err
	}
	out := make([]obligations.Incident, 0, len(list))
	for _, in := range list {
		oi := obligations.Incident{ID: strconv.FormatInt(in.ID, 10), Detected: in.Detected, ResponseEnded: in.ResponseEnded, Flags: in.Flags}
		if in.SystemID != 0 {
			oi.SystemID = strconv.FormatInt(in.SystemID, 10)
		}
		notes, err := readNotifications(q, in.ID)
		if err != nil {
			return nil, err
		}
		for _, n := range notes {
			oi.Notifications = append(oi.Notifications, obligations.Notification{ID: "n:" + strconv.FormatInt(n.ID, 10), Kind: n.Kind, At: n.At})
		}
		out = append(out, oi)
	}
	return out, nil
}

// DeadlineClock is one deadline the active packs set for an incident.
type DeadlineClock struct {
	PackID, RuleID, TitleVI string
	// TitleEN is the rule's English title ("" when the pack gives none).
	TitleEN string
	Source  obligations.Source
	// DueAt is the exact deadline.
	DueAt  time.Time
	Status obligations.Status
	// Remaining is DueAt − now: negative when overdue. Met clocks keep
	// the value at the time they were met (MetAt).
	Remaining time.Duration
	MetBy     string // notification kind that met it
	MetAt     time.Time
	Late      bool
}

// IncidentDeadlines returns the deadline clocks of an incident on now,
// computed by the obligations engine from the active packs, the
// incident's detection time, flags, end of response and notifications,
// soonest first. Needs PermRead.
func (s *Session) IncidentDeadlines(id int64, now time.Time) ([]DeadlineClock, error) {
	var clocks []DeadlineClock
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if _, err := getIncident(tx, id); err != nil {
			return err
		}
		in, err := obligationInput(tx, now)
		if err != nil {
			return err
		}
		list, err := obligations.Evaluate(in)
		if err != nil {
			return err
		}
		clocks = incidentClocks(list, strconv.FormatInt(id, 10), now)
		return nil
	})
	return clocks, err
}

func incidentClocks(list []obligations.Obligation, id string, now time.Time) []DeadlineClock {
	var clocks []DeadlineClock
	for _, o := range list {
		if o.IncidentID != id || o.Status == obligations.StatusNotApplicable {
			continue
		}
		c := DeadlineClock{PackID: o.PackID, RuleID: o.RuleID, TitleVI: o.TitleVI, TitleEN: o.TitleEN, Source: o.Source, DueAt: o.DueAt,
			Status: o.Status, Remaining: o.DueAt.Sub(now), Late: o.Late}
		if o.SatisfiedBy != nil {
			c.MetBy, c.MetAt, c.Remaining = o.SatisfiedBy.Kind, o.SatisfiedBy.At, o.DueAt.Sub(o.SatisfiedBy.At)
		}
		clocks = append(clocks, c)
	}
	slices.SortStableFunc(clocks, func(a, b DeadlineClock) int { return a.DueAt.Compare(b.DueAt) })
	return clocks
}
