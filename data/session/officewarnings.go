package session

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/docs"
)

// Errors of the office's register of warnings.
var (
	// ErrNoSuchOfficeWarning means no warning of the register has that id.
	ErrNoSuchOfficeWarning = errors.New("session: no such warning in the office's register")
	// ErrOfficeWarningExists means a warning with the same issuer and
	// number is already in the register.
	ErrOfficeWarningExists = errors.New("session: a warning with this issuer and number is already registered")
)

const officeWarningColumns = `id, received_on, issued_on, source, number, subject, severity, relayed_on, relayed_all, relay_number, status, note, recorded_by`

func scanOfficeWarning(scan func(dest ...any) error) (office.Warning, error) {
	var w office.Warning
	var received, issued, relayed string
	err := scan(&w.ID, &received, &issued, &w.Source, &w.Number, &w.Subject, &w.Severity, &relayed, &w.RelayedToAll, &w.RelayNumber,
		&w.Status, &w.Note, &w.RecordedBy)
	w.Received, _ = parseDay(received, true)
	w.Issued, _ = parseDay(issued, true)
	w.Relayed, _ = parseDay(relayed, true)
	return w, err
}

// dayText is how a day is stored ("" for none).
func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// requireOffice fails with ErrOfficeOnly unless the vault is an office's.
func requireOffice(q rowQuerier) error {
	if k, err := vaultKind(q); err != nil || k != KindOffice {
		return errors.Join(err, ErrOfficeOnly)
	}
	return nil
}

// OfficeWarnings lists the office's warnings received or relayed in
// [from, to] (days; both zero: every warning), newest first (any office
// user; ErrOfficeOnly in an agency's vault).
func (s *Session) OfficeWarnings(from, to time.Time) ([]office.Warning, error) {
	var list []office.Warning
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = officeWarnings(tx, from, to, "DESC")
		return err
	})
	return list, err
}

// officeWarnings reads the warnings of [from, to] (both zero: all), in
// order of the day received (order "ASC" or "DESC", a constant).
func officeWarnings(q rowQuerier, from, to time.Time, order string) ([]office.Warning, error) {
	if err := requireOffice(q); err != nil {
		return nil, err
	}
	where, args := "", []any{}
	if !from.IsZero() || !to.IsZero() {
		lo, hi := dayText(from), dayText(to)
		if to.IsZero() {
			hi = "9999-12-31"
		}
		where = ` WHERE (received_on BETWEEN ? AND ?) OR (relayed_on <> '' AND relayed_on BETWEEN ? AND ?)`
		args = []any{lo, hi, lo, hi}
	}
	list, err := queryAll(q, scanOfficeWarning, `SELECT `+officeWarningColumns+` FROM office_warnings`+where+
		` ORDER BY received_on `+order+`, id `+order, args...)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].RelayedTo, err = warningRecipients(q, list[i].ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// warningRecipients are the codes of the agencies a warning was relayed
// to, sorted.
func warningRecipients(q rowQuerier, id int64) ([]string, error) {
	return queryAll(q, func(scan func(dest ...any) error) (string, error) {
		var c string
		return c, scan(&c)
	}, `SELECT agency_code FROM office_warning_recipients WHERE warning_id = ? ORDER BY agency_code`, id)
}

// OfficeWarning returns one warning of the register (any office user).
func (s *Session) OfficeWarning(id int64) (office.Warning, error) {
	var w office.Warning
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		w, err = getOfficeWarning(tx, id)
		return err
	})
	return w, err
}

