package cli

import (
	"fmt"
	"strings"

	"os"

	"daumoi/app/buildinfo"
	"daumoi/data/audit"
	"daumoi/data/blob"
	"daumoi/data/keyring"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// allCommands returns the command table. Commands are added here as the
// services behind them are built; none is listed before it works.
func allCommands() []*command {
	base := []*command{
		{name: "version", summaryKey: "cli.cmd.version", exec: execVersion},
		{name: "help", summaryKey: "cli.cmd.help", argsUsage: "[CMD]", maxArgs: 2, exec: execHelp},
	}
	return append(base, vaultCommands()...)
}

// errorMessages maps the services' sentinel errors to message keys. The
// first match wins, so list specific errors before general ones.
func errorMessages() []errorMessage {
	return []errorMessage{
		{vault.ErrWrongPassphrase, "err.wrong_passphrase"},
		{vault.ErrNoSuchSlot, "err.no_such_slot"},
		{vault.ErrWrongRecoveryKey, "err.wrong_recovery"},
		{vault.ErrRecoveryCodeFormat, "err.recovery_format"},
		{vault.ErrWrongSecret, "err.wrong_secret"},
		{vault.ErrJournalTornTail, "err.torn_tail"},
		{vault.ErrBackupCorrupt, "err.backup_corrupt"},
		{blob.ErrCorrupt, "err.evidence_corrupt"},
		{vault.ErrCorrupt, "err.corrupt"},
		{vault.ErrLocked, "err.locked"},
		{vault.ErrNoVault, "err.no_vault"},
		{vault.ErrVaultExists, "err.vault_exists"},
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
		{ErrNoPassphrase, "err.no_passphrase"},
		{os.ErrExist, "err.file_exists"},
		{os.ErrNotExist, "err.file_not_found"},
		{os.ErrPermission, "err.file_permission"},
		{os.ErrInvalid, "err.not_a_file"},
	}
}

// errorMessage pairs a sentinel error with the i18n key of its message.
type errorMessage struct {
	err error
	key string
}

func execVersion(r *runner, _ any, _ []string) error {
	fmt.Fprintln(r.env.Stdout, buildinfo.String())
	return nil
}

func execHelp(r *runner, _ any, args []string) error {
	if len(args) == 0 {
		r.printUsage(r.env.Stdout)
		return nil
	}
	cmd, ok := r.commands[strings.Join(args, " ")]
	if !ok {
		return usageErrorf(r.cat.T("cli.err.unknown_command", args[0]))
	}
	return cmd.run(r, []string{"-h"})
}
