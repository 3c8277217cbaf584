package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// officeTestDay is the clock of the office tests: 10/12/2026 09:00 in
// Vietnam, before the 12/12 deadline.
func officeTestDay() time.Time {
	return time.Date(2026, 12, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
}

// bundleMem is a session.Output in memory.
type bundleMem struct{ bytes.Buffer }

// Publish implements session.Output.
func (*bundleMem) Publish() error { return nil }

// agencyVault makes an agency vault (code, name) whose user hung is focal
// point and manager with a signing key.
func agencyVault(t *testing.T, code, name string) (*session.Session, session.SigningKeyInfo) {
	t.Helper()
	s, _, err := session.Create(filepath.Join(t.TempDir(), "agency-"+code), session.CreateParams{
		Org: name, ReceivingOffice: "Công an tỉnh Vĩnh Long", Now: officeTestDay,
		User:       users.User{Name: "hung", FullName: "Lê Văn Hùng", Roles: []users.Role{users.RoleFocal, users.RoleManager}},
		Passphrase: []byte(testPass),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.Profile()
	if err != nil {
		t.Fatal(err)
	}
	p.Code = code
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	key, err := s.CreateSigningKey([]byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	return s, key
}

// writeBundleFile writes what build produces to dir/name.
func writeBundleFile(t *testing.T, dir, name string, build func(out session.Output) error) string {
	t.Helper()
	var out bundleMem
	if err := build(&out); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// agencyBundle makes an agency vault and its annual bundle of 2026,
// written into dir; it returns the file and the key.
func agencyBundle(t *testing.T, dir, code, name string) (string, session.SigningKeyInfo) {
	t.Helper()
	s, key := agencyVault(t, code, name)
	path := writeBundleFile(t, dir, code+"-2026.zip", func(out session.Output) error {
		_, err := s.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026, AppVersion: "test"}, []byte(testPass), out)
		return err
	})
	return path, key
}

// newOfficeShell makes an office vault whose user lan receives and signs,
// registers the agencies given with their keys, and opens the shell
// unlocked by lan.
func newOfficeShell(t *testing.T, agencies map[string]session.SigningKeyInfo) *Shell {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(t.TempDir(), "office")
	o, _, err := session.Create(dir, session.CreateParams{
		Kind: session.KindOffice, Org: "Công an tỉnh Vĩnh Long", Now: officeTestDay,
		User:       users.User{Name: "lan", FullName: "Trần Thị Lan", Roles: []users.Role{users.RoleReceiver, users.RoleHead}},
		Passphrase: []byte(testPass),
	})
	if err != nil {
		t.Fatal(err)
	}
	for code, k := range agencies {
		if err := o.AddAgency(office.Agency{Code: code, Name: "Sở Nội vụ " + code, Kind: office.KindDepartment}); err != nil {
			t.Fatal(err)
		}
		if _, err := o.AddAgencyKey(code, k.PublicKey, officeTestDay().AddDate(0, -1, 0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	s := openShell(t, newTestApp(t), Options{VaultDir: dir, Now: officeTestDay})
	unlockAs(t, s, "lan", testPass)
	if !s.Unlocked() {
		t.Fatalf("office vault not unlocked; labels:\n%s", labelTexts(t, s.win.Content()))
	}
	return s
}

// receivedBy opens the office shell at 1366×768 with the agencies' keys
// registered and receives paths through the intake screen.
func receivedBy(t *testing.T, keys map[string]session.SigningKeyInfo, paths ...string) (*Shell, *intakeScreen) {
	t.Helper()
	s := newOfficeShell(t, keys)
	s.win.Resize(fyne.NewSize(1366, 768))
	intake, content := buildIntakeScreen(s)
	s.win.SetContent(content)
	<-intake.receive(paths)
	return s, intake
}

// TestIntakeScreenReceivesAFolder drops a folder with a good bundle, the
// same bundle again and a tampered copy: one line each, in Vietnamese; the
// received list shows the bundle, and the viewer opens it read-only.
func TestIntakeScreenReceivesAFolder(t *testing.T) {
	in := t.TempDir()
	good, key := agencyBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Clone(data)
	tampered[len(tampered)/2] ^= 1
	if err := os.WriteFile(filepath.Join(in, "z-sửa.zip"), tampered, 0o600); err != nil {
		t.Fatal(err)
	}
	s := newOfficeShell(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key})
	s.win.Resize(fyne.NewSize(1366, 768))

	scr, content := buildIntakeScreen(s)
	s.win.SetContent(content)
	<-scr.receive([]string{in})
	<-scr.receive([]string{good})
	if len(scr.results) != 1 || scr.results[0].Outcome != session.IntakeDuplicate {
		t.Fatalf("second batch: %+v", scr.results)
	}
	<-scr.receive([]string{in})
	if len(scr.results) != 2 {
		t.Fatalf("results: %+v", scr.results)
	}
	texts := scr.outcomeText(scr.results[0]) + "\n" + scr.outcomeText(scr.results[1])
	for _, want := range []string{"Đã nhận trước đó", "Từ chối: "} {
		if !strings.Contains(texts, want) {
			t.Errorf("outcomes lack %q:\n%s", want, texts)
		}
	}
	if strings.Contains(texts, "bundle:") || strings.Contains(texts, "session:") {
		t.Errorf("internal error text shown:\n%s", texts)
	}
	if got := scr.summary.Text; !strings.Contains(got, "1 bị từ chối") {
		t.Errorf("summary = %q", got)
	}
	saveShot(t, s, "office-intake")

	rs, content := buildReceivedScreen(s)
	s.win.SetContent(content)
	if len(rs.list.rows) != 1 || rs.agencyName(rs.list.rows[0].AgencyCode) != "Sở Nội vụ 000.00.12.H62" {
		t.Fatalf("received rows: %+v", rs.list.rows)
	}
	rs.search.SetText("so noi vu")
	if len(rs.list.rows) != 1 {
		t.Errorf("search without diacritics found %d rows", len(rs.list.rows))
	}
	rs.search.SetText("không có")
	if len(rs.list.rows) != 0 {
		t.Errorf("search for nothing found %d rows", len(rs.list.rows))
	}
	saveShot(t, s, "office-received")

	s.showBundleView(rs.all[0].ID)
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the viewer did not open")
	}
	shown := labelTexts(t, top)
	for _, want := range []string{"Sở Nội vụ tỉnh Vĩnh Long (000.00.12.H62)", "Chữ ký hợp lệ", "Bản hiện hành"} {
		if !strings.Contains(shown, want) {
			t.Errorf("viewer lacks %q:\n%s", want, shown)
		}
	}
	checkFits(t, s, fyne.NewSize(1366, 768), "office-viewer", filepath.Join(officeShots(t), "office-viewer.png"))
	tabs := objects[*container.AppTabs](t, top)
	if len(tabs) != 1 {
		t.Fatalf("%d tab containers in the viewer", len(tabs))
	}
	for i, name := range []string{"office-viewer-report", "office-viewer-figures", "office-viewer-files"} {
		tabs[0].SelectIndex(i + 1)
		checkFits(t, s, fyne.NewSize(1366, 768), name, filepath.Join(officeShots(t), name+".png"))
		if name == "office-viewer-figures" {
			if got := labelTexts(t, tabs[0].Selected().Content); !strings.Contains(got, "Hệ thống thông tin") {
				t.Errorf("figures tab lacks the systems figure:\n%s", got)
			}
		}
	}
}

// officeShots is the folder of the office screens' images.
func officeShots(t *testing.T) string {
	t.Helper()
	out := filepath.Join("..", "..", "artifacts", "office")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}

// saveShot checks the window at 1366×768 and writes its image.
func saveShot(t *testing.T, s *Shell, name string) {
	t.Helper()
	checkFits(t, s, fyne.NewSize(1366, 768), name, filepath.Join(officeShots(t), name+".png"))
}

// TestReceivedIncidentShowsItsClocks receives an incident bundle sent
// 10 hours after detection: the list shows the deadline that matters, the
// viewer every clock.
func TestReceivedIncidentShowsItsClocks(t *testing.T) {
	a, key := agencyVault(t, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	in, err := a.AddIncident(session.Incident{Title: "Trang chủ bị thay đổi giao diện", Type: "defacement", Detected: officeTestDay().Add(-10 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := writeBundleFile(t, t.TempDir(), "suco.zip", func(out session.Output) error {
		_, err := a.BuildIncidentBundle(session.IncidentBundleRequest{IncidentID: in.ID, AppVersion: "test"}, []byte(testPass), out)
		return err
	})
	s, intake := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key}, path)
	if len(intake.results) != 1 || intake.results[0].Outcome != session.IntakeAccepted {
		t.Fatalf("intake: %+v", intake.results)
	}
	rs, content := buildReceivedScreen(s)
	s.win.SetContent(content)
	if len(rs.list.rows) != 1 || !strings.Contains(rs.clocks[rs.list.rows[0].ID], "còn") && !strings.Contains(rs.clocks[rs.list.rows[0].ID], "quá hạn") {
		t.Fatalf("the list's clock: %v", rs.clocks)
	}
	saveShot(t, s, "office-received-incident")
	s.showBundleView(rs.list.rows[0].ID)
	tabs := objects[*container.AppTabs](t, s.win.Canvas().Overlays().Top())
	tabs[0].SelectIndex(2)
	got := labelTexts(t, tabs[0].Selected().Content)
	for _, want := range []string{"Trang chủ bị thay đổi giao diện", "Thay đổi giao diện", "Thời hạn thông báo, báo cáo", "hạn 12/12/2026 23:00 — còn 2 ngày 14 giờ"} {
		if !strings.Contains(got, want) {
			t.Errorf("the viewer's figures lack %q:\n%s", want, got)
		}
	}
	saveShot(t, s, "office-viewer-incident")
}
