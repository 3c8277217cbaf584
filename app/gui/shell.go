package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
)

// Preference keys. Preferences hold only interface state (window size,
// last area, language) — never user data, which lives in the vault.
const (
	prefLanguage     = "ui.language"
	prefAppearance   = "ui.appearance"
	prefLastArea     = "ui.lastArea"
	prefWindowWidth  = "ui.window.width"
	prefWindowHeight = "ui.window.height"
)

// defaultWindowSize is the first-run size: it fits a 1366×768 laptop screen.
func defaultWindowSize() fyne.Size { return fyne.NewSize(1180, 720) }

// Shell is the main window: a navigation sidebar for the product's areas and
// the screen of the selected area.
type Shell struct {
	app fyne.App
	win fyne.Window
	cat *i18n.Catalog

	areas   []area
	current int
	nav     *widget.List
	content *fyne.Container
}

// NewShell builds the main window's content in w, in the language stored in
// the preferences (Vietnamese by default), restores the window size and the
// last area, and arranges for them to be saved on close.
func NewShell(a fyne.App, w fyne.Window) *Shell {
	s := &Shell{app: a, win: w}
	s.setLanguage(storedLanguage(a.Preferences()))
	a.Settings().SetTheme(newTheme(s.Appearance()))
	w.Resize(storedWindowSize(a.Preferences()))
	w.SetCloseIntercept(s.Quit)
	w.SetMaster()
	s.rebuild(a.Preferences().StringWithFallback(prefLastArea, areaDashboard))
	return s
}

// Catalog returns the catalogue of the current interface language.
func (s *Shell) Catalog() *i18n.Catalog { return s.cat }

// CurrentArea returns the id of the area on screen.
func (s *Shell) CurrentArea() string { return s.areas[s.current].id }

// Select shows the area with the given id and remembers it. Unknown ids show
// the dashboard.
func (s *Shell) Select(id string) {
	s.nav.Select(s.areaIndex(id))
}

// Quit saves the window state and quits the application.
func (s *Shell) Quit() {
	s.saveWindowSize()
	s.app.Quit()
}

// SetLanguage switches the interface language at once: the window's content
// is rebuilt in the new language, on the same area.
func (s *Shell) SetLanguage(l i18n.Lang) {
	s.app.Preferences().SetString(prefLanguage, string(l))
	s.setLanguage(l)
	s.rebuild(s.CurrentArea())
}

// Appearance returns the stored appearance: light (default), dark or system.
func (s *Shell) Appearance() string {
	return s.app.Preferences().StringWithFallback(prefAppearance, appearanceLight)
}

// SetAppearance switches between the light, dark and system appearance.
func (s *Shell) SetAppearance(appearance string) {
	s.app.Preferences().SetString(prefAppearance, appearance)
	s.app.Settings().SetTheme(newTheme(appearance))
}

func (s *Shell) setLanguage(l i18n.Lang) {
	cat, err := applyLanguage(l)
	if err != nil {
		fyne.LogError("loading the interface language", err)
		cat = i18n.MustLoad(i18n.Default)
	}
	s.cat = cat
}

// rebuild creates the sidebar and shows the area id.
func (s *Shell) rebuild(id string) {
	s.areas = s.makeAreas()
	s.content = container.NewStack()
	s.nav = s.makeNav()
	header := s.makeNavHeader()
	side := container.NewBorder(header, nil, nil, nil, s.nav)
	split := container.NewHSplit(side, s.content)
	split.Offset = 0.22
	s.win.SetContent(split)
	s.Select(id)
}

func (s *Shell) makeNavHeader() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(36))
	name := widget.NewLabelWithStyle(windowTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(
		container.NewHBox(icon, name),
		widget.NewSeparator(),
	)
}

func (s *Shell) makeNav() *widget.List {
	nav := widget.NewList(
		func() int { return len(s.areas) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Hệ thống thông tin và tài sản"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.areas[i].icon)
			row.Objects[1].(*widget.Label).SetText(s.cat.T(s.areas[i].titleKey))
		},
	)
	nav.OnSelected = s.onNavSelected
	return nav
}

func (s *Shell) onNavSelected(i widget.ListItemID) {
	if i < 0 || i >= len(s.areas) {
		return
	}
	s.current = i
	a := s.areas[i]
	s.app.Preferences().SetString(prefLastArea, a.id)
	s.content.Objects = []fyne.CanvasObject{s.screenFrame(a)}
	s.content.Refresh()
}

// screenFrame puts an area's screen under its title.
func (s *Shell) screenFrame(a area) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.cat.T(a.titleKey), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return container.NewBorder(
		container.NewVBox(title, widget.NewSeparator()), nil, nil, nil,
		container.NewPadded(a.build(s)),
	)
}

func (s *Shell) areaIndex(id string) int {
	for i, a := range s.areas {
		if a.id == id {
			return i
		}
	}
	return 0
}

func (s *Shell) saveWindowSize() {
	size := s.win.Canvas().Size()
	if size.Width < 200 || size.Height < 200 {
		return
	}
	p := s.app.Preferences()
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

func storedWindowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize().Width))
	h := p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize().Height))
	if w < 400 || h < 300 {
		return defaultWindowSize()
	}
	return fyne.NewSize(float32(w), float32(h))
}

func storedLanguage(p fyne.Preferences) i18n.Lang {
	l, _ := i18n.ParseLang(p.StringWithFallback(prefLanguage, string(i18n.Default)))
	return l
}
