package tabular

import "testing"

func TestNeutralize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"SRV-01", "SRV-01"},
		{"=1+2", "'=1+2"},
		{"=HYPERLINK(\"http://evil\",\"bấm\")", "'=HYPERLINK(\"http://evil\",\"bấm\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-12", "-12"},
		{"-12.5", "-12.5"},
		{"-3,5", "-3,5"},
		{"+84", "+84"},
		{"-", "'-"},
		{"- máy dự phòng", "'- máy dự phòng"},
		{" =1", " =1"},
	}
	for _, tc := range cases {
		if got := Neutralize(tc.in); got != tc.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLooksLikeFormula(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"=1+2", true},
		{"  =HYPERLINK(\"x\")", true},
		{"-1+cmd|' /C calc'!A0", true},
		{"+SUM(A1:A3)", true},
		{"@SUM(1+1)*cmd|' /C calc'!A0", true},
		{"-2+3=1", true},
		{"", false},
		{"SRV-01", false},
		{"-12", false},
		{"+84 912 345 678", false},
		{"- máy dự phòng", false},
		{"-", false},
		{"a=b", false},
	}
	for _, tc := range cases {
		if got := LooksLikeFormula(tc.in); got != tc.want {
			t.Errorf("LooksLikeFormula(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
