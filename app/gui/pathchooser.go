package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/data/textnorm"
)

// inAppChooser is the file chooser the app draws itself, in the app's
// language: a box to type or paste a path into, and the chosen folder's
// content to browse. It is the chooser on Linux, and where the system's
// dialog fails.
type inAppChooser struct {
	shell *Shell
	dir   string       // the folder shown last; empty means the home folder
	shown *pathChooser // the last one shown (kept for the tests)
}

func newInAppChooser(s *Shell) *inAppChooser { return &inAppChooser{shell: s} }

// choose shows the chooser for req.
func (c *inAppChooser) choose(req fileRequest, chosen func(path string)) {
	p := &pathChooser{owner: c, req: req, chosen: chosen, saveName: req.name}
	c.shown = p
	p.show()
}

// startDir is the folder the chooser opens in: the last one shown, if it
// is still there, else the home folder.
func (c *inAppChooser) startDir() string {
	if c.dir != "" && isDir(c.dir) {
		return c.dir
	}
	if home, err := os.UserHomeDir(); err == nil && isDir(home) {
		return home
	}
	return string(filepath.Separator)
}

// chooserItem is one line of the folder's content.
type chooserItem struct {
	name string
	dir  bool
}

// pathChooser is one opening of the in-app chooser.
type pathChooser struct {
	owner    *inAppChooser
	req      fileRequest
	chosen   func(path string)
	saveName string // the file name a save keeps while folders are browsed

	dir    string // the folder listed
	items  []chooserItem
	path   *widget.Entry
	note   *widget.Label
	empty  *widget.Label
	list   *widget.List
	parent *widget.Button
	ok     *widget.Button
	dlg    *dialog.CustomDialog
}

func (p *pathChooser) show() {
	s := p.owner.shell
	cat := s.cat
	p.path = widget.NewEntry()
	p.path.OnSubmitted = func(string) { p.accept() }
	p.note = dangerLabel()
	p.empty = widget.NewLabel(cat.T("file.choose.empty_folder"))
	p.list = widget.NewList(func() int { return len(p.items) }, newChooserRow, p.updateRow)
	p.list.OnSelected = p.onSelected
	p.parent = widget.NewButtonWithIcon(cat.T("file.choose.parent"), theme.MoveUpIcon(), func() { p.browse(filepath.Dir(p.dir)) })
	places := container.NewHBox(p.parent)
	for _, pl := range p.places() {
		places.Add(widget.NewButtonWithIcon(pl.label, pl.icon, func() { p.browse(pl.dir) }))
	}
	p.ok = widget.NewButtonWithIcon(p.okLabel(), theme.ConfirmIcon(), p.accept)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(cat.T("reg.cancel"), theme.CancelIcon(), func() { p.dlg.Hide() })
	hint := widget.NewLabel(p.hint())
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(
		places,
		container.NewBorder(nil, nil, widget.NewLabel(cat.T("file.choose.path")), nil, p.path),
		p.note, hint,
	)
	bottom := container.NewHBox(layout.NewSpacer(), cancel, p.ok)
	body := container.NewBorder(top, bottom, nil, nil, container.NewStack(p.list, container.NewCenter(p.empty)))
	p.dlg = dialog.NewCustomWithoutButtons(plainTitle(s.requestTitle(p.req)), body, s.win)
	p.browse(p.owner.startDir())
	p.dlg.Show()
	p.dlg.Resize(chooserSize(s.win.Canvas().Size()))
	s.win.Canvas().Focus(p.path)
}

// chooserSize is the chooser's size in a window of size win: large enough
// for long Vietnamese names, within a 1280×720 screen.
func chooserSize(win fyne.Size) fyne.Size {
	return fyne.NewSize(max(420, min(900, win.Width-80)), max(360, min(600, win.Height-80)))
}

func newChooserRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, name)
}

func (p *pathChooser) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(p.items) {
		return
	}
	row := o.(*fyne.Container)
	it := p.items[i]
	row.Objects[0].(*widget.Label).SetText(it.name)
	icon := theme.FileIcon()
	if it.dir {
		icon = theme.FolderIcon()
	}
	row.Objects[1].(*widget.Icon).SetResource(icon)
}

// place is a shortcut to a folder.
type place struct {
	label string
	icon  fyne.Resource
	dir   string
}

// places are the shortcuts: the home folder, and its Desktop and
// Documents folders where they exist.
func (p *pathChooser) places() []place {
	cat := p.owner.shell.cat
	home, err := os.UserHomeDir()
	if err != nil || !isDir(home) {
		return nil
	}
	list := []place{{cat.T("file.choose.home"), theme.HomeIcon(), home}}
	for _, sub := range []struct{ key, name string }{{"file.choose.desktop", "Desktop"}, {"file.choose.documents", "Documents"}} {
		if dir := filepath.Join(home, sub.name); isDir(dir) {
			list = append(list, place{cat.T(sub.key), theme.FolderIcon(), dir})
		}
	}
	return list
}

func (p *pathChooser) okLabel() string {
	switch p.req.mode {
	case chooseFolder:
		return p.owner.shell.cat.T("file.choose.folder")
	case chooseSave:
		return p.owner.shell.cat.T("file.choose.save")
	}
	return p.owner.shell.cat.T("file.choose.open")
}

// hint says how to choose, and which files are listed.
func (p *pathChooser) hint() string {
	cat := p.owner.shell.cat
	text := cat.T("file.choose.hint")
	if p.req.mode == chooseFolder {
		text = cat.T("file.choose.hint_folder")
	}
	if len(p.req.exts) > 0 {
		text += " " + cat.T("file.choose.filter", extList(p.req.exts))
	}
	return text
}

