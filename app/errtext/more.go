package errtext

import (
	"daumoi/data/blob"
	"daumoi/data/keyring"
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/session"
	"daumoi/data/tabular"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/pdfdoc"
)

// storageMessages maps the remaining sentinels of the vault, the blob
// store, the keyring, the PDF renderer and the report services, so that
// none reaches the user as Go's English text. Errors that only a bug can
// cause share one message asking to tell support.
func storageMessages() []Message {
	return []Message{
		{Err: blob.ErrMismatch, Key: "err.evidence_corrupt"},
		{Err: blob.ErrNotFound, Key: "err.no_such_evidence"},
		{Err: blob.ErrInvalidID, Key: "err.blob_invalid_id"},
		{Err: blob.ErrNoIdentity, Key: "err.blob_no_identity"},
		{Err: vault.ErrLastSlot, Key: "err.last_slot"},
		{Err: vault.ErrSlotExists, Key: "err.slot_exists"},
		{Err: vault.ErrInvalidSlotID, Key: "err.invalid_slot_id"},
		{Err: vault.ErrEmptyPassphrase, Key: "err.empty_passphrase"},
		{Err: vault.ErrInvalidKDF, Key: "err.invalid_kdf"},
		{Err: vault.ErrArgType, Key: "err.vault_internal"},
		{Err: vault.ErrNotReadOnly, Key: "err.vault_internal"},
		{Err: vault.ErrStatementFailed, Key: "err.vault_internal"},
		{Err: vault.ErrMigration, Key: "err.vault_internal"},
		{Err: vault.ErrClosed, Key: "err.vault_closed"},
		{Err: vault.ErrBroken, Key: "err.vault_broken"},
		{Err: vault.ErrNoCredential, Key: "err.no_credential"},
		{Err: vault.ErrNoNoticeKey, Key: "err.no_notice_key"},
		{Err: keyring.ErrNotFound, Key: "err.keyring_not_found"},
		{Err: keyring.ErrTimeout, Key: "err.keyring_timeout"},
		{Err: keyring.ErrTooLarge, Key: "err.keyring_too_large"},
		{Err: keyring.ErrInvalidAccount, Key: "err.keyring_invalid_account"},
		{Err: keyring.ErrMalformed, Key: "err.keyring_malformed"},
		{Err: pdfdoc.ErrImage, Key: "err.pdf_image"},
		{Err: pdfdoc.ErrImageTooLarge, Key: "err.pdf_image"},
		{Err: pdfdoc.ErrFont, Key: "err.pdf_font"},
		{Err: pdfdoc.ErrTooManyColumns, Key: "err.pdf_too_many_columns"},
		{Err: pdfdoc.ErrWrite, Key: "err.pdf_write"},
		{Err: pdfdoc.ErrInvalidBlock, Key: "err.pdf_failed"},
		{Err: pdfdoc.ErrTableShape, Key: "err.pdf_failed"},
		{Err: pdfdoc.ErrPDF, Key: "err.pdf_failed"},
		{Err: pdfdoc.ErrInternal, Key: "err.pdf_failed"},
		{Err: tabular.ErrBadDate, Key: "err.tab.bad_date"},
		{Err: tabular.ErrBadSheetName, Key: "err.tab.bad_sheet_name"},
		{Err: obligations.ErrBadInput, Key: "err.obligations_input"},
		{Err: bundle.ErrInvalidAssessment, Key: "err.bundle.invalid_assessment"},
		{Err: session.ErrNoSigningKey, Key: "err.no_signing_key"},
		{Err: session.ErrUnknownReportKind, Key: "err.unknown_report_kind"},
		{Err: session.ErrBadReportPeriod, Key: "err.bad_report_period"},
		{Err: session.ErrUnknownBundleKind, Key: "err.unknown_bundle_kind"},
	}
}

// packMessages maps the problems of a regulation pack; Describe adds the
// path of the problem in the file.
func packMessages() []Message {
	return []Message{
		{Err: packs.ErrTooLarge, Key: "err.pack.too_large"},
		{Err: packs.ErrMalformed, Key: "err.pack.malformed"},
		{Err: packs.ErrInvalidUTF8, Key: "err.pack.invalid_utf8"},
		{Err: packs.ErrUnknownField, Key: "err.pack.unknown_field"},
		{Err: packs.ErrFormatVersion, Key: "err.pack.format_version"},
		{Err: packs.ErrMissingText, Key: "err.pack.missing_text"},
		{Err: packs.ErrNotNFC, Key: "err.pack.not_nfc"},
		{Err: packs.ErrBadID, Key: "err.pack.bad_id"},
		{Err: packs.ErrDuplicateID, Key: "err.pack.duplicate_id"},
		{Err: packs.ErrBadLevel, Key: "err.pack.bad_level"},
		{Err: packs.ErrUnknownReference, Key: "err.pack.unknown_reference"},
		{Err: packs.ErrBadDate, Key: "err.pack.bad_date"},
		{Err: packs.ErrBadDuration, Key: "err.pack.bad_duration"},
		{Err: packs.ErrBadRule, Key: "err.pack.bad_rule"},
		{Err: packs.ErrBadVersion, Key: "err.pack.bad_version"},
		{Err: packs.ErrNotNewer, Key: "err.pack.not_newer_plain"},
		{Err: packs.ErrNotImported, Key: "err.pack.not_imported"},
	}
}