// getOfficeWarning reads one warning (ErrNoSuchOfficeWarning) of an
// office's vault (ErrOfficeOnly).
func getOfficeWarning(q rowQuerier, id int64) (office.Warning, error) {
	if err := requireOffice(q); err != nil {
		return office.Warning{}, err
	}
	w, err := scanOfficeWarning(q.QueryRow(`SELECT `+officeWarningColumns+` FROM office_warnings WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return w, fmt.Errorf("%w: %d", ErrNoSuchOfficeWarning, id)
	}
	if err != nil {
		return w, err
	}
	w.RelayedTo, err = warningRecipients(q, id)
	return w, err
}

// checkOfficeWarning checks w against the register: its recipients are
// registered agencies (ErrNoSuchAgency), no other warning has its issuer
// and number (ErrOfficeWarningExists).
func checkOfficeWarning(q rowQuerier, w office.Warning) error {
	for _, code := range w.RelayedTo {
		if _, err := getAgency(q, code); err != nil {
			return err
		}
	}
	if w.Number == "" {
		return nil
	}
	var other int64
	err := q.QueryRow(`SELECT id FROM office_warnings WHERE source = ? AND number = ? AND id <> ?`, w.Source, w.Number, w.ID).Scan(&other)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("%w: %s (%s)", ErrOfficeWarningExists, w.Number, w.Source)
}

// AddOfficeWarning registers a warning received (receiving officer only,
// in an office's vault) and returns it as stored, with its id.
func (s *Session) AddOfficeWarning(w office.Warning) (office.Warning, error) {
	w, err := office.NormalizeWarning(w, s.now())
	if err != nil {
		return office.Warning{}, err
	}
	err = s.write(users.PermReceive, func(tx *vault.Tx, me users.User) error {
		if err := requireOffice(tx); err != nil {
			return err
		}
		if w.ID, err = nextID(tx, "office_warnings"); err != nil {
			return err
		}
		if err := checkOfficeWarning(tx, w); err != nil {
			return err
		}
		w.RecordedBy = me.Name
		now := stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO office_warnings (`+officeWarningColumns+`, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.ID, dayText(w.Received), dayText(w.Issued), w.Source, w.Number, w.Subject, string(w.Severity), dayText(w.Relayed), w.RelayedToAll,
			w.RelayNumber, string(w.Status), w.Note, w.RecordedBy, now, now); err != nil {
			return err
		}
		if err := setWarningRecipients(tx, w); err != nil {
			return err
		}
		return s.record(tx, "office_warning.add", "office_warning", fmt.Sprint(w.ID), warningSummary(w))
	})
	if err != nil {
		return office.Warning{}, err
	}
	return w, nil
}

// UpdateOfficeWarning changes a warning of the register: its days,
// texts, relay and status (receiving officer only).
func (s *Session) UpdateOfficeWarning(w office.Warning) error {
	w, err := office.NormalizeWarning(w, s.now())
	if err != nil {
		return err
	}
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		before, err := getOfficeWarning(tx, w.ID)
		if err != nil {
			return err
		}
		w.RecordedBy = before.RecordedBy
		changes := diffFields(warningFacts(before), warningFacts(w))
		if len(changes) == 0 {
			return nil
		}
		if err := checkOfficeWarning(tx, w); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE office_warnings SET received_on = ?, issued_on = ?, source = ?, number = ?, subject = ?, severity = ?,
			relayed_on = ?, relayed_all = ?, relay_number = ?, status = ?, note = ?, updated_at = ? WHERE id = ?`,
			dayText(w.Received), dayText(w.Issued), w.Source, w.Number, w.Subject, string(w.Severity), dayText(w.Relayed), w.RelayedToAll,
			w.RelayNumber, string(w.Status), w.Note, stamp(s.now()), w.ID); err != nil {
			return err
		}
		if err := setWarningRecipients(tx, w); err != nil {
			return err
		}
		return s.record(tx, "office_warning.update", "office_warning", fmt.Sprint(w.ID), warningTitle(w)+": "+joinSummary(changes))
	})
}

