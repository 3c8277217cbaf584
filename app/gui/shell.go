package gui

import (
	"context"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/app/paths"
	"daumoi/assets/i18n"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Preference keys. Preferences hold only interface state (window size,
// last area, language, vault folder, auto-lock delay) — never user data,
// which lives in the vault.
const (
	prefLanguage     = "ui.language"
	prefAppearance   = "ui.appearance"
	prefLastArea     = "ui.lastArea"
	prefLastAreaUser = "ui.lastArea.user" // whose last area prefLastArea is
	prefWindowWidth  = "ui.window.width"
	prefWindowHeight = "ui.window.height"
	prefVaultDir     = "vault.dir"
	prefAutoLock     = "ui.autolock.minutes"
)

// defaultWindowSize is the first-run size: it fits a 1366×768 laptop screen.
func defaultWindowSize() fyne.Size { return fyne.NewSize(1180, 720) }

// Shell is the main window. It shows, in turn, the first-run wizard (no
// vault yet), the unlock screen (a vault, locked) and, once unlocked, a
// navigation sidebar for the product's areas with the screen of the
// selected area. Locking — by the sidebar's button or after inactivity —
// closes the session, drops every screen holding decrypted data and shows
// the unlock screen again.
type Shell struct {
	app  fyne.App
	win  fyne.Window
	cat  *i18n.Catalog
	opts Options

	dir     string           // the vault folder
	locked  *session.Locked  // the vault, opened but locked; nil when unlocked or absent
	sess    *session.Session // the unlocked session; nil when locked
	me      users.User       // the signed-in user
	kind    session.Kind     // what the open vault is for (agency or office)
	alerted *session.Session // the session whose integrity problems were shown
	// saves ends with the session: exports still being written are
	// cancelled (and leave nothing) when the vault is locked.
	saves    context.Context
	endSaves context.CancelFunc
	monitor  *activityMonitor // auto-lock; nil when locked
	// files asks for files and folders (fileChooser); tests replace it.
	files fileChooser

	// The pre-session screens on display, if any (kept for the tests).
	unlock  *unlockScreen
	wizard  *wizard
	reset   *resetForm
	restore *restoreScreen
	demo    *demoScreen

	// The area screens on display, if any (kept for the tests).
	usersScr    *usersScreen
	keysSection *vaultKeysSection // the Settings area's key section, if shown
	historyScr  *historyScreen
	agenciesScr *officeAgenciesScreen // the office's registry, if shown
	warningsScr *officeWarningsScreen // the office's register of warnings, if shown

	areas   []area
	current int
	nav     *widget.List
	content *fyne.Container
	// pending is a filter for the next area shown (a click-through from the
	// overview); the area's builder takes it.
	pending any
}

// NewShell builds the main window's content in w, in the language stored in
// the preferences (Vietnamese by default), restores the window size, and
// shows the first-run wizard or the unlock screen of the vault folder.
func NewShell(a fyne.App, w fyne.Window, opts Options) *Shell {
	s := &Shell{app: a, win: w, opts: opts}
	s.setLanguage(storedLanguage(a.Preferences()))
	a.Settings().SetTheme(newTheme(s.Appearance()))
	w.Resize(storedWindowSize(a.Preferences()))
	w.SetCloseIntercept(s.Quit)
	w.SetMaster()
	s.dir = s.vaultDir()
	s.showStart()
	return s
}

// vaultDir is the folder given in the options, else the one remembered in
// the preferences, else the default folder.
func (s *Shell) vaultDir() string { return vaultDirOf(s.app.Preferences(), s.opts) }

// vaultDirOf is vaultDir before there is a shell.
func vaultDirOf(prefs fyne.Preferences, opts Options) string {
	if opts.VaultDir != "" {
		return opts.VaultDir
	}
	if dir := prefs.String(prefVaultDir); dir != "" {
		return dir
	}
	dir, err := paths.DefaultVaultDir(os.Getenv)
	if err != nil {
		return "daumoi-vault"
	}
	return dir
}

// now is the clock of the services.
func (s *Shell) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// Catalog returns the catalogue of the current interface language.
func (s *Shell) Catalog() *i18n.Catalog { return s.cat }

// Unlocked reports whether a session is open.
func (s *Shell) Unlocked() bool { return s.sess != nil }

// CurrentArea returns the id of the area on screen, or "" when locked.
func (s *Shell) CurrentArea() string {
	if s.sess == nil || len(s.areas) == 0 {
		return ""
	}
	return s.areas[s.current].id
}

// Select shows the area with the given id and remembers it. Unknown ids show
// the dashboard. It does nothing while locked.
func (s *Shell) Select(id string) {
	if s.nav != nil && s.sess != nil {
		s.nav.Select(s.areaIndex(id))
	}
}

// Quit saves the window state, closes the vault and quits the application.
func (s *Shell) Quit() {
	s.saveWindowSize()
	s.closeVault()
	s.app.Quit()
}

// Lock closes the session (wiping its keys), drops every screen that holds
// decrypted data and shows the unlock screen.
func (s *Shell) Lock() {
	if s.sess == nil {
		return
	}
	s.closeVault()
	s.showStart()
}

// closeVault stops auto-lock, drops every dialog and screen (they may
// show decrypted data) and closes the session or the locked vault.
func (s *Shell) closeVault() {
	if s.monitor != nil {
		s.monitor.stop()
		s.monitor = nil
	}
	overlays := s.win.Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	s.areas, s.nav, s.content, s.current, s.pending = nil, nil, nil, 0, nil
	s.usersScr, s.historyScr, s.reset, s.agenciesScr, s.warningsScr, s.keysSection = nil, nil, nil, nil, nil, nil
	s.alerted, s.kind, s.me = nil, "", users.User{}
	if s.endSaves != nil {
		s.endSaves()
		s.saves, s.endSaves = nil, nil
	}
	if s.sess != nil {
		if err := s.sess.Close(); err != nil {
			fyne.LogError("closing the vault", err)
		}
		s.sess = nil
	}
	if s.locked != nil {
		_ = s.locked.Close()
		s.locked = nil
	}
}

// showStart shows the unlock screen when the folder holds a vault and the
// first-run screen otherwise.
func (s *Shell) showStart() {
	if vault.Exists(s.dir) {
		s.showUnlock()
		return
	}
	s.showFirstRun()
}

// useFolder makes dir the vault folder, remembers it and shows its start
// screen.
func (s *Shell) useFolder(dir string) {
	s.closeVault()
	s.dir = dir
	s.app.Preferences().SetString(prefVaultDir, dir)
	s.showStart()
}

// enter makes sess the open session and shows the main screens — after the
// forced passphrase change when the user must choose a new passphrase.
func (s *Shell) enter(sess *session.Session) {
	if s.locked != nil {
		_ = s.locked.Close()
		s.locked = nil
	}
	s.sess = sess
	if s.endSaves == nil {
		s.saves, s.endSaves = context.WithCancel(context.Background())
	}
	me, err := sess.Me()
	if err != nil {
		s.closeVault()
		s.showStart()
		s.showError(err)
		return
	}
	s.me = me
	if s.kind, err = sess.Kind(); err != nil {
		s.closeVault()
		s.showStart()
		s.showError(err)
		return
	}
	if s.monitor != nil {
		s.monitor.stop()
	}
	s.monitor = newActivityMonitor(s.win, s.autoLockDelay(), s.opts.LockClock, s.Lock)
	if me.MustReset {
		s.showForcedReset()
		return
	}
	s.rebuild(s.startArea())
	s.alertIntegrity(sess)
}

// startArea is the area a user signing in sees first: the one they last
// had open, or the dashboard — always for a user other than the one who
// left the last area (after one locks, the next person starts afresh).
func (s *Shell) startArea() string {
	p := s.app.Preferences()
	if p.String(prefLastAreaUser) != s.me.Name {
		return areaDashboard
	}
	return p.StringWithFallback(prefLastArea, areaDashboard)
}

// alertIntegrity shows, once per session, what the roster check at unlock
// found: users, roles or history changed outside the application.
func (s *Shell) alertIntegrity(sess *session.Session) {
	problems := sess.IntegrityProblems()
	if s.alerted == sess || len(problems) == 0 {
		return
	}
	s.alerted = sess
	lines := []string{s.cat.T("integrity.intro")}
	for _, p := range problems {
		lines = append(lines, "• "+sentence(errtext.Integrity(s.cat, p)))
	}
	lines = append(lines, s.cat.T("integrity.recorded"))
	s.showMessage(s.cat.T("integrity.title"), strings.Join(lines, "\n\n"))
}

// describe turns an error into a sentence in the interface language (the
// catalogue's messages start in lower case, to follow "daumoi: lỗi:" on
// the command line).
func (s *Shell) describe(err error) string { return sentence(errtext.Describe(s.cat, err)) }

// sentence starts text with a capital letter.
func sentence(text string) string {
	r, n := utf8.DecodeRuneInString(text)
	if n == 0 {
		return text
	}
	return string(unicode.ToUpper(r)) + text[n:]
}

// SetLanguage switches the interface language at once: the window's content
// is rebuilt in the new language, on the same area.
func (s *Shell) SetLanguage(l i18n.Lang) {
	s.app.Preferences().SetString(prefLanguage, string(l))
	s.setLanguage(l)
	if s.sess != nil {
		s.rebuild(s.CurrentArea())
		return
	}
	if s.locked != nil {
		s.showUnlock()
	}
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

// setContent shows o as the window's content, watched for activity while a
// session is open.
func (s *Shell) setContent(o fyne.CanvasObject) {
	if s.monitor != nil {
		o = s.monitor.wrap(o)
	}
	s.win.SetContent(o)
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
	s.setContent(split)
	s.Select(id)
}

// makeNavHeader shows the product, the signed-in user with their roles and
// the lock button.
func (s *Shell) makeNavHeader() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(36))
	name := widget.NewLabelWithStyle(windowTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who := s.me.FullName
	if who == "" {
		who = s.me.Name
	}
	user := widget.NewLabelWithStyle(who, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	user.Wrapping = fyne.TextWrapWord
	roles := widget.NewLabel(s.roleNames(s.me.Roles))
	roles.Wrapping = fyne.TextWrapWord
	roles.SizeName = theme.SizeNameCaptionText
	lock := widget.NewButtonWithIcon(s.cat.T("shell.lock"), theme.LoginIcon(), s.Lock)
	lock.Importance = widget.LowImportance
	return container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(icon, name), lock),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), nil, container.NewVBox(user, roles)),
		widget.NewSeparator(),
	)
}

