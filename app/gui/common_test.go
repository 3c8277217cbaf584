package gui

import (
	"testing"

	"daumoi/assets/i18n"
)

// TestLocalTitle shows a rule's English title in English when the pack
// gives one, and the Vietnamese title otherwise.
func TestLocalTitle(t *testing.T) {
	vi, en := i18n.MustLoad(i18n.Vietnamese), i18n.MustLoad(i18n.English)
	cases := []struct {
		cat                    *i18n.Catalog
		titleVI, titleEN, want string
	}{
		{vi, "Rà quét lỗ hổng", "Vulnerability scan", "Rà quét lỗ hổng"},
		{en, "Rà quét lỗ hổng", "Vulnerability scan", "Vulnerability scan"},
		{en, "Rà quét lỗ hổng", "", "Rà quét lỗ hổng"},
	}
	for _, c := range cases {
		if got := localTitle(c.cat, c.titleVI, c.titleEN); got != c.want {
			t.Errorf("localTitle(%s, %q, %q) = %q, want %q", c.cat.Lang(), c.titleVI, c.titleEN, got, c.want)
		}
	}
}
