package session

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/pades"
)

// trustedRootsKey is the settings row of the certificate authorities the
// office trusts for the PAdES signatures on reports (PEM or DER, as read).
const trustedRootsKey = "pades.trusted_roots"

// SetTrustedRoots replaces the certificate authorities whose certificates
// the office trusts on signed report PDFs (the Government's specialised CA
// for state bodies, a public CA…); certs is a PEM or DER file's content,
// checked to hold certificates (pades.ErrBadCertificates); empty removes
// them. Receiving officer only (PermReceive).
func (s *Session) SetTrustedRoots(certs []byte) error {
	var names []string
	if len(certs) > 0 {
		list, err := pades.ParseCertificates(certs)
		if err != nil {
			return err
		}
		for _, c := range list {
			names = append(names, c.Subject.CommonName)
		}
	}
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		if err := putSettingBytes(tx, trustedRootsKey, certs); err != nil {
			return err
		}
		return s.record(tx, "office.trusted_roots", "agency", "1", "chứng thư gốc tin cậy: "+strings.Join(names, "; "))
	})
}

// TrustedRoots returns the certificate authorities the office trusts (none
// when not set). Needs PermRead.
func (s *Session) TrustedRoots() ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		b, err := settingBytes(tx, trustedRootsKey)
		if err != nil || len(b) == 0 {
			return err
		}
		certs, err = pades.ParseCertificates(b)
		return err
	})
	return certs, err
}

// ReportSignature is what one report PDF of a received bundle carries:
// its PAdES signatures (none: Signed is false), or why the PDF could not
// be read.
type ReportSignature struct {
	Path       string
	Signed     bool
	Signatures []pades.SignatureInfo
	Err        error
}

// maxSignedReport bounds the report PDFs read to check their signatures.
const maxSignedReport = 64 << 20

// ReportSignatures checks the PAdES signatures of every report PDF in the
// bundle v against the office's trusted roots (TrustedRoots): who signed
// (certificate subject and issuer), when, whether the document is unchanged
// since and the certificate was valid then and issued under a trusted
// authority.
func (s *Session) ReportSignatures(v *BundleView) ([]ReportSignature, error) {
	roots, err := s.TrustedRoots()
	if err != nil {
		return nil, err
	}
	var pool *x509.CertPool
	if len(roots) > 0 {
		pool = pades.Pool(roots)
	}
	var out []ReportSignature
	for _, f := range v.FilesUnder("report/") {
		if !strings.HasSuffix(strings.ToLower(f.Path), ".pdf") {
			continue
		}
		rs := ReportSignature{Path: f.Path}
		doc, err := v.ReadFile(f.Path, maxSignedReport)
		if err == nil {
			rs.Signatures, err = pades.Verify(doc, pool)
		}
		switch {
		case errors.Is(err, pades.ErrNotSigned):
		case err != nil:
			rs.Err = fmt.Errorf("%s: %w", f.Path, err)
		default:
			rs.Signed = true
		}
		out = append(out, rs)
	}
	return out, nil
}
