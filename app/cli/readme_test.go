package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/vault"
)

// readmeCommands returns the lines of the first sh block of README.md's
// "Command line" section, without comments and blank lines.
func readmeCommands(t *testing.T, readme string) []string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "### Command line\n")
	if !ok {
		t.Fatal(`README.md has no "### Command line" section`)
	}
	_, block, ok := strings.Cut(section, "```sh\n")
	if !ok {
		t.Fatal("the Command line section has no sh block")
	}
	block, _, ok = strings.Cut(block, "```")
	if !ok {
		t.Fatal("the sh block is not closed")
	}
	var lines []string
	for _, line := range strings.Split(block, "\n") {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// assignments splits leading NAME=value words off words.
func assignments(words []string) (map[string]string, []string) {
	env := map[string]string{}
	for len(words) > 0 {
		name, value, ok := strings.Cut(words[0], "=")
		if !ok || name == "" || strings.ToUpper(name) != name {
			break
		}
		env[name] = value
		words = words[1:]
	}
	return env, words
}

// TestReadmeCommands runs every command of README.md's "Command line"
// block, as written, on a fresh demo vault made with the exported
// passphrase, in an empty folder holding copies of the repository files
// the commands name. The README is parsed here, so the block cannot drift
// from what works: a line that is neither an export nor a bin/daumoi
// command, or a command that fails, fails the test.
func TestReadmeCommands(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := readmeCommands(t, string(readme))
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	t.Chdir(t.TempDir())
	start, err := time.Parse(time.RFC3339, scriptNow)
	if err != nil {
		t.Fatal(err)
	}
	realStart := time.Now()
	exported := map[string]string{}
	run := func(line string, env map[string]string, args []string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		e := Env{
			Getenv: func(key string) string {
				if v, ok := env[key]; ok {
					return v
				}
				if v, ok := exported[key]; ok {
					return v
				}
				if strings.HasPrefix(key, "DAUMOI_") && key != vault.InsecureFastKDFEnv {
					return ""
				}
				return os.Getenv(key)
			},
			Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Now: func() time.Time { return start.Add(time.Since(realStart)) },
		}
		if status := Run(args, e); status != 0 {
			t.Fatalf("README line %q: exit %d\n%s%s", line, status, stdout.String(), stderr.String())
		}
	}
	ran := 0
	for _, line := range lines {
		words := strings.Fields(line)
		if strings.ContainsAny(line, `'"$\;|&<>`+"`") {
			t.Fatalf("README line %q: quotes, variables and shell operators are not run by this test; keep the examples plain", line)
		}
		if words[0] == "export" {
			env, rest := assignments(words[1:])
			if len(rest) > 0 {
				t.Fatalf("README line %q: export of something that is not NAME=value", line)
			}
			for k, v := range env {
				exported[k] = v
			}
			if exported["DAUMOI_VAULT"] != "" && ran == 0 {
				if _, err := os.Stat(exported["DAUMOI_VAULT"]); os.IsNotExist(err) {
					run("demo", map[string]string{}, []string{"demo", "--vault", exported["DAUMOI_VAULT"]})
				}
			}
			continue
		}
		env, rest := assignments(words)
		if len(rest) == 0 || rest[0] != "bin/daumoi" {
			t.Fatalf("README line %q is not a bin/daumoi command", line)
		}
		if _, err := os.Stat(exported["DAUMOI_VAULT"]); err != nil {
			t.Fatalf("README line %q runs before DAUMOI_VAULT names the demo vault: %v", line, err)
		}
		for _, arg := range rest[1:] {
			copyRepoFile(t, repo, arg)
		}
		run(line, env, rest[1:])
		ran++
	}
	if ran < 10 {
		t.Fatalf("only %d commands found in README.md's Command line block", ran)
	}
}

// copyRepoFile copies the repository file named by arg, if arg is a path
// in a folder of the repository (files the examples write are plain names,
// which a developer who ran them may have left in the repository's root),
// to the same relative path in the working folder.
func copyRepoFile(t *testing.T, repo, arg string) {
	t.Helper()
	if strings.HasPrefix(arg, "-") || filepath.IsAbs(arg) || !strings.Contains(arg, "/") {
		return
	}
	src := filepath.Join(repo, filepath.FromSlash(arg))
	if fi, err := os.Stat(src); err != nil || !fi.Mode().IsRegular() {
		return
	}
	if err := os.MkdirAll(filepath.Dir(arg), 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(arg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
