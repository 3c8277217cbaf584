package tabular

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func utf16Bytes(t *testing.T, s string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSVVariants(t *testing.T) {
	want := [][]string{{"Tên máy", "Địa chỉ IP"}, {"SRV-01", "10.0.0.1"}}
	plain := "Tên máy,Địa chỉ IP\r\nSRV-01,10.0.0.1\r\n"
	cp1258 := windows1258(t, plain)
	cases := []struct {
		name     string
		in       []byte
		encoding string
		delim    rune
		numbers  []int
	}{
		{"utf8", []byte(plain), "utf-8", ',', []int{1, 2}},
		{"bom", append([]byte("\uFEFF"), plain...), "utf-8", ',', []int{1, 2}},
		{"utf16le", utf16Bytes(t, strings.ReplaceAll(plain, ",", "\t"), unicode.LittleEndian), "utf-16le", '\t', []int{1, 2}},
		{"utf16be", utf16Bytes(t, plain, unicode.BigEndian), "utf-16be", ',', []int{1, 2}},
		{"windows1258", cp1258, "windows-1258", ',', []int{1, 2}},
		{"semicolon", []byte("Tên máy;Địa chỉ IP\nSRV-01;10.0.0.1\n"), "utf-8", ';', []int{1, 2}},
		{"tab", []byte("Tên máy\tĐịa chỉ IP\nSRV-01\t10.0.0.1"), "utf-8", '\t', []int{1, 2}},
		{"sep line", []byte("sep=|\nTên máy|Địa chỉ IP\nSRV-01|10.0.0.1\n"), "utf-8", '|', []int{1, 2}},
		{"nfd and padding", []byte(nfd(" Tên máy ,\u00a0Địa chỉ IP\t\nSRV-01 , 10.0.0.1\u200b\n")), "utf-8", ',', []int{1, 2}},
		{"blank lines and empty rows", []byte("\n\nTên máy,Địa chỉ IP\n,\n\nSRV-01,10.0.0.1,,\n"), "utf-8", ',', []int{3, 6}},
		{"quoted semicolons in comma file", []byte("Tên máy,Địa chỉ IP\n\"SRV-01\",\"10.0.0.1\"\n"), "utf-8", ',', []int{1, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := ReadCSV(bytes.NewReader(tc.in), ReadOptions{})
			if err != nil {
				t.Fatalf("ReadCSV: %v", err)
			}
			numbers, cells := cellsOf(sh)
			if !reflect.DeepEqual(cells, want) {
				t.Errorf("cells = %q, want %q", cells, want)
			}
			if !reflect.DeepEqual(numbers, tc.numbers) {
				t.Errorf("row numbers = %v, want %v", numbers, tc.numbers)
			}
			if sh.Encoding != tc.encoding || sh.Delimiter != tc.delim {
				t.Errorf("encoding %q delimiter %q, want %q %q", sh.Encoding, sh.Delimiter, tc.encoding, tc.delim)
			}
		})
	}
}

func TestReadCSVRowNumbersAfterMultilineCells(t *testing.T) {
	in := "Tên máy,Ghi chú\nA,\"dòng 1\ndòng 2\ndòng 3\"\n\nB,x\n"
	sh := readCSVString(t, in)
	numbers, cells := cellsOf(sh)
	// Excel shows: row 1 header, row 2 A (three-line cell), row 3 blank, row 4 B.
	if !reflect.DeepEqual(numbers, []int{1, 2, 4}) {
		t.Errorf("row numbers = %v, want [1 2 4]", numbers)
	}
	if cells[1][1] != "dòng 1\ndòng 2\ndòng 3" {
		t.Errorf("multi-line cell = %q", cells[1][1])
	}
}

func TestReadCSVDelimiterWithTitleRows(t *testing.T) {
	in := "DANH MỤC TÀI SẢN, năm 2026\nĐơn vị: Sở KH&CN\nTên máy;IP;Ghi chú\nA;1.1.1.1;x, y\nB;2.2.2.2;z\n"
	sh := readCSVString(t, in)
	if sh.Delimiter != ';' {
		t.Fatalf("delimiter = %q, want ';'", sh.Delimiter)
	}
	if got := sh.Rows[3].Cells; !reflect.DeepEqual(got, []string{"A", "1.1.1.1", "x, y"}) {
		t.Errorf("row = %q", got)
	}
}

func TestReadCSVUndoesNeutralize(t *testing.T) {
	sh := readCSVString(t, "a,b\n'=HYPERLINK(\"x\"),'-1+2\n'plain,-5\n")
	want := [][]string{{"a", "b"}, {"=HYPERLINK(\"x\")", "-1+2"}, {"'plain", "-5"}}
	if _, cells := cellsOf(sh); !reflect.DeepEqual(cells, want) {
		t.Errorf("cells = %q, want %q", cells, want)
	}
}

func TestReadCSVErrors(t *testing.T) {
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/13)
	}
	xlsx, err := os.ReadFile("testdata/danh-muc-tai-san-cntt.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   []byte
		opts ReadOptions
		want []error
	}{
		{"zero bytes", nil, ReadOptions{}, []error{ErrEmpty}},
		{"only separators", []byte(" , ,\r\n\r\n,,,\n"), ReadOptions{}, []error{ErrEmpty}},
		{"bom only", []byte("\uFEFF"), ReadOptions{}, []error{ErrEmpty}},
		{"too large", []byte(strings.Repeat("a,b\n", 100)), ReadOptions{MaxBytes: 100}, []error{ErrTooLarge}},
		{"too many rows", []byte(strings.Repeat("a,b\n", 11)), ReadOptions{MaxRows: 10}, []error{ErrTooManyRows}},
		{"too many columns", []byte(strings.Repeat("x,", 20) + "x\n"), ReadOptions{MaxColumns: 20}, []error{ErrTooManyColumns}},
		{"cell too long", []byte("a," + strings.Repeat("ư", 11) + "\n"), ReadOptions{MaxCellLength: 10}, []error{ErrCellTooLong}},
		{"xlsx given as csv", xlsx, ReadOptions{}, []error{ErrNotCSV}},
		{"xls given as csv", append(oleMagic, make([]byte, 512)...), ReadOptions{}, []error{ErrNotCSV, ErrLegacyOrEncrypted}},
		{"binary garbage", garbage, ReadOptions{}, []error{ErrNotCSV}},
		{"NUL in utf-8", []byte("a,b\x00c\n"), ReadOptions{}, []error{ErrNotCSV}},
		{"control characters", []byte("a\x01b\x02c\x03,d\x04e\x05\n"), ReadOptions{}, []error{ErrNotCSV}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCSV(bytes.NewReader(tc.in), tc.opts)
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want %v", err, w)
				}
			}
		})
	}
}

