// Package demo builds a sample vault for trying the application out: the
// fictitious information-security records of "Sở Nội vụ tỉnh Vĩnh Long",
// with three users, information systems of levels 1–4 whose level dossiers
// stand at different steps, about fifty assets (one of them breaking the
// state-secret rule), a repair, a disposal with its sanitisation record and
// a few evidence files clearly labelled as samples; activities (scans,
// threat hunts, a drill, reports sent) so that some obligations are met
// and some overdue, a certificate about to expire, and assessments — one
// approved by the manager, two in progress — with evidence linked to items.
//
// Everything is entered through the session services, exactly as a user
// would, so the vault's history records how the sample was built. People,
// numbers, addresses and documents are invented.
package demo

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"daumoi/data/session"
	"daumoi/data/users"
)

// The demo's user names.
const (
	FocalUser   = "demo-focal"
	ITUser      = "demo-it"
	ManagerUser = "demo-manager"
)

// SigningPassphrase opens the manager's report signing key, which the demo
// vault includes so that bundles can be built and verified at once.
const SigningPassphrase = "demo-ky-bao-cao-2026"

// Agency is the demo agency's name.
const Agency = "Sở Nội vụ tỉnh Vĩnh Long"

// ErrNoClock is returned when Create is given no clock.
var ErrNoClock = errors.New("demo: no clock given")

// Create builds the demo vault in dir (which must not hold a vault yet:
// vault.ErrVaultExists otherwise). The three users all unlock with pass and
// are not asked to change it. The content depends only on now(), which is
// read once: history entries are stamped one second apart starting an hour
// before it. The manager has a signing key opened by SigningPassphrase.
// The recovery code is not kept: the demo is for trying out,
// not for real records. pass is not modified (the services wipe the
// copies they are given).
func Create(dir string, pass []byte, now func() time.Time) error {
	if now == nil {
		return ErrNoClock
	}
	clock := tickingClock(now())
	if err := users.CheckPassphrase(pass); err != nil {
		return err
	}
	s, _, err := session.Create(dir, session.CreateParams{
		Org: Agency, ReceivingOffice: receivingOfficeName, Passphrase: bytes.Clone(pass), Now: clock,
		User: users.User{Name: FocalUser, FullName: "Nguyễn Thị Thu Hương", Position: "Chuyên viên phụ trách công nghệ thông tin", Roles: []users.Role{users.RoleFocal}},
	})
	if err != nil {
		return err
	}
	day := base(now())
	var ev evidence
	err = asFocal(s, pass, day, &ev)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	var rv review
	err = firstSignIn(dir, ITUser, pass, clock, func(it *session.Session) error {
		systems, err := addSystems(it, day, ev)
		if err != nil {
			return err
		}
		if err := addAssets(it, day, systems, ev); err != nil {
			return err
		}
		if err := addCompliance(it, day, systems, ev, &rv); err != nil {
			return err
		}
		return addIncidents(it, day, systems)
	})
	if err != nil {
		return err
	}
	return firstSignIn(dir, ManagerUser, pass, clock, func(m *session.Session) error {
		if err := rv.approve(m); err != nil {
			return err
		}
		if _, err := m.CreateSigningKey([]byte(SigningPassphrase)); err != nil {
			return fmt.Errorf("demo: signing key: %w", err)
		}
		return nil
	})
}

// tickingClock returns a clock that starts an hour before t and advances
// one second per call, so the history is ordered and reproducible.
func tickingClock(t time.Time) session.Clock {
	at := t.UTC().Add(-time.Hour).Truncate(time.Second)
	return func() time.Time {
		at = at.Add(time.Second)
		return at
	}
}

// asFocal enters, as the focal point, the agency profile, the sample
// evidence and the two other users.
func asFocal(s *session.Session, pass []byte, day dates, ev *evidence) error {
	if err := addProfile(s, day); err != nil {
		return err
	}
	var err error
	if *ev, err = addEvidence(s, day); err != nil {
		return err
	}
	for _, u := range []users.User{
		{Name: ITUser, FullName: "Lê Minh Đức", Position: "Chuyên viên kỹ thuật, Văn phòng Sở", Roles: []users.Role{users.RoleIT}},
		{Name: ManagerUser, FullName: "Trần Quốc Bảo", Position: "Phó Giám đốc", Roles: []users.Role{users.RoleManager}},
	} {
		if err := s.AddUser(u, bytes.Clone(pass)); err != nil {
			return fmt.Errorf("demo: adding %s: %w", u.Name, err)
		}
	}
	return nil
}

// firstSignIn signs in as a new user and keeps the same passphrase, which
// clears the forced change new accounts start with, then runs work as
// that user.
func firstSignIn(dir, name string, pass []byte, clock session.Clock, work func(*session.Session) error) error {
	s, err := session.Open(dir, session.Credential{User: name, Passphrase: bytes.Clone(pass)}, clock)
	if err != nil {
		return fmt.Errorf("demo: first sign-in of %s: %w", name, err)
	}
	err = s.ChangePassphrase(bytes.Clone(pass))
	if err == nil {
		err = work(s)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// dates are the demo's dates, relative to the day it is built.
type dates struct{ today time.Time }

func base(t time.Time) dates {
	t = t.UTC()
	return dates{today: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

// ago returns the date d days before the build day, as yyyy-mm-dd.
func (d dates) ago(days int) string { return d.today.AddDate(0, 0, -days).Format("2006-01-02") }
