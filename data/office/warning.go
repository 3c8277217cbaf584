package office

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/textnorm"
)

// Errors of the office's register of warnings.
var (
	// ErrInvalidWarning means a warning without its issuer or subject, or
	// with a text too long.
	ErrInvalidWarning = errors.New("office: invalid warning (issuer and subject needed)")
	// ErrWarningRelay means the relay of a warning is incomplete or
	// inconsistent: recipients without a day, a day without recipients,
	// or a day before the warning was received.
	ErrWarningRelay = errors.New("office: inconsistent relay of the warning")
	// ErrWarningDay means a day of a warning missing, unreadable or in
	// the future.
	ErrWarningDay = errors.New("office: invalid day of the warning")
	// ErrUnknownSeverity means a severity that is not one of Severities.
	ErrUnknownSeverity = errors.New("office: unknown severity of a warning")
	// ErrUnknownWarningStatus means a status that is not one of
	// WarningStatuses.
	ErrUnknownWarningStatus = errors.New("office: unknown status of a warning")
)

// Severity is the level the issuer gave a warning.
type Severity string

// The severities, as the national CERT writes them ("" when the document
// gives none).
const (
	SeverityNone     Severity = ""
	SeverityLow      Severity = "low"      // thấp
	SeverityMedium   Severity = "medium"   // trung bình
	SeverityHigh     Severity = "high"     // cao
	SeverityCritical Severity = "critical" // nghiêm trọng
)

