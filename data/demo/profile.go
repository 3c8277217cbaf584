package demo

import (
	"bytes"
	"context"
	"fmt"

	"daumoi/data/registers"
	"daumoi/data/session"
)

const receivingOfficeName = "Công an tỉnh Vĩnh Long — Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"

func addProfile(s *session.Session, day dates) error {
	return s.SaveProfile(registers.Profile{
		Name:           Agency,
		Code:           "000.00.12.H62-MAU", // a sample code, in the shape of the province's document-exchange codes (no spaces: the office registers it)
		Address:        "Số 88 đường mẫu, phường Phước Hậu, tỉnh Vĩnh Long (địa chỉ mẫu)",
		OwnerAuthority: "UBND tỉnh Vĩnh Long",
		// The deputy director signs for the director: "KT. GIÁM ĐỐC".
		Signing: registers.Signing{Abbreviation: "SNV", HeadTitle: "Giám đốc", SignAs: registers.SignAsDeputy},
		ReceivingOffice: registers.ReceivingOffice{
			Name:    receivingOfficeName,
			Address: "Phường Phước Hậu, tỉnh Vĩnh Long (địa chỉ mẫu)",
			Email:   "anm.pa05@example.vn",
			Hotline: "0270 3000 113",
		},
		FocalPoints: []registers.FocalPoint{
			{Name: "Nguyễn Thị Thu Hương", Position: "Chuyên viên phụ trách công nghệ thông tin", Phone: "0912 345 678", Email: "huong.ntt@example.vn"},
			{Name: "Lê Minh Đức", Position: "Chuyên viên kỹ thuật, Văn phòng Sở", Phone: "0987 654 321", Email: "duc.lm@example.vn"},
		},
		IncidentContact: registers.IncidentContact{
			Phone: "0270 3822 999", Email: "ungcuusuco.snv@example.vn",
			PublishedURL: "https://sonoivu.example.vn/lien-he-ung-cuu-su-co", CheckedOn: day.ago(20),
		},
	})
}

// evidence holds the ids of the sample evidence files.
type evidence struct {
	decision, regulation, sanitisation, dossier string
}

// sample is a text file clearly marked as a sample.
func sample(title, body string) []byte {
	return fmt.Appendf(nil, "TÀI LIỆU MẪU — DỮ LIỆU THỬ NGHIỆM, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ\n\n%s\n\n%s\n\n(Tệp do lệnh «daumoi demo» tạo ra để minh họa.)\n", title, body)
}

func addEvidence(s *session.Session, day dates) (evidence, error) {
	files := []struct {
		title, name string
		body        string
	}{
		{"Quyết định phê duyệt cấp độ Cổng thông tin điện tử (bản chụp mẫu)", "qd-phe-duyet-cap-do-cong-ttdt-MAU.txt",
			"QUYẾT ĐỊNH Về việc phê duyệt hồ sơ đề xuất cấp độ 2 đối với Cổng thông tin điện tử Sở Nội vụ.\nSố: 245/QĐ-SNV (số mẫu), ngày " + day.ago(400) + "."},
		{"Quy chế bảo đảm an toàn thông tin Cổng thông tin điện tử (mẫu)", "quy-che-attt-cong-ttdt-MAU.txt",
			"QUY CHẾ bảo đảm an toàn thông tin mạng Cổng thông tin điện tử Sở Nội vụ.\nBan hành kèm theo Quyết định số 198/QĐ-SNV (số mẫu)."},
		{"Biên bản hủy ổ cứng máy tính thanh lý (mẫu)", "bien-ban-huy-o-cung-MAU.txt",
			"BIÊN BẢN hủy vật lý ổ cứng máy trạm PC-VT-07 trước khi thanh lý.\nNgười thực hiện: Lê Minh Đức. Người chứng kiến: Phạm Văn Tâm."},
		{"Hồ sơ đề xuất cấp độ Hệ thống giải quyết TTHC (mẫu)", "ho-so-de-xuat-cap-do-tthc-MAU.txt",
			"HỒ SƠ ĐỀ XUẤT CẤP ĐỘ 3: thuyết minh tổng quan, thiết kế, thuyết minh đề xuất cấp độ, phương án bảo đảm an toàn thông tin."},
	}
	var ev evidence
	ids := []*string{&ev.decision, &ev.regulation, &ev.sanitisation, &ev.dossier}
	for i, f := range files {
		e, err := s.AddEvidence(context.Background(), bytes.NewReader(sample(f.title, f.body)),
			session.EvidenceMeta{Title: f.title, FileName: f.name, Description: "Tài liệu mẫu của bản demo"}, nil)
		if err != nil {
			return ev, err
		}
		*ids[i] = e.ID
	}
	return ev, nil
}
