package tabular

import (
	"errors"
	"os"
	"reflect"
	"testing"
)

func TestHeaderKeyAndVariants(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Địa chỉ IP:", []string{"dia chi ip"}},
		{nfd("  TÊN   MÁY* "), []string{"ten may"}},
		{"Tên máy (Hostname)", []string{"ten may hostname", "ten may", "hostname"}},
		{"Hệ điều hành / Phiên bản", []string{"he dieu hanh phien ban", "he dieu hanh", "phien ban"}},
		{"IP_address", []string{"ip address"}},
		{"(*)", nil},
	}
	for _, tc := range cases {
		if got := headerVariants(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("headerVariants(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetectHeaderOnSample(t *testing.T) {
	f, err := os.Open("testdata/danh-muc-tai-san-cntt.csv")
	must(t, err)
	defer f.Close()
	sh, err := ReadCSV(f, ReadOptions{})
	must(t, err)
	m, err := DetectHeader(sh, assetFields())
	if err != nil {
		t.Fatalf("DetectHeader: %v", err)
	}
	if m.HeaderRow != 5 {
		t.Errorf("header row = %d, want 5", m.HeaderRow)
	}
	wantCols := map[int]string{1: "hostname", 2: "kind", 3: "os", 4: "ip", 5: "location", 6: "owner", 7: "since", 8: "count"}
	if !reflect.DeepEqual(m.Columns, wantCols) {
		t.Errorf("columns = %v, want %v", m.Columns, wantCols)
	}
	wantUnknown := []Column{{0, "STT"}, {9, "Ghi chú"}}
	if !reflect.DeepEqual(m.Unknown, wantUnknown) {
		t.Errorf("unknown = %v, want %v", m.Unknown, wantUnknown)
	}
	if len(m.Missing) != 0 || len(m.Duplicates) != 0 {
		t.Errorf("missing %v duplicates %v", m.Missing, m.Duplicates)
	}
}

func TestDetectHeaderChoosesBestRow(t *testing.T) {
	// Row 1 names one field (a note mentioning "IP"); row 3 names three.
	sh := readCSVString(t, "IP\nDanh sách\nHostname,IP address,Owner,Mystery\nsrv,1.1.1.1,An,?\n")
	m, err := DetectHeader(sh, assetFields())
	if err != nil {
		t.Fatal(err)
	}
	if m.HeaderRow != 3 || m.Columns[0] != "hostname" || m.Columns[1] != "ip" || m.Columns[2] != "owner" {
		t.Errorf("mapping = %+v", m)
	}
}

func TestDetectHeaderFailures(t *testing.T) {
	cases := []struct {
		name    string
		csv     string
		want    error
		missing []string
		dups    []Column
	}{
		{"no header", "a,b,c\n1,2,3\n", ErrNoHeader, nil, nil},
		{"required missing", "IP,Vị trí\n1.1.1.1,P1\n", ErrMissingRequired, []string{"hostname"}, nil},
		{"duplicate column", "Tên máy,Hostname,IP\nA,B,1\n", nil, nil, []Column{{1, "Hostname"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := DetectHeader(readCSVString(t, tc.csv), assetFields())
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !reflect.DeepEqual(m.Missing, tc.missing) || !reflect.DeepEqual(m.Duplicates, tc.dups) {
				t.Errorf("missing %v duplicates %v", m.Missing, m.Duplicates)
			}
		})
	}
}

func TestDetectHeaderIgnoresRowsBelowScanLimit(t *testing.T) {
	sh := Sheet{}
	for i := 1; i <= HeaderScanRows; i++ {
		sh.Rows = append(sh.Rows, Row{Number: i, Cells: []string{"ghi chú"}})
	}
	sh.Rows = append(sh.Rows, Row{Number: HeaderScanRows + 1, Cells: []string{"Tên máy"}})
	if _, err := DetectHeader(sh, assetFields()); !errors.Is(err, ErrNoHeader) {
		t.Errorf("err = %v, want ErrNoHeader", err)
	}
}

func TestMappingValidate(t *testing.T) {
	cases := []struct {
		name string
		cols map[int]string
		want []error
	}{
		{"valid", map[int]string{0: "hostname", 3: "ip"}, nil},
		{"unknown field", map[int]string{0: "hostname", 1: "serial"}, []error{ErrUnknownField}},
		{"duplicate", map[int]string{0: "hostname", 1: "hostname"}, []error{ErrDuplicateField}},
		{"bad column", map[int]string{-1: "hostname"}, []error{ErrBadColumn}},
		{"missing required", map[int]string{2: "ip"}, []error{ErrMissingRequired}},
		{"several at once", map[int]string{1: "ip", 2: "ip", DefaultMaxColumns: "x"}, []error{ErrDuplicateField, ErrBadColumn, ErrUnknownField, ErrMissingRequired}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Mapping{Columns: tc.cols}.Validate(assetFields())
			if tc.want == nil && err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want %v", err, w)
				}
			}
		})
	}
}
