package pades_test

import (
	"bytes"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdfsign/verify"

	"daumoi/data/token"
	"daumoi/data/token/tokentest"
	"daumoi/reports/docs"
	"daumoi/reports/pades"
	"daumoi/reports/pades/padestest"
	"daumoi/reports/pdfdoc"
)

// signingTime is the fixed time written in the signatures' dictionaries.
var signingTime = time.Date(2026, 12, 5, 9, 30, 15, 0, time.FixedZone("ICT", 7*3600))

// reportPDF renders an annual report the way the app does, with its layout.
func reportPDF(t testing.TB) ([]byte, pdfdoc.Layout) {
	t.Helper()
	in := docs.Annual{
		Header: docs.Header{OwnerAuthority: "UBND tỉnh Vĩnh Long", Agency: tokentest.SignerOrg, Date: signingTime,
			SignerPosition: "Giám đốc Sở", SignerName: tokentest.SignerName},
		Year: 2026, From: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC),
		Figures: docs.AnnualFigures{Systems: 1, SystemsByLevel: map[string]int{"2": 1}, Activities: map[string]int{}},
	}
	var buf bytes.Buffer
	l, err := pdfdoc.RenderLayout(docs.AnnualDocument(in), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if l.SignaturePage == 0 {
		t.Fatal("the report has no signature block")
	}
	return buf.Bytes(), l
}

// signatureImage and sealImage are test images in the colours of Nghị định 30.
func signatureImage(testing.TB) []byte { return padestest.SignatureImage() }
func sealImage(testing.TB) []byte      { return padestest.SealImage() }

// openKey opens the test token and its key as a pades.Signer.
func openKey(t testing.TB, tok *tokentest.Token) (*token.Token, pades.Signer) {
	t.Helper()
	tk, err := token.Open(token.Config{Module: tok.Module, Label: tokentest.Label}, tokentest.PIN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tk.Close() })
	k, err := tk.Find(tokentest.KeyLabel)
	if err != nil {
		t.Fatal(err)
	}
	return tk, pades.Signer{Key: k.Signer(), Certificate: k.Certificate, Chain: []*x509.Certificate{tok.Intermediate}}
}

// pdfsig runs poppler's verifier on b and returns its report.
func pdfsig(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", "-no-ocsp", path).CombinedOutput()
	return string(out)
}

// qpdfCheck fails the test if qpdf --check finds a structural error.
func qpdfCheck(t testing.TB, b []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// keepArtifact copies b to $DAUMOI_PADES_OUT/name when that is set (to
// render and look at the signed page).
func keepArtifact(t testing.TB, name string, b []byte) {
	if dir := os.Getenv("DAUMOI_PADES_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// libraryVerify runs the signing library's own verifier (a second opinion
// on the CMS and the byte range; it cannot take our roots, so chains are
// left to pades.Verify).
func libraryVerify(t testing.TB, b []byte) *verify.Response {
	t.Helper()
	opts := verify.DefaultVerifyOptions()
	opts.AllowUntrustedRoots = true
	opts.RequiredEKUs = nil
	resp, err := verify.VerifyWithOptions(bytes.NewReader(b), int64(len(b)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
