package session

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// benchRows returns n asset rows in export layout, with Vietnamese names.
func benchRows(n int) [][]string {
	people := []string{"Nguyễn Văn Ấn", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Mỹ Duyên", "Võ Thành Nhân"}
	rows := make([][]string, 0, n)
	for i := range n {
		a := registers.Asset{Type: registers.AssetTypes()[i%len(registers.AssetTypes())], Name: fmt.Sprintf("Máy trạm phòng Tổ chức số %d", i),
			Hostname: fmt.Sprintf("PC-%05d", i), IPs: []string{fmt.Sprintf("10.%d.%d.%d", i/65536, (i/256)%256, i%256)},
			MACs: []string{fmt.Sprintf("00:1A:2B:%02X:%02X:%02X", i/65536, (i/256)%256, i%256)}, OS: "Windows 11 Pro", OSVersion: "23H2",
			Serial: fmt.Sprintf("SN%07d", i), Location: "Tầng 2", Responsible: people[i%len(people)], Supplier: "VNPT Vĩnh Long",
			LAN: true, Internet: i%2 == 0, Status: registers.StatusInUse}
		rows = append(rows, registers.AssetRow(a, "", func(int64) string { return "" }))
	}
	return rows
}

func benchVault(b *testing.B) *Session {
	b.Helper()
	b.Setenv(vault.InsecureFastKDFEnv, "1")
	s, _, err := Create(filepath.Join(fsxtest.TempDir(b), "v"), CreateParams{
		Org: "Sở Nội vụ tỉnh Vĩnh Long", User: users.User{Name: "huong", Roles: []users.Role{users.RoleFocal}},
		Passphrase: []byte(testPass), KDF: fastKDF(), Now: fixedClock(),
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkImportXLSX10000 reads a 10,000-row workbook, validates it and
// imports it into an empty vault in one transaction (target: < 10 s).
func BenchmarkImportXLSX10000(b *testing.B) {
	var file bytes.Buffer
	if err := tabular.WriteXLSX(&file, "Tài sản", registers.AssetHeaders(), benchRows(10_000), nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		s := benchVault(b)
		b.StartTimer()
		sheet, err := tabular.ReadXLSX(bytes.NewReader(file.Bytes()), int64(file.Len()), tabular.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		m, err := tabular.DetectHeader(sheet, registers.AssetFields())
		if err != nil {
			b.Fatal(err)
		}
		rep, err := s.ImportAssets(sheet, m, ImportOptions{Strict: true})
		if err != nil || rep.Imported != 10_000 {
			b.Fatalf("%+v, %v", rep, err)
		}
	}
}

// BenchmarkListAssetsText10000 searches 10,000 assets for a name without
// diacritics (target: < 100 ms).
func BenchmarkListAssetsText10000(b *testing.B) {
	s := benchVault(b)
	var file bytes.Buffer
	if err := tabular.WriteCSV(&file, registers.AssetHeaders(), benchRows(10_000)); err != nil {
		b.Fatal(err)
	}
	sheet, err := tabular.ReadCSV(&file, tabular.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportAssets(sheet, m, ImportOptions{Strict: true}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		list, err := s.ListAssets(AssetFilter{Text: "bich ngoc"})
		if err != nil || len(list) != 2000 {
			b.Fatalf("%d, %v", len(list), err)
		}
	}
}

// BenchmarkListAssetsAll10000 lists 10,000 assets without a filter.
func BenchmarkListAssetsAll10000(b *testing.B) {
	s := benchVault(b)
	var file bytes.Buffer
	if err := tabular.WriteCSV(&file, registers.AssetHeaders(), benchRows(10_000)); err != nil {
		b.Fatal(err)
	}
	sheet, err := tabular.ReadCSV(&file, tabular.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportAssets(sheet, m, ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if list, err := s.ListAssets(AssetFilter{}); err != nil || len(list) != 10_000 {
			b.Fatalf("%d, %v", len(list), err)
		}
	}
}
