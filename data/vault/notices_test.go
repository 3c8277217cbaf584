package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestNotices(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
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
	if n := l.NoticesSince(at.Add(time.Minute)); n != 2 {
		t.Errorf("NoticesSince = %d, want 2", n)
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
	ns, err := v.Notices()
	if err != nil || len(ns) != 4 {
		t.Fatalf("Notices = %d, %v", len(ns), err)
	}
	if ns[0].Data != nil {
		t.Error("garbage notice decrypted")
	}
	var names []string
	for _, n := range ns[1:] {
		if !bytes.Equal(n.Data, marker) {
			t.Errorf("notice = %q", n.Data)
		}
		names = append(names, n.Name)
	}
	if err := v.DeleteNotices(append(names, ns[0].Name, "../vault.header")); err != nil {
		t.Fatal(err)
	}
	if ns, _ := v.Notices(); len(ns) != 0 {
		t.Errorf("%d notices left after delete", len(ns))
	}
	if !Exists(dir) {
		t.Fatal("DeleteNotices followed a path outside the notices folder")
	}
}
