package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestSampleReportIsValidAndReadable(t *testing.T) {
	path := writePDF(t, renderBytes(t, sampleDocument(t)))
	qpdfCheck(t, path)

	requireTool(t, "pdffonts", "poppler-utils")
	fontsOut := run(t, "pdffonts", path)
	fontLines := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
	if len(fontLines) != 4 {
		t.Errorf("want the 4 serif faces, pdffonts says:\n%s", fontsOut)
	}
	for _, line := range fontLines {
		// name type encoding emb sub uni object ID; type is two words.
		fields := strings.Fields(line)
		if len(fields) < 7 || fields[4] != "yes" {
			t.Errorf("font not embedded: %q", line)
		}
	}

	pages := pageCount(t, path)
	if pages < 5 {
		t.Fatalf("sample has %d pages, want the table to span 3+ pages", pages)
	}
	all := pdfText(t, path, 1, 0)
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"UBND TỈNH VĨNH LONG",
		"SỞ NỘI VỤ",
		"Số: 12/BC-SNV",
		"Vĩnh Long, ngày 05 tháng 12 năm 2026",
		"BÁO CÁO",
		"Nguyễn Thị Thu Hương",
		"Nơi nhận:",
		"- Sở Khoa học và Công nghệ;",
		"KT. GIÁM ĐỐC",
		"PHÓ GIÁM ĐỐC",
		"Trần Quốc Bảo",
		"92,5%",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	page3 := pdfText(t, path, 3, 3, "-layout")
	if !strings.Contains(page3, sampleTableCellPage3) {
		t.Errorf("page 3 lacks table cell %q:\n%s", sampleTableCellPage3, page3)
	}
}

func TestTableHeaderRepeatsOnEveryPage(t *testing.T) {
	for _, repeat := range []bool{true, false} {
		doc := sampleDocument(t)
		for i, b := range doc.Body {
			if tbl, ok := b.(Table); ok {
				tbl.RepeatHeader = repeat
				doc.Body[i] = tbl
			}
		}
		path := writePDF(t, renderBytes(t, doc))
		for page := 2; page <= 4; page++ {
			got := strings.Contains(pdfText(t, path, page, page), "Tên hệ thống thông tin")
			if got != repeat {
				t.Errorf("RepeatHeader=%v: header on page %d = %v", repeat, page, got)
			}
		}
	}
}

func TestPageNumbersFromPageTwo(t *testing.T) {
	path := writePDF(t, renderBytes(t, sampleDocument(t)))
	if got := topMarginText(t, path, 1); got != "" {
		t.Errorf("page 1 top margin = %q, want nothing", got)
	}
	for _, page := range []int{2, 3} {
		if got, want := topMarginText(t, path, page), strconv.Itoa(page); got != want {
			t.Errorf("page %d top margin = %q, want %q", page, got, want)
		}
	}
}

func TestDeterministicOutput(t *testing.T) {
	a := renderBytes(t, sampleDocument(t))
	b := renderBytes(t, sampleDocument(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same document differ")
	}
	later := sampleDocument(t)
	later.Date = later.Date.Add(24 * time.Hour)
	if bytes.Equal(a, renderBytes(t, later)) {
		t.Fatal("the date does not reach the output")
	}
	if !bytes.Contains(a, []byte("D:20261205090000")) {
		t.Error("creation date is not the document date")
	}
}

func TestNFDInputComesOutNFC(t *testing.T) {
	name := "Nguyễn Thị Thu Hương"
	nfd := norm.NFD.String(name)
	if nfd == name {
		t.Fatal("test input is not decomposed")
	}
	doc := Document{
		Agency: AgencyBlock{Issuer: norm.NFD.String("Sở Nội vụ")},
		Kind:   norm.NFD.String("Báo cáo"),
		Body: []Block{
			Paragraph{Text: "Người ký: " + nfd},
			Table{Columns: []Column{{Title: norm.NFD.String("Họ và tên")}}, Rows: [][]string{{nfd}}},
		},
		Signature: SignatureBlock{Name: nfd},
	}
	path := writePDF(t, renderBytes(t, doc))
	raw := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"Người ký: " + name, "SỞ NỘI VỤ", "BÁO CÁO", "Họ và tên"} {
		if !strings.Contains(raw, want) {
			t.Errorf("output lacks NFC %q", want)
		}
	}
	if strings.Contains(raw, nfd) || !norm.NFC.IsNormalString(raw) {
		t.Error("output contains decomposed text")
	}
}

