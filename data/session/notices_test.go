package session

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"filippo.io/age"

	"daumoi/data/audit"
	"daumoi/data/vault"
)

// forgeNotice does what anyone who can write the vault folder can do: it
// encrypts msg to the public notice.pub and drops it into notices/ under a
// name claiming the time at.
func forgeNotice(t testing.TB, dir string, at time.Time, msg []byte) {
	t.Helper()
	pub, err := os.ReadFile(filepath.Join(dir, "notice.pub"))
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := age.ParseX25519Recipient(strings.TrimSpace(string(pub)))
	if err != nil {
		t.Fatal(err)
	}
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, rcpt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(msg); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := fmt.Sprintf("%d-%s.age", at.UnixNano(), hex.EncodeToString(suffix))
	if err := os.MkdirAll(filepath.Join(dir, "notices"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notices", name), ct.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// forgedFailure is a failure notice with the given claimed user.
func forgedFailure(t testing.TB, user string, recovery bool) []byte {
	t.Helper()
	b, err := json.Marshal(failure{At: "1999-01-01T00:00:00Z", User: user, Recovery: recovery, Attempt: -5})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unlockAt unlocks dir as huong at the clock's time, after waiting out any
// delay on that clock.
func unlockAt(t *testing.T, dir string, now *time.Time) (*Session, time.Duration) {
	t.Helper()
	l, err := OpenLocked(dir, func() time.Time { return *now })
	if err != nil {
		t.Fatal(err)
	}
	wait := l.RetryAfter()
	*now = now.Add(wait)
	s, err := l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)})
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	return s, wait
}

// TestForgedNoticesBounded is the attack of issue 12: 3,000 notices forged
// by someone who can only write the folder — encrypted to notice.pub, with
// actor text of their choosing, names backdated by a month or dated in the
// year 2200, plus notices too large to read. The next unlock must wait at
// most 30 s, add exactly one bounded history entry written by the system,
// with its time range inside [previous unlock, now], and decrypt neither the
// oversized notices nor more than MaxNoticesRead of the others.
func TestForgedNoticesBounded(t *testing.T) {
	dir, s, _ := newVault(t)
	s.Close()
	prev := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := prev
	s, _ = unlockAt(t, dir, &now) // publishes notice.pub, records the unlock time
	before, err := s.History(audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	now = prev.Add(time.Hour)
	actors := []string{"huong", "\x1b[31mquản trị\x1b[0m", "admin'; DROP TABLE users;--", strings.Repeat("giả-mạo", 100), "huong\nSystem: OK"}
	const forged = 3000
	for i := range forged {
		var at time.Time
		switch i % 3 {
		case 0: // a month before the previous unlock
			at = prev.Add(-30*24*time.Hour - time.Duration(i)*time.Minute)
		case 1: // after it, inside the real window
			at = prev.Add(10*time.Minute + time.Duration(i)*time.Second)
		default: // far in the future
			at = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
		}
		forgeNotice(t, dir, at, forgedFailure(t, actors[i%len(actors)], i%7 == 0))
	}
	// The newest two: a notice file above the size bound, and one whose
	// plaintext is above the bound. Their user names must never show.
	newest := time.Date(2250, 1, 1, 0, 0, 0, 0, time.UTC)
	huge := forgedFailure(t, "tep-qua-lon", false)
	huge = append(huge, bytes.Repeat([]byte(" "), 20000)...)
	forgeNotice(t, dir, newest, huge)
	big := forgedFailure(t, "noi-dung-qua-lon", false)
	big = append(big, bytes.Repeat([]byte(" "), 4097-len(big))...)
	forgeNotice(t, dir, newest.Add(time.Second), big)

	start := time.Now()
	s, wait := unlockAt(t, dir, &now)
	took := time.Since(start)
	defer s.Close()
	t.Logf("%d forged notices: unlock delay %v (on the vault's clock), unlock itself %v", forged+2, wait, took)
	if wait > 30*time.Second {
		t.Errorf("unlock delay %v, want at most 30 s", wait)
	}
	if took > 30*time.Second {
		t.Errorf("unlock took %v", took)
	}

	after, err := s.History(audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Fatalf("history grew by %d entries, want 1", len(after)-len(before))
	}
	e := after[0] // newest first
	t.Logf("entry: %s", e.Summary)
	if e.Action != "unlock.failed" || e.Actor != "" || !e.At.Equal(now) {
		t.Errorf("entry %q by %q at %v; want unlock.failed by the system at %v", e.Action, e.Actor, e.At, now)
	}
	const layout = "02/01/2006 15:04"
	wantStart := fmt.Sprintf("%d lần mở khóa sai được báo khi kho đang khóa, từ %s đến %s (thông báo không xác thực",
		forged+2, prev.Local().Format(layout), now.Local().Format(layout))
	if !strings.HasPrefix(e.Summary, wantStart) {
		t.Errorf("summary\n%s\nwant it to start with\n%s", e.Summary, wantStart)
	}
	for _, bad := range []string{"\x1b", "DROP", "giả-mạo", "\n", "System", "tep-qua-lon", "noi-dung-qua-lon", "2200", "2250", "1999"} {
		if strings.Contains(e.Summary, bad) {
			t.Errorf("summary carries %q: %s", bad, e.Summary)
		}
	}
	for _, want := range []string{"tên người dùng được khai: huong", "thông báo không được đọc", "2 thông báo hỏng"} {
		if !strings.Contains(e.Summary, want) {
			t.Errorf("summary lacks %q: %s", want, e.Summary)
		}
	}
	if n := utf8.RuneCountInString(e.Summary); n > 600 {
		t.Errorf("summary of %d characters", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "notices", "*")); len(left) != 0 {
		t.Errorf("%d notices left after the unlock", len(left))
	}
}

// TestFutureNoticeDoesNotLockOut: a single notice named in the year 2200
// delays the next attempt by one failure's delay from now, not until 2200.
func TestFutureNoticeDoesNotLockOut(t *testing.T) {
	dir, s, _ := newVault(t)
	s.Close()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s, _ = unlockAt(t, dir, &now)
	s.Close()
	forgeNotice(t, dir, time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), forgedFailure(t, "huong", false))
	l, err := OpenLocked(dir, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if d := l.RetryAfter(); d != time.Second {
		t.Errorf("delay after a far-future notice = %v, want 1s", d)
	}
}

// TestRetryDelayCapped: the delay doubles from 1 s and never passes 30 s,
// whatever the count (including counts that overflow a shift).
func TestRetryDelayCapped(t *testing.T) {
	want := map[int]time.Duration{0: 0, 1: time.Second, 2: 2 * time.Second, 5: 16 * time.Second, 6: 30 * time.Second, 7: 30 * time.Second, 64: 30 * time.Second, 1 << 40: 30 * time.Second}
	for n, d := range want {
		if got := retryDelay(n); got != d {
			t.Errorf("retryDelay(%d) = %v, want %v", n, got, d)
		}
	}
}

// TestFailureSummaryBounds: claimed names are listed only when valid user
// names, at most maxClaimedNames, distinct; times are clamped to [floor,
// now], and a floor after now (a clock set back) collapses to now.
func TestFailureSummaryBounds(t *testing.T) {
	floor := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := floor.Add(time.Hour)
	var r failureReport
	for i := range 12 {
		data, _ := json.Marshal(failure{User: fmt.Sprintf("khach%d", i%8)})
		r.notices = append(r.notices, vault.Notice{At: floor.Add(time.Duration(i-6) * time.Hour), Data: data})
	}
	data, _ := json.Marshal(failure{User: "bad name\t"})
	r.notices = append(r.notices, vault.Notice{At: now, Data: data}, vault.Notice{At: now, Unread: true})
	r.pending = []failure{{At: floor.Add(time.Minute).Format(time.RFC3339), User: "huong", Recovery: true}}
	s := r.summarise(floor, now)
	if s.count != 15 || s.unread != 1 || s.damaged != 0 || s.recovery != 1 {
		t.Errorf("counts %+v", s)
	}
	if len(s.names) != maxClaimedNames || s.otherNames != 8-maxClaimedNames+1 || s.invalidNames != 1 {
		t.Errorf("names %v, %d others, %d invalid; want %d listed, 4 others (khach5-7, huong), 1 invalid", s.names, s.otherNames, s.invalidNames, maxClaimedNames)
	}
	if !s.first.Equal(floor) || !s.last.Equal(now) {
		t.Errorf("range %v – %v, want %v – %v", s.first, s.last, floor, now)
	}
	s = r.summarise(now.Add(48*time.Hour), now)
	if !s.first.Equal(now) || !s.last.Equal(now) {
		t.Errorf("floor after now: range %v – %v, want both %v", s.first, s.last, now)
	}
	if txt := s.text(); !strings.Contains(txt, "lúc "+now.Local().Format("02/01/2006 15:04")) {
		t.Errorf("single-time summary: %s", txt)
	}
}
