package session_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/tabular"
)

// TestRegisterExportReimports exports the demo register (XLSX and CSV)
// and imports it back twice: nothing is new, 51 assets stay 51; an edited
// cell updates its asset and the dry run says which field changes.
func TestRegisterExportReimports(t *testing.T) {
	s := openAs(t, demoVault(t), "demo-focal")
	for _, format := range []session.Format{session.FormatXLSX, session.FormatCSV} {
		var buf bytes.Buffer
		n, err := s.ExportAssets(&buf, format)
		if err != nil || n != 51 {
			t.Fatalf("export %s = %d, %v", format, n, err)
		}
		file, ext := buf.Bytes(), string(format)
		for round := 1; round <= 2; round++ {
			rep, err := importSheet(t, s, file, ext, session.ImportOptions{Strict: true})
			if err != nil || rep.New != 0 || len(rep.Unchanged) != 51 || len(rep.Skipped) != 0 {
				t.Fatalf("%s round %d: %+v, %v", format, round, rep, err)
			}
			for _, m := range rep.Unchanged {
				if m.By != "code" {
					t.Fatalf("%s: row %d matched by %s, want its code", format, m.Row, m.By)
				}
			}
		}
	}
	if all, _ := s.ListAssets(session.AssetFilter{}); len(all) != 51 {
		t.Fatalf("%d assets, want 51", len(all))
	}

	// Edit one cell of the export: the dry run names the asset and the change.
	var buf bytes.Buffer
	if _, err := s.ExportAssets(&buf, session.FormatXLSX); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	name, _ := f.GetCellValue(sheet, "C2")
	locCol := headerColumn(t, f, sheet, "Vị trí")
	mustOK(t, f.SetCellStr(sheet, locCol+"2", "Phòng 305, tầng 3"))
	var edited bytes.Buffer
	mustOK(t, f.Write(&edited))
	file := edited.Bytes()
	rep, err := importSheet(t, s, file, "xlsx", session.ImportOptions{DryRun: true})
	if err != nil || rep.New != 0 || len(rep.Updated) != 1 || len(rep.Unchanged) != 50 {
		t.Fatalf("dry run of an edit = %+v, %v", rep, err)
	}
	u := rep.Updated[0]
	if u.Row != 2 || u.Name != name || len(u.Changes) != 1 || u.Changes[0].Field != "location" || u.Changes[0].New != "Phòng 305, tầng 3" {
		t.Errorf("update = %+v", u)
	}
	if _, err := importSheet(t, s, file, "xlsx", session.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.GetAsset(u.ID)
	if got.Location != "Phòng 305, tầng 3" {
		t.Errorf("location after import = %q", got.Location)
	}
	if all, _ := s.ListAssets(session.AssetFilter{}); len(all) != 51 {
		t.Errorf("%d assets after an update, want 51", len(all))
	}
}

// importSheet imports an exported file's bytes as the GUI and CLI do.
func importSheet(t *testing.T, s *session.Session, file []byte, ext string, opts session.ImportOptions) (session.ImportReport, error) {
	t.Helper()
	path := filepath.Join(fsxtest.TempDir(t), "tai-san."+ext)
	mustOK(t, os.WriteFile(path, file, 0o600))
	sheet, err := session.LoadSheet(path, tabular.ReadOptions{})
	mustOK(t, err)
	m, err := tabular.DetectHeader(sheet, registers.AssetFields())
	mustOK(t, err)
	return s.ImportAssets(sheet, m, opts)
}

func headerColumn(t *testing.T, f *excelize.File, sheet, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	mustOK(t, err)
	for i, h := range rows[0] {
		if h == header {
			return tabular.ColumnName(i)
		}
	}
	t.Fatalf("no column %q in %q", header, rows[0])
	return ""
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
