package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/reports/signing"
)

// agencyList is an office's list as people keep it: a title, a blank line,
// Vietnamese headers, a bad row, a footer.
const agencyList = "DANH SÁCH ĐƠN VỊ BÁO CÁO ATTT NĂM 2026\n\n" +
	"STT;Mã đơn vị;Tên đơn vị;Cơ quan chủ quản;Loại;Người liên hệ;Điện thoại;Email;Ghi chú\n" +
	"1;000.00.12.H62;Sở Nội vụ;UBND tỉnh Vĩnh Long;Sở, ban, ngành;Nguyễn Thị Hương;0270 3822 123;snv@vinhlong.gov.vn;\n" +
	"2;000.00.31.H62;UBND phường Long Châu;UBND tỉnh Vĩnh Long;Phường;Lê Văn Tám;;;\n" +
	"3;000.00.12.H62;Sở Nội vụ (trùng);;;;;;\n" +
	"4;;Không có mã;;;;;;\n" +
	"5;000.00.40.H62;Trung tâm X;;Hợp tác xã;;;;\n" +
	"6;000.00.41.H62;=HYPERLINK(\"x\");;;;;;\n"

func loadAgencyList(t *testing.T, text string) (tabular.Sheet, tabular.Mapping) {
	t.Helper()
	sheet, err := tabular.ReadCSV(strings.NewReader(text), tabular.ReadOptions{})
	must(t, err)
	m, err := tabular.DetectHeader(sheet, office.AgencyFields())
	must(t, err)
	return sheet, m
}

func TestOfficeImportAgencies(t *testing.T) {
	_, s := newOfficeVault(t)
	sheet, m := loadAgencyList(t, agencyList)
	if m.HeaderRow != 3 || len(m.Unknown) != 1 {
		t.Fatalf("header row %d, unknown %+v", m.HeaderRow, m.Unknown)
	}
	dry, err := s.ImportAgencies(sheet, m, ImportOptions{DryRun: true})
	must(t, err)
	if list, _ := s.Agencies(); len(list) != 0 || dry.New != 2 {
		t.Fatalf("dry run stored %d agencies, report new %d", len(list), dry.New)
	}
	rep, err := s.ImportAgencies(sheet, m, ImportOptions{})
	must(t, err)
	if rep.Rows != 6 || rep.New != 2 || rep.Imported != 2 || len(rep.Skipped) != 4 {
		t.Fatalf("report %+v", rep)
	}
	wantSkip := map[int]error{6: ErrSameAgencyTwice, 7: registers.ErrRequired, 8: office.ErrUnknownKind, 9: nil}
	for _, sk := range rep.Skipped {
		want, ok := wantSkip[sk.Row]
		if !ok || (want != nil && !errors.Is(sk.Problems[0], want)) {
			t.Errorf("row %d skipped for %v", sk.Row, sk.Problems)
		}
	}
	a, _, err := s.Agency("000.00.31.H62")
	must(t, err)
	if a.Kind != office.KindCommune || a.Parent != "UBND tỉnh Vĩnh Long" || a.ContactName != "Lê Văn Tám" {
		t.Errorf("imported agency %+v", a)
	}

	again, err := s.ImportAgencies(sheet, m, ImportOptions{})
	must(t, err)
	if again.New != 0 || len(again.Unchanged) != 2 || len(again.Updated) != 0 {
		t.Errorf("the same list twice: %+v", again)
	}
	changed := strings.Replace(agencyList, "0270 3822 123", "0270 3822 999", 1)
	sheet, m = loadAgencyList(t, changed)
	upd, err := s.ImportAgencies(sheet, m, ImportOptions{})
	must(t, err)
	if len(upd.Updated) != 1 || upd.Updated[0].Changes[0].Field != office.FieldContactPhone {
		t.Errorf("changed phone: %+v", upd.Updated)
	}
	if _, err := s.ImportAgencies(sheet, m, ImportOptions{Strict: true}); !errors.Is(err, ErrStrictRejected) {
		t.Errorf("strict with bad rows = %v", err)
	}
}

func writePub(t *testing.T, dir, name string, pub signing.PublicKey) {
	t.Helper()
	text, err := pub.MarshalText()
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, name), text, 0o600))
}

