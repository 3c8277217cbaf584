package pades_test

import (
	"bytes"
	"testing"

	"daumoi/data/token/tokentest"
	"daumoi/reports/pades"
)

// BenchmarkSignSoftHSM signs the annual report with the images on a real
// SoftHSM2 token (RSA 2048): the time a user waits per PDF, token open
// excluded.
func BenchmarkSignSoftHSM(b *testing.B) {
	tok := tokentest.New(b)
	_, s := openKey(b, tok)
	doc, l := reportPDF(b)
	images := pades.Options{Time: signingTime, Appearance: &pades.Appearance{Page: l.SignaturePage,
		Rect:      pades.Rect{LLX: l.SignatureSpace[0], LLY: l.SignatureSpace[1], URX: l.SignatureSpace[2], URY: l.SignatureSpace[3]},
		Signature: signatureImage(b), Seal: sealImage(b)}}
	appendix := pades.Options{Time: signingTime, Appendix: &pades.Appendix{Number: "12/BC-SNV"}}
	for name, opts := range map[string]pades.Options{"images": images, "appendix": appendix, "invisible": {Time: signingTime}} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				var out bytes.Buffer
				if err := pades.Sign(doc, &out, s, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify verifies a signed report.
func BenchmarkVerify(b *testing.B) {
	tok := tokentest.New(b)
	_, s := openKey(b, tok)
	doc, _ := reportPDF(b)
	var out bytes.Buffer
	if err := pades.Sign(doc, &out, s, pades.Options{Time: signingTime}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := pades.Verify(out.Bytes(), tok.Roots()); err != nil {
			b.Fatal(err)
		}
	}
}