// browse lists dir: its folders first, then the files that may be chosen,
// each by name, without the hidden ones. The path box shows the folder
// (with the file name kept, for a save).
func (p *pathChooser) browse(dir string) {
	cat := p.owner.shell.cat
	if p.req.mode == chooseSave {
		if name := filepath.Base(p.typedPath()); p.path.Text != "" && !isDir(p.typedPath()) && name != "." {
			p.saveName = name
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		setNote(p.note, cat.T("file.choose.unreadable", dir, errtext.Describe(cat, err)))
		return
	}
	p.dir, p.owner.dir = dir, dir
	p.items = p.items[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		folder := e.IsDir() || (e.Type()&os.ModeSymlink != 0 && isDir(filepath.Join(dir, e.Name())))
		if !folder && (p.req.mode == chooseFolder || !allowedExt(e.Name(), p.req.exts)) {
			continue
		}
		p.items = append(p.items, chooserItem{name: e.Name(), dir: folder})
	}
	slices.SortFunc(p.items, func(a, b chooserItem) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
	})
	p.empty.Hidden = len(p.items) > 0
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
	p.path.SetText(p.entryFor(dir))
	p.path.CursorColumn = len([]rune(p.path.Text))
	setNote(p.note, "")
	if filepath.Dir(dir) == dir {
		p.parent.Disable()
	} else {
		p.parent.Enable()
	}
}

// entryFor is what the path box shows in dir: the folder itself (ending in
// a separator for a file to be typed after it), or the file to save there.
func (p *pathChooser) entryFor(dir string) string {
	switch p.req.mode {
	case chooseFolder:
		return dir
	case chooseSave:
		return filepath.Join(dir, p.saveName)
	}
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir
	}
	return dir + string(filepath.Separator)
}

// onSelected opens a folder tapped in the list, chooses a file tapped
// when opening one, and puts its name in the path box when saving.
func (p *pathChooser) onSelected(i widget.ListItemID) {
	p.list.Unselect(i)
	if i < 0 || i >= len(p.items) {
		return
	}
	it := p.items[i]
	full := filepath.Join(p.dir, it.name)
	switch {
	case it.dir:
		p.browse(full)
	case p.req.mode == chooseOpen:
		p.done(full)
	case p.req.mode == chooseSave:
		p.saveName = it.name
		p.path.SetText(full)
		p.owner.shell.win.Canvas().Focus(p.path)
	}
}

// typedPath is the path in the box, cleaned: quotes around it (as
// Windows' "Copy as path" gives) dropped, "~" as the home folder, and a
// relative path taken from the folder listed. It is empty when the box is.
func (p *pathChooser) typedPath() string {
	text := strings.Trim(textnorm.NFC(strings.TrimSpace(p.path.Text)), `"`)
	if text == "" {
		return ""
	}
	if text == "~" || strings.HasPrefix(text, "~/") || strings.HasPrefix(text, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			text = filepath.Join(home, text[1:])
		}
	}
	if !filepath.IsAbs(text) {
		text = filepath.Join(p.dir, text)
	}
	return filepath.Clean(text)
}

// accept chooses the path typed (Enter, or the dialog's button): a folder
// is listed instead (except when a folder is asked for); a path that is
// not there, or not of the kind asked, is refused with a note and nothing
// chosen. A save into an existing file first asks to replace it.
func (p *pathChooser) accept() {
	cat := p.owner.shell.cat
	path := p.typedPath()
	if path == "" {
		setNote(p.note, cat.T("file.choose.empty"))
		return
	}
	fi, err := os.Stat(path)
	switch p.req.mode {
	case chooseOpen:
		switch {
		case err != nil:
			setNote(p.note, cat.T("file.choose.missing", path))
		case fi.IsDir():
			p.browse(path)
		case !allowedExt(path, p.req.exts):
			setNote(p.note, cat.T("file.choose.wrong_ext", extList(p.req.exts)))
		default:
			p.done(path)
		}
	case chooseFolder:
		switch {
		case err != nil:
			setNote(p.note, cat.T("file.choose.missing_folder", path))
		case !fi.IsDir():
			setNote(p.note, cat.T("file.choose.not_folder", path))
		default:
			p.done(path)
		}
	case chooseSave:
		if err == nil && fi.IsDir() {
			p.browse(path)
			return
		}
		p.acceptSave(withExt(path, p.req.exts))
	}
}

// acceptSave chooses path to save to once its folder is known to exist
// and the user agreed to replace the file there, if any.
func (p *pathChooser) acceptSave(path string) {
	s := p.owner.shell
	if dir := filepath.Dir(path); !isDir(dir) {
		setNote(p.note, s.cat.T("file.choose.no_folder", dir))
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		p.done(path)
		return
	}
	if fi.IsDir() {
		p.browse(path)
		return
	}
	dialog.ShowConfirm(s.cat.T("file.choose.overwrite_title"), s.cat.T("file.choose.overwrite", path), func(ok bool) {
		if ok {
			p.done(path)
		}
	}, s.win)
}

// done closes the chooser and hands path over; the next chooser opens in
// its folder.
func (p *pathChooser) done(path string) {
	p.dlg.Hide()
	if p.req.mode == chooseFolder {
		p.owner.dir = path
	} else {
		p.owner.dir = filepath.Dir(path)
	}
	p.chosen(path)
}

// isDir tells whether path is an existing folder.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
