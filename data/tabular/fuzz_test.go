package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// readSentinels are the only errors the readers may return.
var readSentinels = []error{
	ErrEmpty, ErrTooLarge, ErrTooManyRows, ErrTooManyColumns, ErrCellTooLong,
	ErrNotCSV, ErrNotXLSX, ErrLegacyOrEncrypted, ErrNoSheet,
}

func isReadSentinel(err error) bool {
	for _, s := range readSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// checkSheet asserts the invariants every successfully read sheet keeps, and
// runs header detection and record extraction over it.
func checkSheet(t *testing.T, sh Sheet, opts ReadOptions) {
	t.Helper()
	if len(sh.Rows) == 0 || len(sh.Rows) > opts.MaxRows {
		t.Fatalf("%d rows", len(sh.Rows))
	}
	prev := 0
	for _, r := range sh.Rows {
		if r.Number <= prev {
			t.Fatalf("row numbers not increasing: %d after %d", r.Number, prev)
		}
		prev = r.Number
		if len(r.Cells) == 0 || len(r.Cells) > opts.MaxColumns {
			t.Fatalf("row %d has %d cells", r.Number, len(r.Cells))
		}
		for _, c := range r.Cells {
			if !utf8.ValidString(c) || !norm.NFC.IsNormalString(c) || trimCell(c) != c {
				t.Fatalf("row %d: cell %q not clean", r.Number, c)
			}
		}
	}
	fields := assetFields()
	m, err := DetectHeader(sh, fields)
	if err != nil && !errors.Is(err, ErrNoHeader) && !errors.Is(err, ErrMissingRequired) {
		t.Fatalf("DetectHeader: %v", err)
	}
	for _, rec := range Records(sh, m) {
		if rec.Row <= m.HeaderRow {
			t.Fatalf("record row %d not below header %d", rec.Row, m.HeaderRow)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Tên máy;Địa chỉ IP\nSRV-01;10.0.0.1\n"))
	f.Add([]byte("\uFEFFa,\"b\nc\",d\r\n'=1+2,-5\r\n"))
	f.Add([]byte("sep=\t\nx\ty\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, ',', 0, 'b', 0})
	f.Add([]byte("\"unterminated,quote\nnext"))
	if b, err := os.ReadFile("testdata/danh-muc-tai-san-cntt.csv"); err == nil {
		f.Add(b)
	}
	opts := ReadOptions{MaxBytes: 1 << 20, MaxRows: 1000, MaxColumns: 64, MaxCellLength: 4096}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := ReadCSV(bytes.NewReader(data), opts)
		if err != nil {
			if !isReadSentinel(err) {
				t.Fatalf("error is no sentinel: %v", err)
			}
			return
		}
		checkSheet(t, sh, opts)
	})
}

func FuzzReadXLSX(f *testing.F) {
	good := agencyWorkbook(f)
	f.Add(good)
	f.Add(good[:len(good)-100])
	f.Add(zipBytes(f, map[string][]byte{"xl/workbook.xml": []byte("<workbook/>")}))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add(zipWith(f, minimalParts(`<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>Tên máy</t></is></c>`+
		`<c t="str"><f>A1</f><v>x</v></c></row><row><c r="A3" s="9"><v>45306</v></c></row></sheetData>`+
		`<mergeCells><mergeCell ref="B2:D9"/></mergeCells></worksheet>`), zip.Store))
	opts := ReadOptions{MaxBytes: 1 << 20, MaxUnzipBytes: 8 << 20, MaxRows: 1000, MaxColumns: 64, MaxCellLength: 4096}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := ReadXLSX(bytes.NewReader(data), int64(len(data)), opts)
		if err != nil {
			if !isReadSentinel(err) {
				t.Fatalf("error is no sentinel: %v", err)
			}
			return
		}
		checkSheet(t, sh, opts)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"15/01/2024", "2024-02-29 13:45", "45306.5", "ngày 1 tháng 2 năm 2024", "15-Jan-24", "31/02/2024", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrBadDate) {
				t.Fatalf("ParseDate(%q): error is no sentinel: %v", s, err)
			}
			return
		}
		if d.Location().String() != "UTC" || d.Year() < 1900 || d.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func FuzzNeutralize(f *testing.F) {
	for _, s := range []string{"=1+2", "-12", "+84", "@x", "\t=1", "text", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralize(s)
		if n != "" && strings.IndexByte(formulaTriggers, n[0]) >= 0 && !plainNumber.MatchString(n) {
			t.Fatalf("Neutralize(%q) = %q still starts with a trigger", s, n)
		}
		if n != s && n != "'"+s {
			t.Fatalf("Neutralize(%q) = %q changed more than a prefix", s, n)
		}
	})
}
