//go:build windows

package gui

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// swRestore is ShowWindow's SW_RESTORE: a minimised window comes back.
const swRestore = 9

// raiseWindow brings forward a visible top-level window titled title that
// belongs to another process, restoring it when minimised, and reports
// whether there was one.
func raiseWindow(title string) bool {
	user32 := windows.NewLazySystemDLL("user32.dll")
	h := otherWindow(user32, title)
	if h == 0 {
		return false
	}
	if iconic, _, _ := user32.NewProc("IsIconic").Call(uintptr(h)); iconic != 0 {
		_, _, _ = user32.NewProc("ShowWindow").Call(uintptr(h), swRestore)
	}
	_, _, _ = user32.NewProc("SetForegroundWindow").Call(uintptr(h))
	return true
}

// otherWindow finds the window raiseWindow brings forward, or 0.
func otherWindow(user32 *windows.LazyDLL, title string) windows.HWND {
	getText := user32.NewProc("GetWindowTextW")
	self := windows.GetCurrentProcessId()
	var found windows.HWND
	each := func(h windows.HWND, _ uintptr) uintptr {
		var pid uint32
		if !windows.IsWindowVisible(h) {
			return 1
		}
		if _, err := windows.GetWindowThreadProcessId(h, &pid); err != nil || pid == self {
			return 1
		}
		buf := make([]uint16, 256)
		n, _, _ := getText.Call(uintptr(h), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
		if windows.UTF16ToString(buf[:n]) != title {
			return 1
		}
		found = h
		return 0 // stop
	}
	// EnumWindows reports an error when the callback stops it early.
	_ = windows.EnumWindows(windows.NewCallback(each), nil)
	return found
}
