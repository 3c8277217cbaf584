package session_test

import (
	"context"
	"fmt"

	"bytes"
	"daumoi/reports/bundle"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/demo"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/session"
)

// TestIncidentReportsAsPDF renders the initial report (Form 03) and, once
// the incident is closed, the closure report (Form 04): valid PDFs
// (qpdf), fonts embedded (pdffonts), the Vietnamese text given back
// exactly (pdftotext); the e-mail carries the "[TBSC]" subject.
func TestIncidentReportsAsPDF(t *testing.T) {
	for tool, pkg := range map[string]string{"qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftotext": "poppler-utils"} {
		needTool(t, tool, pkg)
	}
	s := openAs(t, demoVault(t), demo.ITUser)
	detected := time.Date(2026, 11, 24, 23, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	in, err := s.AddIncident(session.Incident{
		Title: "Mã độc mã hóa dữ liệu máy chủ kế toán", Type: "malware", Detected: detected,
		DetectedHow: "Phần mềm diệt virus cảnh báo", Description: "Nhiều tệp bị đổi đuôi thành .lockbit; không lan sang máy khác",
		Measures: "Cách ly máy chủ khỏi mạng nội bộ", PublicIPs: "203.0.113.7",
		Contact: session.Contact{Name: "Phạm Văn Sơn", Position: "Chuyên viên CNTT", Phone: "0270 3822 111", Email: "son@snv.vinhlong.gov.vn"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdvanceIncident(in.ID, session.IncidentNotified, detected.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var scratch bytes.Buffer
	if _, err := s.RenderIncidentReport(in.ID, session.IncidentReportClosure, &scratch); !errors.Is(err, session.ErrIncidentNotClosed) {
		t.Fatalf("closure report of an open incident = %v", err)
	}
	if _, err := s.RenderIncidentReport(in.ID, "final", &scratch); !errors.Is(err, session.ErrUnknownIncidentReport) {
		t.Fatalf("unknown report kind = %v", err)
	}
	out := fsxtest.TempDir(t)
	check := func(kind session.IncidentReportKind, want ...string) {
		var pdf bytes.Buffer
		if _, err := s.RenderIncidentReport(in.ID, kind, &pdf); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(out, string(kind)+".pdf")
		if err := os.WriteFile(name, pdf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		run(t, out, "qpdf", "--check", name)
		checkFontsEmbedded(t, run(t, out, "pdffonts", name))
		text := strings.Join(strings.Fields(run(t, out, "pdftotext", name, "-")), " ")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s report lacks %q", kind, w)
			}
		}
	}
	check(session.IncidentReportInitial, "Mẫu 03", "Mã độc mã hóa dữ liệu máy chủ kế toán", "23:00 ngày 24/11/2026 (UTC+07:00)",
		"Nhiều tệp bị đổi đuôi thành .lockbit", "Phạm Văn Sơn", "Cách ly máy chủ khỏi mạng nội bộ", strings.ToUpper(demo.Agency))
	if _, err := s.AdvanceIncident(in.ID, session.IncidentResponding, detected.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdvanceIncident(in.ID, session.IncidentClosed, detected.Add(5*time.Hour)); err != nil {
		t.Fatal(err)
	}
	check(session.IncidentReportClosure, "Mẫu 04", "04:00 ngày 25/11/2026 (UTC+07:00)", "Chuyển trạng thái: đang ứng phó → đã kết thúc")
	subject, body, err := s.IncidentEmail(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(subject, "[TBSC] "+demo.Agency) || !strings.Contains(subject, "Mã độc") {
		t.Errorf("subject = %q", subject)
	}
	if !strings.Contains(body, "203.0.113.7") || !strings.Contains(body, "23:00 ngày 24/11/2026") || strings.Contains(body, "Lưu: VT") {
		t.Errorf("body = %q", body)
	}
}

// TestIncidentBundle builds the signed incident bundle as the manager:
// it verifies with the manager's public key and carries both reports of
// a closed incident, its data and its evidence; the IT user may not sign.
func TestIncidentBundle(t *testing.T) {
	dir := demoVault(t)
	it := openAs(t, dir, demo.ITUser)
	detected := time.Date(2026, 11, 20, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	in, err := it.AddIncident(session.Incident{Title: "Tấn công từ chối dịch vụ cổng thông tin", Type: "dos", Detected: detected})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := it.AddEvidence(context.Background(), strings.NewReader("nhật ký tường lửa"), session.EvidenceMeta{FileName: "firewall.log"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := it.LinkIncidentEvidence(in.ID, ev.ID); err != nil {
		t.Fatal(err)
	}
	for _, step := range []session.IncidentState{session.IncidentNotified, session.IncidentResponding, session.IncidentClosed} {
		if _, err := it.AdvanceIncident(in.ID, step, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	var out session.MemOutput
	if _, err := it.BuildIncidentBundle(session.IncidentBundleRequest{IncidentID: in.ID}, []byte("x"), &out); !errors.Is(err, session.ErrNotPermitted) || out.Len() != 0 {
		t.Fatalf("IT user signed: %v", err)
	}
	it.Close()
	mgr := openAs(t, dir, demo.ManagerUser)
	pass := "chỉ lãnh đạo biết 2026"
	key, err := mgr.CreateSigningKey([]byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	info, err := mgr.BuildIncidentBundle(session.IncidentBundleRequest{IncidentID: in.ID, AppVersion: "test"}, []byte(pass), &out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := bundle.Verify(bytes.NewReader(out.Bytes()), int64(out.Len()), bundle.TrustKey("manager", key.PublicKey))
	if err != nil {
		t.Fatalf("incident bundle does not verify: %v", err)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	want := fmt.Sprintf("data/incident.json evidence/%s.log report/incident-%d-form03.pdf report/incident-%d-form04.pdf", ev.ID, in.ID, in.ID)
	if strings.Join(paths, " ") != want || info.Files != 4 {
		t.Errorf("bundle files = %v (%d), want %s", paths, info.Files, want)
	}
	if res.Kind != "incident" || !res.Period.From.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("manifest kind %q, period %+v", res.Kind, res.Period)
	}
}
