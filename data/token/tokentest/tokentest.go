// Package tokentest makes a real PKCS#11 token for tests: a SoftHSM2 token
// in a temporary directory holding an RSA key pair whose certificate is
// issued by a test CA chain (root → intermediate → signer) made here.
package tokentest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ThalesGroup/crypto11"
)

// Test token constants.
const (
	Label    = "daumoi-test"
	PIN      = "1234"
	SOPIN    = "5678"
	KeyLabel = "daumoi-ky"
	// SignerName and SignerOrg are the signer certificate's subject.
	SignerName = "Nguyễn Văn An"
	SignerOrg  = "Sở Nội vụ tỉnh Vĩnh Long"
)

// modules are where Debian and Ubuntu install SoftHSM2's PKCS#11 library.
var modules = []string{"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"}

// Token is a SoftHSM2 token made for one test.
type Token struct {
	// Module is the PKCS#11 library's path; Dir the token directory.
	Module, Dir string
	// Root, Intermediate and Signer are the chain; Signer's key is on the
	// token under KeyLabel.
	Root, Intermediate, Signer *x509.Certificate
	// RootPEM and ChainPEM are files with the root and the intermediate.
	RootPEM, ChainPEM string
}

// New makes the token. It sets SOFTHSM2_CONF for the test (so the test may
// not run in parallel) and fails the test when SoftHSM2 is not installed:
// CI installs the Debian package softhsm2.
func New(t testing.TB) *Token {
	t.Helper()
	if os.Getenv("DAUMOI_UNDER_WINE") != "" {
		// packaging/wine/test-data.sh: SoftHSM2 is a Linux library a
		// Windows test cannot load; make test runs these on Linux.
		t.Skip("SoftHSM2 is a Linux library; a Windows test under Wine cannot load it (make test runs the token tests on Linux)")
	}
	tok := &Token{Module: module(t), Dir: t.TempDir()}
	conf := filepath.Join(tok.Dir, "softhsm2.conf")
	tokens := filepath.Join(tok.Dir, "tokens")
	if err := os.Mkdir(tokens, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, conf, []byte("directories.tokendir = "+tokens+"\nobjectstore.backend = file\nlog.level = ERROR\n"))
	t.Setenv("SOFTHSM2_CONF", conf)
	out, err := exec.Command("softhsm2-util", "--init-token", "--free", "--label", Label, "--pin", PIN, "--so-pin", SOPIN).CombinedOutput()
	if err != nil {
		t.Fatalf("softhsm2-util --init-token: %v\n%s", err, out)
	}
	tok.Dir = tokens
	tok.fill(t)
	return tok
}

// module finds SoftHSM2's library or fails with an explanation.
func module(t testing.TB) string {
	if _, err := exec.LookPath("softhsm2-util"); err != nil {
		t.Fatal("SoftHSM2 is not installed (apt-get install softhsm2 opensc; make deps-test installs it): the PKCS#11 tests need a real token")
	}
	for _, m := range modules {
		if _, err := os.Stat(m); err == nil {
			return m
		}
	}
	t.Fatalf("SoftHSM2's PKCS#11 library not found in %v", modules)
	return ""
}

// fill generates the key on the token, issues its certificate and imports it.
func (tok *Token) fill(t testing.TB) {
	t.Helper()
	ctx, err := crypto11.Configure(&crypto11.Config{Path: tok.Module, TokenLabel: Label, Pin: PIN})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := ctx.Close(); err != nil {
			t.Error(err)
		}
	}()
	key, err := ctx.GenerateRSAKeyPairWithLabel([]byte{1}, []byte(KeyLabel), 2048)
	if err != nil {
		t.Fatal(err)
	}
	tok.chain(t, key.Public())
	if err := ctx.ImportCertificateWithLabel([]byte{1}, []byte(KeyLabel), tok.Signer); err != nil {
		t.Fatal(err)
	}
	tok.RootPEM = filepath.Join(tok.Dir, "..", "root.pem")
	tok.ChainPEM = filepath.Join(tok.Dir, "..", "chain.pem")
	writeFile(t, tok.RootPEM, PEM(tok.Root))
	writeFile(t, tok.ChainPEM, PEM(tok.Intermediate))
}

// chain issues root → intermediate → signer for pub.
func (tok *Token) chain(t testing.TB, pub crypto.PublicKey) {
	t.Helper()
	now := time.Now()
	rootKey, interKey := ecKey(t), ecKey(t)
	rootTpl := caTemplate(1, "Test Root CA Chuyên dùng", now)
	tok.Root = issue(t, rootTpl, rootTpl, rootKey.Public(), rootKey)
	interTpl := caTemplate(2, "Test CA Chuyên dùng cấp 2", now)
	tok.Intermediate = issue(t, interTpl, tok.Root, interKey.Public(), rootKey)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(3),
		Subject:      pkix.Name{CommonName: SignerName, Organization: []string{SignerOrg}, Country: []string{"VN"}},
		NotBefore:    now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection, x509.ExtKeyUsageClientAuth},
	}
	tok.Signer = issue(t, leaf, tok.Intermediate, pub, interKey)
}

// caTemplate is a CA certificate valid for ten years around now.
func caTemplate(serial int64, cn string, now time.Time) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn, Organization: []string{"Daumoi Test"}},
		NotBefore: now.Add(-24 * time.Hour), NotAfter: now.AddDate(10, 0, 0),
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, BasicConstraintsValid: true, IsCA: true,
	}
}

// issue signs tpl by parent's key.
func issue(t testing.TB, tpl, parent *x509.Certificate, pub crypto.PublicKey, key crypto.Signer) *x509.Certificate {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tpl, parent, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ecKey is a fresh P-256 key for a test CA.
func ecKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Roots is a pool with the test root only.
func (tok *Token) Roots() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(tok.Root)
	return p
}

// PEM encodes a certificate.
func PEM(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

// writeFile writes a test file or fails.
func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
