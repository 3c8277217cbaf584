package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/ics"
	"daumoi/data/vault"
)

// run runs one command in-process and fails the test on a non-zero exit.
func run(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, _ := runStreams(t, env, args...)
	return out
}

// runStreams runs one command in-process and returns its stdout and
// stderr, failing the test on a non-zero exit.
func runStreams(t *testing.T, env map[string]string, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, Env{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut})
	if code != ExitOK {
		t.Fatalf("daumoi %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String(), errOut.String()
}

// TestDueICSParsesBack exports the obligations as iCalendar twice, checks
// the files are identical, and reads them back with ics.Parse.
func TestDueICSParsesBack(t *testing.T) {
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := t.TempDir()
	env := map[string]string{"DAUMOI_PASSPHRASE": "mật khẩu thử nghiệm 2026", "DAUMOI_USER": "an"}
	v := filepath.Join(dir, "v")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run(t, env, "init", "--vault", v, "--org", "Sở Nội vụ", "--user", "an", "--recovery-key-out", filepath.Join(dir, "rk"))
	run(t, env, "system", "import", "--vault", v, write("s.csv", "Tên hệ thống,Cấp độ đề xuất,Ngày đưa vào sử dụng\n"+
		"\"Hệ thống giải quyết thủ tục hành chính; một cửa, liên thông\",3,2026-01-01\n"))
	run(t, env, "activity", "add", "--vault", v, "--kind", "vulnerability_scan", "--date", "2026-02-28", "--system", "1")
	var files [2][]byte
	for i := range files {
		p := filepath.Join(dir, "cal"+string(rune('a'+i))+".ics")
		run(t, env, "due", "--vault", v, "--today", "2026-11-25", "--ics", p)
		var err error
		if files[i], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two exports of the same vault and date differ")
	}
	cal, events, err := ics.Parse(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	if cal.Name != "Nghĩa vụ an toàn thông tin" || len(events) < 5 {
		t.Fatalf("calendar %+v with %d events", cal, len(events))
	}
	found := false
	seen := map[string]bool{}
	for _, e := range events {
		if seen[e.UID] || !strings.HasSuffix(e.UID, "@daumoi") || e.Date.IsZero() || !strings.Contains(e.Description, "Căn cứ: ") {
			t.Errorf("event %+v", e)
		}
		seen[e.UID] = true
		if e.UID == "ct11-vinhlong-2023/ct11-vulnerability-scan/sys:1@daumoi" {
			found = true
			want := "Rà quét lỗ hổng hệ thống thông tin (tối thiểu 01 lần/6 tháng) — Hệ thống giải quyết thủ tục hành chính; một cửa, liên thông"
			if e.Summary != want || !e.Date.Equal(time.Date(2026, 8, 28, 0, 0, 0, 0, time.UTC)) || !strings.Contains(e.Description, "Trạng thái: quá hạn\n") {
				t.Errorf("scan event = %+v", e)
			}
		}
	}
	if !found {
		t.Error("no event for the scan of system 1")
	}
}
