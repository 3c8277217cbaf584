package buildinfo

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestFyneAppTomlAgrees(t *testing.T) {
	raw, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(text); m == nil || m[1] != Version {
		t.Errorf("FyneApp.toml Version = %v, want %q", m, Version)
	}
	if m := regexp.MustCompile(`(?m)^\s*ID\s*=\s*"([^"]+)"`).FindStringSubmatch(text); m == nil || m[1] != AppID {
		t.Errorf("FyneApp.toml ID = %v, want %q", m, AppID)
	}
}

func TestString(t *testing.T) {
	s := String()
	if !strings.HasPrefix(s, "daumoi "+Version+" (go") {
		t.Errorf("String() = %q", s)
	}
}
