// Package killtest runs a test binary again as a child process and kills it
// with SIGKILL, for the crash-safety tests of the packages that write
// vault files. A child prints one line for each operation once it has
// returned successfully; the parent checks after the kill that each printed
// operation survived.
package killtest

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Child returns a command that runs this test binary with no tests, with
// env added to the environment (the child's TestMain looks at it).
func Child(env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// Start starts cmd with its standard output piped and its standard error
// kept.
func Start(tb testing.TB, cmd *exec.Cmd) (io.Reader, *bytes.Buffer) {
	tb.Helper()
	stderr := &bytes.Buffer{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	return out, stderr
}

// KillAfter starts cmd, SIGKILLs it after delay and returns the lines it
// printed before dying (but a Ready line). It fails the test if the child
// reported a failure (a standard-error line mentioning "child").
func KillAfter(tb testing.TB, cmd *exec.Cmd, delay time.Duration) []string {
	tb.Helper()
	return killAfter(tb, cmd, delay, false)
}

// Ready is the line a child prints once it is set up (the vault unlocked),
// for KillAfterReady.
const Ready = "ready"

// KillAfterReady is KillAfter with the delay counted from the child's Ready
// line rather than from its start, so that the kill falls among the
// operations however slowly the child starts (under Wine a child takes
// longer to start and unlock than the whole random window). A child that
// ends before printing it is waited for and its lines returned.
func KillAfterReady(tb testing.TB, cmd *exec.Cmd, delay time.Duration) []string {
	tb.Helper()
	return killAfter(tb, cmd, delay, true)
}

// KillAfterLines is KillAfter with the delay counted from the child's n-th
// operation line, so that the kill falls after at least n operations
// however loaded the machine is (a batch of more than n operations is
// then always cut in its middle, once delay is short beside one
// operation). A child that ends before printing them is waited for.
func KillAfterLines(tb testing.TB, cmd *exec.Cmd, n int, delay time.Duration) []string {
	tb.Helper()
	return killAt(tb, cmd, delay, n)
}

// killAfter is KillAfter, counting the delay from the Ready line when
// fromReady is set.
func killAfter(tb testing.TB, cmd *exec.Cmd, delay time.Duration, fromReady bool) []string {
	tb.Helper()
	if fromReady {
		return killAt(tb, cmd, delay, 0)
	}
	return killAt(tb, cmd, delay, -1)
}

// killAt starts cmd and kills it delay after a point: its start (after
// < 0), its Ready line (after == 0) or its after-th operation line.
func killAt(tb testing.TB, cmd *exec.Cmd, delay time.Duration, after int) []string {
	tb.Helper()
	out, stderr := Start(tb, cmd)
	var lines []string
	point := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer closeOnce(point)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == Ready {
				if after == 0 {
					closeOnce(point)
				}
				continue
			}
			lines = append(lines, sc.Text())
			if after > 0 && len(lines) == after {
				closeOnce(point)
			}
		}
		_, _ = io.Copy(io.Discard, out)
	})
	if after >= 0 {
		<-point
	}
	time.Sleep(delay) // not synchronisation: the kill point is meant to be random
	_ = cmd.Process.Kill()
	wg.Wait()
	_ = cmd.Wait()
	if strings.Contains(stderr.String(), "child") {
		tb.Fatalf("child failed: %s", stderr.String())
	}
	return lines
}

// closeOnce closes c unless it is closed already; only the reading
// goroutine closes it.
func closeOnce(c chan struct{}) {
	select {
	case <-c:
	default:
		close(c)
	}
}
