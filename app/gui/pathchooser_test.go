package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// fakeChooser is a fileChooser that answers each request with the next
// of its paths, or cancels when it has none left, and keeps the requests.
type fakeChooser struct {
	answers []string
	asked   []fileRequest
}

func (f *fakeChooser) choose(req fileRequest, chosen func(path string)) {
	f.asked = append(f.asked, req)
	if len(f.answers) == 0 {
		return
	}
	path := f.answers[0]
	f.answers = f.answers[1:]
	chosen(path)
}

// chooserFolder makes a folder to browse: a sub-folder holding an
// inventory and a note, a hidden file and a report.
func chooserFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"Báo cáo năm 2026/kiem-ke-tai-san.xlsx", "Báo cáo năm 2026/ghi-chu.txt", ".an.csv", "bao-cao-quy-3.pdf", "danh-sach-may-in.csv", "Ảnh/chu-ky.png"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openChooser shows the in-app chooser for req, listing dir, and returns
// it with the list of paths it chose.
func openChooser(t *testing.T, s *Shell, dir string, req fileRequest) (*pathChooser, *[]string) {
	t.Helper()
	c := newInAppChooser(s)
	c.dir = dir
	s.files = c
	var got []string
	s.chooser().choose(req, func(path string) { got = append(got, path) })
	if c.shown == nil || s.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the chooser is not shown")
	}
	return c.shown, &got
}

func itemNames(p *pathChooser) []string {
	var names []string
	for _, it := range p.items {
		names = append(names, it.name)
	}
	return names
}

func TestChooserTypedPathAndEnterChooses(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseOpen, exts: []string{".csv", ".xlsx"}})
	if s.win.Canvas().Focused() != p.path {
		t.Error("the path box does not have the focus")
	}
	if p.path.Text != dir+string(filepath.Separator) {
		t.Errorf("path box = %q, want the folder %q", p.path.Text, dir)
	}
	want := filepath.Join(dir, "danh-sach-may-in.csv")
	p.path.SetText(want)
	pressEnter(p.path)
	if len(*got) != 1 || (*got)[0] != want {
		t.Fatalf("chosen %v, want %s", *got, want)
	}
	if s.win.Canvas().Overlays().Top() != nil {
		t.Error("the chooser stays open after the choice")
	}
}

func TestChooserRefusesAMissingPath(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseOpen, exts: []string{".csv"}})
	missing := filepath.Join(dir, "khong-co.csv")
	p.path.SetText(missing)
	pressEnter(p.path)
	if len(*got) != 0 {
		t.Fatalf("a missing file was chosen: %v", *got)
	}
	if want := "Không có tệp hay thư mục “" + missing + "”"; !p.note.Visible() || !strings.Contains(p.note.Text, want) {
		t.Errorf("note = %q (shown %v), want %q", p.note.Text, p.note.Visible(), want)
	}
	if s.win.Canvas().Overlays().Top() == nil {
		t.Error("the chooser closed on a missing file")
	}
	// A file of another kind is refused too; a relative name is taken
	// from the folder listed.
	p.path.SetText("bao-cao-quy-3.pdf")
	pressEnter(p.path)
	if len(*got) != 0 || !strings.Contains(p.note.Text, "Chỉ chọn được tệp *.csv") {
		t.Errorf("a .pdf chosen where .csv is asked: %v, note %q", *got, p.note.Text)
	}
	p.path.SetText("danh-sach-may-in.csv")
	pressEnter(p.path)
	if want := filepath.Join(dir, "danh-sach-may-in.csv"); len(*got) != 1 || (*got)[0] != want {
		t.Errorf("chosen %v, want %s", *got, want)
	}
}

