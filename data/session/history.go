package session

import (
	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// History returns the audit entries matching f, newest first (focal point
// and manager).
func (s *Session) History(f audit.Filter) ([]audit.Entry, error) {
	var list []audit.Entry
	err := s.v.View(func(tx *vault.ReadTx) error {
		if _, err := s.require(tx, users.PermViewHistory); err != nil {
			return err
		}
		var err error
		list, err = audit.List(tx, f)
		return err
	})
	return list, err
}

// VerifyHistory checks the history's hash chain (every user may).
func (s *Session) VerifyHistory() (audit.VerifyResult, error) {
	var res audit.VerifyResult
	err := s.v.View(func(tx *vault.ReadTx) error {
		if _, err := s.require(tx, users.PermRead); err != nil {
			return err
		}
		var err error
		res, err = audit.Verify(tx)
		return err
	})
	return res, err
}
