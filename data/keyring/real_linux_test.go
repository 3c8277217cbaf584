//go:build linux

package keyring

import (
	"daumoi/data/fsx/fsxtest"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// busConfig is a D-Bus session bus configuration without any service
// folder: nothing can be activated, so no Secret Service will answer.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// TestRealBusWithoutSecretService runs a real dbus-daemon that cannot
// start any service: the keyring says "no Secret Service answered" and
// calls fail fast with ErrUnavailable.
func TestRealBusWithoutSecretService(t *testing.T) {
	realKeyring(t)
	address := startEmptyBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", address)
	const timeout = 3 * time.Second
	rep := runChildProcess(t, timeout, nil)
	if rep.Available || rep.Reason != "no Secret Service answered" {
		t.Fatalf("Available = %v, %q; want false, \"no Secret Service answered\"", rep.Available, rep.Reason)
	}
	for _, name := range []string{"get", "set", "delete"} {
		c := rep.call(t, name)
		if c.Sentinel != "ErrUnavailable" || c.Reason != "no Secret Service answered" || c.Elapsed > timeout/10 {
			t.Errorf("%s: %s after %v (%s); want ErrUnavailable well under %v", name, c.Sentinel, c.Elapsed, c.Err, timeout)
		}
	}
}

// startEmptyBus starts a private dbus-daemon and returns its address.
func startEmptyBus(t *testing.T) string {
	t.Helper()
	dir := fsxtest.TempDir(t)
	sock := filepath.Join(dir, "bus")
	cfg := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(busConfig, sock)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+cfg, "--nofork", "--nopidfile")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon (apt package dbus): %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			return "unix:path=" + sock
		}
	}
	t.Fatalf("dbus-daemon did not create %s", sock)
	return ""
}

// TestRealLockedCollection runs a child in a new D-Bus session where the
// Secret Service is activated on demand with the login collection locked
// and no display for the unlock prompt: the keyring must report it as
// unavailable ("collection locked"), or time out if a prompt is shown and
// left unanswered, and never hang.
func TestRealLockedCollection(t *testing.T) {
	realKeyring(t)
	if _, err := exec.LookPath("dbus-run-session"); err != nil {
		t.Fatalf("dbus-run-session not found (apt package dbus): %v", err)
	}
	const timeout = 3 * time.Second
	rep := runChildProcess(t, timeout, []string{"dbus-run-session", "--"}, "DISPLAY=", "WAYLAND_DISPLAY=")
	if rep.Available {
		t.Fatal("Available = true with a locked collection")
	}
	if rep.Reason != "collection locked" && !strings.HasPrefix(rep.Reason, "timed out") {
		t.Fatalf("reason %q, want \"collection locked\" (or a time-out)", rep.Reason)
	}
	for _, name := range []string{"get", "set"} {
		c := rep.call(t, name)
		if c.Sentinel != "ErrUnavailable" && c.Sentinel != "ErrTimeout" {
			t.Errorf("%s: %s (%s), want ErrUnavailable or ErrTimeout", name, c.Sentinel, c.Err)
		}
	}
}