func TestOfficeImportAgencyKeys(t *testing.T) {
	_, s := newOfficeVault(t)
	must(t, s.AddAgency(office.Agency{Code: "000.00.12.H62", Name: "Sở Nội vụ", Kind: office.KindDepartment}))
	must(t, s.AddAgency(office.Agency{Code: "000.00.31.H62", Name: "UBND phường Long Châu", Kind: office.KindCommune}))
	registered := newPublicKey(t)
	_, err := s.AddAgencyKey("000.00.31.H62", registered, vnDay("2026-01-01"))
	must(t, err)

	dir := fsxtest.TempDir(t)
	fresh := newPublicKey(t)
	writePub(t, dir, "000.00.12.H62.pub", fresh)
	writePub(t, dir, "000.00.31.H62.pub", registered)
	writePub(t, dir, "000.00.99.H62.pub", newPublicKey(t))
	must(t, os.WriteFile(filepath.Join(dir, "000.00.50.H62.pub"), []byte("không phải khóa\n"), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "ghichu.txt"), []byte("bỏ qua"), 0o600))

	dry, err := s.ImportAgencyKeys(dir, vnDay("2026-12-01"), true)
	must(t, err)
	if _, keys, _ := s.Agency("000.00.12.H62"); len(keys) != 0 || dry[0].Outcome != KeyAdded {
		t.Fatalf("dry run stored %d keys; %+v", len(keys), dry)
	}
	res, err := s.ImportAgencyKeys(dir, vnDay("2026-12-01"), false)
	must(t, err)
	want := map[string]KeyOutcome{"000.00.12.H62.pub": KeyAdded, "000.00.31.H62.pub": KeyRegistered,
		"000.00.50.H62.pub": KeyMalformed, "000.00.99.H62.pub": KeyUnknownAgency}
	if len(res) != len(want) {
		t.Fatalf("results %+v", res)
	}
	for _, r := range res {
		if want[r.File] != r.Outcome {
			t.Errorf("%s: %s (%v), want %s", r.File, r.Outcome, r.Err, want[r.File])
		}
	}
	_, keys, err := s.Agency("000.00.12.H62")
	must(t, err)
	if len(keys) != 1 || keys[0].KeyID != fresh.KeyID() || !keys[0].From.Equal(vnDay("2026-12-01")) {
		t.Errorf("keys after import: %+v", keys)
	}
	writePub(t, dir, "000.00.12.H62.pub", registered)
	res, err = s.ImportAgencyKeys(dir, vnDay("2026-12-01"), false)
	must(t, err)
	if res[0].Outcome != KeyOfOther {
		t.Errorf("another agency's key: %s", res[0].Outcome)
	}
	if _, err := s.ImportAgencyKeys(filepath.Join(dir, "ghichu.txt"), vnDay("2026-12-01"), false); !errors.Is(err, ErrNotKeyFolder) {
		t.Errorf("a file as the folder = %v", err)
	}
	if err := s.RequireKind(KindAgency); !errors.Is(err, ErrAgencyOnly) || !errors.Is(err, ErrWrongVaultKind) {
		t.Errorf("RequireKind(agency) on an office vault = %v", err)
	}
	must(t, s.RequireKind(KindOffice))
}

func TestOfficeImportAgenciesFromXLSXWithEnglishHeaders(t *testing.T) {
	_, s := newOfficeVault(t)
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	must(t, f.SetSheetRow(sh, "A1", &[]any{"Provincial list of reporting agencies"}))
	must(t, f.SetSheetRow(sh, "A3", &[]any{"No", "Agency code", "Agency name", "Parent", "Kind", "Contact", "Phone", "Email"}))
	must(t, f.SetSheetRow(sh, "A4", &[]any{1, "000.00.60.H62", "Department of Health", "People's Committee", "department", "Ms Mai", "0270 1", "soyte@vinhlong.gov.vn"}))
	must(t, f.SetSheetRow(sh, "A5", &[]any{2, "000.00.61.H62", "Tân Hạnh commune", "", "commune"}))
	path := filepath.Join(fsxtest.TempDir(t), "agencies.xlsx")
	must(t, f.SaveAs(path))
	sheet, err := LoadSheet(path, tabular.ReadOptions{})
	must(t, err)
	m, err := tabular.DetectHeader(sheet, office.AgencyFields())
	must(t, err)
	rep, err := s.ImportAgencies(sheet, m, ImportOptions{})
	must(t, err)
	if rep.New != 2 || len(rep.Skipped) != 0 || rep.HeaderRow != 3 {
		t.Fatalf("report %+v", rep)
	}
	a, _, err := s.Agency("000.00.60.H62")
	must(t, err)
	if a.ContactEmail != "soyte@vinhlong.gov.vn" || a.Kind != office.KindDepartment {
		t.Errorf("agency %+v", a)
	}
}

// TestOfficeImportKeysReadsNoHugeFile: a .pub file of 10 MB (a folder
// someone filled with something else) is refused as malformed, and the
// import reads no more of it than a key can be.
func TestOfficeImportKeysReadsNoHugeFile(t *testing.T) {
	_, s := newOfficeVault(t)
	must(t, s.AddAgency(office.Agency{Code: "000.00.12.H62", Name: "Sở Nội vụ"}))
	dir := fsxtest.TempDir(t)
	must(t, os.WriteFile(filepath.Join(dir, "000.00.12.H62.pub"), make([]byte, 10<<20), 0o600))
	must(t, os.Symlink("/etc/passwd", filepath.Join(dir, "000.00.13.H62.pub")))
	res, err := s.ImportAgencyKeys(dir, vnDay("2026-12-01"), false)
	must(t, err)
	if len(res) != 1 || res[0].Outcome != KeyMalformed || !errors.Is(res[0].Err, signing.ErrMalformedKey) {
		t.Fatalf("results %+v (a symbolic link is not followed)", res)
	}
}
