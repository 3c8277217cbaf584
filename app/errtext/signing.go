package errtext

import (
	"daumoi/reports/bundle"
	"daumoi/reports/signing"
)

// signingMessages maps the bundle and signing sentinels to message keys.
func signingMessages() []Message {
	return []Message{
		{Err: bundle.ErrNotZip, Key: "err.bundle.not_zip"},
		{Err: bundle.ErrTruncated, Key: "err.bundle.truncated"},
		{Err: bundle.ErrTooLarge, Key: "err.bundle.too_large"},
		{Err: bundle.ErrUnsafePath, Key: "err.bundle.unsafe_path"},
		{Err: bundle.ErrNoManifest, Key: "err.bundle.no_manifest"},
		{Err: bundle.ErrUnknownSigner, Key: "err.bundle.unknown_signer"},
		{Err: bundle.ErrBadSignature, Key: "err.bundle.bad_signature"},
		{Err: bundle.ErrUnsupportedVersion, Key: "err.bundle.unsupported_version"},
		{Err: bundle.ErrBadManifest, Key: "err.bundle.bad_manifest"},
		{Err: bundle.ErrMissingFile, Key: "err.bundle.missing_file"},
		{Err: bundle.ErrHashMismatch, Key: "err.bundle.hash_mismatch"},
		{Err: bundle.ErrExtraFile, Key: "err.bundle.extra_file"},
		{Err: bundle.ErrNoTrustedKeys, Key: "err.bundle.no_trusted_keys"},
		{Err: bundle.ErrInvalidBundle, Key: "err.bundle.invalid"},
		{Err: bundle.ErrNoKey, Key: "err.bundle.no_key"},
		{Err: signing.ErrWrongPassphrase, Key: "err.signing.wrong_passphrase"},
		{Err: signing.ErrMalformedKey, Key: "err.signing.malformed_key"},
		{Err: signing.ErrMalformedSignature, Key: "err.signing.malformed_signature"},
		{Err: signing.ErrBadSignature, Key: "err.signing.bad_signature"},
		{Err: signing.ErrEmptyPassphrase, Key: "err.signing.empty_passphrase"},
	}
}
