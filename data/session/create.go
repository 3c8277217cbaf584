package session

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// CreateParams describe a new vault.
type CreateParams struct {
	Org             string     // agency name, e.g. "Sở Nội vụ tỉnh Vĩnh Long"
	ReceivingOffice string     // where reports go; editable later
	Kind            Kind       // agency ("" too) or receiving office
	User            users.User // the first user; no roles means every role of Kind
	Passphrase      []byte
	KDF             *vault.KDFParams // nil: the vault's default
	Now             Clock
}

// Create makes a new vault in dir with its first user and returns it
// unlocked, with the recovery code to show once. The first user must
// administer the vault (a focal point, or in an office a receiving officer).
func Create(dir string, p CreateParams) (*Session, vault.RecoveryCode, error) {
	if p.Now == nil {
		return nil, "", fmt.Errorf("%w: no clock", ErrInvalidInput)
	}
	org := strings.TrimSpace(textnorm.NFC(p.Org))
	if org == "" || utf8.RuneCountInString(org) > 300 {
		return nil, "", fmt.Errorf("%w: agency name", ErrInvalidInput)
	}
	kind, err := ParseKind(string(p.Kind))
	if err != nil {
		return nil, "", err
	}
	if len(p.User.Roles) == 0 {
		p.User.Roles = kind.Roles()
	}
	u, err := users.Normalize(p.User)
	if err != nil {
		return nil, "", err
	}
	if err := kind.checkRoles(u); err != nil {
		return nil, "", err
	}
	if !u.Administers() {
		return nil, "", fmt.Errorf("%w: the first user must administer the vault", users.ErrLastFocal)
	}
	if err := users.CheckPassphrase(p.Passphrase); err != nil {
		return nil, "", err
	}
	v, code, err := vault.Create(dir, vault.CreateOptions{User: u.Name, Passphrase: p.Passphrase, KDF: p.KDF, Now: p.Now()})
	if err != nil {
		return nil, "", err
	}
	s := &Session{v: v, dir: dir, user: u.Name, now: p.Now}
	if err := s.initialise(kind, org, strings.TrimSpace(textnorm.NFC(p.ReceivingOffice)), u); err != nil {
		_ = v.Close()
		return nil, "", err
	}
	return s, code, nil
}

func (s *Session) initialise(kind Kind, org, office string, u users.User) error {
	if err := migrate(s.v); err != nil {
		return err
	}
	if err := s.v.PublishNoticeKey(); err != nil {
		return err
	}
	return s.v.Update(func(tx *vault.Tx) error {
		now := stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO agency (id, name, receiving_office, kind, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)`,
			org, office, string(kind), now, now); err != nil {
			return err
		}
		if err := insertUser(tx, u, now); err != nil {
			return err
		}
		if err := s.record(tx, "vault.create", "vault", s.v.ID(), "Tạo kho dữ liệu cho "+org); err != nil {
			return err
		}
		if err := s.record(tx, "user.add", "user", u.Name, describeUser(u)); err != nil {
			return err
		}
		return s.sealRoster(tx)
	})
}
