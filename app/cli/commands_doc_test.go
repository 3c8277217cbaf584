package cli

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// documentedCommands are the commands COMMANDS.md has a heading for
// ("### `daumoi NAME`"); a last word "a|b|c" stands for each of them.
func documentedCommands(doc string) []string {
	var names []string
	for _, m := range regexp.MustCompile("(?m)^### `daumoi ([^`]+)`").FindAllStringSubmatch(doc, -1) {
		words := strings.Fields(m[1])
		if len(words) == 0 {
			continue
		}
		stem := strings.Join(words[:len(words)-1], " ")
		for _, last := range strings.Split(words[len(words)-1], "|") {
			names = append(names, strings.TrimSpace(stem+" "+last))
		}
	}
	return names
}

// TestCommandsDocumented fails when a command app/cli registers has no
// entry in COMMANDS.md (the list of every command, beyond the design's
// CLI.md), and when an entry names no command, unless it is marked
// pending (a command another branch adds).
func TestCommandsDocumented(t *testing.T) {
	data, err := os.ReadFile("COMMANDS.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	documented := documentedCommands(doc)
	var registered []string
	for _, c := range allCommands() {
		registered = append(registered, c.name)
		if !slices.Contains(documented, c.name) {
			t.Errorf("COMMANDS.md has no heading for the command %q (### `daumoi %s`)", c.name, c.name)
		}
	}
	for _, name := range documented {
		if !slices.Contains(registered, name) && !pendingEntry(doc, name) {
			t.Errorf("COMMANDS.md documents %q, which is not a command", name)
		}
	}
}

// pendingEntry reports whether the entry of name is marked PENDING (the
// command of another branch, not merged yet).
func pendingEntry(doc, name string) bool {
	words := strings.Fields(name)
	stem := "### `daumoi " + strings.Join(words[:len(words)-1], " ") + " "
	for _, part := range strings.Split(doc, "\n### ")[1:] {
		part = "### " + part
		if strings.HasPrefix(part, stem) && strings.Contains(part, "<!-- PENDING") {
			return true
		}
	}
	return false
}

func TestDocumentedCommandsExpandsAlternatives(t *testing.T) {
	got := documentedCommands("### `daumoi office warning add|edit`\n\n### `daumoi due` *(CLI.md)*\n## `x`\n###  `daumoi no`\n")
	if want := []string{"office warning add", "office warning edit", "due"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
