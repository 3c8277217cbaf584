package pades_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"daumoi/data/token"
	"daumoi/data/token/tokentest"
	"daumoi/reports/pades"
)

// signReport signs the annual report on the token with the images.
func signReport(t *testing.T, s pades.Signer) []byte {
	t.Helper()
	doc, l := reportPDF(t)
	var out bytes.Buffer
	start := time.Now()
	err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime, Reason: "Báo cáo năm 2026", Location: "Vĩnh Long",
		Appearance: &pades.Appearance{Page: l.SignaturePage, Rect: pades.Rect{LLX: l.SignatureSpace[0], LLY: l.SignatureSpace[1],
			URX: l.SignatureSpace[2], URY: l.SignatureSpace[3]}, Signature: signatureImage(t), Seal: sealImage(t)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("signed a %d-byte report on SoftHSM2 in %v (%d bytes out)", len(doc), time.Since(start), out.Len())
	return out.Bytes()
}

func TestSignVerifySoftHSM(t *testing.T) {
	tok := tokentest.New(t)
	_, s := openKey(t, tok)
	signed := signReport(t, s)
	keepArtifact(t, "signed-annual.pdf", signed)
	report := pdfsig(t, signed)
	for _, want := range []string{"Signature is Valid.", "Total document signed", "Nguyễn Văn An"} {
		if !strings.Contains(report, want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, report)
		}
	}
	qpdfCheck(t, signed)
	if resp := libraryVerify(t, signed); len(resp.Signers) != 1 || !resp.Signers[0].ValidSignature {
		t.Errorf("digitorus/pdfsign/verify: %+v", resp)
	}
	infos, err := pades.Verify(signed, tok.Roots())
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || !infos[0].Valid() || !infos[0].Trusted || !infos[0].Unmodified || !infos[0].CertValid {
		t.Fatalf("Verify: %+v", infos)
	}
	if infos[0].SignerName != tokentest.SignerName || !strings.Contains(infos[0].Subject, tokentest.SignerOrg) ||
		!strings.Contains(infos[0].Issuer, "cấp 2") || infos[0].Reason != "Báo cáo năm 2026" || infos[0].Location != "Vĩnh Long" {
		t.Errorf("Verify names: %q / %q / %q / %q", infos[0].SignerName, infos[0].Subject, infos[0].Issuer, infos[0].Reason)
	}
	if untrusted, _ := pades.Verify(signed, nil); !errors.Is(untrusted[0].Err, pades.ErrUntrusted) || !untrusted[0].Unmodified {
		t.Errorf("without roots: %+v", untrusted[0])
	}
}

func TestChangedAfterSigningIsInvalid(t *testing.T) {
	tok := tokentest.New(t)
	_, s := openKey(t, tok)
	signed := signReport(t, s)
	// A byte of the page content (inside the signed range) changed.
	changed := bytes.Clone(signed)
	i := bytes.Index(changed, []byte("/Producer"))
	if i < 0 {
		t.Fatal("no /Producer in the report")
	}
	changed[i+12] ^= 0x01
	if report := pdfsig(t, changed); strings.Contains(report, "Signature is Valid.") {
		t.Errorf("pdfsig accepts the changed PDF:\n%s", report)
	}
	if resp := libraryVerify(t, changed); len(resp.Signers) == 1 && resp.Signers[0].ValidSignature && resp.Error == "" {
		t.Errorf("digitorus/pdfsign/verify accepts the changed PDF: %+v", resp)
	}
	infos, err := pades.Verify(changed, tok.Roots())
	if err != nil || infos[0].Valid() || !errors.Is(infos[0].Err, pades.ErrModified) {
		t.Errorf("Verify of the changed PDF: %v %+v", err, infos)
	}
	// Something appended after the signature: an incremental update.
	appended := append(bytes.Clone(signed), []byte("\n1 0 obj\n(x)\nendobj\n")...)
	infos, err = pades.Verify(appended, tok.Roots())
	if err != nil || infos[0].Unmodified || !errors.Is(infos[0].Err, pades.ErrModified) {
		t.Errorf("Verify of the appended PDF: %v %+v", err, infos)
	}
}

func TestAppendixTextBlock(t *testing.T) {
	tok := tokentest.New(t)
	_, s := openKey(t, tok)
	doc, _ := reportPDF(t)
	var out bytes.Buffer
	if err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime, Appendix: &pades.Appendix{Number: "12/BC-SNV"}}); err != nil {
		t.Fatal(err)
	}
	keepArtifact(t, "signed-appendix.pdf", out.Bytes())
	if report := pdfsig(t, out.Bytes()); !strings.Contains(report, "Signature is Valid.") {
		t.Errorf("pdfsig:\n%s", report)
	}
	qpdfCheck(t, out.Bytes())
	if got := pades.AppendixTime(signingTime); got != "09:30:15 05/12/2026 +07:00" {
		t.Errorf("AppendixTime = %q", got)
	}
}

func TestWrongPIN(t *testing.T) {
	tok := tokentest.New(t)
	_, err := token.Open(token.Config{Module: tok.Module, Label: tokentest.Label}, "0000")
	if !errors.Is(err, token.ErrWrongPIN) {
		t.Fatalf("wrong PIN: %v", err)
	}
	_, err = token.Open(token.Config{Module: tok.Module, Label: "no-such-token"}, tokentest.PIN)
	if !errors.Is(err, token.ErrNoToken) {
		t.Errorf("no such token: %v", err)
	}
	_, err = token.Open(token.Config{Module: "/nonexistent/libnothing.so", Label: tokentest.Label}, tokentest.PIN)
	if !errors.Is(err, token.ErrModule) {
		t.Errorf("module not loadable: %v", err)
	}
}

func TestTokenRemovedMidSign(t *testing.T) {
	tok := tokentest.New(t)
	_, s := openKey(t, tok)
	doc, _ := reportPDF(t)
	key := s.Key
	s.Key = removeOnSign{key, func() {
		if err := os.RemoveAll(tok.Dir); err != nil {
			t.Error(err)
		}
	}}
	var out bytes.Buffer
	err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime})
	if !errors.Is(err, pades.ErrSign) || !errors.Is(err, token.ErrTokenRemoved) {
		t.Fatalf("token removed mid-sign: %v", err)
	}
	t.Logf("token removed mid-sign: %v", err)
	if out.Len() != 0 {
		t.Errorf("%d bytes written after a failed signature", out.Len())
	}
}

func TestNameMatches(t *testing.T) {
	tok := tokentest.New(t)
	for name, want := range map[string]bool{"Nguyễn Văn An": true, "  nguyễn  văn an ": true, "Nguye\u0302\u0303n Văn An": true,
		"Nguyễn Văn Anh": false, "": false} {
		if got := pades.NameMatches(tok.Signer, name); got != want {
			t.Errorf("NameMatches(%q) = %v", name, got)
		}
	}
}