func TestChooserBrowseIntoAFolderAndTapAFile(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseOpen, exts: []string{".csv", ".xlsx"}})
	// Folders first, then the files asked for; no hidden file, no .pdf.
	if names := fmt.Sprint(itemNames(p)); names != "[Báo cáo năm 2026 Ảnh danh-sach-may-in.csv]" {
		t.Fatalf("listed %s", names)
	}
	p.list.Select(0)
	if p.dir != filepath.Join(dir, "Báo cáo năm 2026") || fmt.Sprint(itemNames(p)) != "[kiem-ke-tai-san.xlsx]" {
		t.Fatalf("after tapping the folder: in %s, listed %v", p.dir, itemNames(p))
	}
	if len(*got) != 0 {
		t.Fatal("tapping a folder chose it")
	}
	p.list.Select(0)
	if want := filepath.Join(dir, "Báo cáo năm 2026", "kiem-ke-tai-san.xlsx"); len(*got) != 1 || (*got)[0] != want {
		t.Fatalf("chosen %v, want %s", *got, want)
	}
	// The next chooser opens where this one ended, and "Thư mục cha" goes up.
	p, _ = openChooser(t, s, p.owner.dir, fileRequest{mode: chooseOpen})
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Thư mục cha"))
	if p.dir != dir {
		t.Errorf("after “Thư mục cha”: in %s, want %s", p.dir, dir)
	}
}

func TestChooserSaveAsksBeforeReplacing(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseSave, name: "bao-cao-quy-3.pdf", exts: []string{".pdf"}})
	existing := filepath.Join(dir, "bao-cao-quy-3.pdf")
	if p.path.Text != existing {
		t.Fatalf("path box = %q, want the suggested %q", p.path.Text, existing)
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Lưu"))
	if len(*got) != 0 {
		t.Fatal("an existing file was replaced without asking")
	}
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã có tệp “"+existing+"”. Ghi đè lên tệp này?") {
		t.Fatalf("no overwrite question: %q", msg)
	}
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Không"))
	if len(*got) != 0 {
		t.Fatal("chosen after “Không”")
	}
	pressEnter(p.path)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Có"))
	if len(*got) != 1 || (*got)[0] != existing {
		t.Fatalf("chosen %v after “Có”, want %s", *got, existing)
	}
}

func TestChooserSaveNeedsAnExistingFolder(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseSave, name: "bao-cao.pdf", exts: []string{".pdf"}})
	// Browsing keeps the name; a name typed without its extension gets it.
	p.list.Select(0)
	if want := filepath.Join(dir, "Báo cáo năm 2026", "bao-cao.pdf"); p.path.Text != want {
		t.Errorf("path box after browsing = %q, want %q", p.path.Text, want)
	}
	p.path.SetText(filepath.Join(dir, "khong-co", "bao-cao.pdf"))
	pressEnter(p.path)
	if len(*got) != 0 || !strings.Contains(p.note.Text, "Không có thư mục “"+filepath.Join(dir, "khong-co")+"” để lưu tệp vào") {
		t.Fatalf("saved into a missing folder: %v, note %q", *got, p.note.Text)
	}
	p.path.SetText(filepath.Join(dir, "bao-cao-nam"))
	pressEnter(p.path)
	if want := filepath.Join(dir, "bao-cao-nam.pdf"); len(*got) != 1 || (*got)[0] != want {
		t.Fatalf("chosen %v, want %s", *got, want)
	}
}

func TestChooserFolder(t *testing.T) {
	_, s := newTestShell(t)
	dir := chooserFolder(t)
	p, got := openChooser(t, s, dir, fileRequest{mode: chooseFolder})
	if names := fmt.Sprint(itemNames(p)); names != "[Báo cáo năm 2026 Ảnh]" {
		t.Fatalf("a folder choice lists %s", names)
	}
	p.path.SetText(filepath.Join(dir, "bao-cao-quy-3.pdf"))
	pressEnter(p.path)
	if len(*got) != 0 || !strings.Contains(p.note.Text, "là một tệp, không phải thư mục") {
		t.Fatalf("a file chosen as a folder: %v, note %q", *got, p.note.Text)
	}
	p.list.Select(1)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Chọn thư mục này"))
	if want := filepath.Join(dir, "Ảnh"); len(*got) != 1 || (*got)[0] != want {
		t.Fatalf("chosen %v, want %s", *got, want)
	}
}
