package session

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// The roster seal: every change of users, roles or disabled state made by a
// focal point, and every unlock and lock by one, signs the list of users
// with their roles and the history head with the vault's authority key
// (held only by focal points' keyslots; its public key is sealed inside every
// keyslot). Someone who edits the database with their own program and their
// own passphrase cannot sign, so at the next unlock the roster or history
// that differs from the signed one is reported, and roles that were not
// signed are not granted.

// rosterPurpose separates roster signatures from any other authority use.
const rosterPurpose = "roster"

// Integrity problems found at unlock; errtext gives them words.
var (
	// ErrRosterChanged: users or roles differ from what a focal point signed.
	ErrRosterChanged = errors.New("session: users or roles were changed outside the application")
	// ErrRosterUnsigned: the signed list of users is missing or its signature is wrong.
	ErrRosterUnsigned = errors.New("session: the signed list of users is missing or not authentic")
	// ErrHistoryRewritten: history entries that a focal point's signature covers were removed or altered.
	ErrHistoryRewritten = errors.New("session: history entries were removed or altered outside the application")
)

// sealedUser is one user as the roster seal records them.
type sealedUser struct {
	Name     string   `json:"name"`
	Roles    []string `json:"roles"`
	Disabled bool     `json:"disabled"`
}

// rosterSeal is the signed statement.
type rosterSeal struct {
	Vault   string          `json:"vault"`
	Users   []sealedUser    `json:"users"`
	History audit.ChainHead `json:"history"`
	At      string          `json:"at"`
	By      string          `json:"by"`
}

// signer reads and signs inside a transaction (vault.ReadTx, vault.Tx).
type signer interface {
	rowQuerier
	Verify(purpose string, msg, sig []byte) bool
}

