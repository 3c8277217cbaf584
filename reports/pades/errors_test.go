package pades_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"testing"
	"time"

	"daumoi/reports/pades"
	"daumoi/reports/pades/padestest"
)

// softSigner is a signer with an in-memory key and a self-issued
// certificate valid from notBefore to notAfter (no token: these tests are
// about the verdicts).
func softSigner(t *testing.T, notBefore, notAfter time.Time) (pades.Signer, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Trần Quốc Bảo"},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pades.Signer{Key: key, Certificate: cert}, pool
}

// signWith signs the report with s or fails the test.
func signWith(t *testing.T, s pades.Signer) []byte {
	t.Helper()
	doc, _ := reportPDF(t)
	var out bytes.Buffer
	if err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestVerdicts(t *testing.T) {
	now := time.Now()
	good, roots := softSigner(t, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	signed := signWith(t, good)
	if infos, err := pades.Verify(signed, roots); err != nil || !infos[0].Valid() {
		t.Fatalf("valid signature: %v %+v", err, infos)
	}
	// Another authority's root does not make the signature trusted.
	_, otherRoots := softSigner(t, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	if infos, _ := pades.Verify(signed, otherRoots); !errors.Is(infos[0].Err, pades.ErrUntrusted) || infos[0].Trusted {
		t.Errorf("other root: %+v", infos[0])
	}
	// A certificate expired before the signature was made.
	expired, expiredRoots := softSigner(t, now.AddDate(-2, 0, 0), now.AddDate(-1, 0, 0))
	if infos, _ := pades.Verify(signWith(t, expired), expiredRoots); !errors.Is(infos[0].Err, pades.ErrCertNotValid) || infos[0].CertValid {
		t.Errorf("expired certificate: %+v", infos[0])
	}
}

func TestInputErrors(t *testing.T) {
	now := time.Now()
	s, _ := softSigner(t, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	var out bytes.Buffer
	if err := pades.Sign([]byte("%PDF-1.4 not really"), &out, s, pades.Options{}); !errors.Is(err, pades.ErrBadPDF) || out.Len() != 0 {
		t.Errorf("signing a non-PDF: %v (%d bytes out)", err, out.Len())
	}
	if err := pades.Sign(nil, &out, pades.Signer{}, pades.Options{}); !errors.Is(err, pades.ErrNoCertificate) {
		t.Errorf("no signer: %v", err)
	}
	doc, l := reportPDF(t)
	if _, err := pades.Verify(doc, nil); !errors.Is(err, pades.ErrNotSigned) {
		t.Errorf("unsigned report: %v", err)
	}
	if _, err := pades.Verify([]byte("garbage"), nil); !errors.Is(err, pades.ErrBadPDF) {
		t.Errorf("garbage: %v", err)
	}
	bad := pades.Appearance{Page: l.SignaturePage, Rect: pades.Rect{URX: 200, URY: 80}, Signature: padestest.OpaqueImage()}
	if err := pades.Sign(doc, &out, s, pades.Options{Appearance: &bad}); !errors.Is(err, pades.ErrImageOpaque) {
		t.Errorf("opaque signature image: %v", err)
	}
	bad.Signature, bad.Page = padestest.SignatureImage(), 99
	if err := pades.Sign(doc, &out, s, pades.Options{Appearance: &bad}); !errors.Is(err, pades.ErrRect) || out.Len() != 0 {
		t.Errorf("page 99: %v", err)
	}
	if err := pades.CheckImage([]byte("GIF89a")); !errors.Is(err, pades.ErrImageNotPNG) {
		t.Errorf("GIF: %v", err)
	}
}

func TestSecondSignature(t *testing.T) {
	now := time.Now()
	first, roots := softSigner(t, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	once := signWith(t, first)
	var twice bytes.Buffer
	if err := pades.Sign(once, &twice, first, pades.Options{Time: signingTime.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	infos, err := pades.Verify(twice.Bytes(), roots)
	if err != nil || len(infos) != 2 {
		t.Fatalf("two signatures: %v %+v", err, infos)
	}
	valid := 0
	for _, s := range infos {
		if s.Valid() {
			valid++
		} else if !errors.Is(s.Err, pades.ErrModified) || !s.Intact {
			t.Errorf("the first signature: %+v", s)
		}
	}
	if valid != 1 {
		t.Errorf("%d valid signatures, want the last one only", valid)
	}
	qpdfCheck(t, twice.Bytes())
}
