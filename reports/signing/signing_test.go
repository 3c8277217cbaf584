package signing

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func mustGenerate(t testing.TB) (PublicKey, SecretKey) {
	t.Helper()
	pub, sec, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub, sec
}

func TestSignVerifyRoundTrip(t *testing.T) {
	pub, sec := mustGenerate(t)
	if !sec.Public().Equal(pub) || sec.KeyID() != pub.KeyID() {
		t.Fatal("public half differs from the generated public key")
	}
	msg := []byte("manifest bytes")
	sig := Sign(sec, msg, "kind:annual agency:UBND\nperiod:2026")
	got, err := Verify(pub, msg, sig)
	if err != nil {
		t.Fatal(err)
	}
	if got.TrustedComment != "kind:annual agency:UBND period:2026" || got.KeyID != pub.KeyID() {
		t.Fatalf("signature = %+v", got)
	}
	if !bytes.Equal(sig, Sign(sec, msg, "kind:annual agency:UBND\nperiod:2026")) {
		t.Fatal("signatures are not deterministic")
	}
}

func TestVerifyFailures(t *testing.T) {
	pub, sec := mustGenerate(t)
	other, _ := mustGenerate(t)
	msg := []byte("manifest bytes")
	sig := Sign(sec, msg, "trusted")
	tamperedComment := bytes.Replace(sig, []byte("trusted comment: trusted"), []byte("trusted comment: trustee"), 1)
	lines := strings.Split(string(sig), "\n")
	flipped := []byte(lines[1])
	flipped[20] ^= 1
	lines[1] = string(flipped)
	tests := []struct {
		name string
		pub  PublicKey
		msg  []byte
		sig  []byte
		want error
	}{
		{"changed message", pub, []byte("manifest bytez"), sig, ErrBadSignature},
		{"other key", other, msg, sig, ErrBadSignature},
		{"changed trusted comment", pub, msg, tamperedComment, ErrBadSignature},
		{"changed signature bytes", pub, msg, []byte(strings.Join(lines, "\n")), ErrMalformedSignature},
		{"empty signature", pub, msg, nil, ErrMalformedSignature},
		{"garbage", pub, msg, []byte("untrusted comment: x\n!!!\n"), ErrMalformedSignature},
		{"huge", pub, msg, bytes.Repeat([]byte("A"), maxKeyText+1), ErrMalformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Verify(tt.pub, tt.msg, tt.sig); !errors.Is(err, tt.want) {
				if tt.want == ErrMalformedSignature && errors.Is(err, ErrBadSignature) {
					return // a flipped key-id byte may still parse; either way it fails
				}
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestPublicKeyText(t *testing.T) {
	pub, _ := mustGenerate(t)
	text, _ := pub.MarshalText()
	if !regexp.MustCompile(`^untrusted comment: minisign public key [0-9A-F]{16}\nRW[A-Za-z0-9+/]{54}\n$`).Match(text) {
		t.Fatalf("pub text = %q", text)
	}
	for _, form := range [][]byte{text, []byte(pub.String()), []byte(pub.String() + "\r\n"), bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))} {
		got, err := ParsePublicKey(form)
		if err != nil || !got.Equal(pub) {
			t.Fatalf("ParsePublicKey(%q) = %v, %v", form, got, err)
		}
	}
	fp := pub.Fingerprint()
	if !regexp.MustCompile(`^([0-9A-F]{4} ){3}[0-9A-F]{4}$`).MatchString(fp.KeyID) || strings.ReplaceAll(fp.KeyID, " ", "") != pub.KeyID() {
		t.Fatalf("fingerprint key id = %q", fp.KeyID)
	}
	if !regexp.MustCompile(`^([0-9A-F]{4} ){15}[0-9A-F]{4}$`).MatchString(fp.SHA256) {
		t.Fatalf("fingerprint sha256 = %q", fp.SHA256)
	}
}

func TestParsePublicKeyRejects(t *testing.T) {
	secretShaped, err := os.ReadFile("testdata/minisign-cli.key")
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{
		"empty":           nil,
		"not base64":      []byte("untrusted comment: x\n@@@@\n"),
		"short":           []byte("RWQ="),
		"secret key":      secretShaped,
		"three lines":     []byte("untrusted comment: x\nRWQ=\nRWQ=\n"),
		"wrong algorithm": []byte("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
		"too long":        bytes.Repeat([]byte("A"), maxKeyText+1),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParsePublicKey(in); !errors.Is(err, ErrMalformedKey) {
				t.Fatalf("err = %v, want ErrMalformedKey", err)
			}
		})
	}
}

// TestEncryptedSecretKey runs minisign's scrypt (about 1 GiB, seconds) a
// few times: round trip, wrong passphrase, passphrase in another Unicode
// normal form.
func TestEncryptedSecretKey(t *testing.T) {
	pub, sec := mustGenerate(t)
	pass := []byte("Mật khẩu của lãnh đạo")
	enc, err := EncryptSecretKey(sec, pass)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(enc, []byte("untrusted comment: minisign encrypted secret key\n")) {
		t.Fatalf("encrypted key text = %q", enc)
	}
	got, err := DecryptSecretKey(enc, []byte(norm.NFD.String(string(pass))))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Public().Equal(pub) {
		t.Fatal("decrypted key differs")
	}
	if _, err := DecryptSecretKey(enc, []byte("Mật khẩu khác")); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: err = %v", err)
	}
	if _, err := EncryptSecretKey(sec, nil); !errors.Is(err, ErrEmptyPassphrase) {
		t.Fatalf("empty passphrase: err = %v", err)
	}
}

