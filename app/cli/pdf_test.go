package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/token/tokentest"
	"daumoi/data/vault"
	"daumoi/reports/docs"
	"daumoi/reports/pades/padestest"
	"daumoi/reports/pdfdoc"
)

// runCode runs one command in-process and returns its exit code and streams.
func runCode(env map[string]string, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(args, Env{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Now: func() time.Time { return time.Date(2026, 12, 5, 9, 30, 15, 0, time.UTC) }})
	return code, out.String(), errOut.String()
}

// reportFile writes an annual report rendered by the app into dir.
func reportFile(t *testing.T, dir string) string {
	t.Helper()
	in := docs.Annual{Header: docs.Header{OwnerAuthority: "UBND tỉnh Vĩnh Long", Agency: tokentest.SignerOrg,
		Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), SignerPosition: "Giám đốc Sở", SignerName: tokentest.SignerName},
		Year: 2026, From: time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC),
		Figures: docs.AnnualFigures{SystemsByLevel: map[string]int{}, Activities: map[string]int{}}}
	var buf bytes.Buffer
	if err := pdfdoc.Render(docs.AnnualDocument(in), &buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "bao-cao.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPDFSignVerifyOnSoftHSM(t *testing.T) {
	tok := tokentest.New(t)
	dir := t.TempDir()
	in := reportFile(t, dir)
	pinFile := filepath.Join(dir, "pin")
	if err := os.WriteFile(pinFile, []byte(tokentest.PIN+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys := []string{"pdf", "keys", "--pkcs11", tok.Module, "--token", tokentest.Label, "--pin-file", pinFile}
	if code, stdout, stderr := runCode(nil, keys...); code != ExitOK || !strings.Contains(stdout, "Khóa “daumoi-ky”: CN=Nguyễn Văn An") {
		t.Errorf("pdf keys: exit %d:\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "bao-cao-ky.pdf")
	sign := []string{"pdf", "sign", in, "--out", out, "--pkcs11", tok.Module, "--token", tokentest.Label,
		"--key-label", tokentest.KeyLabel, "--chain", tok.ChainPEM}
	if code, _, stderr := runCode(nil, append(sign, "--pin-file", pinFile)...); code != ExitOK {
		t.Fatalf("pdf sign: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCode(nil, "pdf", "verify", out, "--trust", tok.RootPEM)
	for _, want := range []string{"Chữ ký số 1: HỢP LỆ", "CN=Nguyễn Văn An", "Test CA Chuyên dùng cấp 2", "+07:00", "được tin cậy: có"} {
		if code != ExitOK || !strings.Contains(stdout, want) {
			t.Errorf("pdf verify: exit %d, lacks %q:\n%s%s", code, want, stdout, stderr)
		}
	}
	if code, stdout, _ := runCode(nil, "pdf", "verify", out); code == ExitOK || !strings.Contains(stdout, "KHÔNG HỢP LỆ") {
		t.Errorf("pdf verify without a trusted root: exit %d\n%s", code, stdout)
	}
	// Changed after signing: invalid, exit 1.
	b, _ := os.ReadFile(out)
	b[bytes.Index(b, []byte("/Producer"))+12] ^= 1
	changed := filepath.Join(dir, "changed.pdf")
	if err := os.WriteFile(changed, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCode(nil, "pdf", "verify", changed, "--trust", tok.RootPEM); code != ExitFail || !strings.Contains(stderr, "đã bị thay đổi sau khi ký") {
		t.Errorf("pdf verify of a changed PDF: exit %d: %s", code, stderr)
	}
	// Wrong PIN from the environment: a clear error and no file.
	wrong := filepath.Join(dir, "wrong.pdf")
	sign[4] = wrong
	code, _, stderr = runCode(map[string]string{"DAUMOI_PIN": "0000"}, sign...)
	if code == ExitOK || !strings.Contains(stderr, "mã PIN của thiết bị ký số không đúng") {
		t.Errorf("wrong PIN: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(wrong); !os.IsNotExist(err) {
		t.Errorf("a file was written despite the wrong PIN: %v", err)
	}
	if code, _, stderr := runCode(nil, sign...); code != ExitUsage || !strings.Contains(stderr, "DAUMOI_PIN") {
		t.Errorf("no PIN: exit %d: %s", code, stderr)
	}
}

func TestAgencySignatureImages(t *testing.T) {
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := t.TempDir()
	env := map[string]string{"DAUMOI_PASSPHRASE": "mật khẩu thử nghiệm 2026", "DAUMOI_USER": "an"}
	v := filepath.Join(dir, "v")
	run(t, env, "init", "--vault", v, "--org", tokentest.SignerOrg, "--user", "an", "--recovery-key-out", filepath.Join(dir, "rk.txt"))
	files := map[string][]byte{"chu-ky.png": padestest.SignatureImage(), "con-dau.png": padestest.SealImage(), "trang.png": padestest.OpaqueImage()}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if out := run(t, env, "agency", "signing", "--vault", v); !strings.Contains(out, "Ảnh chữ ký cho chữ ký số: không; ảnh con dấu: không") {
		t.Errorf("before:\n%s", out)
	}
	code, _, stderr := runCode(env, "agency", "signing", "--vault", v, "--seal-image", filepath.Join(dir, "trang.png"))
	if code != ExitFail || !strings.Contains(stderr, "nền trong suốt") {
		t.Errorf("opaque seal: exit %d: %s", code, stderr)
	}
	run(t, env, "agency", "signing", "--vault", v, "--signature-image", filepath.Join(dir, "chu-ky.png"))
	out := run(t, env, "agency", "signing", "--vault", v, "--seal-image", filepath.Join(dir, "con-dau.png"))
	if !strings.Contains(out, "Ảnh chữ ký cho chữ ký số: có; ảnh con dấu: có") {
		t.Errorf("after:\n%s", out)
	}
}