func TestReadCSVTrailingEmptyColumnsDoNotCountAgainstLimit(t *testing.T) {
	in := "a,b" + strings.Repeat(",", 1000) + "\n"
	sh, err := ReadCSV(strings.NewReader(in), ReadOptions{MaxColumns: 5})
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	if got := sh.Rows[0].Cells; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("cells = %q", got)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestReadCSVReaderFailure(t *testing.T) {
	_, err := ReadCSV(failingReader{}, ReadOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("err = %v, want the reader's error", err)
	}
}

// windows1258 encodes s the way Vietnamese Windows does: a precomposed
// character when code page 1258 has one, else base letter plus combining tone.
func windows1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range norm.NFC.String(s) {
		if b, err := enc.Bytes([]byte(string(r))); err == nil {
			out = append(out, b...)
			continue
		}
		parts := []rune(norm.NFD.String(string(r)))
		base := string(parts[0])
		for _, mark := range parts[1:] {
			composed := norm.NFC.String(base + string(mark))
			if _, err := enc.Bytes([]byte(composed)); err == nil && len([]rune(composed)) == 1 {
				base = composed
				continue
			}
			b, err := enc.Bytes([]byte(base))
			if err != nil {
				t.Fatalf("cannot encode %q in windows-1258", r)
			}
			out = append(out, b...)
			base = string(mark)
		}
		b, err := enc.Bytes([]byte(base))
		if err != nil {
			t.Fatalf("cannot encode %q in windows-1258", r)
		}
		out = append(out, b...)
	}
	return out
}
