package session

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// KindAwareness is the activity an awareness or training session is
// recorded as, when a pack's obligation names it: the shipped packs do in
// ct11-awareness (Chỉ thị 11 item 1h, once per calendar year) and
// nd331-awareness (Nghị định 331 Art. 31.3, every 12 months) — both
// frequencies are the packs' reading, marked unverified, since neither
// text gives one.
const KindAwareness = "awareness_training"

// AwarenessSession is an awareness or training session for staff or
// citizens.
type AwarenessSession struct {
	ID         int64
	Date       string // YYYY-MM-DD
	Topic      string
	Audience   string
	Attendees  int
	EvidenceID string
	// ActivityID is the activity recorded (0 when no pack counts
	// KindAwareness); set by RecordAwareness only.
	ActivityID int64
	RecordedBy string
	RecordedAt string
}

// RecordAwareness stores an awareness or training session. Needs
// PermEditRegisters.
func (s *Session) RecordAwareness(a AwarenessSession) (AwarenessSession, error) {
	for _, f := range []*string{&a.Date, &a.Topic, &a.Audience, &a.EvidenceID} {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 2000 {
			return a, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	if a.Topic == "" || a.Attendees < 0 {
		return a, fmt.Errorf("%w: the session needs a topic and a count not below 0", ErrInvalidInput)
	}
	if err := checkPastDay(a.Date, s.now()); err != nil {
		return a, err
	}
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		if err := checkRefs(tx, nil, a.EvidenceID); err != nil {
			return err
		}
		var err error
		if a.ActivityID, err = s.insertActivityIfCounted(tx, Activity{Kind: KindAwareness, Date: a.Date, Note: a.Topic, EvidenceID: a.EvidenceID}); err != nil {
			return err
		}
		if a.ID, err = nextID(tx, "awareness_sessions"); err != nil {
			return err
		}
		a.RecordedBy, a.RecordedAt = s.user, stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO awareness_sessions (id, date, topic, audience, attendees, evidence_id, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.Date, a.Topic, a.Audience, a.Attendees, a.EvidenceID, a.RecordedBy, a.RecordedAt); err != nil {
			return err
		}
		return s.record(tx, "awareness.add", "awareness", fmt.Sprint(a.ID), fmt.Sprintf("tuyên truyền, tập huấn ngày %s: %s (%d người)", a.Date, a.Topic, a.Attendees))
	})
	return a, err
}

// ListAwareness returns the awareness sessions, newest first. Needs
// PermRead.
func (s *Session) ListAwareness() ([]AwarenessSession, error) {
	var list []AwarenessSession
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT id, date, topic, audience, attendees, evidence_id, recorded_by, recorded_at
			FROM awareness_sessions ORDER BY date DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a AwarenessSession
			if err := rows.Scan(&a.ID, &a.Date, &a.Topic, &a.Audience, &a.Attendees, &a.EvidenceID, &a.RecordedBy, &a.RecordedAt); err != nil {
				return err
			}
			list = append(list, a)
		}
		return rows.Err()
	})
	return list, err
}
