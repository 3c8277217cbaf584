package cli

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptNow is the clock of the script tests, so that no script depends on
// today's date: the day the scripts were written.
const scriptNow = "2026-12-02T10:00:00+07:00"

// TestMain lets the script tests run "daumoi" as a real command: the test
// binary re-executes itself with the process's environment and the clock
// of $DAUMOI_TEST_NOW (set by TestScripts).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"daumoi": func() { os.Exit(Run(os.Args[1:], testEnv())) },
	})
}

// testEnv is OSEnv with the clock of $DAUMOI_TEST_NOW when it is set:
// "T@R" means the clock read T at the real instant R and runs on from there,
// so that waits (the wrong-passphrase delay) still pass.
func testEnv() Env {
	env := OSEnv()
	v := os.Getenv("DAUMOI_TEST_NOW")
	if v == "" {
		return env
	}
	fixed, real, _ := strings.Cut(v, "@")
	start, err1 := time.Parse(time.RFC3339, fixed)
	at, err2 := time.Parse(time.RFC3339Nano, real)
	if err := errors.Join(err1, err2); err != nil {
		panic("DAUMOI_TEST_NOW: " + err.Error())
	}
	env.Now = func() time.Time { return start.Add(time.Since(at)) }
	return env
}

// TestScripts runs the command-line scenarios in testdata/script, each a
// txtar file of commands and expected output, like age's CLI tests.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("DAUMOI_LANG", "")
			e.Setenv("DAUMOI_TEST_NOW", scriptNow+"@"+time.Now().Format(time.RFC3339Nano))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"office-fixture": cmdOfficeFixture},
	})
}