// currentRoster lists the users as stored, by name.
func currentRoster(q rowQuerier) ([]sealedUser, error) {
	list, err := queryUsers(q, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	out := make([]sealedUser, 0, len(list))
	for _, u := range list {
		roles := make([]string, len(u.Roles))
		for i, r := range u.Roles {
			roles[i] = string(r)
		}
		out = append(out, sealedUser{Name: u.Name, Roles: roles, Disabled: u.Disabled})
	}
	return out, nil
}

// sealRoster signs the current roster and history head inside tx. A session
// whose keyslot does not hold the authority key cannot sign and changes
// nothing (only focal points change the roster).
func (s *Session) sealRoster(tx *vault.Tx) error {
	if !tx.CanSign() {
		return nil
	}
	roster, err := currentRoster(tx)
	if err != nil {
		return err
	}
	head, err := audit.Head(tx)
	if err != nil {
		return err
	}
	if old, err := readSeal(tx, s.v.ID()); err != nil || (old != nil && old.History == head && rosterDiff(old.Users, roster) == nil) {
		return err // unchanged: nothing to sign again
	}
	body, err := json.Marshal(rosterSeal{Vault: s.v.ID(), Users: roster, History: head, At: stamp(s.now()), By: s.user})
	if err != nil {
		return fmt.Errorf("session: roster seal: %w", err)
	}
	sig, err := tx.Sign(rosterPurpose, body)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT OR REPLACE INTO roster_seal (id, body, sig) VALUES (1, ?, ?)`, string(body), sig)
	return err
}

// rosterCheck is what checking the seal found.
type rosterCheck struct {
	seal     *rosterSeal // nil when missing or not authentic
	problems []error
}

// checkRoster verifies the seal and compares it with the stored users and
// history.
func checkRoster(q signer, vaultID string) (rosterCheck, error) {
	seal, err := readSeal(q, vaultID)
	if err != nil {
		return rosterCheck{}, err
	}
	if seal == nil {
		return rosterCheck{problems: []error{ErrRosterUnsigned}}, nil
	}
	c := rosterCheck{seal: seal}
	roster, err := currentRoster(q)
	if err != nil {
		return c, err
	}
	if changed := rosterDiff(seal.Users, roster); len(changed) > 0 {
		c.problems = append(c.problems, fmt.Errorf("%w: %s", ErrRosterChanged, strings.Join(changed, ", ")))
	}
	ok, err := historyContains(q, seal.History)
	if err != nil {
		return c, err
	}
	if !ok {
		c.problems = append(c.problems, fmt.Errorf("%w (%d)", ErrHistoryRewritten, seal.History.Seq))
	}
	return c, nil
}

// readSeal returns the authentic seal, or nil when it is missing or fails.
func readSeal(q signer, vaultID string) (*rosterSeal, error) {
	var body string
	var sig []byte
	err := q.QueryRow(`SELECT body, sig FROM roster_seal WHERE id = 1`).Scan(&body, &sig)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session: roster seal: %w", err)
	}
	if !q.Verify(rosterPurpose, []byte(body), sig) {
		return nil, nil
	}
	var seal rosterSeal
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&seal); err != nil || seal.Vault != vaultID {
		return nil, nil
	}
	return &seal, nil
}

// rosterDiff names the users whose stored entry differs from the sealed one.
func rosterDiff(sealed, now []sealedUser) []string {
	var out []string
	for _, u := range now {
		i := slices.IndexFunc(sealed, func(x sealedUser) bool { return x.Name == u.Name })
		if i < 0 || !slices.Equal(sealed[i].Roles, u.Roles) || sealed[i].Disabled != u.Disabled {
			out = append(out, u.Name)
		}
	}
	for _, u := range sealed {
		if !slices.ContainsFunc(now, func(x sealedUser) bool { return x.Name == u.Name }) {
			out = append(out, u.Name)
		}
	}
	return out
}

// historyContains reports whether the history still has the sealed head.
func historyContains(q rowQuerier, head audit.ChainHead) (bool, error) {
	if head.Seq == 0 {
		return true, nil
	}
	var hash string
	err := q.QueryRow(`SELECT hash FROM audit WHERE seq = ?`, head.Seq).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("session: history: %w", err)
	}
	return hash == head.Hash, nil
}

// effective returns u with the roles and disabled state that the seal grants:
// a user the seal does not list, or any user when there is no authentic
// seal, gets no role. A session that holds the authority key keeps its
// stored roles, so that a focal point can always repair the roster.
func effective(q signer, canSign bool, vaultID string, u users.User) (users.User, error) {
	if canSign {
		return u, nil
	}
	seal, err := readSeal(q, vaultID)
	if err != nil {
		return u, err
	}
	var granted *sealedUser
	if seal != nil {
		if i := slices.IndexFunc(seal.Users, func(x sealedUser) bool { return x.Name == u.Name }); i >= 0 {
			granted = &seal.Users[i]
		}
	}
	if granted == nil {
		u.Roles = nil
		return u, nil
	}
	u.Roles = slices.DeleteFunc(slices.Clone(u.Roles), func(r users.Role) bool {
		return !slices.Contains(granted.Roles, string(r))
	})
	u.Disabled = u.Disabled || granted.Disabled
	return u, nil
}

// restoreRoster puts the sealed roles and disabled states back into the
// users table (a focal point's unlock after a change outside the app) and
// records what it restored.
func (s *Session) restoreRoster(tx *vault.Tx, seal *rosterSeal) error {
	for _, su := range seal.Users {
		roles := make([]users.Role, len(su.Roles))
		for i, r := range su.Roles {
			roles[i] = users.Role(r)
		}
		res, err := tx.Exec(`UPDATE users SET roles = ?, disabled = ? WHERE name = ? AND (roles <> ? OR disabled <> ?)`,
			users.FormatRoles(roles), su.Disabled, su.Name, users.FormatRoles(roles), su.Disabled)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			if err := s.record(tx, "integrity.restore_roles", "user", su.Name,
				"Khôi phục vai trò theo danh sách đã ký: "+users.FormatRoles(roles)); err != nil {
				return err
			}
		}
	}
	// Users added outside the app get no role until a focal point gives one.
	_, err := tx.Exec(`UPDATE users SET roles = 'it', disabled = 1 WHERE name NOT IN (SELECT value FROM json_each(?))`,
		sealedNames(seal))
	return err
}

// sealedNames is the JSON array of the sealed user names.
func sealedNames(seal *rosterSeal) string {
	names := make([]string, len(seal.Users))
	for i, u := range seal.Users {
		names[i] = u.Name
	}
	b, _ := json.Marshal(names)
	return string(b)
}

// checkRosterAtUnlock checks the seal inside the unlock transaction: each
// problem is recorded in the history in words; a focal point's unlock puts
// the signed roles back and signs the roster and the history head again.
func (s *Session) checkRosterAtUnlock(tx *vault.Tx) ([]error, error) {
	c, err := checkRoster(tx, s.v.ID())
	if err != nil {
		return nil, err
	}
	for _, p := range c.problems {
		if err := s.record(tx, "integrity.alert", "vault", s.v.ID(), integrityText(p)); err != nil {
			return nil, err
		}
	}
	if !tx.CanSign() {
		return c.problems, nil
	}
	if c.seal != nil {
		if err := s.restoreRoster(tx, c.seal); err != nil {
			return nil, err
		}
	}
	return c.problems, s.sealRoster(tx)
}

// integrityText is the history's wording of an integrity problem.
func integrityText(p error) string {
	switch {
	case errors.Is(p, ErrRosterChanged):
		return "Danh sách người dùng hoặc vai trò đã bị sửa ngoài ứng dụng (" + strings.TrimPrefix(p.Error(), ErrRosterChanged.Error()+": ") +
			"); chỉ các vai trò đã được cán bộ đầu mối ký mới có hiệu lực"
	case errors.Is(p, ErrHistoryRewritten):
		return "Lịch sử thay đổi đã bị xóa bớt hoặc sửa ngoài ứng dụng sau lần ký gần nhất của cán bộ đầu mối"
	default:
		return "Không xác thực được danh sách người dùng đã ký; người dùng không phải cán bộ đầu mối không có vai trò nào cho đến khi cán bộ đầu mối mở kho"
	}
}

// IntegrityProblems returns what the roster check at unlock found (errors
// wrapping ErrRosterChanged, ErrRosterUnsigned, ErrHistoryRewritten), to
// show the user; nil when everything matched.
func (s *Session) IntegrityProblems() []error { return slices.Clone(s.problems) }
