package errtext

import (
	"testing"

	"daumoi/assets/i18n"
)

func TestKeyringReason(t *testing.T) {
	vi := i18n.MustLoad(i18n.Vietnamese)
	if got := KeyringReason(vi, "collection locked"); got != "kho khóa của hệ điều hành đang bị khóa (kho dữ liệu không bị ảnh hưởng)" {
		t.Errorf("collection locked = %q", got)
	}
	if got := KeyringReason(vi, "timed out after 3s"); got != "kho khóa của hệ điều hành không trả lời kịp" {
		t.Errorf("timed out = %q", got)
	}
	if got := KeyringReason(vi, "something new"); got != "something new" {
		t.Errorf("unknown reason = %q", got)
	}
}
