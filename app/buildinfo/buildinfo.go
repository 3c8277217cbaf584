// Package buildinfo tells which version of daumoi is running.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is the release version of daumoi. FyneApp.toml carries the same
// number (a test keeps them equal).
const Version = "0.1.0"

// AppID is the stable application identifier, used by Fyne for preferences
// and by packaging. Never change it: users' settings are stored under it.
const AppID = "vn.daumoi.attt"

// String returns the one-line version text printed by `daumoi version`.
func String() string {
	s := fmt.Sprintf("daumoi %s (%s %s/%s", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if rev := revision(); rev != "" {
		s += ", " + rev
	}
	return s + ")"
}

// revision returns the VCS revision recorded by the Go toolchain, if any.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}
