package errtext

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/session"
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

func TestIntegrityProblemsInVietnamese(t *testing.T) {
	cat := i18n.MustLoad(i18n.Vietnamese)
	cases := []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("%w: binh, chi", session.ErrRosterChanged), []string{
			"Danh sách người dùng hoặc vai trò đã bị sửa ngoài ứng dụng", "chỉ các vai trò đã được cán bộ đầu mối ký mới có hiệu lực",
			"Hãy báo cán bộ đầu mối", "Người dùng liên quan: binh, chi."}},
		{session.ErrRosterUnsigned, []string{"không xác thực được danh sách người dùng", "Hãy báo cán bộ đầu mối"}},
		{fmt.Errorf("%w (12)", session.ErrHistoryRewritten), []string{"lịch sử thay đổi đã bị xóa bớt hoặc sửa ngoài ứng dụng"}},
		{fmt.Errorf("open: %w", vault.ErrOldVersion), []string{"Kho dữ liệu này được tạo bởi bản thử nghiệm cũ và không mở được bằng phiên bản này"}},
		{vault.ErrNoAuthority, []string{"cán bộ đầu mối"}},
	}
	for _, c := range cases {
		got := Integrity(cat, c.err)
		for _, w := range c.want {
			if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
				t.Errorf("Integrity(%v) = %q, want it to contain %q", c.err, got, w)
			}
		}
		if strings.Contains(got, "session:") || strings.Contains(got, "vault:") {
			t.Errorf("Integrity(%v) = %q keeps the English error", c.err, got)
		}
	}
}
