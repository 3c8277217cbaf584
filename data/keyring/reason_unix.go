//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keyring

import (
	"errors"
	"net"
	"strings"

	"github.com/godbus/dbus/v5"
)

// platformReason explains in short English why the Secret Service could
// not be used.
func platformReason(err error) string {
	var dbusErr dbus.Error
	if errors.As(err, &dbusErr) {
		return dbusErrorReason(dbusErr)
	}
	var dbusErrPtr *dbus.Error
	if errors.As(err, &dbusErrPtr) {
		return dbusErrorReason(*dbusErrPtr)
	}
	var netErr net.Error
	msg := err.Error()
	switch {
	case errors.As(err, &netErr), strings.Contains(msg, "session bus"),
		strings.Contains(msg, "dbus-launch"), strings.Contains(msg, "autolaunch"):
		return "no D-Bus session bus"
	case strings.Contains(msg, "failed to unlock"):
		return "collection locked"
	default:
		return "Secret Service error"
	}
}

// dbusErrorReason explains a D-Bus error reply.
func dbusErrorReason(e dbus.Error) string {
	switch e.Name {
	case "org.freedesktop.DBus.Error.ServiceUnknown",
		"org.freedesktop.DBus.Error.NameHasNoOwner",
		"org.freedesktop.DBus.Error.Spawn.ExecFailed",
		"org.freedesktop.DBus.Error.Spawn.ChildExited",
		"org.freedesktop.DBus.Error.NoReply",
		"org.freedesktop.DBus.Error.TimedOut":
		return "no Secret Service answered"
	case "org.freedesktop.Secret.Error.IsLocked":
		return "collection locked"
	case "org.freedesktop.Secret.Error.NoSuchObject",
		"org.freedesktop.DBus.Error.UnknownObject",
		"org.freedesktop.DBus.Error.UnknownMethod":
		return "no default keyring collection"
	case "org.freedesktop.DBus.Error.AccessDenied":
		return "access to the Secret Service denied"
	default:
		return "Secret Service error " + e.Name
	}
}