// Severities lists the severities in display order.
func Severities() []Severity {
	return []Severity{SeverityNone, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// Label is the severity in Vietnamese ("" for none).
func (s Severity) Label() string {
	return map[Severity]string{SeverityLow: "thấp", SeverityMedium: "trung bình", SeverityHigh: "cao", SeverityCritical: "nghiêm trọng"}[s]
}

// ParseSeverity reads a severity as stored or as people write it
// ("cao", "nghiem trong", "high"); "" is SeverityNone.
func ParseSeverity(s string) (Severity, error) {
	f := textnorm.Fold(strings.TrimSpace(s))
	for _, v := range Severities() {
		if f == string(v) || f == textnorm.Fold(v.Label()) {
			return v, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownSeverity, s)
}

// WarningStatus is where the office stands with a warning.
type WarningStatus string

// The statuses of a warning.
const (
	WarningFollowing  WarningStatus = "following"  // đang theo dõi
	WarningDone       WarningStatus = "done"       // đã xử lý xong
	WarningSuperseded WarningStatus = "superseded" // bị thay thế hoặc thu hồi bởi cơ quan ban hành
)

// WarningStatuses lists the statuses in display order.
func WarningStatuses() []WarningStatus {
	return []WarningStatus{WarningFollowing, WarningDone, WarningSuperseded}
}

// Label is the status in Vietnamese.
func (s WarningStatus) Label() string {
	return map[WarningStatus]string{WarningFollowing: "đang theo dõi", WarningDone: "đã xử lý xong", WarningSuperseded: "bị thay thế, thu hồi"}[s]
}

// ParseWarningStatus reads a status as stored or as people write it;
// "" is WarningFollowing.
func ParseWarningStatus(s string) (WarningStatus, error) {
	f := textnorm.Fold(strings.TrimSpace(s))
	if f == "" {
		return WarningFollowing, nil
	}
	for _, v := range WarningStatuses() {
		if f == string(v) || f == textnorm.Fold(v.Label()) {
			return v, nil
		}
	}
	return "", fmt.Errorf("%w: %q", ErrUnknownWarningStatus, s)
}

// Warning is one security warning the office received from above (the
// national CERT, the Ministry of Public Security's A05, the Ministry's
// Authority of Information Security …) and, usually, relayed to the
// province's agencies.
type Warning struct {
	ID int64 `json:"id"`
	// Received is the day the office received it; Issued the date of the
	// document (zero: not known). Days are 00:00 UTC standing for the
	// Vietnam date (see Day).
	Received time.Time `json:"received"`
	Issued   time.Time `json:"issued"`
	// Source is who issued it, e.g. "Cục An toàn thông tin (NCSC)".
	Source string `json:"source"`
	// Number is the document's number and symbol ("" for an alert
	// without one), e.g. "1234/CATTT-NCSC".
	Number   string   `json:"number"`
	Subject  string   `json:"subject"` // trích yếu
	Severity Severity `json:"severity"`
	// Relayed is the day the office passed it on (zero: not yet), to
	// every registered agency (RelayedToAll) or to the agencies of
	// RelayedTo (their codes), by its document RelayNumber.
	Relayed      time.Time     `json:"relayed"`
	RelayedToAll bool          `json:"relayed_to_all"`
	RelayedTo    []string      `json:"relayed_to"`
	RelayNumber  string        `json:"relay_number"`
	Status       WarningStatus `json:"status"`
	Note         string        `json:"note"`
	RecordedBy   string        `json:"recorded_by"`
}

// Limits of a warning's texts, in characters.
const (
	MaxWarningText = 500
	MaxWarningNote = 5000
)

// IsRelayed reports whether the warning was passed on.
func (w Warning) IsRelayed() bool { return !w.Relayed.IsZero() }

// NormalizeWarning checks w against today (the Vietnam date, see Day) and
// returns it in NFC with spaces trimmed, its days as Day, its recipients
// sorted without duplicates (none when relayed to all).
func NormalizeWarning(w Warning, today time.Time) (Warning, error) {
	clean := func(s string) string { return strings.TrimSpace(textnorm.NFC(s)) }
	w.Source, w.Number, w.Subject, w.RelayNumber, w.Note = clean(w.Source), clean(w.Number), clean(w.Subject), clean(w.RelayNumber), clean(w.Note)
	if w.Source == "" || w.Subject == "" {
		return Warning{}, fmt.Errorf("%w: issuer %q, subject %q", ErrInvalidWarning, w.Source, w.Subject)
	}
	for _, f := range []string{w.Source, w.Number, w.Subject, w.RelayNumber} {
		if utf8.RuneCountInString(f) > MaxWarningText || strings.ContainsAny(f, "\r\n") {
			return Warning{}, fmt.Errorf("%w: text too long or on several lines", ErrInvalidWarning)
		}
	}
	if utf8.RuneCountInString(w.Note) > MaxWarningNote {
		return Warning{}, fmt.Errorf("%w: note too long", ErrInvalidWarning)
	}
	var err error
	if w.Severity, err = ParseSeverity(string(w.Severity)); err != nil {
		return Warning{}, err
	}
	if w.Status, err = ParseWarningStatus(string(w.Status)); err != nil {
		return Warning{}, err
	}
	if err := w.checkDays(Day(today)); err != nil {
		return Warning{}, err
	}
	return w.normalizeRelay()
}

// checkDays checks the received, issued and relayed days against today.
func (w *Warning) checkDays(today time.Time) error {
	if w.Received.IsZero() {
		return fmt.Errorf("%w: no day received", ErrWarningDay)
	}
	for _, d := range []*time.Time{&w.Received, &w.Issued, &w.Relayed} {
		if d.IsZero() {
			continue
		}
		*d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if d.After(today) || d.Year() < 2000 {
			return fmt.Errorf("%w: %s", ErrWarningDay, d.Format("02/01/2006"))
		}
	}
	if !w.Issued.IsZero() && w.Issued.After(w.Received) {
		return fmt.Errorf("%w: issued %s after received %s", ErrWarningDay, w.Issued.Format("02/01/2006"), w.Received.Format("02/01/2006"))
	}
	return nil
}

// normalizeRelay checks that the relay has both a day and recipients, or
// neither, and no day before the warning was received.
func (w Warning) normalizeRelay() (Warning, error) {
	var codes []string
	for _, c := range w.RelayedTo {
		if c = strings.TrimSpace(textnorm.NFC(c)); c != "" {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	w.RelayedTo = slices.Compact(codes)
	if w.RelayedToAll {
		w.RelayedTo = nil
	}
	hasTo := w.RelayedToAll || len(w.RelayedTo) > 0
	switch {
	case w.IsRelayed() != hasTo:
		return Warning{}, fmt.Errorf("%w: a day and recipients are both needed", ErrWarningRelay)
	case w.IsRelayed() && w.Relayed.Before(w.Received):
		return Warning{}, fmt.Errorf("%w: relayed %s before received %s", ErrWarningRelay, w.Relayed.Format("02/01/2006"), w.Received.Format("02/01/2006"))
	case !w.IsRelayed() && w.RelayNumber != "":
		return Warning{}, fmt.Errorf("%w: a relay document without a day", ErrWarningRelay)
	}
	return w, nil
}

// InPeriod reports whether w was received or relayed in [from, to] (days).
func (w Warning) InPeriod(from, to time.Time) bool {
	in := func(d time.Time) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	return in(w.Received) || in(w.Relayed)
}

// Recipients is how many agencies the warning went to, out of the
// registry's agencies (all of them when relayed to all).
func (w Warning) Recipients(agencies int) int {
	if w.RelayedToAll {
		return agencies
	}
	return len(w.RelayedTo)
}

// Line writes the warning as one line of the monthly report: the day
// received, the issuer, the document, its subject and severity, and to
// how many of the agencies (registered: agencies) it was relayed.
func (w Warning) Line(agencies int) string {
	const day = "02/01/2006"
	var b strings.Builder
	fmt.Fprintf(&b, "Ngày %s, nhận văn bản", w.Received.Format(day))
	if w.Number != "" {
		fmt.Fprintf(&b, " số %s", w.Number)
	}
	if !w.Issued.IsZero() {
		fmt.Fprintf(&b, " ngày %s", w.Issued.Format(day))
	}
	fmt.Fprintf(&b, " của %s: %s", w.Source, w.Subject)
	if w.Severity != SeverityNone {
		fmt.Fprintf(&b, " (mức độ %s)", w.Severity.Label())
	}
	if !w.IsRelayed() {
		b.WriteString("; chưa chuyển tiếp.")
		return b.String()
	}
	fmt.Fprintf(&b, "; ngày %s đã chuyển tiếp", w.Relayed.Format(day))
	if w.RelayNumber != "" {
		fmt.Fprintf(&b, " (văn bản số %s)", w.RelayNumber)
	}
	if w.RelayedToAll {
		fmt.Fprintf(&b, " đến tất cả %d cơ quan, đơn vị.", agencies)
	} else {
		fmt.Fprintf(&b, " đến %d cơ quan, đơn vị.", len(w.RelayedTo))
	}
	return b.String()
}

// ParseDay reads a day as people write it: dd/mm/yyyy, d/m/yyyy or
// YYYY-MM-DD ("" is the zero time, no day). Other text is ErrWarningDay.
func ParseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q", ErrWarningDay, s)
}
