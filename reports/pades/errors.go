package pades

import "errors"

// Sentinel errors of signing and verification.
var (
	// ErrBadPDF: the file is not a PDF the signer or verifier can read.
	ErrBadPDF = errors.New("pades: not a readable PDF")
	// ErrNoCertificate: the signer has no key or no certificate.
	ErrNoCertificate = errors.New("pades: no signing key or certificate")
	// ErrSign: the signature could not be made (the key's own error is
	// wrapped too).
	ErrSign = errors.New("pades: signing failed")
	// ErrAppearance: the visible signature could not be drawn.
	ErrAppearance = errors.New("pades: cannot draw the signature appearance")
	// ErrRect: the signature rectangle or page is not on the document.
	ErrRect = errors.New("pades: signature rectangle outside the document")
	// ErrImageNotPNG: a signature or seal image is not a PNG.
	ErrImageNotPNG = errors.New("pades: image is not a PNG")
	// ErrImageOpaque: a signature or seal image has no transparent
	// background.
	ErrImageOpaque = errors.New("pades: image has no transparent background")
	// ErrImageSize: a signature or seal image is too small or too large.
	ErrImageSize = errors.New("pades: image too small or too large")
	// ErrNotSigned: the PDF carries no signature.
	ErrNotSigned = errors.New("pades: the PDF is not signed")
	// ErrModified: the document changed after it was signed.
	ErrModified = errors.New("pades: document modified after signing")
	// ErrBadSignature: the signature does not verify with its certificate.
	ErrBadSignature = errors.New("pades: signature does not verify")
	// ErrCertNotValid: the certificate was not valid at the signing time.
	ErrCertNotValid = errors.New("pades: certificate not valid at the signing time")
	// ErrUntrusted: the certificate does not chain to a trusted root.
	ErrUntrusted = errors.New("pades: certificate not issued by a trusted authority")
)

// ErrBadCertificates: a certificate file holds no readable PEM certificate.
var ErrBadCertificates = errors.New("pades: no readable certificate in the file")
