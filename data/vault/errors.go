package vault

import "errors"

// Sentinel errors. Callers test them with errors.Is; the wrapped error adds
// detail (which file, which record) for logs.
var (
	// ErrVaultExists is returned by Create when the folder already holds a vault.
	ErrVaultExists = errors.New("vault: the folder already contains a vault")
	// ErrNoVault is returned when the folder holds no vault header.
	ErrNoVault = errors.New("vault: no vault in this folder")
	// ErrLocked is returned when another process (or another handle) holds the vault's lock.
	ErrLocked = errors.New("vault: the vault is in use by another process")
	// ErrWrongPassphrase is returned when a passphrase does not unwrap its slot.
	ErrWrongPassphrase = errors.New("vault: wrong passphrase")
	// ErrNoSuchSlot is returned when no keyslot has the given id (or user name).
	ErrNoSuchSlot = errors.New("vault: no such keyslot")
	// ErrWrongRecoveryKey is returned when a well-formed recovery code does not unwrap the recovery slot.
	ErrWrongRecoveryKey = errors.New("vault: wrong recovery code")
	// ErrRecoveryCodeFormat is returned when a recovery code is not 32 Crockford base32 characters.
	ErrRecoveryCodeFormat = errors.New("vault: malformed recovery code")
	// ErrWrongSecret is returned when a keyring secret does not unwrap its slot.
	ErrWrongSecret = errors.New("vault: wrong secret for this keyslot")
	// ErrCorrupt is returned when a vault file fails its checksum, its
	// authentication, the journal hash chain, or cannot be parsed.
	ErrCorrupt = errors.New("vault: vault file is corrupt or was tampered with")
	// ErrJournalTornTail names an incomplete final journal record (a crash
	// during a commit that never returned). Opening no longer returns it:
	// such a record is dropped automatically and kept in the vault folder
	// (Vault.DroppedTails).
	ErrJournalTornTail = errors.New("vault: the journal ends with an incomplete record")
	// ErrUnsupportedVersion is returned for a header written by a newer format version.
	ErrUnsupportedVersion = errors.New("vault: unsupported vault format version")
	// ErrOldVersion is returned for a vault of format version 1, written
	// only by pre-release builds (its keys could not be rotated).
	ErrOldVersion = errors.New("vault: this vault was made by a pre-release version and cannot be opened")
	// ErrNoAuthority is returned when signing needs the authority key and
	// the slot that unlocked the vault does not hold it.
	ErrNoAuthority = errors.New("vault: this keyslot does not hold the vault's authority key")
	// ErrLastSlot is returned when removing the last passphrase slot.
	ErrLastSlot = errors.New("vault: cannot remove the last passphrase slot")
	// ErrSlotExists is returned when adding a slot whose id is taken.
	ErrSlotExists = errors.New("vault: a keyslot with this id already exists")
	// ErrInvalidSlotID is returned for an empty, too long or non-printable slot id or user name.
	ErrInvalidSlotID = errors.New("vault: invalid keyslot id or user name")
	// ErrEmptyPassphrase is returned when a new passphrase is empty.
	ErrEmptyPassphrase = errors.New("vault: empty passphrase")
	// ErrInvalidKDF is returned when KDF parameters are out of the accepted range.
	ErrInvalidKDF = errors.New("vault: KDF parameters out of range")
	// ErrArgType is returned when a statement argument has a type other than
	// nil, int, int64, float64, bool, string or []byte.
	ErrArgType = errors.New("vault: unsupported statement argument type")
	// ErrNotReadOnly is returned when a query run through Query, QueryRow or
	// View would modify the database.
	ErrNotReadOnly = errors.New("vault: statement is not read-only")
	// ErrStatementFailed is returned by Update when a statement failed inside
	// the transaction even though the function returned nil.
	ErrStatementFailed = errors.New("vault: a statement in the transaction failed")
	// ErrClosed is returned when using a closed Vault or Locked.
	ErrClosed = errors.New("vault: vault is closed")
	// ErrBroken is returned after a journal write failed and could not be
	// undone; the vault must be closed and reopened.
	ErrBroken = errors.New("vault: vault is in an inconsistent state; close and reopen it")
	// ErrMigration is returned for an invalid migration list.
	ErrMigration = errors.New("vault: invalid migration list")
	// ErrSchemaTooNew is returned when the database has migrations this program does not know.
	ErrSchemaTooNew = errors.New("vault: database was written by a newer version of the program")
	// ErrTargetNotEmpty is returned by Restore when the target folder exists and is not empty.
	ErrTargetNotEmpty = errors.New("vault: restore target folder is not empty")
	// ErrBackupCorrupt is returned when a backup file is truncated, damaged or not a backup.
	ErrBackupCorrupt = errors.New("vault: backup file is corrupt or was tampered with")
	// ErrNoCredential is returned by Restore when the Credential has neither a passphrase nor a recovery code.
	ErrNoCredential = errors.New("vault: no credential given")
	// ErrBlobNotFound is returned when the vault records no blob with the given id.
	ErrBlobNotFound = errors.New("vault: no such blob")
)
