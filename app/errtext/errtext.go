// Package errtext maps the services' sentinel errors to the keys of their
// messages in the i18n catalogue, so the GUI and the command line say the
// same thing about the same failure.
package errtext

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"daumoi/assets/i18n"
	"daumoi/data/audit"
	"daumoi/data/blob"
	"daumoi/data/keyring"
	"daumoi/data/packs"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Message pairs a sentinel error with the i18n key of its message.
type Message struct {
	Err error
	Key string
}

// Messages lists the sentinel errors of the services with their message
// keys. The first match wins, so specific errors come before general ones.
func Messages() []Message {
	specific := append(append(append(registerMessages(), signingMessages()...), ComplyMessages()...), IncidentMessages()...)
	specific = append(append(specific, packMessages()...), storageMessages()...)
	return append(specific, baseMessages()...)
}

// baseMessages are the vault's, the users' and the session's own errors.
func baseMessages() []Message {
	return []Message{
		{vault.ErrWrongPassphrase, "err.wrong_passphrase"},
		{vault.ErrNoSuchSlot, "err.no_such_slot"},
		{vault.ErrWrongRecoveryKey, "err.wrong_recovery"},
		{vault.ErrRecoveryCodeFormat, "err.recovery_format"},
		{vault.ErrWrongSecret, "err.wrong_secret"},
		{vault.ErrJournalTornTail, "err.torn_tail"},
		{vault.ErrJournalDamaged, "err.journal_damaged"},
		{vault.ErrBackupCorrupt, "err.backup_corrupt"},
		{blob.ErrCorrupt, "err.evidence_corrupt"},
		{vault.ErrCorrupt, "err.corrupt"},
		{vault.ErrLocked, "err.locked"},
		{vault.ErrNoVault, "err.no_vault"},
		{vault.ErrVaultExists, "err.vault_exists"},
		{vault.ErrOldVersion, "err.old_version"},
		{vault.ErrNoAuthority, "err.no_authority"},
		{session.ErrRosterChanged, "err.roster_changed"},
		{session.ErrRosterUnsigned, "err.roster_unsigned"},
		{session.ErrHistoryRewritten, "err.history_rewritten"},
		{vault.ErrUnsupportedVersion, "err.unsupported_version"},
		{vault.ErrSchemaTooNew, "err.unsupported_version"},
		{vault.ErrTargetNotEmpty, "err.target_not_empty"},
		{vault.ErrBlobNotFound, "err.no_such_evidence"},
		{session.ErrNoSuchEvidence, "err.no_such_evidence"},
		{session.ErrMustReset, "err.must_reset"},
		{session.ErrTooSoon, "err.too_soon"},
		{session.ErrAccountIncomplete, "err.account_incomplete"},
		{session.ErrInvalidInput, "err.invalid_input"},
		{users.ErrNotPermitted, "err.not_permitted"},
		{users.ErrWeakPassphrase, "err.weak_passphrase"},
		{users.ErrInvalidName, "err.invalid_name"},
		{users.ErrUnknownRole, "err.unknown_role"},
		{users.ErrNoRole, "err.no_role"},
		{users.ErrUserExists, "err.user_exists"},
		{users.ErrNoSuchUser, "err.no_such_user"},
		{users.ErrUserDisabled, "err.user_disabled"},
		{users.ErrLastFocal, "err.last_focal"},
		{users.ErrFieldTooLong, "err.field_too_long"},
		{audit.ErrBroken, "err.audit_broken"},
		{keyring.ErrUnavailable, "err.keyring_unavailable"},
		{os.ErrExist, "err.file_exists"},
		{os.ErrNotExist, "err.file_not_found"},
		{os.ErrPermission, "err.file_permission"},
		{os.ErrInvalid, "err.not_a_file"},
	}
}

// Describe turns err into a message in cat's language, using extra (checked
// first) and then Messages. A file error adds the file's path, a pack
// problem its path in the pack. Errors no table knows keep their own text.
func Describe(cat *i18n.Catalog, err error, extra ...Message) string {
	detail := ""
	var pe *fs.PathError
	var ve *packs.ValidationError
	switch {
	case errors.As(err, &pe):
		detail = " (" + pe.Path + ")"
	case errors.As(err, &ve) && ve.Path != "":
		detail = " (" + ve.Path + ")"
	}
	for _, m := range append(extra, Messages()...) {
		if errors.Is(err, m.Err) {
			return cat.T(m.Key) + detail
		}
	}
	return err.Error()
}

// Integrity describes one problem the roster check found at unlock
// (session.Session.IntegrityProblems), naming the users concerned when the
// problem says which.
func Integrity(cat *i18n.Catalog, problem error) string {
	msg := Describe(cat, problem)
	if !errors.Is(problem, session.ErrRosterChanged) {
		return msg
	}
	if _, names, ok := strings.Cut(problem.Error(), session.ErrRosterChanged.Error()+": "); ok && names != "" {
		msg += ". " + cat.T("integrity.users", names)
	}
	return msg
}
