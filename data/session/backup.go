package session

import (
	"io"

	"daumoi/data/users"
	"daumoi/data/vault"
)

// Backup writes the whole vault (database and evidence) as one encrypted
// file, restorable with any user's passphrase or the recovery code (focal
// point only). The backup is recorded in the history first, so that the
// backup contains its own record.
func (s *Session) Backup(w io.Writer) error {
	if err := s.write(users.PermBackup, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "vault.backup", "vault", s.v.ID(), "Sao lưu toàn bộ kho dữ liệu")
	}); err != nil {
		return err
	}
	return s.v.Backup(w)
}

// Restore recreates a vault in dir (which must not exist or be empty) from
// a backup, after verifying everything in it.
func Restore(r io.Reader, dir string, cred Credential) error {
	return vault.Restore(r, dir, vault.Credential{User: cred.User, Passphrase: cred.Passphrase, RecoveryCode: cred.RecoveryCode})
}
