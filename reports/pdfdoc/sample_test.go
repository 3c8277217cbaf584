package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
	"time"
)

// sampleSystem is one information system of the sample report.
type sampleSystem struct{ name, unit, level string }

// sampleSystems returns the information systems of the sample report.
func sampleSystems() []sampleSystem {
	return []sampleSystem{
		{"Cổng thông tin điện tử Sở Nội vụ", "Văn phòng Sở", "Cấp độ 2"},
		{"Hệ thống quản lý văn bản và điều hành", "Văn phòng Sở", "Cấp độ 3"},
		{"Cơ sở dữ liệu cán bộ, công chức, viên chức tỉnh Vĩnh Long", "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", "Cấp độ 3"},
		{"Hệ thống thư điện tử công vụ", "Văn phòng Sở", "Cấp độ 2"},
		{"Phần mềm quản lý hồ sơ thi đua, khen thưởng", "Ban Thi đua - Khen thưởng", "Cấp độ 2"},
		{"Hệ thống một cửa điện tử", "Văn phòng Sở", "Cấp độ 3"},
		{"Mạng nội bộ (LAN) trụ sở Sở Nội vụ", "Văn phòng Sở", "Cấp độ 1"},
		{"Phần mềm quản lý tài liệu lưu trữ lịch sử", "Trung tâm Lưu trữ lịch sử", "Cấp độ 2"},
	}
}

// sampleTableCellPage3 is a cell the sample's table prints on page 3.
const sampleTableCellPage3 = "Chờ Giám đốc phê duyệt"

// sampleDocument is a realistic report of Sở Nội vụ tỉnh Vĩnh Long with a
// table of information systems spanning several pages.
func sampleDocument(t testing.TB) Document {
	rows := [][]string{}
	systems := sampleSystems()
	for i := range 64 {
		s := systems[i%len(systems)]
		name := s.name
		if i >= len(systems) {
			name = fmt.Sprintf("%s (phân hệ %d)", s.name, i/len(systems))
		}
		status := "Đã phê duyệt hồ sơ đề xuất cấp độ; đã triển khai phương án bảo đảm an toàn thông tin theo TCVN 11930:2017"
		switch {
		case i == 19:
			status = sampleTableCellPage3
		case i%3 == 1:
			status = "Đang trình thẩm định"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), name, s.unit, s.level, status})
	}
	return Document{
		Agency: AgencyBlock{Parent: "UBND tỉnh Vĩnh Long", Issuer: "Sở Nội vụ"},
		Number: "12", Symbol: "BC-SNV",
		Place: "Vĩnh Long",
		Date:  time.Date(2026, 12, 5, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)),
		Kind:  "Báo cáo",
		Summary: "Kết quả triển khai công tác bảo đảm an toàn thông tin mạng năm 2026 " +
			"của Sở Nội vụ tỉnh Vĩnh Long",
		Body: []Block{
			Paragraph{Text: "Thực hiện Chỉ thị số 11/CT-UBND ngày 19 tháng 7 năm 2023 của Chủ tịch Ủy ban nhân dân tỉnh " +
				"về tăng cường bảo đảm an toàn thông tin mạng trong hoạt động của cơ quan nhà nước trên địa bàn tỉnh, " +
				"Sở Nội vụ báo cáo kết quả triển khai năm 2026 như sau:"},
			Heading{Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
			Heading{Level: 2, Text: "1. Công tác tổ chức, phân công nhiệm vụ"},
			Paragraph{Text: "Sở Nội vụ đã phân công bà Nguyễn Thị Thu Hương, Chánh Văn phòng Sở, làm đầu mối bảo đảm an " +
				"toàn thông tin mạng; ban hành quy chế bảo đảm an toàn thông tin mạng của cơ quan và kế hoạch ứng phó " +
				"sự cố an toàn thông tin mạng. Đầu mối được tham gia đầy đủ các lớp tập huấn do Sở Khoa học và Công nghệ tổ chức."},
			Heading{Level: 2, Text: "2. Bảo đảm an toàn hệ thống thông tin theo cấp độ"},
			Paragraph{Text: "Đến ngày 30 tháng 11 năm 2026, Sở quản lý các hệ thống thông tin sau:"},
			Table{
				Caption: "Bảng 1. Danh mục hệ thống thông tin và cấp độ",
				Columns: []Column{
					{Title: "STT", Width: 1, Align: AlignCenter},
					{Title: "Tên hệ thống thông tin", Width: 5},
					{Title: "Đơn vị vận hành", Width: 4},
					{Title: "Cấp độ", Width: 2, Align: AlignCenter},
					{Title: "Tình trạng hồ sơ", Width: 5},
				},
				Rows:         rows,
				RepeatHeader: true,
			},
			Heading{Level: 2, Text: "3. Mức độ tuân thủ yêu cầu an toàn"},
			BarChart{
				Title: "Biểu đồ 1. Tỷ lệ đáp ứng yêu cầu theo hệ thống",
				Bars: []Bar{
					{"Cổng thông tin điện tử", 92.5},
					{"Hệ thống quản lý văn bản và điều hành", 85},
					{"Cơ sở dữ liệu cán bộ, công chức, viên chức", 71.4},
					{"Thư điện tử công vụ", 100},
					{"Mạng nội bộ (LAN)", 48},
				},
			},
			Heading{Level: 1, Text: "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027"},
			List{Marker: MarkerDash, Items: []string{
				"Hoàn thành phê duyệt hồ sơ đề xuất cấp độ cho các hệ thống còn lại;",
				"Tổ chức diễn tập ứng phó sự cố an toàn thông tin mạng ít nhất một lần trong năm;",
				"Kiểm tra, đánh giá an toàn thông tin định kỳ đối với hệ thống cấp độ 3.",
			}},
			Paragraph{Text: "Trên đây là báo cáo kết quả triển khai công tác bảo đảm an toàn thông tin mạng năm 2026 của Sở Nội vụ./."},
		},
		Recipients: []string{"Sở Khoa học và Công nghệ;", "Giám đốc Sở (b/c);", "Các phòng, đơn vị thuộc Sở;", "Lưu: VT, VP."},
		Signature: SignatureBlock{
			Authority: []string{"KT. Giám đốc"},
			Position:  "Phó Giám đốc",
			Name:      "Trần Quốc Bảo",
			Image:     signaturePNG(t),
		},
	}
}

// signaturePNG draws a hand-written-looking stroke on a transparent
// background, as a scanned signature would be.
func signaturePNG(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 120))
	ink := color.NRGBA{R: 20, G: 40, B: 160, A: 255}
	for x := 20; x < 280; x++ {
		fx := float64(x)
		y := 60 + 30*math.Sin(fx/18)*math.Cos(fx/55)
		for dy := -2; dy <= 2; dy++ {
			img.SetNRGBA(x, int(y)+dy, ink)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// renderBytes renders doc and fails the test on error.
func renderBytes(t testing.TB, doc Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(doc, &buf); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// truncatedPNG is a valid PNG cut in the middle of its image data.
func truncatedPNG(t testing.TB) []byte {
	img := image.NewGray(image.Rect(0, 0, 200, 200))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()[:buf.Len()/2]
}

// hugePNGHeader is the start of a PNG claiming 10000 × 10000 pixels: a
// valid signature and IHDR chunk, nothing else.
func hugePNGHeader() []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, 10000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 10000)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, no interlace
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)-4))
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}
