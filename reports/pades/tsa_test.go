package pades_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/timestamp"

	"daumoi/reports/pades"
)

// localTSA is an RFC 3161 timestamp authority on localhost that stamps
// every request with at.
func localTSA(t *testing.T, at time.Time) *httptest.Server {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(9), Subject: pkix.Name{CommonName: "Test TSA"},
		NotBefore: at.Add(-time.Hour), NotAfter: at.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ts := timestamp.Timestamp{HashAlgorithm: req.HashAlgorithm, HashedMessage: req.HashedMessage, Time: at, Nonce: req.Nonce,
			Policy: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, AddTSACertificate: true}
		resp, err := ts.CreateResponseWithOpts(cert, key, crypto.SHA256)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		_, _ = w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTimestampFromTSA(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	tsa := localTSA(t, now.Add(-time.Minute))
	s, roots := softSigner(t, now.Add(-time.Hour), now.AddDate(1, 0, 0))
	doc, _ := reportPDF(t)
	var out bytes.Buffer
	if err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime, TSAURL: tsa.URL}); err != nil {
		t.Fatal(err)
	}
	infos, err := pades.Verify(out.Bytes(), roots)
	if err != nil || !infos[0].Valid() || !infos[0].Timestamped || !infos[0].SigningTime.Equal(now.Add(-time.Minute)) {
		t.Fatalf("timestamped signature: %v %+v", err, infos)
	}
	if report := pdfsig(t, out.Bytes()); !strings.Contains(report, "Signature is Valid.") {
		t.Errorf("pdfsig:\n%s", report)
	}
}
