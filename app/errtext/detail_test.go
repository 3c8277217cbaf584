package errtext

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// TestDescribeDetails renders representative wrapped errors in both
// languages: Vietnamese keeps only the values of a detail (never English
// prose), English keeps the detail whole, and an error wrapped around a
// sentinel without a detail gets none.
func TestDescribeDetails(t *testing.T) {
	vi, en := i18n.MustLoad(i18n.Vietnamese), i18n.MustLoad(i18n.English)
	cases := []struct {
		name   string
		err    error
		vi, en string
	}{
		{"English phrase dropped", fmt.Errorf("%w: note too long", session.ErrInvalidInput),
			"dữ liệu nhập không hợp lệ", "invalid input: note too long"},
		{"quoted value kept", fmt.Errorf("%w: %q", packs.ErrUnknownPack, "khong-co"),
			`không có gói quy định này: "khong-co"`, `no such regulation pack: "khong-co"`},
		{"number kept", fmt.Errorf("%w: %d", session.ErrNoSuchSystem, 9),
			"không có hệ thống thông tin này: 9", "no such information system: 9"},
		{"bare English word dropped", fmt.Errorf("%w: users", session.ErrInvalidInput),
			"dữ liệu nhập không hợp lệ", "invalid input: users"},
		{"quoted values of a phrase kept", fmt.Errorf("%w: pack %q version 1, installed version 1", packs.ErrNotNewer, "kiem-thu"),
			`phiên bản gói quy định không mới hơn bản đã cài: "kiem-thu"`,
			`the pack's version is not newer than the one installed: pack "kiem-thu" version 1, installed version 1`},
		{"innermost value of a chain", fmt.Errorf("%w: %w: %q", session.ErrInvalidInput, registers.ErrBadDate, "31/02/2026"),
			`: "31/02/2026"`, `: "31/02/2026"`},
		{"Vietnamese detail kept", fmt.Errorf("%w: %s, kỳ %s, lần %d", session.ErrAssessmentApproved, "Cổng dịch vụ công", "2026", 1),
			"không sửa được; hãy mở lần sửa đổi mới: Cổng dịch vụ công, kỳ 2026, lần 1",
			"cannot change; open a new revision: Cổng dịch vụ công, kỳ 2026, lần 1"},
		{"context before the sentinel is no detail", fmt.Errorf("open vault: %w", vault.ErrWrongPassphrase),
			"sai mật khẩu", ""},
		{"pack problem: translated reason, value, path", &packs.ValidationError{Path: "catalogues[0].items[1].id", Detail: `duplicate id "it1"`, Err: packs.ErrDuplicateID},
			`mã định danh trong gói quy định bị trùng: "it1" (catalogues[0].items[1].id)`,
			`an identifier of the pack is used twice: duplicate id "it1" (catalogues[0].items[1].id)`},
		{"pack position translated", &packs.ValidationError{Path: "line 3, column 8", Detail: "invalid character 'x'", Err: packs.ErrMalformed},
			"(dòng 3, cột 8)", "invalid character 'x' (line 3, column 8)"},
		{"file path", &fs.PathError{Op: "open", Path: "/a/b.csv", Err: fs.ErrNotExist},
			"không tìm thấy tệp hoặc thư mục (/a/b.csv)", "file or folder not found (/a/b.csv)"},
		{"user name kept when it has a mark", fmt.Errorf("%w: %q", users.ErrNoSuchUser, "duc"), `: "duc"`, `: "duc"`},
	}
	for _, c := range cases {
		for _, l := range []struct {
			cat  *i18n.Catalog
			want string
		}{{vi, c.vi}, {en, c.en}} {
			got := Describe(l.cat, c.err)
			if !strings.Contains(got, l.want) {
				t.Errorf("%s (%s): Describe = %q, want it to contain %q", c.name, l.cat.Lang(), got, l.want)
			}
		}
		if got := Describe(vi, c.err); englishProse(got) {
			t.Errorf("%s: Vietnamese %q carries an English detail", c.name, got)
		}
	}
}

// englishProse reports whether s holds one of the English phrases the
// services write.
func englishProse(s string) bool {
	for _, w := range []string{"too long", "duplicate", "installed version", "users", "invalid character"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
