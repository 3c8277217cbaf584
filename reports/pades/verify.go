package pades

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
	"golang.org/x/text/unicode/norm"
)

// SignatureInfo is what Verify found about one signature.
type SignatureInfo struct {
	// SignerName is the certificate subject's common name.
	SignerName string
	// Subject and Issuer are the certificate's distinguished names.
	Subject, Issuer string
	// Certificate is the signer's certificate; Chain the other
	// certificates the signature carries.
	Certificate *x509.Certificate
	Chain       []*x509.Certificate
	// SigningTime is the timestamp authority's time when Timestamped,
	// otherwise the time the signer's computer claimed.
	SigningTime time.Time
	Timestamped bool
	// Reason and Location are the signature dictionary's texts.
	Reason, Location string
	// Intact: the signed bytes match the signature. Unmodified: they are
	// the whole file (nothing appended since). CertValid: the certificate
	// was valid at SigningTime. Trusted: it chains to a given root.
	Intact, Unmodified, CertValid, Trusted bool
	// Err is nil for a valid signature, otherwise why it is not (ErrModified,
	// ErrBadSignature, ErrCertNotValid, ErrUntrusted).
	Err error
}

// Valid reports whether the signature is valid: intact, covering the whole
// document, made with a certificate valid then and issued under roots.
func (s SignatureInfo) Valid() bool { return s.Err == nil }

// OIDs of the CMS attributes read here.
var (
	oidSigningTime    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
)

// Verify checks every signature of the PDF against roots (nil: no root is
// trusted, so no signature is valid, but the rest is still reported). It
// fails with ErrBadPDF for an unreadable file and ErrNotSigned when there is
// no signature; each signature's own verdict is in its SignatureInfo.
func Verify(doc []byte, roots *x509.CertPool) ([]SignatureInfo, error) {
	dicts, err := signatureDicts(doc)
	if err != nil {
		return nil, err
	}
	if len(dicts) == 0 {
		return nil, ErrNotSigned
	}
	out := make([]SignatureInfo, 0, len(dicts))
	for _, d := range dicts {
		out = append(out, verifyOne(doc, d, roots))
	}
	return out, nil
}

// sigDict is a signature dictionary's parts that matter here.
type sigDict struct {
	contents         []byte
	byteRange        []int64
	reason, location string
}

// signatureDicts finds the signature dictionaries (Filter Adobe.PPKLite).
func signatureDicts(doc []byte) (out []sigDict, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("%w: %v", ErrBadPDF, p)
		}
	}()
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadPDF, err)
	}
	for _, x := range rdr.Xref() {
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Kind() != pdf.Dict || v.Key("Filter").Name() != "Adobe.PPKLite" {
			continue
		}
		d := sigDict{contents: []byte(v.Key("Contents").RawString()), reason: norm.NFC.String(v.Key("Reason").Text()),
			location: norm.NFC.String(v.Key("Location").Text())}
		br := v.Key("ByteRange")
		for i := 0; i < br.Len(); i++ {
			d.byteRange = append(d.byteRange, br.Index(i).Int64())
		}
		out = append(out, d)
	}
	return out, nil
}

// verifyOne checks one signature.
func verifyOne(doc []byte, d sigDict, roots *x509.CertPool) SignatureInfo {
	info := SignatureInfo{Reason: d.reason, Location: d.location}
	signed, whole, err := signedBytes(doc, d.byteRange)
	if err != nil {
		info.Err = err
		return info
	}
	p7, err := pkcs7.Parse(d.contents)
	if err != nil || len(p7.Signers) != 1 {
		info.Err = fmt.Errorf("%w: %v", ErrBadSignature, err)
		return info
	}
	p7.Content = signed
	describeSigner(&info, p7)
	if info.Certificate == nil {
		info.Err = fmt.Errorf("%w: no signer certificate", ErrBadSignature)
		return info
	}
	info.Unmodified = whole
	info.Err = checkCMS(&info, p7)
	if trustErr := checkChain(&info, roots); info.Err == nil {
		info.Err = trustErr
	}
	if info.Err == nil && !whole {
		info.Err = ErrModified
	}
	return info
}

