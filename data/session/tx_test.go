package session

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTransactionsGoThroughTheCore reads the package's source: outside
// tx.go, a transaction is opened only through write and read (which check
// the permission), except at the few places listed here that run before a
// user acts or on the session's own behalf.
func TestTransactionsGoThroughTheCore(t *testing.T) {
	allowed := map[string]int{
		"create.go":    1, // initialise: the vault's first records, before any user exists
		"session.go":   2, // Close (seals the roster) and Me (any user, also a disabled one)
		"users.go":     2, // finishRevocations: part of a focal point's unlock
		"scanstage.go": 1, // discard: removes what the failed import staged
	}
	raw := regexp.MustCompile(`\.v\.(Update|View)\(`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "tx.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(raw.FindAllIndex(src, -1)); n != allowed[f] {
			t.Errorf("%s opens %d transactions without the core (s.write, s.read), want %d", f, n, allowed[f])
		}
	}
}