func TestUnprintableRunesAreReplaced(t *testing.T) {
	doc := Document{Body: []Block{
		Paragraph{Text: "Xin chào 👋🏽 bạn ❤️ và 日本; tab\there\u200b, bell\a, zero\x00."},
		Table{Columns: []Column{{Title: "Cột 😀"}}, Rows: [][]string{{"ô 🇻🇳 ô"}}},
		BarChart{Bars: []Bar{{Label: "hệ thống 🔒", Percent: 50}}},
	}}
	path := writePDF(t, renderBytes(t, doc))
	qpdfCheck(t, path)
	text := pdfText(t, path, 1, 0)
	for _, want := range []string{"Xin chào ? bạn ? và ??; tab here, bell, zero.", "Cột ?", "ô ?? ô", "hệ thống ?"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name string
		body []Block
		sig  SignatureBlock
		want error
	}{
		{"nil block", []Block{nil}, SignatureBlock{}, ErrInvalidBlock},
		{"foreign block type", []Block{embeddedParagraph{}}, SignatureBlock{}, ErrInvalidBlock},
		{"row longer than columns", []Block{Table{Columns: []Column{{Title: "A"}}, Rows: [][]string{{"1", "2"}}}}, SignatureBlock{}, ErrTableShape},
		{"rows without columns", []Block{Table{Rows: [][]string{{"1"}}}}, SignatureBlock{}, ErrTableShape},
		{"too many columns", []Block{Table{Columns: make([]Column, maxColumns+1)}}, SignatureBlock{}, ErrTooManyColumns},
		{"image not PNG", []Block{Image{PNG: []byte("GIF89a")}}, SignatureBlock{}, ErrImage},
		{"empty image", []Block{Image{}}, SignatureBlock{}, ErrImage},
		{"truncated PNG", []Block{Image{PNG: truncatedPNG(t)}}, SignatureBlock{}, ErrImage},
		{"huge PNG", []Block{Image{PNG: hugePNGHeader()}}, SignatureBlock{}, ErrImageTooLarge},
		{"signature not PNG", nil, SignatureBlock{Name: "A", Image: []byte{0x89, 'P', 'N', 'G'}}, ErrImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(Document{Kind: "Báo cáo", Body: tt.body, Signature: tt.sig}, &buf)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("output written despite the error")
			}
		})
	}
}

// embeddedParagraph satisfies Block by embedding, without being one of the
// package's blocks.
type embeddedParagraph struct{ Paragraph }

func TestWriteErrorIsReported(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "closed-*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := Render(Document{Kind: "Báo cáo"}, f); !errors.Is(err, ErrWrite) {
		t.Fatalf("error = %v, want ErrWrite", err)
	}
}

func TestEmptyDocumentRenders(t *testing.T) {
	path := writePDF(t, renderBytes(t, Document{}))
	qpdfCheck(t, path)
	if n := pageCount(t, path); n != 1 {
		t.Errorf("empty document has %d pages, want 1", n)
	}
}

