package session_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/x509"
	"daumoi/data/fsx/fsxtest"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/demo"
	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/token"
	"daumoi/data/token/tokentest"
	"daumoi/data/users"
	"daumoi/reports/pades"
	"daumoi/reports/pades/padestest"
	"daumoi/reports/pdfdoc"
)

// TestSignatureImagesKeptInTheVault stores the images once in the profile
// (focal point only, transparent PNGs only) and reads them back.
func TestSignatureImagesKeptInTheVault(t *testing.T) {
	dir := demoVault(t)
	focal := openAs(t, dir, demo.FocalUser)
	if err := focal.SaveSignatureImages(session.SignatureImages{Signature: padestest.OpaqueImage()}); !errors.Is(err, pades.ErrImageOpaque) {
		t.Errorf("opaque image: %v, want pades.ErrImageOpaque", err)
	}
	if err := focal.SaveSignatureImages(session.SignatureImages{Seal: []byte("not a png")}); !errors.Is(err, pades.ErrImageNotPNG) {
		t.Errorf("not a PNG: %v, want pades.ErrImageNotPNG", err)
	}
	want := session.SignatureImages{Signature: padestest.SignatureImage(), Seal: padestest.SealImage()}
	if err := focal.SaveSignatureImages(want); err != nil {
		t.Fatal(err)
	}
	focal.Close()
	mgr := openAs(t, dir, demo.ManagerUser)
	if err := mgr.SaveSignatureImages(want); !errors.Is(err, users.ErrNotPermitted) {
		t.Errorf("manager saving the images: %v, want ErrNotPermitted", err)
	}
	got, err := mgr.SignatureImages()
	if err != nil || !bytes.Equal(got.Signature, want.Signature) || !bytes.Equal(got.Seal, want.Seal) {
		t.Errorf("images read back: %d/%d bytes, %v", len(got.Signature), len(got.Seal), err)
	}
}

// TestBundleCarriesThePAdESSignedReport signs the report PDF on a real
// SoftHSM2 token through BundleRequest.SignPDF and checks that the bundle
// carries the signed PDF, valid with the test chain; a failing signer
// stops the bundle before anything is published.
func TestBundleCarriesThePAdESSignedReport(t *testing.T) {
	tok := tokentest.New(t)
	dir := demoVault(t)
	mgr := openAs(t, dir, demo.ManagerUser)
	const signingPass = "chỉ lãnh đạo biết 2026"
	if _, err := mgr.CreateSigningKey([]byte(signingPass)); err != nil {
		t.Fatal(err)
	}
	req := padesRequest(t, tok)
	var out session.MemOutput
	if _, err := mgr.BuildBundle(req, []byte(signingPass), &out); err != nil {
		t.Fatal(err)
	}
	infos, err := pades.Verify(bundledReport(t, out.Bytes()), tok.Roots())
	if err != nil || len(infos) != 1 || !infos[0].Valid() || infos[0].SignerName != tokentest.SignerName {
		t.Fatalf("the bundle's report: %v %+v", err, infos)
	}
	failing := session.MemOutput{}
	req.SignPDF = func([]byte, pdfdoc.Layout) ([]byte, error) { return nil, token.ErrTokenRemoved }
	if _, err := mgr.BuildBundle(req, []byte(signingPass), &failing); !errors.Is(err, token.ErrTokenRemoved) || failing.Published {
		t.Errorf("failing PDF signer: %v, published %v", err, failing.Published)
	}
}

// padesRequest is the annual 2026 bundle request whose report PDF is
// PAdES-signed on tok with the test images in the signature block.
func padesRequest(t *testing.T, tok *tokentest.Token) session.BundleRequest {
	t.Helper()
	tk, err := token.Open(token.Config{Module: tok.Module, Label: tokentest.Label}, tokentest.PIN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tk.Close() })
	key, err := tk.Find(tokentest.KeyLabel)
	if err != nil {
		t.Fatal(err)
	}
	signer := pades.Signer{Key: key.Signer(), Certificate: key.Certificate, Chain: []*x509.Certificate{tok.Intermediate}}
	return session.BundleRequest{Kind: "annual", Year: 2026, SignPDF: func(pdf []byte, l pdfdoc.Layout) ([]byte, error) {
		var out bytes.Buffer
		err := pades.Sign(pdf, &out, signer, pades.Options{Appearance: &pades.Appearance{Page: l.SignaturePage,
			Rect:      pades.Rect{LLX: l.SignatureSpace[0], LLY: l.SignatureSpace[1], URX: l.SignatureSpace[2], URY: l.SignatureSpace[3]},
			Signature: padestest.SignatureImage(), Seal: padestest.SealImage()}})
		return out.Bytes(), err
	}}
}

