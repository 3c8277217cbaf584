package cli

import (
	"path/filepath"
	"testing"

	"daumoi/data/vault"
)

// runErr runs one command in-process and returns its stderr, failing the
// test on a non-zero exit.
func runErr(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	_, errOut := runStreams(t, env, args...)
	return errOut
}

// TestRawRoleEditWarnsOnStderr gives the focal point an extra role with
// their own passphrase and their own program (the vault package, not the
// application): the next command warns in Vietnamese, once — the focal
// point's unlock restores the signed roles and signs them again.
func TestRawRoleEditWarnsOnStderr(t *testing.T) {
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := t.TempDir()
	const pass = "mật khẩu thử nghiệm 2026"
	env := map[string]string{"DAUMOI_PASSPHRASE": pass, "DAUMOI_USER": "an"}
	v := filepath.Join(dir, "v")
	run(t, env, "init", "--vault", v, "--org", "Sở Nội vụ", "--user", "an", "--recovery-key-out", filepath.Join(dir, "rk"))
	if msg := runErr(t, env, "user", "list", "--vault", v); msg != "" {
		t.Fatalf("warning on an untouched vault: %q", msg)
	}

	l, err := vault.OpenLocked(v)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := l.UnlockPassphrase("an", []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`UPDATE users SET roles = 'focal,it' WHERE name = 'an'`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	msg := runErr(t, env, "user", "list", "--vault", v)
	want := "daumoi: cảnh báo: danh sách người dùng hoặc vai trò đã bị sửa ngoài ứng dụng; chỉ các vai trò đã được cán bộ đầu mối ký mới có hiệu lực. Hãy báo cán bộ đầu mối. Người dùng liên quan: an.\n"
	if msg != want {
		t.Errorf("stderr after the raw edit:\n%q\nwant\n%q", msg, want)
	}
	if msg := runErr(t, env, "user", "list", "--vault", v); msg != "" {
		t.Errorf("warning repeated after the focal point's unlock restored the roles: %q", msg)
	}
}
