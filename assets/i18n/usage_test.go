package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryKeyUsedExists scans the program's Go sources for message keys
// written as literals — T("key"), Key: "key", and the keys passed to the
// GUI's form helpers — and checks that the catalogue has each of them, so
// that a key lost in a merge shows up here rather than as a raw key on
// screen. A literal ending in "." is a prefix completed at run time: some key
// must start with it.
func TestEveryKeyUsedExists(t *testing.T) {
	vi := MustLoad(Vietnamese)
	keys := vi.Keys()
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`\.T\("([a-z][a-z0-9_]*\.[a-z0-9_.]*)"`),
		regexp.MustCompile(`Key: "([a-z][a-z0-9_]*\.[a-z0-9_.]*)"`),
		regexp.MustCompile(`summaryKey: "([a-z][a-z0-9_]*\.[a-z0-9_.]*)"`),
		regexp.MustCompile(`item\("([a-z][a-z0-9_]*\.[a-z0-9_.]*)"`),
	}
	checked := 0
	for _, root := range []string{"../../app", "../../data", "../../reports"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, re := range patterns {
				for _, m := range re.FindAllStringSubmatch(string(src), -1) {
					checked++
					if !keyKnown(vi, keys, m[1]) {
						t.Errorf("%s uses %q, which vi.json lacks", path, m[1])
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 100 {
		t.Errorf("only %d key uses found: the scan is not looking at the sources", checked)
	}
}

func keyKnown(c *Catalog, keys []string, key string) bool {
	if !strings.HasSuffix(key, ".") {
		return c.Has(key)
	}
	for _, k := range keys {
		if strings.HasPrefix(k, key) {
			return true
		}
	}
	return false
}