// signedBytes reads the byte range: the two parts around the /Contents
// hex string; whole reports whether they cover the entire file.
func signedBytes(doc []byte, br []int64) (signed []byte, whole bool, err error) {
	if len(br) != 4 || br[0] != 0 || br[1] < 0 || br[2] < br[1] || br[3] < 0 || br[2]+br[3] > int64(len(doc)) {
		return nil, false, fmt.Errorf("%w: byte range %v", ErrModified, br)
	}
	if br[1] >= int64(len(doc)) || doc[br[1]] != '<' || doc[br[2]-1] != '>' {
		return nil, false, fmt.Errorf("%w: byte range %v does not leave out exactly the signature", ErrModified, br)
	}
	signed = append(append([]byte{}, doc[:br[1]]...), doc[br[2]:br[2]+br[3]]...)
	return signed, br[2]+br[3] == int64(len(doc)), nil
}

// describeSigner fills the certificate, names and signing time.
func describeSigner(info *SignatureInfo, p7 *pkcs7.PKCS7) {
	info.Certificate = p7.GetOnlySigner()
	for _, c := range p7.Certificates {
		if c != info.Certificate {
			info.Chain = append(info.Chain, c)
		}
	}
	if info.Certificate != nil {
		info.SignerName = info.Certificate.Subject.CommonName
		info.Subject = info.Certificate.Subject.String()
		info.Issuer = info.Certificate.Issuer.String()
	}
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(oidSigningTime, &t); err == nil {
		info.SigningTime = t
	}
	if ts := timestampOf(p7); ts != nil {
		info.SigningTime, info.Timestamped = ts.Time, true
	}
}

// timestampOf is the signature's RFC 3161 timestamp if it has one that
// covers its signature value.
func timestampOf(p7 *pkcs7.PKCS7) *timestamp.Timestamp {
	s := p7.Signers[0]
	for _, attr := range s.UnauthenticatedAttributes {
		if !attr.Type.Equal(oidTimeStampToken) {
			continue
		}
		ts, err := timestamp.Parse(attr.Value.Bytes)
		if err != nil || !ts.HashAlgorithm.Available() {
			return nil
		}
		h := ts.HashAlgorithm.New()
		h.Write(s.EncryptedDigest)
		if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
			return nil
		}
		return ts
	}
	return nil
}

// checkCMS verifies the CMS signature over the signed bytes with the
// library, and the certificate's validity at the signing time.
func checkCMS(info *SignatureInfo, p7 *pkcs7.PKCS7) error {
	c := info.Certificate
	info.CertValid = !info.SigningTime.IsZero() && !info.SigningTime.Before(c.NotBefore) && !info.SigningTime.After(c.NotAfter)
	err := p7.Verify()
	var mismatch *pkcs7.MessageDigestMismatchError
	switch {
	case err == nil:
		info.Intact = true
	case errors.As(err, &mismatch):
		return fmt.Errorf("%w: %v", ErrModified, err)
	case strings.Contains(err.Error(), "outside of certificate validity"):
		// The library stops before checking the signature value.
		return fmt.Errorf("%w: %v", ErrCertNotValid, err)
	default:
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if !info.CertValid {
		return fmt.Errorf("%w: %s", ErrCertNotValid, info.SigningTime.UTC().Format(time.RFC3339))
	}
	return nil
}

// checkChain verifies the certificate chains to roots at the signing time.
func checkChain(info *SignatureInfo, roots *x509.CertPool) error {
	if roots == nil {
		return ErrUntrusted
	}
	inter := x509.NewCertPool()
	for _, c := range info.Chain {
		inter.AddCert(c)
	}
	at := info.SigningTime
	if at.IsZero() {
		at = time.Now()
	}
	_, err := info.Certificate.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUntrusted, err)
	}
	info.Trusted = true
	return nil
}

// Fingerprint is the SHA-256 of a certificate, hex, for display.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return fmt.Sprintf("%X", sum[:])
}
