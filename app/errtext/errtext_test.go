package errtext

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/users"
	"daumoi/data/vault"
)

func TestEveryKeyExistsInEveryLanguage(t *testing.T) {
	for _, l := range i18n.Supported() {
		cat := i18n.MustLoad(l)
		for _, m := range Messages() {
			if !cat.Has(m.Key) {
				t.Errorf("%s: no message %q for %v", l, m.Key, m.Err)
			}
		}
	}
}

func TestDescribe(t *testing.T) {
	cat := i18n.MustLoad(i18n.Vietnamese)
	extra := errors.New("extra")
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("open: %w", vault.ErrWrongPassphrase), "sai mật khẩu"},
		{fmt.Errorf("x: %w", users.ErrLastFocal), "cán bộ đầu mối"},
		{&fs.PathError{Op: "open", Path: "/a/b", Err: fs.ErrNotExist}, "(/a/b)"},
		{errors.New("something else"), "something else"},
		{extra, "chưa có mật khẩu"},
	}
	for _, c := range cases {
		got := Describe(cat, c.err, Message{extra, "err.no_passphrase"})
		if !strings.Contains(got, c.want) {
			t.Errorf("Describe(%v) = %q, want it to contain %q", c.err, got, c.want)
		}
	}
}
