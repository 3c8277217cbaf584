//go:build !windows

package gui

// newFileChooser is the in-app chooser: the dialogs of Linux desktops come
// from GTK or a portal, which would tie the binary to cgo libraries the
// agencies' machines may lack, and none lets the path be typed in the
// app's language as reliably.
func newFileChooser(s *Shell) fileChooser { return newInAppChooser(s) }
