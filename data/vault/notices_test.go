package vault

import (
	"bytes"
	"daumoi/data/fsx/fsxtest"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestNotices(t *testing.T) {
	dir := filepath.Join(fsxtest.TempDir(t), "v")
	kdf := InsecureFastKDF()
	v, _, err := Create(dir, CreateOptions{User: "huong", Passphrase: []byte("mật khẩu"), KDF: &kdf})
	if err != nil {
		t.Fatal(err)
	}
	v.Close()

	l, err := OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if err := l.PostNotice([]byte("x"), at); !errors.Is(err, ErrNoNoticeKey) {
		t.Fatalf("PostNotice before the key is published = %v", err)
	}
	v, err = l.UnlockPassphrase("huong", []byte("mật khẩu"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.PublishNoticeKey(); err != nil {
		t.Fatal(err)
	}
	v.Close()

	l, err = OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	marker := []byte("Nguyễn Thị Thu Hương-NOTICE-MARKER")
	for i := range 3 {
		if err := l.PostNotice(marker, at.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if n, latest := l.RecentNotices(at.Add(time.Minute), at.Add(time.Hour)); n != 2 || !latest.Equal(at.Add(2*time.Minute)) {
		t.Errorf("RecentNotices = %d, %v; want 2, %v", n, latest, at.Add(2*time.Minute))
	}
	files, _ := filepath.Glob(filepath.Join(dir, noticesDir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, marker) || bytes.Contains(b, []byte("NOTICE-MARKER")) {
			t.Fatalf("plaintext in %s", f)
		}
	}
	// A garbage file that looks like a notice decrypts to nil and can be deleted.
	if err := os.WriteFile(filepath.Join(dir, noticesDir, "1-000000000000.age"), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err = l.UnlockPassphrase("huong", []byte("mật khẩu"))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ns, more, err := v.Notices()
	if err != nil || len(ns) != 4 || more {
		t.Fatalf("Notices = %d, %v, %v", len(ns), more, err)
	}
	if ns[0].Data != nil {
		t.Error("garbage notice decrypted")
	}
	var names []string
	for i, n := range ns[1:] {
		if !bytes.Equal(n.Data, marker) || !n.At.Equal(at.Add(time.Duration(i)*time.Minute)) {
			t.Errorf("notice = %q at %v", n.Data, n.At)
		}
		names = append(names, n.Name)
	}
	if err := v.DeleteNotices(append(names, ns[0].Name, "../vault.header")); err != nil {
		t.Fatal(err)
	}
	if ns, _, _ := v.Notices(); len(ns) != 0 {
		t.Errorf("%d notices left after delete", len(ns))
	}
	if !Exists(dir) {
		t.Fatal("DeleteNotices followed a path outside the notices folder")
	}
}

// forgeNoticeFile writes, as anyone who can write the folder could, the age
// encryption of msg (of any size) to notice.pub under a name claiming the
// time at.
func forgeNoticeFile(t *testing.T, dir string, at time.Time, msg []byte) {
	t.Helper()
	ct, err := sealNotice(dir, msg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, noticesDir, forgedName(at)), ct, 0o600); err != nil {
		t.Fatal(err)
	}
}

// forgedName is a notice file name claiming the time at.
func forgedName(at time.Time) string {
	return fmt.Sprintf("%d-%012x.age", at.UnixNano(), at.UnixNano()&0xffffffffffff)
}

// TestNoticeBounds: one call decrypts at most MaxNoticesRead notices (the
// newest) and never a file above maxNoticeFileSize or a plaintext above
// maxNoticeSize; a locked vault caps a far-future name's time at now.
func TestNoticeBounds(t *testing.T) {
	v, dir, _ := newTestVault(t)
	if err := v.PublishNoticeKey(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, noticesDir), 0o700); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	const valid = 150
	for i := range valid {
		forgeNoticeFile(t, dir, base.Add(time.Duration(i)*time.Minute), []byte("ok"))
	}
	forgeNoticeFile(t, dir, base.Add(200*time.Minute), bytes.Repeat([]byte("x"), maxNoticeFileSize))
	forgeNoticeFile(t, dir, base.Add(201*time.Minute), bytes.Repeat([]byte("y"), maxNoticeSize+1))
	future := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	forgeNoticeFile(t, dir, future, []byte("ok"))
	if fi, err := os.Stat(filepath.Join(dir, noticesDir, forgedName(base.Add(200*time.Minute)))); err != nil || fi.Size() <= maxNoticeFileSize {
		t.Fatalf("oversized notice: %v, %v", fi, err)
	}

	ns, more, err := v.Notices()
	if err != nil || more || len(ns) != valid+3 {
		t.Fatalf("Notices = %d, more %v, %v", len(ns), more, err)
	}
	read, unread := 0, 0
	for _, n := range ns {
		if n.Data != nil {
			read++
		}
		if n.Unread {
			unread++
		}
	}
	if read != MaxNoticesRead-2 || unread != len(ns)-MaxNoticesRead {
		t.Errorf("decrypted %d, unread %d; want %d and %d", read, unread, MaxNoticesRead-2, len(ns)-MaxNoticesRead)
	}
	if big := ns[valid]; big.Data != nil || big.Unread {
		t.Errorf("file above the size bound: %d bytes, unread %v", len(big.Data), big.Unread)
	}
	if big := ns[valid+1]; big.Data != nil || big.Unread {
		t.Errorf("plaintext above the size bound: %d bytes, unread %v", len(big.Data), big.Unread)
	}
	if last := ns[len(ns)-1]; !last.At.Equal(future) || !bytes.Equal(last.Data, []byte("ok")) {
		t.Errorf("newest notice %v %q, want the 2200 one", last.At, last.Data)
	}
	v.Close()

	l, err := OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	now := base.Add(time.Hour)
	if n, latest := l.RecentNotices(now.Add(-time.Minute), now); n != 1+valid+2-59 || !latest.Equal(now) {
		t.Errorf("RecentNotices = %d, %v; want %d, %v (the far-future name capped at now)", n, latest, 1+valid+2-59, now)
	}
}

// TestNoticeListingBounded: a folder with more notice files than
// maxNoticesListed is listed up to the bound, with more set.
func TestNoticeListingBounded(t *testing.T) {
	v, dir, _ := newTestVault(t)
	defer v.Close()
	if err := os.MkdirAll(filepath.Join(dir, noticesDir), 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range maxNoticesListed + 10 {
		if err := os.WriteFile(filepath.Join(dir, noticesDir, fmt.Sprintf("%d-%012x.age", i, i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ns, more, err := v.Notices()
	if err != nil || !more || len(ns) != maxNoticesListed {
		t.Fatalf("Notices = %d, more %v, %v; want %d, more", len(ns), more, err, maxNoticesListed)
	}
}
