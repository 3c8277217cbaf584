//go:build linux

package keyring

import (
	"daumoi/data/fsx/fsxtest"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestNoSessionBus points the session bus at a socket that does not exist:
// the keyring is unavailable, says why, and every call fails fast with
// ErrUnavailable (size checks still come first).
func TestNoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(fsxtest.TempDir(t), "no-such-bus"))
	const timeout = 3 * time.Second
	rep := runChildProcess(t, timeout, nil)
	if rep.Available || rep.Reason != "no D-Bus session bus" {
		t.Fatalf("Available = %v, %q; want false, \"no D-Bus session bus\"", rep.Available, rep.Reason)
	}
	want := map[string]string{
		"get": "ErrUnavailable", "set": "ErrUnavailable", "set-max": "ErrUnavailable",
		"set-too-large": "ErrTooLarge", "delete": "ErrUnavailable",
	}
	for name, sentinel := range want {
		c := rep.call(t, name)
		if c.Sentinel != sentinel {
			t.Errorf("%s: %s (%s), want %s", name, c.Sentinel, c.Err, sentinel)
		}
		if sentinel == "ErrUnavailable" && c.Reason != "no D-Bus session bus" {
			t.Errorf("%s: Reason = %q, want \"no D-Bus session bus\"", name, c.Reason)
		}
		if c.Elapsed > timeout/10 {
			t.Errorf("%s took %v, want well under the %v timeout", name, c.Elapsed, timeout)
		}
	}
}

// TestHungSessionBus points the session bus at a socket that accepts
// connections and never answers: every call must give up with ErrTimeout
// after the timeout instead of hanging.
func TestHungSessionBus(t *testing.T) {
	sock := filepath.Join(fsxtest.TempDir(t), "hung-bus")
	stop := serveSilently(t, sock)
	defer stop()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+sock)
	const timeout = 300 * time.Millisecond
	rep := runChildProcess(t, timeout, nil)
	if rep.Available || rep.Reason != "timed out after 300ms" || rep.AvailableElapsed < timeout || rep.AvailableElapsed > timeout+time.Second {
		t.Fatalf("Available = %v, %q after %v; want false, \"timed out after 300ms\" just after %v",
			rep.Available, rep.Reason, rep.AvailableElapsed, timeout)
	}
	// Available's probe timed out and is still blocked, so every later call
	// fails at once with ErrTimeout instead of blocking another goroutine.
	for _, name := range []string{"get", "set", "set-max", "delete"} {
		c := rep.call(t, name)
		if c.Sentinel != "ErrTimeout" || c.Reason != stuckReason || c.Elapsed > timeout/2 {
			t.Errorf("%s: %s after %v (%s), want ErrTimeout at once", name, c.Sentinel, c.Elapsed, c.Err)
		}
	}
	if c := rep.call(t, "set-too-large"); c.Sentinel != "ErrTooLarge" || c.Elapsed > timeout/2 {
		t.Errorf("set-too-large: %s after %v, want ErrTooLarge at once", c.Sentinel, c.Elapsed)
	}
}

// serveSilently listens on a unix socket, accepts every connection and
// never writes a byte. stop closes the listener and the connections.
func serveSilently(t *testing.T, path string) (stop func()) {
	t.Helper()
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatalf("listen on %s: %v", path, err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return func() {
		ln.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}
}
