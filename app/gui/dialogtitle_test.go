package gui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
)

// endsLikeAButton reports whether text ends in the "…" that, on a
// button, says a dialog follows — wrong in the dialog's own title.
func endsLikeAButton(text string) bool {
	text = strings.TrimSpace(text)
	return strings.HasSuffix(text, "…") || strings.HasSuffix(text, "...")
}

// TestDialogTitlesHaveNoEllipsis reads the package's sources: the title of
// every dialog made (the first argument of dialog.New…/dialog.Show…,
// file dialogs aside) is a catalogue text that does not end in "…", in
// either language, or goes through plainTitle, which drops it.
func TestDialogTitlesHaveNoEllipsis(t *testing.T) {
	cats := []*i18n.Catalog{i18n.MustLoad(i18n.Vietnamese), i18n.MustLoad(i18n.English)}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 || !makesTitledDialog(call) {
				return true
			}
			checked++
			if problem := titleProblem(cats, call.Args[0]); problem != "" {
				t.Errorf("%s: %s", fset.Position(call.Pos()), problem)
			}
			return true
		})
	}
	if checked < 30 {
		t.Errorf("only %d dialogs found: the scan is not looking at the sources", checked)
	}
}

// makesTitledDialog reports whether call is dialog.New… or dialog.Show…
// with a title first (not a file, folder or error dialog).
func makesTitledDialog(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "dialog" {
		return false
	}
	fn := sel.Sel.Name
	if !strings.HasPrefix(fn, "New") && !strings.HasPrefix(fn, "Show") {
		return false
	}
	return !strings.Contains(fn, "File") && !strings.Contains(fn, "Folder") && !strings.Contains(fn, "Error")
}

// titleProblem says what is wrong with a dialog's title expression, or "".
func titleProblem(cats []*i18n.Catalog, e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		return titleProblem(cats, x.X)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "plainTitle" {
			return ""
		}
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "T" || len(x.Args) == 0 {
			break
		}
		key, whole := titleKey(x.Args[0])
		if key == "" {
			break
		}
		for _, c := range cats {
			for _, k := range c.Keys() {
				if k != key && (whole || !strings.HasPrefix(k, key)) {
					continue
				}
				if v := c.T(k); endsLikeAButton(v) {
					return "the title " + k + " = " + strconv.Quote(v) + " ends in …"
				}
			}
		}
		return ""
	}
	return "a title not from the catalogue that does not go through plainTitle"
}

// titleKey is the catalogue key a T call is given: the whole key, or the
// prefix a key is made from at run time (T("asset.to."+state)).
func titleKey(arg ast.Expr) (key string, whole bool) {
	if b, ok := arg.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		prefix, _ := titleKey(b.X)
		return prefix, false
	}
	if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		key, _ := strconv.Unquote(lit.Value)
		return key, true
	}
	return "", false
}

func TestPlainTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Thêm tệp…":                     "Thêm tệp",
		"Ký và xuất bộ báo cáo năm… ":   "Ký và xuất bộ báo cáo năm",
		"Đang đọc tệp...":               "Đang đọc tệp",
		"Gợi ý cấp độ — Cổng thông tin": "Gợi ý cấp độ — Cổng thông tin",
	} {
		if got := plainTitle(in); got != want {
			t.Errorf("plainTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// dialogTitle is the title of the dialog o (Fyne's dialogs draw it as
// the last object of their content), or "" when o is not a dialog.
func dialogTitle(o fyne.CanvasObject) string {
	pop, ok := o.(*widget.PopUp)
	if !ok {
		return ""
	}
	c, ok := pop.Content.(*fyne.Container)
	if !ok || len(c.Objects) != 5 {
		return ""
	}
	if l, ok := c.Objects[4].(*widget.Label); ok {
		return l.Text
	}
	return ""
}

// A message opened with a button's text is titled without its "…" (and
// dialogTitle, which the layout walk checks every dialog with, finds it).
func TestMessageTitleDropsTheEllipsis(t *testing.T) {
	a := newTestApp(t)
	w := a.NewWindow(windowTitle)
	defer w.Close()
	w.Resize(fyne.NewSize(1366, 768))
	s := &Shell{app: a, win: w, cat: i18n.MustLoad(i18n.Vietnamese)}
	s.showMessage("Nhập tệp bộ quy định…", "Đã nhập.")
	if got := dialogTitle(w.Canvas().Overlays().Top()); got != "Nhập tệp bộ quy định" {
		t.Errorf("dialog title %q, want %q", got, "Nhập tệp bộ quy định")
	}
}
