package session

import (
	"daumoi/data/users"
	"daumoi/data/vault"
)

// RotateKey gives the vault a new key (focal point only, PermManageKeys):
// every remaining keyslot is rewrapped, and an old header or backup opened
// with an old passphrase or recovery code reads nothing written from now
// on. One history entry records it.
func (s *Session) RotateKey() error {
	return s.rotate("Đổi khóa kho dữ liệu: bản sao, bản sao lưu và mật khẩu cũ không mở được dữ liệu ghi từ nay")
}

// rotate rotates the vault key after checking the permission and records
// summary as the entry "vault.rotate_key".
func (s *Session) rotate(summary string) error {
	if _, err := s.check(users.PermManageKeys); err != nil {
		return err
	}
	if err := s.v.RotateKey(); err != nil {
		return err
	}
	return s.write(users.PermManageKeys, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "vault.rotate_key", "vault", s.v.ID(), summary)
	})
}

// NewRecoveryCode replaces the recovery code (focal point only,
// PermManageKeys) and returns the new one, to be shown once; the old code
// opens nothing from now on (the vault key rotates with it). One history
// entry records it, never the code.
func (s *Session) NewRecoveryCode() (vault.RecoveryCode, error) {
	if _, err := s.check(users.PermManageKeys); err != nil {
		return "", err
	}
	code, err := s.v.NewRecoveryCode()
	if err != nil {
		return "", err
	}
	err = s.write(users.PermManageKeys, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "vault.new_recovery_code", "vault", s.v.ID(), "Tạo mã khôi phục mới: mã cũ không còn mở được kho dữ liệu")
	})
	return code, err
}
