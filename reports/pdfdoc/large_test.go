package pdfdoc

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/png"
	"strings"
	"testing"
	"time"
)

// bigTable is a document with an n-row table of information systems.
func bigTable(n int) Document {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), fmt.Sprintf("Hệ thống thông tin số %d của Sở Nội vụ", i+1), "Cấp độ 2", "Đã phê duyệt"}
	}
	return Document{
		Agency: AgencyBlock{Parent: "UBND tỉnh Vĩnh Long", Issuer: "Sở Nội vụ"},
		Kind:   "Báo cáo", Summary: "Danh mục hệ thống thông tin",
		Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
		Body: []Block{Table{
			Columns:      []Column{{Title: "STT", Width: 1}, {Title: "Tên hệ thống", Width: 6}, {Title: "Cấp độ", Width: 2}, {Title: "Hồ sơ", Width: 3}},
			Rows:         rows,
			RepeatHeader: true,
		}},
		Signature: SignatureBlock{Authority: []string{"KT. Giám đốc"}, Position: "Phó Giám đốc", Name: "Trần Quốc Bảo"},
	}
}

func TestTenThousandRowTable(t *testing.T) {
	start := time.Now()
	pdf := renderBytes(t, bigTable(10_000))
	t.Logf("10,000 rows: %d bytes in %v", len(pdf), time.Since(start))
	path := writePDF(t, pdf)
	qpdfCheck(t, path)
	pages := pageCount(t, path)
	if pages < 200 {
		t.Errorf("10,000 rows on %d pages", pages)
	}
	last := pdfText(t, path, pages-1, pages)
	for _, want := range []string{"Hệ thống thông tin số 10000", "Tên hệ thống", "Trần Quốc Bảo"} {
		if !strings.Contains(last, want) {
			t.Errorf("last page lacks %q", want)
		}
	}
}

func TestHundredKilobyteParagraph(t *testing.T) {
	words := strings.Repeat("Bảo đảm an toàn thông tin mạng là trách nhiệm của mọi cơ quan. ", 1700)
	noSpaces := strings.Repeat("ĐộclậpTựdoHạnhphúc", 5500)
	for name, text := range map[string]string{"words": words, "one word": noSpaces} {
		t.Run(name, func(t *testing.T) {
			if len(text) < 100_000 {
				t.Fatalf("test text is only %d bytes", len(text))
			}
			path := writePDF(t, renderBytes(t, Document{Body: []Block{Paragraph{Text: text}}}))
			qpdfCheck(t, path)
			if n := pageCount(t, path); n < 10 {
				t.Errorf("100 KB paragraph on %d pages", n)
			}
		})
	}
}

func TestRowTallerThanPageIsSplit(t *testing.T) {
	tall := strings.Repeat("nội dung rất dài của một ô ", 600)
	doc := Document{Body: []Block{Table{
		Columns:      []Column{{Title: "STT"}, {Title: "Nội dung", Width: 6}},
		Rows:         [][]string{{"1", "ngắn"}, {"2", tall + "KẾT THÚC"}, {"3", "sau"}},
		RepeatHeader: true,
	}}}
	path := writePDF(t, renderBytes(t, doc))
	qpdfCheck(t, path)
	pages := pageCount(t, path)
	if pages < 3 {
		t.Fatalf("tall row on %d pages", pages)
	}
	for page := 2; page <= pages; page++ {
		if !strings.Contains(pdfText(t, path, page, page), "Nội dung") {
			t.Errorf("header not repeated on page %d", page)
		}
	}
	if text := pdfText(t, path, 1, 0); !strings.Contains(text, "KẾT THÚC") || !strings.Contains(text, "sau") {
		t.Error("end of the tall row or the next row is missing")
	}
}

func TestImageKinds(t *testing.T) {
	rect := image.Rect(0, 0, 120, 60)
	gray16 := image.NewGray16(rect)
	paletted := image.NewPaletted(rect, palette.Plan9)
	alpha := image.NewNRGBA(rect)
	for x := range 120 {
		for y := range 60 {
			gray16.SetGray16(x, y, color.Gray16{Y: uint16(x * 500)})
			paletted.SetColorIndex(x, y, uint8(x+y))
			alpha.SetNRGBA(x, y, color.NRGBA{R: 200, A: uint8(x * 2)})
		}
	}
	var body []Block
	for _, img := range []image.Image{gray16, paletted, alpha} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		body = append(body, Image{PNG: buf.Bytes(), Caption: fmt.Sprintf("Hình %T", img)})
	}
	body = append(body, Image{PNG: body[0].(Image).PNG, Width: 1000, Caption: "rộng quá khổ"})
	path := writePDF(t, renderBytes(t, Document{Body: body}))
	qpdfCheck(t, path)
	requireTool(t, "pdfimages", "poppler-utils")
	// Four pictures drawn, three distinct (equal widths made unique).
	list := run(t, "pdfimages", "-list", path)
	images := 0
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "image" {
			images++
		}
	}
	if images != 4 {
		t.Errorf("pdfimages lists %d images, want 4:\n%s", images, list)
	}
	first := renderBytes(t, Document{Body: body})
	for range 5 {
		if !bytes.Equal(first, renderBytes(t, Document{Body: body})) {
			t.Fatal("pictures of equal width make the output vary")
		}
	}
}

func BenchmarkRender2000RowTable(b *testing.B) {
	doc := bigTable(2000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(doc, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

func BenchmarkRenderSample(b *testing.B) {
	doc := sampleDocument(b)
	for b.Loop() {
		if err := Render(doc, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
