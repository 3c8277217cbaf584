//go:build windows

package gui

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	sysdialog "github.com/sqweek/dialog"
	"golang.org/x/sys/windows"
)

// nativeChooser uses Windows' own open, save and folder dialogs (through
// github.com/sqweek/dialog: GetOpenFileName, GetSaveFileName and
// SHBrowseForFolder called by syscall, no cgo), which speak the system's
// language, take a typed or pasted path and know the user's places. A
// dialog that fails to open (a path over the old 260-character limit, a
// broken shell) falls back to the in-app chooser.
type nativeChooser struct {
	shell    *Shell
	fallback *inAppChooser
	dir      string // the folder of the last choice
	open     bool   // a dialog is on screen: another request is ignored
}

func newFileChooser(s *Shell) fileChooser {
	return &nativeChooser{shell: s, fallback: newInAppChooser(s)}
}

// choose runs the system's dialog on a goroutine of its own, locked to one
// OS thread with COM initialised (the folder dialog needs it), so that the
// Fyne event loop keeps drawing; the answer comes back through fyne.Do.
func (c *nativeChooser) choose(req fileRequest, chosen func(path string)) {
	if c.open {
		return
	}
	c.open = true
	title := c.shell.requestTitle(req)
	filter := c.shell.cat.T("file.choose.filter_name", extList(req.exts))
	start := c.dir
	sess := c.shell.sess // an answer after the vault was locked is dropped
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED); err == nil {
			defer windows.CoUninitialize()
		}
		path, err := runNative(req, title, filter, start)
		fyne.Do(func() {
			c.open = false
			switch {
			case errors.Is(err, sysdialog.ErrCancelled), c.shell.sess != sess:
			case err != nil || path == "":
				c.fallback.choose(req, chosen)
			default:
				if req.mode == chooseSave {
					path = withExt(path, req.exts)
				}
				c.dir = filepath.Dir(path)
				if req.mode == chooseFolder {
					c.dir = path
				}
				chosen(path)
			}
		})
	}()
}

// runNative shows the dialog req asks for and waits for the user.
func runNative(req fileRequest, title, filter, start string) (string, error) {
	if req.mode == chooseFolder {
		return sysdialog.Directory().Title(title).SetStartDir(start).Browse()
	}
	b := sysdialog.File().Title(title).SetStartDir(start)
	if len(req.exts) > 0 {
		var exts []string
		for _, e := range req.exts {
			exts = append(exts, strings.TrimPrefix(strings.ToLower(e), "."))
		}
		b = b.Filter(filter, exts...)
	}
	if req.mode == chooseSave {
		return b.SetStartFile(req.name).Save()
	}
	return b.Load()
}
