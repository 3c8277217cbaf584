package errtext

import (
	"daumoi/data/token"
	"daumoi/reports/pades"
)

// padesMessages maps the PAdES signing and token sentinels to message keys.
// The token's own errors come first: a failed signature wraps both
// pades.ErrSign and the token's reason.
func padesMessages() []Message {
	return []Message{
		{Err: token.ErrWrongPIN, Key: "err.pades.wrong_pin"},
		{Err: token.ErrPINLocked, Key: "err.pades.pin_locked"},
		{Err: token.ErrTokenRemoved, Key: "err.pades.token_removed"},
		{Err: token.ErrModule, Key: "err.pades.module"},
		{Err: token.ErrTokenNotChosen, Key: "err.pades.token_not_chosen"},
		{Err: token.ErrNoToken, Key: "err.pades.no_token"},
		{Err: token.ErrNoKey, Key: "err.pades.no_key"},
		{Err: token.ErrKeyNotChosen, Key: "err.pades.key_not_chosen"},
		{Err: token.ErrToken, Key: "err.pades.token"},
		{Err: pades.ErrBadPDF, Key: "err.pades.bad_pdf"},
		{Err: pades.ErrNoCertificate, Key: "err.pades.no_certificate"},
		{Err: pades.ErrImageNotPNG, Key: "err.pades.image_not_png"},
		{Err: pades.ErrImageOpaque, Key: "err.pades.image_opaque"},
		{Err: pades.ErrImageSize, Key: "err.pades.image_size"},
		{Err: pades.ErrRect, Key: "err.pades.rect"},
		{Err: pades.ErrAppearance, Key: "err.pades.appearance"},
		{Err: pades.ErrSign, Key: "err.pades.sign"},
		{Err: pades.ErrNotSigned, Key: "err.pades.not_signed"},
		{Err: pades.ErrModified, Key: "err.pades.modified"},
		{Err: pades.ErrBadSignature, Key: "err.pades.bad_signature"},
		{Err: pades.ErrCertNotValid, Key: "err.pades.cert_not_valid"},
		{Err: pades.ErrUntrusted, Key: "err.pades.untrusted"},
		{Err: pades.ErrBadCertificates, Key: "err.pades.bad_certificates"},
	}
}
