package session

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// testPack is a small valid pack: two checklist items (one only for level
// 3), level criteria, a 6-monthly scan for levels 3–4 (rolling), a yearly
// drill in calendar years, a yearly inspection, a level dossier approved
// by 2027-06-30, and evidence expiry.
const testPack = `{
 "format": 1,
 "id": "kiem-thu",
 "title": {"vi": "Gói kiểm thử", "en": "Test pack"},
 "version": 1,
 "published": "2026-01-01",
 "effective": {"from": "2026-01-01"},
 "sources": [{"id": "src", "title_vi": "Văn bản nguồn", "number": "1/2026/TT"}],
 "catalogues": [
  {"id": "cat", "title": {"vi": "Danh mục"}, "items": [
   {"id": "it1", "group": "1a", "text_vi": "Kiểm tra trước khi sử dụng", "levels": [1, 2, 3], "source": {"source": "src", "ref": "Điều 1"}},
   {"id": "it2", "group": "1a", "text_vi": "Quy chế bảo đảm an toàn", "levels": [2, 3], "source": {"source": "src", "ref": "Điều 1"}},
   {"id": "it3", "group": "1c", "text_vi": "Diễn tập thực chiến", "levels": [3], "source": {"source": "src", "ref": "Điều 2"}}
  ]}
 ],
 "level_criteria": [
  {"id": "q-secret", "question_vi": "Có xử lý thông tin bí mật nhà nước không?", "rule_vi": "Có: cấp độ 3", "source": {"source": "src", "ref": "Điều 3"},
   "options": [{"id": "no", "text_vi": "Không"}, {"id": "yes", "text_vi": "Có", "level": 3}]},
  {"id": "q-users", "question_vi": "Phục vụ người dân?", "rule_vi": "Có: cấp độ 2", "source": {"source": "src", "ref": "Điều 3"},
   "options": [{"id": "no", "text_vi": "Không"}, {"id": "yes", "text_vi": "Có", "level": 2}, {"id": "military", "text_vi": "Quân sự", "out_of_scope": true}]}
 ],
 "obligations": [
  {"id": "scan", "kind": "periodic", "scope": "system", "levels": [3, 4], "every_months": 6, "title_vi": "Rà quét lỗ hổng",
   "satisfied_by": ["vulnerability_scan"], "source": {"source": "src", "ref": "Điều 4"}},
  {"id": "drill", "kind": "periodic", "scope": "system", "every_months": 12, "alignment": "calendar", "title_vi": "Diễn tập",
   "satisfied_by": ["drill"], "source": {"source": "src", "ref": "Điều 5"}},
  {"id": "inspect", "kind": "periodic", "scope": "system", "every_months": 12, "title_vi": "Kiểm tra, đánh giá hằng năm",
   "satisfied_by": ["security_inspection"], "source": {"source": "src", "ref": "Điều 7"}},
  {"id": "dossier", "kind": "fixed_date", "scope": "system", "date": "2027-06-30", "title_vi": "Phê duyệt hồ sơ cấp độ",
   "satisfied_by": ["level_dossier_approved"], "source": {"source": "src", "ref": "Điều 8"}},
  {"id": "expiry", "kind": "evidence_expiry", "title_vi": "Gia hạn minh chứng", "source": {"source": "src", "ref": "Điều 6"}}
 ]
}`

// clockAt returns a clock that starts at t and advances one second per call.
func clockAt(t time.Time) Clock {
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// newVaultAt creates a vault (focal "huong" with all three roles) whose
// clock starts at start.
func newVaultAt(t testing.TB, start time.Time) (string, *Session) {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(fsxtest.TempDir(t), "vault")
	s, _, err := Create(dir, CreateParams{
		Org:        "Sở Nội vụ tỉnh Vĩnh Long",
		User:       users.User{Name: "huong", Roles: []users.Role{users.RoleFocal, users.RoleIT, users.RoleManager}},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: clockAt(start),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return dir, s
}

// onlyTestPack imports testPack and turns the shipped packs off.
func onlyTestPack(t testing.TB, s *Session) {
	t.Helper()
	if _, err := s.ImportPack([]byte(testPack)); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListPacks()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if !p.Imported {
			if err := s.SetPackActive(p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// systemAt saves a system with a proposed level and go-live date.
func systemAt(t testing.TB, s *Session, name string, level int, goLive string) registers.System {
	t.Helper()
	sys := sampleSystem(name)
	sys.ProposedLevel, sys.GoLiveDate = level, goLive
	sys, err := s.SaveSystem(sys)
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mutate applies the replacements to testPack.
func mutate(pairs ...string) []byte {
	return []byte(strings.NewReplacer(pairs...).Replace(testPack))
}
