package registers

import (
	"errors"
	"testing"

	"daumoi/data/tabular"
)

// TestInventoryColumnsRecognised: the columns agencies' inventories use are
// found with or without diacritics, in any case; STT is recognised and
// neither mapped nor reported as unknown.
func TestInventoryColumnsRecognised(t *testing.T) {
	header := []string{"STT", "Tên tài sản", "LOAI THIET BI", "So serial", "Năm SX", "Ngay dua vao su dung", "Đơn vị quản lý",
		"Người sử dụng", "Tên máy", "Ghi chu", "Đơn vị tính"}
	want := map[int]string{1: "name", 2: "type", 3: "serial", 4: "manufacture_year", 5: "in_service_date", 6: "managing_unit",
		7: "responsible", 8: "hostname", 9: "notes"}
	sheet := tabular.Sheet{Rows: []tabular.Row{{Number: 1, Cells: header}}}
	m, err := tabular.DetectHeader(sheet, AssetFields())
	if err != nil {
		t.Fatal(err)
	}
	for col, key := range want {
		if m.Columns[col] != key {
			t.Errorf("%q → %q, want %q", header[col], m.Columns[col], key)
		}
	}
	if _, mapped := m.Columns[0]; mapped {
		t.Error("STT was mapped to a field")
	}
	if len(m.Unknown) != 1 || m.Unknown[0].Header != "Đơn vị tính" {
		t.Errorf("unknown = %+v, want only Đơn vị tính", m.Unknown)
	}
}

func TestPrinterAndOtherTypes(t *testing.T) {
	for in, want := range map[string]AssetType{"Máy in": AssetPrinter, "MAY IN DA NANG": AssetPrinter, "máy photocopy": AssetPrinter,
		"Máy scan": AssetPrinter, "printer": AssetPrinter, "Khác": AssetOther, "other": AssetOther} {
		if got, err := ParseAssetType(in); err != nil || got != want {
			t.Errorf("ParseAssetType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if AssetPrinter.Label() != "Máy in" || AssetOther.Label() != "Khác" {
		t.Errorf("labels %q %q", AssetPrinter.Label(), AssetOther.Label())
	}
	p := Problem{Field: "type", Err: errors.Join(ErrUnknownAssetType)}
	if !p.IsUnknownChoice() || len(FieldChoices("type")) != len(AssetTypes()) {
		t.Error("an unknown type does not list the types")
	}
}

func TestMethodLabelsParseBack(t *testing.T) {
	for _, m := range SanitisationMethods() {
		if m.Label() == string(m) {
			t.Errorf("%q has no Vietnamese label", m)
		}
		if back, err := ParseMethod(m.Label()); err != nil || back != m {
			t.Errorf("%q → %q → %q, %v", m, m.Label(), back, err)
		}
	}
}

func TestAssetCodeAndYear(t *testing.T) {
	code := AssetCode("3f9a1c", 12)
	if code != "TS-000012-3F9A1C" {
		t.Errorf("code = %q", code)
	}
	if tag, id, err := ParseAssetCode(" ts-000012-3f9a1c "); err != nil || tag != "3F9A1C" || id != 12 {
		t.Errorf("parse = %q %d %v", tag, id, err)
	}
	for _, bad := range []string{"12", "TS-12", "TS-0-ABCDEF", "TS-000012-XYZ123"} {
		if _, _, err := ParseAssetCode(bad); !errors.Is(err, ErrBadAssetCode) {
			t.Errorf("ParseAssetCode(%q) = %v", bad, err)
		}
	}
	for in, want := range map[string]int{"2019": 2019, "năm 2020": 2020, "15/03/2018": 2018, "": 0} {
		if got, err := ParseYear(in); err != nil || got != want {
			t.Errorf("ParseYear(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"19", "3000", "mười chín"} {
		if _, err := ParseYear(bad); !errors.Is(err, ErrBadYear) {
			t.Errorf("ParseYear(%q) = %v", bad, err)
		}
	}
}
