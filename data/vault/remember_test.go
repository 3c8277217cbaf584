package vault

import (
	"errors"
	"testing"

	"daumoi/data/keyring"
)

// mapStore is an in-memory SecretStore: the OS keyring is not available on
// the headless test machine (see TestRememberWithoutKeyring for the real one).
type mapStore map[string][]byte

func (m mapStore) Set(a string, s []byte) error { m[a] = append([]byte(nil), s...); return nil }
func (m mapStore) Get(a string) ([]byte, error) {
	s, ok := m[a]
	if !ok {
		return nil, keyring.ErrNotFound
	}
	return append([]byte(nil), s...), nil
}
func (m mapStore) Delete(a string) error { delete(m, a); return nil }

func TestRememberOnThisComputer(t *testing.T) {
	v, dir, _ := newTestVault(t)
	store := mapStore{}
	if err := v.Remember(store, "máy của An"); err != nil {
		t.Fatal(err)
	}
	_ = v.Close()
	l, err := OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := l.UnlockRemembered(store, "máy của An")
	if err != nil {
		t.Fatalf("UnlockRemembered: %v", err)
	}
	if err := v2.Forget(store, "máy của An"); err != nil {
		t.Fatal(err)
	}
	if len(store) != 0 {
		t.Fatal("Forget left the secret in the store")
	}
	_ = v2.Close()
	l, err = OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.UnlockRemembered(store, "máy của An"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("after Forget: %v, want keyring.ErrNotFound", err)
	}
}

// TestRememberWithoutKeyring uses the real keyring package. When no keyring
// answers (as on a headless test machine), Remember must fail with the
// keyring's error and leave no secret slot behind; when one answers, the
// whole round trip must work.
func TestRememberWithoutKeyring(t *testing.T) {
	v, _, _ := newTestVault(t)
	kr := keyring.New("daumoi-vault-test")
	slots := len(v.Slots())
	err := v.Remember(kr, "máy thử")
	ok, reason := kr.Available()
	if ok {
		if err != nil {
			t.Fatalf("keyring available but Remember failed: %v", err)
		}
		if err := v.Forget(kr, "máy thử"); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Logf("keyring unavailable: %s", reason)
	if !errors.Is(err, keyring.ErrUnavailable) && !errors.Is(err, keyring.ErrTimeout) {
		t.Fatalf("Remember without keyring: %v", err)
	}
	if got := len(v.Slots()); got != slots {
		t.Fatalf("failed Remember left a slot: %d slots, want %d", got, slots)
	}
}
