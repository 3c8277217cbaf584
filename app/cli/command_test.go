package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestArgumentCounts checks the table's bounds on positional arguments: too
// few or too many is a usage error (exit 2) in Vietnamese, before any vault
// is opened.
func TestArgumentCounts(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"incident show", "--vault", "v"}, "thiếu ID"},
		{[]string{"assessment set", "--vault", "v"}, "thiếu ID ITEM"},
		{[]string{"assessment set", "--vault", "v", "1"}, "thiếu ITEM"},
		{[]string{"verify"}, "thiếu FILE.zip"},
		{[]string{"user disable", "--vault", "v"}, "thiếu NAME"},
		{[]string{"incident show", "--vault", "v", "1", "2"}, "2"},
		{[]string{"incident list", "--vault", "v", "extra"}, "extra"},
	}
	for _, c := range cases {
		args := append(strings.Fields(c.args[0]), c.args[1:]...)
		var stdout, stderr bytes.Buffer
		env := Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr}
		if code := Run(args, env); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitUsage, stderr.String())
		}
		if first, _, _ := strings.Cut(stderr.String(), "\n"); !strings.Contains(first, c.want) {
			t.Errorf("%v: stderr %q, want %q", args, first, c.want)
		}
	}
}
