package fonts

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestSerifFacesParseAndCoverVietnamese(t *testing.T) {
	const vietnamese = "ĐđĂăÂâÊêÔôƠơƯưÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
	for _, style := range Styles() {
		t.Run(style.String(), func(t *testing.T) {
			data, err := Serif(style)
			if err != nil {
				t.Fatal(err)
			}
			font, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			var buf sfnt.Buffer
			name, err := font.Name(&buf, sfnt.NameIDFamily)
			if err != nil || name != SerifFamily {
				t.Errorf("family = %q, %v; want %q", name, err, SerifFamily)
			}
			for _, r := range vietnamese {
				idx, err := font.GlyphIndex(&buf, r)
				if err != nil || idx == 0 {
					t.Errorf("no glyph for %q (%U)", r, r)
				}
			}
		})
	}
}

func TestSerifReturnsCopies(t *testing.T) {
	a, err := Serif(Bold)
	if err != nil {
		t.Fatal(err)
	}
	a[0] ^= 0xff
	b, err := Serif(Bold)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a[:4], b[:4]) {
		t.Fatal("Serif returned shared, mutable bytes")
	}
}

func TestSerifUnknownStyle(t *testing.T) {
	for _, s := range []Style{-1, 4, 100} {
		if _, err := Serif(s); !errors.Is(err, ErrUnknownStyle) {
			t.Errorf("Serif(%d) error = %v, want ErrUnknownStyle", s, err)
		}
	}
}

func TestLicense(t *testing.T) {
	text := License()
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Reserved Font Name Liberation"} {
		if !strings.Contains(text, want) {
			t.Errorf("licence lacks %q", want)
		}
	}
}
