package errtext

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/packs"
)

// sentinelPackages are the packages whose sentinel errors reach the user
// through the GUI or the command line (folders from the module root).
var sentinelPackages = []string{
	"data/vault", "data/blob", "data/session", "data/users", "data/audit", "data/keyring",
	"data/packs", "data/obligations", "data/registers", "data/tabular", "data/scanimport", "data/incidents", "data/office",
	"reports/bundle", "reports/signing", "reports/pdfdoc", "reports/pades", "data/token",
}

// declaredSentinels parses dir's non-test sources and returns its exported
// package-level Err* variables as "pkg.ErrX", with the sentinel an alias
// stands for ("session.ErrNotPermitted" → "users.ErrNotPermitted").
func declaredSentinels(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !id.IsExported() || !strings.HasPrefix(id.Name, "Err") || i >= len(vs.Values) {
						continue
					}
					full := f.Name.Name + "." + id.Name
					found[full] = full
					if sel, ok := vs.Values[i].(*ast.SelectorExpr); ok {
						if pkg, ok := sel.X.(*ast.Ident); ok && strings.HasPrefix(sel.Sel.Name, "Err") {
							found[full] = pkg.Name + "." + sel.Sel.Name
						}
					}
				}
			}
		}
	}
	return found
}

// mappedSentinels returns every "pkg.ErrX" this package's sources name.
func mappedSentinels(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, p := range pkgs {
		ast.Inspect(p, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && strings.HasPrefix(sel.Sel.Name, "Err") {
					named[pkg.Name+"."+sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	return named
}

// TestEverySentinelHasAMessage fails for any exported sentinel error of the
// services that Messages does not map to a text, so no error reaches the
// user as an untranslated Go message.
func TestEverySentinelHasAMessage(t *testing.T) {
	named := mappedSentinels(t)
	var missing []string
	for _, dir := range sentinelPackages {
		for name, target := range declaredSentinels(t, filepath.Join("..", "..", dir)) {
			if !named[name] && !named[target] {
				missing = append(missing, name)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d sentinel errors have no message in errtext:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// TestMessagesAreTranslated: every message exists in Vietnamese and in
// English, and the Vietnamese one is not the sentinel's English text.
func TestMessagesAreTranslated(t *testing.T) {
	vi, en := i18n.MustLoad(i18n.Vietnamese), i18n.MustLoad(i18n.English)
	for _, m := range Messages() {
		if !vi.Has(m.Key) || !en.Has(m.Key) {
			t.Errorf("%v: %q missing (vi %v, en %v)", m.Err, m.Key, vi.Has(m.Key), en.Has(m.Key))
			continue
		}
		english := m.Err.Error()
		if i := strings.Index(english, ": "); i >= 0 && !strings.Contains(english[:i], " ") {
			english = english[i+2:] // "vault: the journal…" → "the journal…"
		}
		if text := vi.T(m.Key); strings.Contains(strings.ToLower(text), strings.ToLower(english)) || strings.TrimSpace(text) == "" {
			t.Errorf("%v: Vietnamese text %q is not a translation", m.Err, text)
		}
	}
}

// TestPackProblemNamesItsPath: a pack refused for a byte that is not UTF-8
// is described in Vietnamese with the path of the value holding it.
func TestPackProblemNamesItsPath(t *testing.T) {
	raw := []byte("{\"format\": 1, \"id\": \"p\", \"title\": {\"vi\": \"G\xf3i\"}}")
	_, err := packs.Load(bytes.NewReader(raw))
	got := Describe(i18n.MustLoad(i18n.Vietnamese), err)
	if !strings.Contains(got, "không phải UTF-8") || !strings.HasSuffix(got, "(title.vi)") {
		t.Errorf("Describe = %q", got)
	}
}