// roleNames lists roles by their names in the interface language.
func (s *Shell) roleNames(roles []users.Role) string {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, s.cat.T("role."+string(r)))
	}
	return strings.Join(names, ", ")
}

func (s *Shell) makeNav() *widget.List {
	areas := s.areas // the old sidebar may still be drawn after locking
	nav := widget.NewList(
		func() int { return len(areas) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Hệ thống thông tin và tài sản"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(areas[i].icon)
			row.Objects[1].(*widget.Label).SetText(s.cat.T(areas[i].titleKey))
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
	s.app.Preferences().SetString(prefLastAreaUser, s.me.Name)
	s.content.Objects = []fyne.CanvasObject{s.screenFrame(a)}
	s.content.Refresh()
}

// screenFrame puts an area's screen under its title.
func (s *Shell) screenFrame(a area) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.cat.T(a.titleKey), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	return container.New(boundedMin{max: maxScreenMin}, container.NewBorder(
		container.NewVBox(title, widget.NewSeparator()), nil, nil, nil,
		container.NewPadded(a.build(s)),
	))
}

// maxScreenMin is the most an area's screen may ask of the window: what
// is left beside the sidebar in the smallest window supported (1180×720,
// the default size; also 1280×720, which 1920×1080 at 150 % gives). A
// screen that needs more is cut, never makes the window grow past the
// screen; the layout test fails on any screen that does.
var maxScreenMin = fyne.NewSize(880, 560)

// boundedMin lays out one object over the whole area and reports its
// minimum size, no larger than max.
type boundedMin struct{ max fyne.Size }

// MinSize is the object's minimum size, bounded by max.
func (l boundedMin) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m.Min(l.max)
}

// Layout gives every object the whole area.
func (l boundedMin) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
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
