//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keyring

// platformReason explains why the system keyring could not be used.
func platformReason(err error) string {
	return "system keyring error"
}
