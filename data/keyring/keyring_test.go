package keyring

import (
	"errors"
	"strings"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

func TestNewUsesDefaultTimeout(t *testing.T) {
	k := New("daumoi")
	if k.Service != "daumoi" || k.Timeout != DefaultTimeout || DefaultTimeout != 3*time.Second {
		t.Fatalf("New = %+v, want service daumoi and a 3s timeout", k)
	}
	if (&Keyring{}).timeout() != DefaultTimeout {
		t.Fatal("zero Timeout must mean DefaultTimeout")
	}
}

func TestSizeLimits(t *testing.T) {
	if MaxSecretSize != 1920 || MaxStoredSize != 2560 {
		t.Fatalf("limits %d/%d, want 1920 secret bytes and 2560 stored bytes", MaxSecretSize, MaxStoredSize)
	}
}

// TestRefusedBeforeAnyServiceCall checks the input checks that do not
// need a keyring: they fail at once, whatever the service does.
func TestRefusedBeforeAnyServiceCall(t *testing.T) {
	k := &Keyring{Service: "daumoi-test", Timeout: time.Nanosecond}
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"set 1921 bytes", func() error { return k.Set("a", make([]byte, MaxSecretSize+1)) }, ErrTooLarge},
		{"set 64 KiB", func() error { return k.Set("a", make([]byte, 64<<10)) }, ErrTooLarge},
		{"set empty account", func() error { return k.Set("", []byte("x")) }, ErrInvalidAccount},
		{"get empty account", func() error { _, err := k.Get(""); return err }, ErrInvalidAccount},
		{"delete empty account", func() error { return k.Delete("") }, ErrInvalidAccount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// TestTimeoutReturnsWhileCallHangs runs call with an operation that never
// returns: the caller must get ErrTimeout after the timeout.
func TestTimeoutReturnsWhileCallHangs(t *testing.T) {
	k := &Keyring{Service: "daumoi-test", Timeout: 50 * time.Millisecond}
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	err := k.call("get", func() (string, error) { <-release; return "", nil }, nil)
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("call = %v, want ErrTimeout", err)
	}
	if elapsed < 50*time.Millisecond || elapsed > time.Second {
		t.Fatalf("call returned after %v, want about 50ms", elapsed)
	}
}

// TestStuckCallFailsLaterCallsFast checks that while a timed-out call is
// still blocked, later calls fail at once, and that the keyring is tried
// again once the blocked call returns.
func TestStuckCallFailsLaterCallsFast(t *testing.T) {
	k := &Keyring{Service: "daumoi-test", Timeout: 200 * time.Millisecond}
	release := make(chan struct{})
	hung := func() (string, error) { <-release; return "", nil }
	if err := k.call("get", hung, nil); !errors.Is(err, ErrTimeout) {
		t.Fatalf("first call = %v, want ErrTimeout", err)
	}
	ran := false
	start := time.Now()
	err := k.call("get", func() (string, error) { ran = true; return "", nil }, nil)
	if !errors.Is(err, ErrTimeout) || ran || time.Since(start) > k.Timeout/2 {
		t.Fatalf("call while stuck = %v (ran %v, %v), want immediate ErrTimeout", err, ran, time.Since(start))
	}
	if ok, reason := k.Available(); ok || reason != stuckReason {
		t.Fatalf("Available while stuck = %v, %q", ok, reason)
	}
	close(release)
	for deadline := time.Now().Add(time.Second); k.stuck.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	var v string
	if err := k.call("get", func() (string, error) { return "ok", nil }, &v); err != nil || v != "ok" {
		t.Fatalf("call after the stuck one returned = %q, %v; want ok", v, err)
	}
}

func TestReason(t *testing.T) {
	k := &Keyring{Service: "daumoi-test", Timeout: 10 * time.Millisecond}
	release := make(chan struct{})
	defer close(release)
	timedOut := k.call("get", func() (string, error) { <-release; return "", nil }, nil)
	stuck := k.call("get", func() (string, error) { return "", nil }, nil)
	tests := []struct {
		name     string
		err      error
		sentinel error
		reason   string
	}{
		{"time-out", timedOut, ErrTimeout, "timed out after 10ms"},
		{"stuck", stuck, ErrTimeout, stuckReason},
		{"not found", translate("get", gokeyring.ErrNotFound), ErrNotFound, ""},
		{"too large", translate("set", gokeyring.ErrSetDataTooBig), ErrTooLarge, ""},
		{"other", errors.New("x"), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.sentinel != nil && !errors.Is(tc.err, tc.sentinel) {
				t.Fatalf("%v is not %v", tc.err, tc.sentinel)
			}
			if got := Reason(tc.err); got != tc.reason {
				t.Fatalf("Reason(%v) = %q, want %q", tc.err, got, tc.reason)
			}
			if tc.reason != "" && !strings.Contains(tc.err.Error(), tc.reason) {
				t.Fatalf("message %q lacks the reason %q", tc.err, tc.reason)
			}
		})
	}
}
