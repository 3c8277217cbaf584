package keyring

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"testing"

	gokeyring "github.com/zalando/go-keyring"
	"golang.org/x/text/unicode/norm"
)

// realKeyringEnv must be "1" to run the tests that need a real keyring.
const realKeyringEnv = "DAUMOI_KEYRING_TESTS"

// howToRun tells how to run the real-keyring tests on Linux.
const howToRun = `run them inside a D-Bus session with an unlocked GNOME Keyring:
  DAUMOI_KEYRING_TESTS=1 dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test ./data/keyring/'`

// realKeyring returns a Keyring on a real, working system keyring. Without
// DAUMOI_KEYRING_TESTS=1 the test is skipped (so that "go test ./..."
// outside a D-Bus session stays meaningful); with it, an unreachable
// keyring FAILS the test.
func realKeyring(t *testing.T) *Keyring {
	t.Helper()
	if os.Getenv(realKeyringEnv) != "1" {
		t.Skipf("needs a real system keyring; set %s=1 and %s", realKeyringEnv, howToRun)
	}
	k := New("daumoi-test")
	if ok, reason := k.Available(); !ok {
		t.Fatalf("%s=1 but the system keyring is not available (%s); %s", realKeyringEnv, reason, howToRun)
	}
	return k
}

// testAccount returns an account name unique to this run, deleted at the
// end of the test.
func testAccount(t *testing.T, k *Keyring) string {
	t.Helper()
	var b [8]byte
	_, _ = rand.Read(b[:])
	account := "test-" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		if err := k.Delete(account); err != nil && !errors.Is(err, ErrNotFound) {
			t.Errorf("cleanup: delete %s: %v", account, err)
		}
	})
	return account
}

func randomSecret(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func TestRealRoundTrip(t *testing.T) {
	k := realKeyring(t)
	allBytes := make([]byte, 256)
	for i := range allBytes {
		allBytes[i] = byte(i)
	}
	tests := []struct {
		name   string
		secret []byte
	}{
		{"empty", []byte{}},
		{"one byte", []byte{0}},
		{"all byte values", allBytes},
		{"32 random bytes", randomSecret(32)},
		{"largest allowed (1920 bytes)", randomSecret(MaxSecretSize)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			account := testAccount(t, k)
			if err := k.Set(account, tc.secret); err != nil {
				t.Fatalf("Set: %v", err)
			}
			got, err := k.Get(account)
			if err != nil || !bytes.Equal(got, tc.secret) {
				t.Fatalf("Get = %x, %v; want %x", got, err, tc.secret)
			}
		})
	}
}

func TestRealTooLargeIsRefusedAndChangesNothing(t *testing.T) {
	k := realKeyring(t)
	account := testAccount(t, k)
	old := randomSecret(16)
	if err := k.Set(account, old); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := k.Set(account, randomSecret(MaxSecretSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Set(1921 bytes) = %v, want ErrTooLarge", err)
	}
	if got, err := k.Get(account); err != nil || !bytes.Equal(got, old) {
		t.Fatalf("after refused Set, Get = %x, %v; want the old secret", got, err)
	}
}

func TestRealReplace(t *testing.T) {
	k := realKeyring(t)
	account := testAccount(t, k)
	for _, s := range []string{"first", "second"} {
		if err := k.Set(account, []byte(s)); err != nil {
			t.Fatalf("Set(%s): %v", s, err)
		}
	}
	if got, err := k.Get(account); err != nil || string(got) != "second" {
		t.Fatalf("Get = %q, %v; want \"second\"", got, err)
	}
}

func TestRealNotFoundAndDelete(t *testing.T) {
	k := realKeyring(t)
	account := testAccount(t, k)
	if _, err := k.Get(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(missing) = %v, want ErrNotFound", err)
	}
	if err := k.Delete(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete(missing) = %v, want ErrNotFound", err)
	}
	if err := k.Set(account, []byte("x")); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := k.Delete(account); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete = %v, want ErrNotFound", err)
	}
}

func TestRealAccountIsNFC(t *testing.T) {
	k := realKeyring(t)
	base := testAccount(t, k)
	decomposed := norm.NFD.String(base + "-Nguyễn Văn Ấn")
	composed := norm.NFC.String(decomposed)
	if decomposed == composed {
		t.Fatal("test data is not decomposable")
	}
	t.Cleanup(func() { _ = k.Delete(composed) })
	if err := k.Set(decomposed, []byte("v")); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := k.Get(composed); err != nil || string(got) != "v" {
		t.Fatalf("Get(NFC) after Set(NFD) = %q, %v", got, err)
	}
}

func TestRealServicesAreSeparate(t *testing.T) {
	k := realKeyring(t)
	other := New("daumoi-test-other")
	account := testAccount(t, k)
	if err := k.Set(account, []byte("mine")); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if _, err := other.Get(account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other service Get = %v, want ErrNotFound", err)
	}
}

func TestRealForeignValueIsMalformed(t *testing.T) {
	k := realKeyring(t)
	account := testAccount(t, k)
	// Another program stored a value that is not our base64 form.
	if err := gokeyring.Set(k.Service, account, "not base64!"); err != nil {
		t.Fatalf("go-keyring Set: %v", err)
	}
	if _, err := k.Get(account); !errors.Is(err, ErrMalformed) {
		t.Fatalf("Get = %v, want ErrMalformed", err)
	}
}