// RemoveOfficeWarning deletes a warning registered by mistake (receiving
// officer only); the history keeps what it was and why it was removed.
func (s *Session) RemoveOfficeWarning(id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		w, err := getOfficeWarning(tx, id)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM office_warning_recipients WHERE warning_id = ?`, `DELETE FROM office_warnings WHERE id = ?`} {
			if _, err := tx.Exec(q, id); err != nil {
				return err
			}
		}
		summary := warningSummary(w)
		if reason != "" {
			summary += "; lý do xóa: " + reason
		}
		return s.record(tx, "office_warning.remove", "office_warning", fmt.Sprint(id), summary)
	})
}

// setWarningRecipients replaces the rows of w's recipients.
func setWarningRecipients(tx *vault.Tx, w office.Warning) error {
	if _, err := tx.Exec(`DELETE FROM office_warning_recipients WHERE warning_id = ?`, w.ID); err != nil {
		return err
	}
	for _, code := range w.RelayedTo {
		if _, err := tx.Exec(`INSERT INTO office_warning_recipients (warning_id, agency_code) VALUES (?, ?)`, w.ID, code); err != nil {
			return err
		}
	}
	return nil
}

// warningTitle names a warning in the history: its number (or subject)
// and issuer.
func warningTitle(w office.Warning) string {
	what := w.Number
	if what == "" {
		what = w.Subject
	}
	return fmt.Sprintf("cảnh báo %s của %s", what, w.Source)
}

// warningSummary is a warning as the history tells it: what, when
// received, when relayed and to whom.
func warningSummary(w office.Warning) string {
	summary := warningTitle(w) + ", nhận ngày " + w.Received.Format("02/01/2006") + ": " + w.Subject
	if w.IsRelayed() {
		to := strings.Join(w.RelayedTo, ", ")
		if w.RelayedToAll {
			to = "tất cả cơ quan, đơn vị"
		}
		summary += fmt.Sprintf("; chuyển tiếp ngày %s đến %s", w.Relayed.Format("02/01/2006"), to)
	}
	return summary
}

// warningFacts is a warning as the history shows its fields, in
// Vietnamese and days as dd/mm/yyyy.
func warningFacts(w office.Warning) any {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02/01/2006")
	}
	to := strings.Join(w.RelayedTo, ", ")
	if w.RelayedToAll {
		to = "tất cả"
	}
	return struct {
		Received    string `json:"ngày nhận"`
		Issued      string `json:"ngày văn bản"`
		Source      string `json:"cơ quan ban hành"`
		Number      string `json:"số hiệu"`
		Subject     string `json:"trích yếu"`
		Severity    string `json:"mức độ"`
		Relayed     string `json:"ngày chuyển tiếp"`
		RelayedTo   string `json:"chuyển đến"`
		RelayNumber string `json:"văn bản chuyển tiếp"`
		Status      string `json:"trạng thái"`
		Note        string `json:"ghi chú"`
	}{day(w.Received), day(w.Issued), w.Source, w.Number, w.Subject, w.Severity.Label(), day(w.Relayed), to, w.RelayNumber, w.Status.Label(), w.Note}
}

// monthWarnings are the warnings received or relayed in [from, to], in
// the order received, as the monthly report's lines and data.json's
// records; agencies is how many agencies the registry has.
func monthWarnings(q rowQuerier, from, to time.Time, agencies int) ([]string, []docs.ProvinceWarning, error) {
	list, err := officeWarnings(q, from, to, "ASC")
	if err != nil {
		return nil, nil, err
	}
	lines := make([]string, 0, len(list))
	records := make([]docs.ProvinceWarning, 0, len(list))
	for _, w := range list {
		lines = append(lines, w.Line(agencies))
		records = append(records, docs.ProvinceWarning{Received: dayText(w.Received), Issued: dayText(w.Issued), Source: w.Source,
			Number: w.Number, Subject: w.Subject, Severity: string(w.Severity), Status: string(w.Status), Relayed: dayText(w.Relayed),
			RelayNumber: w.RelayNumber, RelayedToAll: w.RelayedToAll, RelayedTo: append([]string{}, w.RelayedTo...), Recipients: w.Recipients(agencies)})
	}
	return lines, records, nil
}
