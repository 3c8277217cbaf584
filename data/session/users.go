package session

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"daumoi/data/users"
	"daumoi/data/vault"
)

const userColumns = `name, full_name, position, roles, disabled, must_reset`

func scanUser(scan func(dest ...any) error) (users.User, error) {
	var u users.User
	var roles string
	if err := scan(&u.Name, &u.FullName, &u.Position, &roles, &u.Disabled, &u.MustReset); err != nil {
		return u, err
	}
	parsed, err := users.ParseRoles(roles)
	if err != nil {
		return u, fmt.Errorf("session: stored roles of %s: %w", u.Name, err)
	}
	u.Roles = parsed
	return u, nil
}

func getUser(q rowQuerier, name string) (users.User, error) {
	u, err := scanUser(q.QueryRow(`SELECT `+userColumns+` FROM users WHERE name = ?`, name).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("%w: %q", users.ErrNoSuchUser, name)
	}
	return u, err
}

func insertUser(tx *vault.Tx, u users.User, now string) error {
	_, err := tx.Exec(`INSERT INTO users (name, full_name, position, roles, disabled, must_reset, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Name, u.FullName, u.Position, users.FormatRoles(u.Roles), u.Disabled, u.MustReset, now, now)
	return err
}

func describeUser(u users.User) string {
	s := u.Name
	if u.FullName != "" {
		s += " (" + u.FullName + ")"
	}
	return s + ", vai trò: " + users.FormatRoles(u.Roles)
}

// ListUsers returns every user, enabled or not, sorted by name.
func (s *Session) ListUsers() ([]users.User, error) {
	var list []users.User
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryUsers(tx, `SELECT `+userColumns+` FROM users ORDER BY name`)
		return err
	})
	return list, err
}

// queryUsers runs a SELECT of userColumns and scans every row.
func queryUsers(q rowQuerier, query string, args ...any) ([]users.User, error) {
	return queryAll(q, scanUser, query, args...)
}

// AddUser creates an account with its first passphrase (focal point only).
// The new user must choose their own passphrase at first unlock.
func (s *Session) AddUser(u users.User, pass []byte) error {
	u, err := users.Normalize(u)
	if err != nil {
		return err
	}
	if err := users.CheckPassphrase(pass); err != nil {
		return err
	}
	if err := s.read(users.PermManageUsers, func(tx *vault.ReadTx, _ users.User) error {
		if err := s.checkRolesFit(tx, u); err != nil {
			return err
		}
		if _, err := getUser(tx, u.Name); err == nil {
			return fmt.Errorf("%w: %q", users.ErrUserExists, u.Name)
		}
		return nil
	}); err != nil {
		return err
	}
	// The keyslot first: a crash before the row leaves a slot without an
	// account, which cannot sign in (ErrAccountIncomplete) and is replaced
	// when the user is added again.
	if err := s.v.SetPassphrase(u.Name, pass, nil); err != nil {
		return err
	}
	u.MustReset = true
	err = s.write(users.PermManageUsers, func(tx *vault.Tx, _ users.User) error {
		if err := insertUser(tx, u, stamp(s.now())); err != nil {
			return err
		}
		if err := s.record(tx, "user.add", "user", u.Name, describeUser(u)); err != nil {
			return err
		}
		return s.sealRoster(tx)
	})
	if err != nil {
		return err
	}
	return s.syncAuthority(u)
}

// UpdateUser changes a user's full name, position and roles (focal point
// only). The last enabled focal point keeps that role.
func (s *Session) UpdateUser(changed users.User) error {
	changed, err := users.Normalize(changed)
	if err != nil {
		return err
	}
	err = s.write(users.PermManageUsers, func(tx *vault.Tx, _ users.User) error {
		before, err := getUser(tx, changed.Name)
		if err != nil {
			return err
		}
		if err := s.checkRolesFit(tx, changed); err != nil {
			return err
		}
		if before.Administers() && !changed.Administers() && !before.Disabled {
			if err := ensureAnotherFocal(tx, before.Name); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE users SET full_name = ?, position = ?, roles = ?, updated_at = ? WHERE name = ?`,
			changed.FullName, changed.Position, users.FormatRoles(changed.Roles), stamp(s.now()), changed.Name); err != nil {
			return err
		}
		if err := s.record(tx, "user.update", "user", changed.Name, describeUser(before)+" → "+describeUser(changed)); err != nil {
			return err
		}
		return s.sealRoster(tx)
	})
	if err != nil {
		return err
	}
	return s.syncAuthority(changed)
}

// syncAuthority gives the authority key to the keyslots of a focal point and
// takes it from anyone else's (see FORMAT.md for what taking it away does
// not undo). Slots that do not exist are skipped.
func (s *Session) syncAuthority(u users.User) error {
	for _, id := range []string{u.Name, keyringSlotID(u.Name)} {
		if err := s.v.SetAuthority(id, u.Administers() && !u.Disabled); err != nil && !errors.Is(err, vault.ErrNoSuchSlot) {
			return err
		}
	}
	return nil
}

// ensureAnotherFocal fails with ErrLastFocal unless an enabled focal point
// other than name exists.
func ensureAnotherFocal(tx *vault.Tx, name string) error {
	others, err := queryUsers(tx, `SELECT `+userColumns+` FROM users WHERE disabled = 0 AND name <> ?`, name)
	if err != nil {
		return err
	}
	for _, u := range others {
		if u.Administers() {
			return nil
		}
	}
	return users.ErrLastFocal
}

