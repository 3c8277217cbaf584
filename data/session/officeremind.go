package session

import (
	"time"

	"daumoi/data/office"
)

// ProvinceReminders lists the agencies that have not sent their annual
// report of year when today is at most within days before the deadline,
// or after it (office.Reminders), each with its e-mail signed by the
// office's name; the deadline is returned too.
func (s *Session) ProvinceReminders(year int, today time.Time, within int) ([]office.Reminder, time.Time, error) {
	list, deadline, err := s.ProvinceStatus(year, today)
	if err != nil {
		return nil, deadline, err
	}
	p, err := s.Profile()
	if err != nil {
		return nil, deadline, err
	}
	return office.Reminders(list, p.Name, deadline, today, within), deadline, nil
}
