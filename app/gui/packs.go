package gui

import (
	"io"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/packs"
	"daumoi/data/session"
	"daumoi/data/users"
)

// packsService is what the regulation-pack tab needs of the session.
type packsService interface {
	ListPacks() ([]session.PackInfo, error)
	ImportPack(raw []byte) (session.PackInfo, error)
	SetPackActive(id string, active bool) error
}

// packsScreen lists the regulation packs — shipped and imported — with
// what each holds, lets the focal point choose which are active, and
// imports a newer pack file after validating it (nothing changes when it
// is refused).
type packsScreen struct {
	shell *Shell
	svc   packsService
	box   *fyne.Container
}

func newPacksScreen(s *Shell) fyne.CanvasObject {
	_, content := buildPacksScreen(s)
	return content
}

func buildPacksScreen(s *Shell) (*packsScreen, fyne.CanvasObject) {
	scr := &packsScreen{shell: s, svc: s.sess, box: container.NewVBox()}
	imp := widget.NewButtonWithIcon(s.cat.T("packs.import"), theme.UploadIcon(), scr.onImport)
	if !s.me.Can(users.PermManagePacks) {
		imp.Disable()
	}
	intro := widget.NewLabel(s.cat.T("packs.intro"))
	intro.Wrapping = fyne.TextWrapWord
	scr.reload()
	return scr, container.NewBorder(container.NewVBox(intro, container.NewHBox(imp)), nil, nil, nil, container.NewVScroll(scr.box))
}

func (scr *packsScreen) reload() {
	list, err := scr.svc.ListPacks()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.box.Objects = nil
	for _, p := range list {
		scr.box.Add(scr.packRow(p))
	}
	scr.box.Refresh()
}

func (scr *packsScreen) packRow(p session.PackInfo) fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	active := widget.NewCheck(cat.T("packs.active"), nil)
	active.SetChecked(p.Active)
	active.OnChanged = func(on bool) {
		if err := scr.svc.SetPackActive(p.ID, on); err != nil {
			s.showError(err)
		}
		scr.reload()
	}
	if !s.me.Can(users.PermManagePacks) {
		active.Disable()
	}
	origin := cat.T("packs.shipped")
	if p.Imported {
		origin = cat.T("packs.imported")
	}
	title := widget.NewLabelWithStyle(p.TitleVI, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	facts := cat.T("packs.facts", strconv.Itoa(p.Version), dayLabel(p.Published), origin, p.Items, p.Criteria, p.Obligations)
	if p.Unverified {
		facts += " — " + cat.T("packs.unverified")
	}
	detail := widget.NewLabel(facts)
	detail.Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, active, title), detail)
}

// onImport validates and stores a pack file chosen by the user.
func (scr *packsScreen) onImport() {
	s := scr.shell
	s.chooseFile(func(path string) {
		f, err := os.Open(path)
		var raw []byte
		if err == nil {
			raw, err = readPackFile(f)
			f.Close()
		}
		if err != nil {
			s.showError(err)
			return
		}
		scr.importRaw(raw)
	}, ".json")
}

// readPackFile reads a pack file for import up to one byte over the
// loader's limit (packs.MaxPackSize), so that a larger file is refused as
// too large rather than read cut short.
func readPackFile(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, packs.MaxPackSize+1))
}

// importRaw imports a pack file's content and says what happened.
func (scr *packsScreen) importRaw(raw []byte) {
	s := scr.shell
	p, err := scr.svc.ImportPack(raw)
	if err != nil {
		s.showMessage(s.cat.T("packs.import"), s.cat.T("packs.refused", s.describe(err), err.Error()))
		return
	}
	scr.reload()
	s.showMessage(s.cat.T("packs.import"), s.cat.T("packs.imported_ok", p.TitleVI, p.Version))
}