func TestOfficialLetterHasSummaryUnderNumber(t *testing.T) {
	doc := Document{
		Agency:  AgencyBlock{Parent: "UBND tỉnh Vĩnh Long", Issuer: "Sở Nội vụ"},
		Symbol:  "SNV-VP",
		Summary: "báo cáo công tác an toàn thông tin",
		Place:   "Vĩnh Long",
	}
	// Wrapped lines of the left column follow each other in the text.
	text := strings.Join(strings.Fields(pdfText(t, writePDF(t, renderBytes(t, doc)), 1, 0)), " ")
	for _, want := range []string{"V/v báo cáo công tác an toàn thông tin", "Vĩnh Long, ngày", "/SNV-VP", "Số:"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
}

func TestConcurrentRendersAgree(t *testing.T) {
	doc := sampleDocument(t)
	want := renderBytes(t, doc)
	results := make(chan []byte, 4)
	for range cap(results) {
		go func() {
			var buf bytes.Buffer
			if err := Render(doc, &buf); err != nil {
				t.Error(err)
			}
			results <- buf.Bytes()
		}()
	}
	for range cap(results) {
		if got := <-results; !bytes.Equal(got, want) {
			t.Error("a concurrent rendering differs from the serial one")
		}
	}
}

func TestRecipientsLongerThanAPage(t *testing.T) {
	var recipients []string
	for i := range 150 {
		recipients = append(recipients, fmt.Sprintf("Ủy ban nhân dân xã số %d;", i+1))
	}
	doc := Document{
		Kind:       "Kế hoạch",
		Body:       []Block{Paragraph{Text: "Nội dung kế hoạch."}},
		Recipients: recipients,
		Signature:  SignatureBlock{Authority: []string{"TM. Ủy ban nhân dân"}, Position: "Chủ tịch", Name: "Nguyễn Văn An"},
	}
	path := writePDF(t, renderBytes(t, doc))
	qpdfCheck(t, path)
	if n := pageCount(t, path); n < 3 {
		t.Errorf("150 recipients on %d pages", n)
	}
	text := pdfText(t, path, 1, 0)
	for _, want := range []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An", "- Ủy ban nhân dân xã số 1;", "- Ủy ban nhân dân xã số 150;"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestSignatureAndRecipientsKeptTogether(t *testing.T) {
	// Grow the body line by line until the closing block no longer fits
	// under it: it must then move whole to a new page, and take the last
	// of the body with it — never a page with only the signature.
	moved := false
	for n := 40; n < 80 && !moved; n++ {
		var body []Block
		for i := range n {
			body = append(body, Paragraph{Text: fmt.Sprintf("Dòng nội dung %d.", i+1), NoIndent: true})
		}
		doc := Document{Body: body, Recipients: []string{"Như trên;", "Lưu: VT."}, Signature: SignatureBlock{Position: "Giám đốc", Name: "Trần Quốc Bảo"}}
		path := writePDF(t, renderBytes(t, doc))
		last := pageCount(t, path)
		if last == 1 {
			continue
		}
		moved = true
		text := pdfText(t, path, last, last)
		for _, want := range []string{fmt.Sprintf("Dòng nội dung %d.", n), "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Trần Quốc Bảo"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d lines: last page lacks %q:\n%s", n, want, text)
			}
		}
		if first := pdfText(t, path, 1, 1); strings.Contains(first, "Nơi nhận:") || strings.Contains(first, "Trần Quốc Bảo") {
			t.Errorf("%d lines: the closing block is split:\n%s", n, first)
		}
	}
	if !moved {
		t.Fatal("no body length pushed the closing block to a new page")
	}
}

func TestLastTableRowGoesOverWithTheSignature(t *testing.T) {
	rows := make([][]string, 60)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i + 1), "Nội dung"}
	}
	for n := 10; n < 60; n++ {
		doc := Document{
			Body:       []Block{Table{Columns: []Column{{Title: "STT"}, {Title: "Yêu cầu"}}, Rows: rows[:n], RepeatHeader: true}},
			Recipients: []string{"Lưu: VT."}, Signature: SignatureBlock{Authority: []string{"KT. Giám đốc"}, Position: "Phó Giám đốc", Name: "Trần Quốc Bảo"},
		}
		path := writePDF(t, renderBytes(t, doc))
		last := pageCount(t, path)
		text := pdfText(t, path, last, last)
		if !strings.Contains(text, "Trần Quốc Bảo") {
			t.Fatalf("%d rows: the signature is not on the last page", n)
		}
		if !strings.Contains(text, "Nội dung") {
			t.Fatalf("%d rows: the signature stands alone on page %d", n, last)
		}
	}
}

