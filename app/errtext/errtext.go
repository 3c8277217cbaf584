// Package errtext maps the services' sentinel errors to the keys of their
// messages in the i18n catalogue, so the GUI and the command line say the
// same thing about the same failure.
package errtext

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode"

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
	specific = append(append(append(append(specific, officeMessages()...), padesMessages()...), packMessages()...), storageMessages()...)
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
// first) and then Messages: the one path by which the GUI and the command
// line render an error, so the same failure reads the same everywhere.
//
// The message adds what the service said after the sentinel ("sentinel:
// detail"), the path of a problem in a pack, or a file's path. The
// services write details in English, so in another language only the
// values in a detail are kept (a quoted string, an ID, a date, a name) and
// English prose such as "note too long" is dropped: English never follows
// a Vietnamese message. Errors no table knows keep their own text.
func Describe(cat *i18n.Catalog, err error, extra ...Message) string {
	for _, m := range append(extra, Messages()...) {
		if errors.Is(err, m.Err) {
			return cat.T(m.Key) + detail(cat, err, m.Err)
		}
	}
	return err.Error()
}

// detail is what Describe adds to the message of sentinel.
func detail(cat *i18n.Catalog, err, sentinel error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return " (" + pe.Path + ")"
	}
	text, where := detailText(cat, err, sentinel)
	if cat.Lang() != i18n.English {
		text = valuesOf(text)
	}
	if text != "" {
		text = ": " + text
	}
	return text + where
}

// detailText is the service's detail of err after sentinel, and where in
// a pack the problem is.
func detailText(cat *i18n.Catalog, err, sentinel error) (text, where string) {
	var ve *packs.ValidationError
	if errors.As(err, &ve) {
		if ve.Path != "" {
			where = " (" + packPath(cat, ve.Path) + ")"
		}
		if ve.Detail == sentinel.Error() {
			return "", where
		}
		return ve.Detail, where
	}
	full, prefix := err.Error(), sentinel.Error()+": "
	if i := strings.Index(full, prefix); i >= 0 {
		return full[i+len(prefix):], ""
	}
	return "", ""
}

// packPath is where a pack problem is: a JSON path as it is, or a
// position in the file ("line L, column C") in cat's language.
func packPath(cat *i18n.Catalog, path string) string {
	var line, col int
	if n, err := fmt.Sscanf(path, "line %d, column %d", &line, &col); err == nil && n == 2 && fmt.Sprintf("line %d, column %d", line, col) == path {
		return cat.T("err.pack.position", line, col)
	}
	return path
}

// valuesOf keeps of an English detail only what reads the same in any
// language: the innermost part if it is a value, else the quoted strings.
func valuesOf(detail string) string {
	last := detail
	if j := strings.LastIndex(detail, ": "); j >= 0 {
		last = detail[j+2:]
	}
	if isValue(last) {
		return last
	}
	return strings.Join(quoted(detail), ", ")
}

// isValue reports whether a detail is a value worth showing in any
// language rather than English prose. Quoted parts are values; what is left
// must be empty, or hold a letter outside ASCII (it is Vietnamese: a name,
// a text the service wrote), or be one word with a digit or a mark in it
// (an ID, a date, a file name). A bare English word ("users") or an
// English phrase ("note too long", `part "x"`) is not a value.
func isValue(s string) bool {
	if s == "" {
		return false
	}
	rest := stripQuoted(s)
	switch {
	case strings.TrimSpace(rest) == "":
		return true
	case strings.IndexFunc(rest, func(c rune) bool { return c > unicode.MaxASCII }) >= 0:
		return true
	case strings.Contains(rest, " "):
		return false
	}
	return strings.IndexFunc(rest, func(c rune) bool { return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') }) >= 0
}

// stripQuoted removes the double-quoted parts of s (as %q writes them).
func stripQuoted(s string) string {
	out, _ := splitQuoted(s)
	return out
}

// quoted returns the double-quoted parts of s, quotes included.
func quoted(s string) []string {
	_, q := splitQuoted(s)
	return q
}

// splitQuoted separates the double-quoted parts of s from the rest.
func splitQuoted(s string) (rest string, parts []string) {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		j := i + 1
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(s) {
			break
		}
		b.WriteString(s[:i])
		parts = append(parts, s[i:j+1])
		s = s[j+1:]
	}
	b.WriteString(s)
	return b.String(), parts
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
