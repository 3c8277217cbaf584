package textnorm

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Nguyễn Thị Thu Hương")
	if nfd == "Nguyễn Thị Thu Hương" {
		t.Fatal("test input is not decomposed")
	}
	if got := NFC(nfd); got != "Nguyễn Thị Thu Hương" {
		t.Errorf("NFC(NFD) = %q", got)
	}
	if got := NFC("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("invalid UTF-8 not replaced: %q", got)
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Nguyễn Văn Ấn", "nguyen van an"},
		{"ĐẦU MỐI ATTT", "dau moi attt"},
		{norm.NFD.String("Trần Quốc Bảo"), "tran quoc bao"},
		{"  Lê   Minh\tĐức ", "le minh duc"},
		{"Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"},
		{"", ""},
		{"🛡️ An toàn", "🛡 an toan"}, // the variation selector is a mark, dropped like diacritics,
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestContains(t *testing.T) {
	if !Contains("Nguyễn Văn Ấn", "nguyen van an") {
		t.Error("folded search missed")
	}
	if !Contains("Phần mềm quản lý hồ sơ", "QUAN LY") {
		t.Error("case-insensitive search missed")
	}
	if Contains("Trang thông tin điện tử", "email") {
		t.Error("false match")
	}
	if !Contains("anything", "") {
		t.Error("empty query must match")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Ấn", "đ", "\xff\xfe", "a\u0301", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) is not valid UTF-8", s)
		}
		if Fold(got) != got {
			t.Fatalf("Fold is not idempotent on %q", s)
		}
		if !utf8.ValidString(NFC(s)) {
			t.Fatalf("NFC(%q) is not valid UTF-8", s)
		}
	})
}

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"  Apache  ":       "Apache",
		"Apache Log4Shell": "Apache Log4Shell",
		"SSH Terrapin\n                        Prefix\r\n\tTruncation ": "SSH Terrapin Prefix Truncation",
		"a\u00a0\u00a0b":            "a b",
		norm.NFD.String("Lỗ  hổng"): "Lỗ hổng",
		"a\xffb":                    "a\uFFFDb",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}
