package gui

import (
	"regexp"
	"strings"
	"testing"

	"daumoi/assets/i18n"
)

// vaultWordingKeys are the texts of the screens where the vault and the
// operating system's keyring meet: unlock, settings (keys, auto-lock),
// the wizard, the first-run and restore screens, and the errors these
// show, and the signing passphrase dialog.
var vaultWordingKeys = []string{"unlock.", "keyring.", "keys.", "wizard.", "settings.", "integrity.", "reset.", "start.", "restore.",
	"err.keyring", "err.no_credential", "err.vault_", "err.wrong_secret", "err.journal_damaged", "rep.signing_pass"}

// TestVaultAndKeyringNamedApart checks the Vietnamese of those screens:
// "kho" alone is never written (it is either "kho dữ liệu", the vault, or
// "kho khóa", the operating system's keyring), and a text speaking of the
// keyring says it is the operating system's — so that "kho khóa đang bị
// khóa" cannot be read as the vault being locked.
func TestVaultAndKeyringNamedApart(t *testing.T) {
	cat := i18n.MustLoad(i18n.Vietnamese)
	kho := regexp.MustCompile(`(?i)(^|[^\p{L}])kho([^\p{L}]|$)`)
	checked := 0
	for _, key := range cat.Keys() {
		if !hasAnyPrefix(key, vaultWordingKeys) {
			continue
		}
		checked++
		text := cat.T(key)
		for _, at := range kho.FindAllStringSubmatchIndex(text, -1) {
			rest := text[at[4]:]
			if !strings.HasPrefix(rest, " dữ liệu") && !strings.HasPrefix(rest, " khóa") {
				t.Errorf("%s: %q says «kho» without saying which", key, text)
			}
		}
		if strings.Contains(strings.ToLower(text), "kho khóa") && !strings.Contains(text, "hệ điều hành") {
			t.Errorf("%s: %q does not say the keyring is the operating system's", key, text)
		}
	}
	if checked < 50 {
		t.Errorf("only %d texts checked", checked)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
