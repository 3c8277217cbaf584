package clocale

import "testing"

func TestIsCLocale(t *testing.T) {
	for loc, want := range map[string]bool{"": true, "C": true, "C.UTF-8": true, "POSIX": true, "vi_VN.UTF-8": false, "en_US": false} {
		if got := isCLocale(loc); got != want {
			t.Errorf("isCLocale(%q) = %v", loc, got)
		}
	}
}

func TestCurrentLocaleOrder(t *testing.T) {
	env := map[string]string{"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "C"}
	if got := currentLocale(func(k string) string { return env[k] }); got != "C" {
		t.Errorf("LC_MESSAGES must win over LANG, got %q", got)
	}
}
