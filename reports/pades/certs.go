package pades

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
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
