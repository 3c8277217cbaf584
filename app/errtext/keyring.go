package errtext

import (
	"strings"

	"daumoi/assets/i18n"
)

// KeyringReason translates the short English reason that package keyring
// gives when the OS keyring cannot be used ("collection locked", …). An
// unknown reason is returned as it is.
func KeyringReason(cat *i18n.Catalog, reason string) string {
	known := []struct{ prefix, key string }{
		{"no D-Bus session bus", "keyring.reason.no_bus"},
		{"no Secret Service answered", "keyring.reason.no_service"},
		{"collection locked", "keyring.reason.locked"},
		{"no default keyring collection", "keyring.reason.no_collection"},
		{"access to the Secret Service denied", "keyring.reason.denied"},
		{"timed out", "keyring.reason.timeout"},
		{"Secret Service error", "keyring.reason.error"},
	}
	for _, k := range known {
		if strings.HasPrefix(reason, k.prefix) {
			return cat.T(k.key)
		}
	}
	return reason
}