func TestPageBreaks(t *testing.T) {
	p := Paragraph{Text: "Nội dung."}
	tests := []struct {
		name  string
		body  []Block
		pages int
	}{
		{"break between paragraphs", []Block{p, PageBreak{}, p}, 2},
		{"repeated breaks give one page", []Block{p, PageBreak{}, PageBreak{}, p}, 2},
		{"trailing break adds no page", []Block{p, PageBreak{}}, 1},
		{"break then break then text", []Block{p, PageBreak{}, p, PageBreak{}, p}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writePDF(t, renderBytes(t, Document{Body: tt.body}))
			if got := pageCount(t, path); got != tt.pages {
				t.Errorf("%d pages, want %d", got, tt.pages)
			}
		})
	}
}

func TestSignatureWithSeveralAuthorityLines(t *testing.T) {
	doc := Document{
		Kind: "Báo cáo", Body: []Block{Paragraph{Text: "Nội dung."}},
		Signature: SignatureBlock{Authority: []string{"TM. Ủy ban nhân dân", "KT. Chủ tịch"}, Position: "Phó Chủ tịch", Name: "Lê Văn Bình"},
	}
	path := writePDF(t, renderBytes(t, doc))
	text := pdfText(t, path, 1, 0)
	order := []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"}
	at := 0
	for _, want := range order {
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("%q missing or out of order in:\n%s", want, text)
		}
		at += i + len(want)
	}
}

func TestAppendicesFollowTheClosingOnTheirOwnPages(t *testing.T) {
	doc := Document{
		Agency: AgencyBlock{Issuer: "Sở Nội vụ"}, Symbol: "BC-SNV", Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
		Kind: "BÁO CÁO", Summary: "Kết quả", Body: []Block{Paragraph{Text: "Nội dung."}},
		Recipients: []string{"Lưu: VT."}, Signature: SignatureBlock{Position: "Giám đốc", Name: "Trần Quốc Bảo"},
		Appendices: []Appendix{
			{Title: "Danh mục hệ thống thông tin", Body: []Block{Table{Columns: []Column{{Title: "Tên"}}, Rows: [][]string{{"Cổng thông tin"}}}}},
			{Title: "Danh mục thiết bị", Body: []Block{Paragraph{Text: "Máy chủ."}}},
		},
	}
	path := writePDF(t, renderBytes(t, doc))
	qpdfCheck(t, path)
	if n := pageCount(t, path); n != 3 {
		t.Fatalf("%d pages, want 3 (document, then one page per appendix)", n)
	}
	first := pdfText(t, path, 1, 1)
	if strings.Contains(first, "Phụ lục") || !strings.Contains(first, "Nơi nhận:") {
		t.Errorf("page 1 should end with the closing and hold no appendix:\n%s", first)
	}
	second, third := pdfText(t, path, 2, 2), pdfText(t, path, 3, 3)
	for _, want := range []string{"Phụ lục I", "DANH MỤC HỆ THỐNG THÔNG TIN", "(Kèm theo Báo cáo số", "/BC-SNV ngày 02/12/2026 của Sở Nội vụ)", "Cổng thông tin"} {
		if !strings.Contains(second, want) {
			t.Errorf("page 2 lacks %q:\n%s", want, second)
		}
	}
	if !strings.Contains(third, "Phụ lục II") || !strings.Contains(third, "Máy chủ.") {
		t.Errorf("page 3 is not the second appendix:\n%s", third)
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "I", 4: "IV", 9: "IX", 14: "XIV", 40: "XL", 1994: "MCMXCIV", 0: "0"} {
		if got := roman(n); got != want {
			t.Errorf("roman(%d) = %q, want %q", n, got, want)
		}
	}
}
