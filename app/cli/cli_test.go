package cli

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the script tests run "daumoi" as a real command: the test
// binary re-executes itself with cli.Main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"daumoi": func() { os.Exit(Main(os.Args[1:])) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script, each a
// txtar file of commands and expected output, like age's CLI tests.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("DAUMOI_LANG", "")
			return nil
		},
	})
}
