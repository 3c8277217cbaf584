package pades

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ParseCertificates reads the PEM "CERTIFICATE" blocks of b (a trust file
// or an issuing chain); ErrBadCertificates when there is none or one is
// unreadable.
func ParseCertificates(b []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadCertificates, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, ErrBadCertificates
	}
	return out, nil
}

// Pool is a certificate pool of certs.
func Pool(certs []*x509.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	for _, c := range certs {
		p.AddCert(c)
	}
	return p
}

// NameMatches reports whether the certificate's subject common name is the
// report's signer name, ignoring case, spacing and Unicode composition: the
// signer's name goes under the signature only when it is the certificate's
// (Nghị định 30); otherwise the caller warns.
func NameMatches(c *x509.Certificate, signerName string) bool {
	return foldName(c.Subject.CommonName) == foldName(signerName) && signerName != ""
}

// foldName normalises a person's name for comparison.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}