// TestIntakeReportsThePAdESSignature: the office receives the demo
// agency's bundle whose report is signed on the token and says who signed
// it; trusted once the test CA's root is set, not before; an unsigned
// report says so.
func TestIntakeReportsThePAdESSignature(t *testing.T) {
	tok := tokentest.New(t)
	dir := demoVault(t)
	mgr := openAs(t, dir, demo.ManagerUser)
	const signingPass = "chỉ lãnh đạo biết 2026"
	mk, err := mgr.CreateSigningKey([]byte(signingPass))
	if err != nil {
		t.Fatal(err)
	}
	p, err := mgr.Profile()
	if err != nil {
		t.Fatal(err)
	}
	in := fsxtest.TempDir(t)
	signed := filepath.Join(in, "da-ky-so.zip")
	plain := filepath.Join(in, "chua-ky-so.zip")
	for path, req := range map[string]session.BundleRequest{signed: padesRequest(t, tok), plain: {Kind: "annual", Year: 2025}} {
		var out session.MemOutput
		if _, err := mgr.BuildBundle(req, []byte(signingPass), &out); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	o, _, err := session.Create(filepath.Join(fsxtest.TempDir(t), "office"), session.CreateParams{Kind: session.KindOffice, Org: "Phòng An ninh mạng",
		User: users.User{Name: "lan", FullName: "Trần Thị Lan"}, Passphrase: []byte(demoPass), Now: pinnedClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.AddAgency(office.Agency{Code: p.Code, Name: p.Name}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.AddAgencyKey(p.Code, mk.PublicKey, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	check := func(path string) []session.ReportSignature {
		t.Helper()
		r, err := o.IntakeFile(context.Background(), path, nil)
		if err != nil || r.Bundle.ID == 0 {
			t.Fatalf("intake %s: %+v %v", filepath.Base(path), r, err)
		}
		v, err := o.OpenBundleView(r.Bundle.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		got, err := o.ReportSignatures(v)
		if err != nil || len(got) != 1 {
			t.Fatalf("signatures of %s: %+v %v", filepath.Base(path), got, err)
		}
		return got
	}
	got := check(signed)[0]
	if !got.Signed || len(got.Signatures) != 1 || got.Signatures[0].SignerName != tokentest.SignerName || !got.Signatures[0].Intact ||
		!got.Signatures[0].CertValid || got.Signatures[0].Trusted || !errors.Is(got.Signatures[0].Err, pades.ErrUntrusted) {
		t.Errorf("before the root is trusted: %+v", got)
	}
	if err := o.SetTrustedRoots([]byte("không phải chứng thư")); !errors.Is(err, pades.ErrBadCertificates) {
		t.Errorf("a bad root file: %v", err)
	}
	if err := o.SetTrustedRoots(tokentest.PEM(tok.Root)); err != nil {
		t.Fatal(err)
	}
	if got := check(signed)[0]; !got.Signed || !got.Signatures[0].Valid() || !strings.Contains(got.Signatures[0].Issuer, tok.Intermediate.Subject.CommonName) {
		t.Errorf("with the root trusted: %+v", got)
	}
	if got := check(plain)[0]; got.Signed || got.Err != nil {
		t.Errorf("the unsigned report: %+v", got)
	}
}

// bundledReport returns the report PDF the bundle carries.
func bundledReport(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "report/") && strings.HasSuffix(f.Name, ".pdf") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			pdf, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return pdf
		}
	}
	t.Fatal("the bundle carries no report PDF")
	return nil
}