func TestDecryptSecretKeyMalformed(t *testing.T) {
	good, err := os.ReadFile("testdata/minisign-cli.key")
	if err != nil {
		t.Fatal(err)
	}
	pubText, _ := os.ReadFile("testdata/minisign-cli.pub")
	lines := strings.Split(string(good), "\n")
	for name, in := range map[string][]byte{
		"empty":      nil,
		"public key": pubText,
		"truncated":  []byte(lines[0] + "\n" + lines[1][:100] + "\n"),
		"kdf none":   []byte(lines[0] + "\n" + "RWQAAEIy" + lines[1][8:] + "\n"),
		"not base64": []byte(lines[0] + "\n" + strings.Replace(lines[1], "R", "*", 1) + "\n"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := DecryptSecretKey(in, []byte("pass123")); !errors.Is(err, ErrMalformedKey) {
				t.Fatalf("err = %v, want ErrMalformedKey", err)
			}
		})
	}
}

func minisignTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("minisign")
	if err != nil {
		t.Fatal("the minisign tool is needed for this test: apt-get install -y minisign")
	}
	return path
}

// TestMinisignToolKeyWorksHere opens a key pair made by `minisign -G` and
// checks that our signature verifies with `minisign -V`.
func TestMinisignToolKeyWorksHere(t *testing.T) {
	tool := minisignTool(t)
	enc, _ := os.ReadFile("testdata/minisign-cli.key")
	pubText, _ := os.ReadFile("testdata/minisign-cli.pub")
	sec, err := DecryptSecretKey(enc, []byte("pass123"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(pubText)
	if err != nil || !sec.Public().Equal(pub) {
		t.Fatalf("public key: %v", err)
	}
	dir := t.TempDir()
	msg := filepath.Join(dir, "m.txt")
	os.WriteFile(msg, []byte("báo cáo\n"), 0o600)
	os.WriteFile(msg+".minisig", Sign(sec, []byte("báo cáo\n"), "kind:annual"), 0o600)
	out, err := exec.Command(tool, "-Vm", msg, "-p", "testdata/minisign-cli.pub").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Trusted comment: kind:annual") {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
}

// TestOurKeyWorksWithMinisignTool signs with `minisign -S` using a key we
// encrypted, and verifies that signature here and with the tool.
func TestOurKeyWorksWithMinisignTool(t *testing.T) {
	tool := minisignTool(t)
	pub, sec := mustGenerate(t)
	enc, err := EncryptSecretKey(sec, []byte("pass123"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	keyFile, pubFile, msg := filepath.Join(dir, "k.key"), filepath.Join(dir, "k.pub"), filepath.Join(dir, "m.txt")
	pubText, _ := pub.MarshalText()
	os.WriteFile(keyFile, enc, 0o600)
	os.WriteFile(pubFile, pubText, 0o600)
	os.WriteFile(msg, []byte("data\n"), 0o600)
	cmd := exec.Command(tool, "-S", "-s", keyFile, "-m", msg, "-t", "from the tool")
	cmd.Stdin = strings.NewReader("pass123\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("minisign -S: %v\n%s", err, out)
	}
	sig, _ := os.ReadFile(msg + ".minisig")
	got, err := Verify(pub, []byte("data\n"), sig)
	if err != nil || got.TrustedComment != "from the tool" {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	if out, err := exec.Command(tool, "-Vm", msg, "-p", pubFile).CombinedOutput(); err != nil {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
}

func FuzzParsePublicKey(f *testing.F) {
	pub, _ := os.ReadFile("testdata/minisign-cli.pub")
	f.Add(pub)
	f.Add([]byte("RWQ="))
	f.Fuzz(func(t *testing.T, in []byte) {
		k, err := ParsePublicKey(in)
		if err != nil {
			if !errors.Is(err, ErrMalformedKey) {
				t.Fatalf("unexpected error type: %v", err)
			}
			return
		}
		text, _ := k.MarshalText()
		again, err := ParsePublicKey(text)
		if err != nil || !again.Equal(k) {
			t.Fatalf("round trip failed: %v", err)
		}
	})
}

func FuzzParseSignature(f *testing.F) {
	_, sec, _ := GenerateKey()
	f.Add(Sign(sec, []byte("m"), "c"))
	f.Add([]byte("untrusted comment: x\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if _, err := ParseSignature(in); err != nil && !errors.Is(err, ErrMalformedSignature) {
			t.Fatalf("unexpected error type: %v", err)
		}
	})
}

func FuzzSecretKeyShape(f *testing.F) {
	key, _ := os.ReadFile("testdata/minisign-cli.key")
	f.Add(key)
	f.Fuzz(func(t *testing.T, in []byte) {
		if err := checkSecretKeyShape(in); err != nil && !errors.Is(err, ErrMalformedKey) {
			t.Fatalf("unexpected error type: %v", err)
		}
	})
}
