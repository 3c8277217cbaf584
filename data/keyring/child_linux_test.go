//go:build linux

package keyring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The D-Bus library keeps one process-wide session-bus connection (and a
// connection attempt to a hung bus holds its lock forever), so scenarios
// that need a different bus run in a child process: the test binary itself,
// started with childEnv set, runs runChild from TestMain and prints a
// childReport as JSON.

// childEnv names the variable that turns the test binary into a child.
const childEnv = "DAUMOI_KEYRING_CHILD"

// childTimeoutEnv gives the child's Keyring timeout (a Go duration).
const childTimeoutEnv = "DAUMOI_KEYRING_CHILD_TIMEOUT"

// childReport is what a child observed.
type childReport struct {
	Available        bool
	Reason           string
	AvailableElapsed time.Duration
	Calls            []childCall
}

// childCall is the outcome of one keyring call in the child.
type childCall struct {
	Name     string
	Sentinel string // name of the sentinel error, "" for success
	Reason   string // Reason(err)
	Err      string
	Elapsed  time.Duration
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// runChild exercises a Keyring on whatever bus the environment names.
func runChild() int {
	timeout, err := time.ParseDuration(os.Getenv(childTimeoutEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child: bad timeout:", err)
		return 2
	}
	k := &Keyring{Service: "daumoi-test-child", Timeout: timeout}
	var rep childReport
	start := time.Now()
	rep.Available, rep.Reason = k.Available()
	rep.AvailableElapsed = time.Since(start)
	calls := []struct {
		name string
		run  func() error
	}{
		{"get", func() error { _, err := k.Get("someone"); return err }},
		{"set", func() error { return k.Set("someone", []byte("secret")) }},
		{"set-max", func() error { return k.Set("someone", make([]byte, MaxSecretSize)) }},
		{"set-too-large", func() error { return k.Set("someone", make([]byte, MaxSecretSize+1)) }},
		{"delete", func() error { return k.Delete("someone") }},
	}
	for _, c := range calls {
		start := time.Now()
		err := c.run()
		rep.Calls = append(rep.Calls, childCall{
			Name: c.name, Sentinel: sentinelName(err), Reason: Reason(err),
			Err: errString(err), Elapsed: time.Since(start),
		})
	}
	if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
		return 2
	}
	return 0
}

// sentinelName names the sentinel err wraps.
func sentinelName(err error) string {
	sentinels := []struct {
		name string
		err  error
	}{
		{"ErrNotFound", ErrNotFound}, {"ErrUnavailable", ErrUnavailable},
		{"ErrTimeout", ErrTimeout}, {"ErrTooLarge", ErrTooLarge},
		{"ErrInvalidAccount", ErrInvalidAccount}, {"ErrMalformed", ErrMalformed},
	}
	if err == nil {
		return ""
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return "unknown"
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// runChildProcess runs the test binary as a child with the given timeout
// and extra environment (after the parent's, which t.Setenv may have
// changed), optionally wrapped in a command such as dbus-run-session.
func runChildProcess(t *testing.T, timeout time.Duration, wrapper []string, env ...string) childReport {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	argv := append(append([]string{}, wrapper...), self, "-test.run=^$")
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"=1", childTimeoutEnv+"="+timeout.String())
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child %v: %v\nstderr:\n%s", argv, err, stderr.String())
	}
	var rep childReport
	// dbus-run-session may print its own lines; the report is the last one.
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rep); err != nil {
		t.Fatalf("child output %q: %v\nstderr:\n%s", stdout.String(), err, stderr.String())
	}
	t.Logf("child report: %+v", rep)
	return rep
}

// call returns the report of the named call.
func (r childReport) call(t *testing.T, name string) childCall {
	t.Helper()
	for _, c := range r.Calls {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("child made no %q call", name)
	return childCall{}
}
