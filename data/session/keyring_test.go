package session

import (
	"os"
	"testing"
)

// TestRememberWithRealKeyring runs "remember on this computer" against the
// real Secret Service that `make test` starts (packaging/dev/with-keyring.sh
// sets DAUMOI_KEYRING_TESTS=1 inside a D-Bus session with gnome-keyring).
func TestRememberWithRealKeyring(t *testing.T) {
	if os.Getenv("DAUMOI_KEYRING_TESTS") != "1" {
		t.Skip("needs the real keyring: run through `make test` (DAUMOI_KEYRING_TESTS=1)")
	}
	k := NewKeyring()
	if ok, reason := k.Available(); !ok {
		t.Fatalf("DAUMOI_KEYRING_TESTS=1 but the keyring is unavailable: %s", reason)
	}
	dir, s, _ := newVault(t)
	if err := s.Remember(k); err != nil {
		t.Fatal(err)
	}
	s.Close()

	l, err := OpenLocked(dir, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	if !l.Remembered("huong") {
		t.Fatal("no keyring slot after Remember")
	}
	s2, err := l.UnlockRemembered(k, "huong")
	if err != nil {
		t.Fatalf("unlock from the keyring: %v", err)
	}
	if err := s2.Forget(k); err != nil {
		t.Fatal(err)
	}
	s2.Close()

	l2, err := OpenLocked(dir, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if l2.Remembered("huong") {
		t.Error("keyring slot still there after Forget")
	}
	if _, err := l2.UnlockRemembered(k, "huong"); err == nil {
		t.Error("unlock from the keyring worked after Forget")
	}
}
