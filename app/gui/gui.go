// Package gui is the Fyne face of daumoi: the main window, its navigation and
// one file per screen. It holds widgets and calls services; it has no SQL,
// cryptography or PDF code of its own.
//
// The window shows, in turn: the first-run screen and wizard when the vault
// folder holds no vault (firstrun.go, wizard.go, restore.go, demo.go); the
// unlock screen (unlock.go), with the forced passphrase change after a
// recovery-code unlock or for a new user (reset.go); and, once unlocked, the
// sidebar and the areas (shell.go, one file per screen). Locking — by the
// sidebar's button or after inactivity (autolock.go) — closes the session,
// which wipes its keys, and drops every screen and dialog. Slow service calls
// (key derivation, creating, restoring) run off the UI thread and report
// back through fyne.Do; every export to a file the user chooses goes through
// one helper (save.go): in the background, with progress and a cancel
// button, the file complete or not there at all.
//
// Vietnamese is the interface language unless the user picks English in
// Settings, whatever the operating system's locale: Fyne would otherwise pick
// its own strings from the OS, so the chosen catalogue is handed to Fyne for
// every locale it knows (see lang.go).
package gui

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"daumoi/app/buildinfo"
	"daumoi/assets"
)

// Options tune how the GUI starts. The zero value is what users get.
type Options struct {
	// VaultDir is the vault folder; empty means the folder remembered in
	// the preferences, else the default folder (package paths).
	VaultDir string
	// Now is the clock given to the services; nil means time.Now.
	Now func() time.Time
	// AutoLock, when positive, replaces the auto-lock delay chosen in
	// Settings (tests use a short one).
	AutoLock time.Duration
	// Go, if set, runs every piece of work the GUI does off the UI thread
	// (exports and saves, imports, report rendering, signing and
	// verifying, key changes, unlock, restore and repair); nil means a new
	// goroutine. Tests run the work at once or queue it, so they need not
	// poll for it.
	Go func(work func())
	// LockClock, if set, is the auto-lock's clock, and the auto-lock then
	// looks only when told (activityMonitor.check) instead of on a ticker
	// of its own: tests move the clock and look, with no timing to
	// depend on.
	LockClock func() time.Time
}

// Run opens the main window and blocks until the application quits. It
// returns the process exit status.
func Run(opts Options) int {
	a := app.NewWithID(buildinfo.AppID)
	a.SetIcon(appIcon())
	if raisedOther(vaultDirOf(a.Preferences(), opts)) {
		return 0
	}

	w := a.NewWindow(windowTitle)
	shell := NewShell(a, w, opts)
	quitOnSignal(shell)
	w.ShowAndRun()
	return 0
}

// windowTitle is the main window's title in every language: it is the
// product's name.
const windowTitle = "Đầu mối ATTT"

func appIcon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.IconPNG())
}

// quitOnSignal closes the application cleanly (saving the window state) on
// SIGINT or SIGTERM, as a desktop session or a test harness sends them.
func quitOnSignal(s *Shell) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fyne.Do(s.Quit)
	}()
}
