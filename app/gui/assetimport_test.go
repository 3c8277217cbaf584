package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/xuri/excelize/v2"

	"daumoi/data/registers"
	"daumoi/data/session"
)

// TestAssetFormSaysWhyAndShowsTheSavedRow: a new asset without a name is
// not saved and a message names the field; a saved asset is confirmed and
// shown in the list; the type select's placeholder is Vietnamese.
func TestAssetFormSaysWhyAndShowsTheSavedRow(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1366, 768))
	f := newAssetForm(scr, registers.Asset{})
	f.show()
	if f.kind.PlaceHolder != "(Chọn một)" {
		t.Errorf("type placeholder = %q", f.kind.PlaceHolder)
	}
	f.kind.SetSelected("Máy in")
	f.onSave()
	if text := overlayText(t, s); !strings.Contains(text, "Chưa lưu: hãy sửa các ô sau — Tên") {
		t.Errorf("saving without a name says:\n%s", text)
	}
	if list, _ := s.sess.ListAssets(session.AssetFilter{}); len(list) != 0 {
		t.Fatalf("saved without a name: %v", list)
	}
	s.win.Canvas().Overlays().Top().Hide()
	f.name.SetText("Máy in HP LaserJet Pro M404dn")
	f.inService.SetText("01/09/2020")
	f.year.SetText("2020")
	f.unit.SetText("Văn phòng Sở")
	capture(t, s.win, "gui-asset-form-new")
	f.onSave()
	if text := overlayText(t, s); !strings.Contains(text, "Đã lưu tài sản «Máy in HP LaserJet Pro M404dn»") {
		t.Errorf("no confirmation after saving:\n%s", text)
	}
	list, _ := s.sess.ListAssets(session.AssetFilter{})
	if len(list) != 1 || list[0].Type != registers.AssetPrinter || list[0].InServiceDate != "2020-09-01" || list[0].ManufactureYear != 2020 {
		t.Fatalf("saved = %+v", list)
	}
	if m := scr.list.mark; m < 0 || scr.list.rows[m].ID != list[0].ID {
		t.Errorf("the saved row is not shown (mark %d)", m)
	}
	capture(t, s.win, "gui-asset-saved")
}

// TestImportPreviewShowsUpdatesAtScreenSize re-imports the demo register's
// export with two edited rows and one new printer: the preview says which
// rows are new, which update which asset with what, which are unchanged.
func TestImportPreviewShowsUpdatesAtScreenSize(t *testing.T) {
	s := openDemoAs(t, "demo-focal")
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1366, 768))
	var buf bytes.Buffer
	if _, err := s.sess.ExportAssets(&buf, session.FormatXLSX); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	header, _ := f.GetRows(sh)
	col := func(name string) string {
		for i, h := range header[0] {
			if h == name {
				c, _ := excelize.ColumnNumberToName(i + 1)
				return c
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellStr(sh, col("Vị trí")+"3", "Phòng 305, tầng 3"))
	must(f.SetCellStr(sh, col("Người phụ trách")+"5", "Trần Quốc Bảo"))
	must(f.SetCellStr(sh, col("Đơn vị quản lý")+"5", "Văn phòng Sở"))
	must(f.SetSheetRow(sh, "A53", &[]any{"", "Máy in", "Máy in Canon LBP 2900"}))
	path := filepath.Join(t.TempDir(), "danh-muc-tai-san.xlsx")
	must(f.SaveAs(path))

	fl := newImportFlow(s, registers.AssetFields(), s.sess.ImportAssets, scr.reload)
	fl.load(path)
	mustHold(t, "the mapping dialog", func() bool { return fl.picks != nil })
	s.win.Canvas().Overlays().Top().Hide() // as "Kiểm tra" does
	fl.dryRun()
	text := overlayText(t, s)
	if i, j := strings.Index(text, "Dòng 5: cập nhật"), strings.Index(text, "Dòng 2: không đổi"); i < 0 || j < i {
		t.Error("the updates do not come before the unchanged rows")
	}
	for _, want := range []string{"52 dòng dữ liệu: 1 mới, 2 cập nhật, 49 không đổi, 0 bị bỏ qua",
		"Dòng 3: cập nhật «", "trong sổ, khớp theo mã trong sổ): Vị trí «", "» → «Phòng 305, tầng 3»",
		"Đơn vị quản lý «(trống)» → «Văn phòng Sở»; Người phụ trách «", "» → «Trần Quốc Bảo»",
		"Dòng 2: không đổi — «", "Dòng 53: mới — «Máy in Canon LBP 2900»"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	buttonNamed(t, s.win.Canvas().Overlays().Top(), "Nhập 1 dòng mới, cập nhật 2 dòng")
	capture(t, s.win, "gui-import-preview-updates")
	before, _ := s.sess.ListAssets(session.AssetFilter{})
	fl.commit(fl.mapping())
	after, _ := s.sess.ListAssets(session.AssetFilter{})
	if len(before) != 51 || len(after) != 52 {
		t.Errorf("assets %d → %d, want 51 → 52", len(before), len(after))
	}
	if text := overlayText(t, s); !strings.Contains(text, "Đã nhập 1 dòng mới, cập nhật 2 dòng; 49 dòng không đổi") {
		t.Errorf("final message:\n%s", text)
	}
	_ = os.Remove(path)
}

// TestImportInventoryWithPrinters imports an agency's inventory workbook
// (merged title rows, STT, printers, a signature block): the mapping finds
// the header under the title, STT is not offered, every row is new, and
// the printers are stored as printers.
func TestImportInventoryWithPrinters(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1366, 768))
	fl := newImportFlow(s, registers.AssetFields(), s.sess.ImportAssets, scr.reload)
	fl.load(filepath.Join("..", "..", "data", "session", "testdata", "kiem-ke-tai-san.xlsx"))
	mustHold(t, "the mapping dialog", func() bool { return fl.picks != nil })
	if fl.m.HeaderRow != 4 {
		t.Errorf("header row = %d, want 4", fl.m.HeaderRow)
	}
	for _, f := range fl.fields {
		if f.Ignored {
			t.Errorf("field %q offered in the mapping", f.Key)
		}
	}
	if text := overlayText(t, s); !strings.Contains(text, "bên dưới có 12 dòng dữ liệu") {
		t.Errorf("the mapping counts the signature block as data:\n%s", text)
	}
	capture(t, s.win, "gui-import-inventory-mapping")
	s.win.Canvas().Overlays().Top().Hide()
	fl.dryRun()
	text := overlayText(t, s)
	for _, want := range []string{"12 dòng dữ liệu: 12 mới, 0 cập nhật, 0 không đổi, 0 bị bỏ qua", "Dòng 8: mới — «Máy in HP LaserJet Pro M404dn»", "Cột K «ĐVT»"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	buttonNamed(t, s.win.Canvas().Overlays().Top(), "Nhập 12 dòng mới")
	capture(t, s.win, "gui-import-inventory-preview")
	fl.commit(fl.mapping())
	if printers, _ := s.sess.ListAssets(session.AssetFilter{Type: registers.AssetPrinter}); len(printers) != 6 {
		t.Errorf("%d printers imported, want 6", len(printers))
	}
}
