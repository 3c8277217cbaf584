package session

import (
	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
	"fmt"
)

// History returns the audit entries matching f, newest first (focal point
// and manager).
func (s *Session) History(f audit.Filter) ([]audit.Entry, error) {
	var list []audit.Entry
	err := s.read(users.PermViewHistory, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = audit.List(tx, f)
		return err
	})
	return list, err
}

// VerifyHistory checks the history's hash chain (every user may).
func (s *Session) VerifyHistory() (audit.VerifyResult, error) {
	var res audit.VerifyResult
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if res, err = audit.Verify(tx); err != nil {
			return err
		}
		// A chain cut at its end still links; the head a focal point signed
		// tells.
		if seal, err := readSeal(tx, s.v.ID()); err != nil || seal == nil {
			return err
		} else if ok, err := historyContains(tx, seal.History); err != nil || ok {
			return err
		} else {
			res.BrokenAt, res.Reason = seal.History.Seq, "entry signed by a focal point is missing or altered"
			return fmt.Errorf("%w: %w at entry %d", audit.ErrBroken, ErrHistoryRewritten, seal.History.Seq)
		}
	})
	return res, err
}
