package pdfdoc_test

import (
	"bytes"
	"fmt"
	"time"

	"daumoi/reports/pdfdoc"
)

func ExampleRender() {
	doc := pdfdoc.Document{
		Agency: pdfdoc.AgencyBlock{Parent: "UBND tỉnh Vĩnh Long", Issuer: "Sở Nội vụ"},
		Number: "12", Symbol: "BC-SNV",
		Place: "Vĩnh Long", Date: time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
		Kind:    "Báo cáo",
		Summary: "Kết quả bảo đảm an toàn thông tin mạng năm 2026",
		Body: []pdfdoc.Block{
			pdfdoc.Heading{Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
			pdfdoc.Paragraph{Text: "Sở Nội vụ đã phân công đầu mối bảo đảm an toàn thông tin mạng."},
			pdfdoc.Table{
				Columns:      []pdfdoc.Column{{Title: "STT", Width: 1, Align: pdfdoc.AlignCenter}, {Title: "Hệ thống", Width: 6}, {Title: "Cấp độ", Width: 2}},
				Rows:         [][]string{{"1", "Cổng thông tin điện tử", "2"}, {"2", "Hệ thống quản lý văn bản và điều hành", "3"}},
				RepeatHeader: true,
			},
			pdfdoc.BarChart{Title: "Tỷ lệ đáp ứng yêu cầu", Bars: []pdfdoc.Bar{{Label: "Cổng thông tin điện tử", Percent: 92.5}}},
		},
		Recipients: []string{"Sở Khoa học và Công nghệ;", "Lưu: VT, VP."},
		Signature:  pdfdoc.SignatureBlock{Authority: []string{"KT. Giám đốc"}, Position: "Phó Giám đốc", Name: "Trần Quốc Bảo"},
	}
	var out bytes.Buffer
	if err := pdfdoc.Render(doc, &out); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(bytes.HasPrefix(out.Bytes(), []byte("%PDF-")))
	// Output: true
}