// SetDisabled disables or enables a user (focal point only). Disabling
// removes the user's keyslots, so their passphrase no longer opens the vault,
// and then rotates the vault key (RotateKey, its own history entry), so a
// copy of the vault they kept opens nothing written afterwards; enabling
// again needs a passphrase reset. Nobody disables themselves, and
// the last focal point stays.
func (s *Session) SetDisabled(name string, disabled bool) error {
	err := s.write(users.PermManageUsers, func(tx *vault.Tx, _ users.User) error {
		u, err := getUser(tx, name)
		if err != nil {
			return err
		}
		if disabled && name == s.user {
			return fmt.Errorf("%w: cannot disable yourself", ErrNotPermitted)
		}
		if disabled && u.Administers() {
			if err := ensureAnotherFocal(tx, name); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE users SET disabled = ?, must_reset = CASE WHEN ? THEN 1 ELSE must_reset END, updated_at = ? WHERE name = ?`,
			disabled, !disabled, stamp(s.now()), name); err != nil {
			return err
		}
		action := "user.disable"
		if !disabled {
			action = "user.enable"
		}
		if err := s.record(tx, action, "user", name, describeUser(u)); err != nil {
			return err
		}
		return s.sealRoster(tx)
	})
	if err != nil || !disabled {
		return err
	}
	if err := s.revokeSlotsOf(name); err != nil {
		return err
	}
	return s.write(users.PermManageUsers, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "vault.rotate_key", "vault", s.v.ID(),
			"Đổi khóa kho dữ liệu sau khi vô hiệu hóa "+name+": các bản sao, bản sao lưu và mật khẩu cũ của người này không mở được dữ liệu ghi từ nay")
	})
}

// revokeSlotsOf removes the user's keyslots and rotates the vault key in the
// same step, so that their passphrase or keyring secret, even with a copy of
// an old header, opens nothing written afterwards.
func (s *Session) revokeSlotsOf(name string) error {
	var ids []string
	for _, id := range []string{name, keyringSlotID(name)} {
		if slices.ContainsFunc(s.v.Slots(), func(si vault.SlotInfo) bool { return si.ID == id }) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return s.v.RotateKey()
	}
	return s.v.RevokeSlots(ids...)
}

// ResetPassphrase gives another user a new passphrase (focal point only,
// from their own unlocked session). The user must change it at next unlock.
func (s *Session) ResetPassphrase(name string, pass []byte) error {
	if err := users.CheckPassphrase(pass); err != nil {
		return err
	}
	var u users.User
	if err := s.read(users.PermManageUsers, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		u, err = getUser(tx, name)
		return err
	}); err != nil {
		return err
	}
	if err := s.v.SetPassphrase(name, pass, nil); err != nil {
		return err
	}
	return s.write(users.PermManageUsers, func(tx *vault.Tx, _ users.User) error {
		if _, err := tx.Exec(`UPDATE users SET must_reset = 1, updated_at = ? WHERE name = ?`, stamp(s.now()), name); err != nil {
			return err
		}
		return s.record(tx, "user.reset_passphrase", "user", name, "Đặt lại mật khẩu cho "+describeUser(u))
	})
}

// ChangePassphrase sets the acting user's own passphrase. It re-wraps the
// vault key in their slot only: no data is re-encrypted.
func (s *Session) ChangePassphrase(pass []byte) error {
	if err := users.CheckPassphrase(pass); err != nil {
		return err
	}
	if _, err := s.check(anyUser); err != nil {
		return err
	}
	if err := s.v.SetPassphrase(s.user, pass, nil); err != nil {
		return err
	}
	return s.write(anyUser, func(tx *vault.Tx, _ users.User) error {
		if _, err := tx.Exec(`UPDATE users SET must_reset = 0, updated_at = ? WHERE name = ?`, stamp(s.now()), s.user); err != nil {
			return err
		}
		return s.record(tx, "user.change_passphrase", "user", s.user, "Đổi mật khẩu")
	})
}

// finishRevocations revokes the keyslots of users who are disabled but
// still have one (a crash between recording the disable and revoking): a
// focal point's unlock does it, with a new vault key, so that a disable is
// never left half done.
func (s *Session) finishRevocations() error {
	if !s.v.CanSign() {
		return nil
	}
	// Part of a focal point's unlock, not a service call: no permission
	// to check beyond the authority key (CanSign).
	var disabled []users.User
	if err := s.v.View(func(tx *vault.ReadTx) error {
		var err error
		disabled, err = queryUsers(tx, `SELECT `+userColumns+` FROM users WHERE disabled = 1`)
		return err
	}); err != nil {
		return err
	}
	for _, u := range disabled {
		has := slices.ContainsFunc(s.v.Slots(), func(si vault.SlotInfo) bool {
			return si.ID == u.Name || si.ID == keyringSlotID(u.Name)
		})
		if !has {
			continue
		}
		if err := s.revokeSlotsOf(u.Name); err != nil {
			return err
		}
		if err := s.v.Update(func(tx *vault.Tx) error {
			return s.record(tx, "vault.rotate_key", "vault", s.v.ID(),
				"Hoàn tất vô hiệu hóa "+u.Name+" bị gián đoạn: đã thu hồi khóa mở kho và đổi khóa kho dữ liệu")
		}); err != nil {
			return err
		}
	}
	return nil
}

// checkRolesFit fails with users.ErrRoleNotForKind when u holds a role of
// the other kind of vault.
func (s *Session) checkRolesFit(q rowQuerier, u users.User) error {
	k, err := vaultKind(q)
	if err != nil {
		return err
	}
	return k.checkRoles(u)
}
