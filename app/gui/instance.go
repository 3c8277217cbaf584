package gui

import (
	"errors"
	"time"

	"daumoi/data/session"
	"daumoi/data/vault"
)

// raisedOther reports whether another daumoi already has the vault folder
// dir open and its window was brought forward instead (Windows): the
// second start then ends at once, as a civil servant expects from
// double-clicking the icon twice. Elsewhere, or when the other program is
// the command line (no window), the second start goes on and the sign-in
// screen says the vault is in use.
func raisedOther(dir string) bool {
	if !vault.Exists(dir) {
		return false
	}
	l, err := session.OpenLocked(dir, time.Now)
	if err == nil {
		_ = l.Close()
		return false
	}
	return errors.Is(err, vault.ErrLocked) && raiseWindow(windowTitle)
}
