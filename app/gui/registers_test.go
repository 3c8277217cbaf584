package gui

import (
	"fyne.io/fyne/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/session"
)

func TestSystemsCreateValidateEditSearch(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildSystemsScreen(s)
	s.win.SetContent(content)

	// A new system without a name is refused next to the field; nothing saved.
	test.Tap(buttonNamed(t, content, "Thêm"))
	f := newSystemForm(scr, registers.System{})
	f.show()
	f.onSave()
	if f.name.Validate() == nil {
		t.Fatal("an empty name passed validation")
	}
	if list, _ := s.sess.ListSystems(session.SystemFilter{}); len(list) != 0 {
		t.Fatalf("a system was saved without a name: %v", list)
	}
	test.Type(f.name, "Cổng thông tin điện tử Sở Nội vụ")
	test.Type(f.unit, "Văn phòng Sở")
	f.level.SetSelectedIndex(1) // level 2
	f.regDate.SetText("31/02/2026")
	f.onSave()
	if f.regDate.Validate() == nil {
		t.Error("31/02/2026 accepted as a date")
	}
	f.regDate.SetText("15/03/2026")
	f.onSave()
	list, err := s.sess.ListSystems(session.SystemFilter{})
	if err != nil || len(list) != 1 || list[0].ProposedLevel != 2 || list[0].Regulation.Date != "2026-03-15" {
		t.Fatalf("saved systems = %+v, %v", list, err)
	}
	if len(scr.list.rows) != 1 {
		t.Errorf("the list shows %d rows after saving", len(scr.list.rows))
	}

	// Edit: the unsaved-change guard asks before closing.
	g := newSystemForm(scr, list[0])
	g.show()
	g.purpose.SetText("Cung cấp thông tin cho người dân")
	g.onClose()
	if !strings.Contains(overlayText(t, s), "Bỏ các thay đổi chưa lưu") {
		t.Errorf("closing with unsaved changes did not ask; overlay:\n%s", overlayText(t, s))
	}

	// Search ignores diacritics and case.
	test.Type(scr.search, "CONG THONG TIN")
	if len(scr.list.rows) != 1 {
		t.Errorf("search without diacritics found %d systems", len(scr.list.rows))
	}
	scr.search.SetText("không có hệ thống này")
	if len(scr.list.rows) != 0 {
		t.Errorf("search for nothing found %d systems", len(scr.list.rows))
	}
}

func TestSystemsDossierStep(t *testing.T) {
	_, s := newTestShellLate(t)
	scr, content := buildSystemsScreen(s)
	s.win.SetContent(content)
	sys, err := s.sess.SaveSystem(registers.System{Name: "Hệ thống một cửa điện tử", ProposedLevel: 3, LevelJustification: "Phục vụ người dân"})
	if err != nil {
		t.Fatal(err)
	}
	f := newSystemForm(scr, sys)
	f.show()
	if buttonNamed(t, s.win.Canvas().Overlays().Top(), "Trình thẩm định") == nil {
		t.Fatal("no submit step offered")
	}
	got, err := s.sess.AdvanceDossier(sys.ID, registers.DossierStep{To: registers.DossierSubmitted, Date: "2026-11-20"})
	if err != nil || got.Dossier.State != registers.DossierSubmitted {
		t.Fatalf("advance: %+v, %v", got.Dossier, err)
	}
	scr.reload()
	if len(scr.list.rows) != 1 || scr.list.cols[2].text(scr.list.rows[0]) != "Đã trình thẩm định" {
		t.Errorf("dossier column = %q", scr.list.cols[2].text(scr.list.rows[0]))
	}
}

func TestAssetsViolationFilterSortAndSearch(t *testing.T) {
	_, s := newTestShell(t)
	for _, a := range []registers.Asset{
		{Type: registers.AssetServer, Name: "Máy chủ cổng thông tin", Hostname: "web01", IPs: []string{"10.0.0.5"}, Internet: true, LAN: true},
		{Type: registers.AssetLaptop, Name: "Máy tính xách tay văn thư", Hostname: "vt-laptop", Internet: true, StateSecret: true},
		{Type: registers.AssetWorkstation, Name: "Máy soạn thảo văn bản mật", Hostname: "mat01", StateSecret: true},
	} {
		if _, err := s.sess.SaveAsset(a); err != nil {
			t.Fatal(err)
		}
	}
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	if len(scr.list.rows) != 3 {
		t.Fatalf("%d assets listed", len(scr.list.rows))
	}
	scr.violations.SetChecked(true)
	if len(scr.list.rows) != 1 || scr.list.rows[0].Hostname != "vt-laptop" {
		t.Fatalf("violations filter = %v", scr.list.rows)
	}
	if scr.list.style(scr.list.rows[0]) != widget.DangerImportance || !strings.HasPrefix(scr.list.cols[0].text(scr.list.rows[0]), "⚠") {
		t.Error("the violation does not stand out")
	}
	scr.violations.SetChecked(false)
	test.Type(scr.search, "may chu")
	if len(scr.list.rows) != 1 || scr.list.rows[0].Hostname != "web01" {
		t.Errorf("search 'may chu' = %v", scr.list.rows)
	}
	scr.search.SetText("")
	scr.list.sortBy(2) // hostname
	if scr.list.rows[0].Hostname != "mat01" {
		t.Errorf("sorted by hostname, first = %s", scr.list.rows[0].Hostname)
	}
	scr.list.sortBy(2)
	if scr.list.rows[0].Hostname != "web01" {
		t.Errorf("sorted by hostname descending, first = %s", scr.list.rows[0].Hostname)
	}
}

func TestAssetFormValidatesAndWarns(t *testing.T) {
	_, s := newTestShellLate(t)
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	f := newAssetForm(scr, registers.Asset{})
	f.show()
	f.kind.SetSelectedIndex(2)
	test.Type(f.name, "Laptop phòng tổ chức")
	f.ips.SetText("10.0.0.300")
	f.onSave()
	if f.ips.Validate() == nil {
		t.Error("10.0.0.300 accepted")
	}
	f.ips.SetText("10.0.0.30")
	f.secret.SetChecked(true)
	f.internet.SetChecked(true)
	if !f.violation.Visible() || !strings.Contains(f.violation.Text, "Vi phạm") {
		t.Errorf("no violation warning: %q", f.violation.Text)
	}
	f.onSave()
	list, _ := s.sess.ListAssets(session.AssetFilter{ViolationsOnly: true})
	if len(list) != 1 {
		t.Fatalf("violations after save = %d", len(list))
	}
	// Disposing needs a sanitisation record.
	g := newAssetForm(scr, list[0])
	g.show()
	g.applyStatus(registers.StatusDisposed, nil)
	if !strings.Contains(overlayText(t, s), "xóa dữ liệu") && !strings.Contains(strings.ToLower(overlayText(t, s)), "xóa dữ liệu") {
		t.Logf("overlay: %s", overlayText(t, s))
	}
	if a, _ := s.sess.GetAsset(list[0].ID); a.Status == registers.StatusDisposed {
		t.Fatal("disposed without a sanitisation record")
	}
	g.applyStatus(registers.StatusDisposed, &registers.Sanitisation{Method: registers.MethodDestroy, Date: "2026-11-25", Performer: "Lê Minh Đức"})
	if a, _ := s.sess.GetAsset(list[0].ID); a.Status != registers.StatusDisposed || len(a.Sanitisations) != 1 {
		t.Errorf("after disposal: %+v", a)
	}
}

func TestImportFlowMapsPreviewsAndImports(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildAssetsScreen(s)
	s.win.SetContent(content)
	path := filepath.Join(t.TempDir(), "tai-san.csv")
	csv := "\uFEFFDANH MỤC TÀI SẢN CNTT;;;\n;;;\nLoại tài sản;Tên thiết bị;Hostname;Địa chỉ IP;Cột lạ\n" +
		"Máy chủ;Máy chủ thư điện tử;mail01;10.0.0.9;x\n" +
		"Máy trạm;Máy tính kế toán;kt01;10.0.0.999;y\n" +
		"Tủ lạnh;=HYPERLINK(\"http://x\");tl;;z\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	fl := newImportFlow(s, registers.AssetFields(), s.sess.ImportAssets, scr.reload)
	fl.load(path)
	mustHold(t, "the mapping dialog", func() bool { return fl.picks != nil })
	if fl.m.HeaderRow != 3 {
		t.Errorf("header row = %d, want 3", fl.m.HeaderRow)
	}
	fl.dryRun()
	text := overlayText(t, s)
	for _, want := range []string{"3 dòng dữ liệu: 1 mới, 0 cập nhật, 0 không đổi, 2 bị bỏ qua", "Dòng 5", "Dòng 6", "Cột lạ"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if list, _ := s.sess.ListAssets(session.AssetFilter{}); len(list) != 0 {
		t.Fatal("the dry run wrote assets")
	}
	fl.commit(fl.mapping())
	if list, _ := s.sess.ListAssets(session.AssetFilter{}); len(list) != 1 || list[0].Hostname != "mail01" {
		t.Errorf("imported = %v", list)
	}
	if len(scr.list.rows) != 1 {
		t.Errorf("list after import shows %d rows", len(scr.list.rows))
	}
}

func TestProfileSaves(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildProfileScreen(s)
	s.win.SetContent(content)
	scr.officeMail.SetText("khong-phai-email")
	scr.onSave()
	if scr.officeMail.Validate() == nil {
		t.Error("a bad e-mail passed validation")
	}
	scr.officeMail.SetText("anm@congan.vinhlong.gov.vn")
	scr.owner.SetText("UBND tỉnh Vĩnh Long")
	scr.addFocal(registers.FocalPoint{Name: "Nguyễn Thị Thu Hương", Position: "Chuyên viên", Phone: "0270 3822 123", Email: "huong@snv.vinhlong.gov.vn"})
	scr.onSave()
	p, err := s.sess.Profile()
	if err != nil || p.OwnerAuthority != "UBND tỉnh Vĩnh Long" || len(p.FocalPoints) != 1 || p.ReceivingOffice.Email != "anm@congan.vinhlong.gov.vn" {
		t.Errorf("profile = %+v, %v", p, err)
	}
	if scr.saved.Text != "Đã lưu." {
		t.Errorf("saved label = %q", scr.saved.Text)
	}
}

// The profile screen edits how documents are signed: the select offers
// the ways of signing by their Vietnamese names.
func TestProfileSigning(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildProfileScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1366, 768))
	for i, a := range registers.SignAsValues() {
		if got := scr.signAs.Options[i]; got != a.Label() {
			t.Errorf("option %d = %q, want %q", i, got, a.Label())
		}
	}
	if scr.signAs.Selected != "Người đứng đầu ký" {
		t.Errorf("a new profile signs as %q", scr.signAs.Selected)
	}
	scr.abbreviation.SetText("SNV")
	scr.headTitle.SetText("Giám đốc")
	scr.signAs.SetSelected("Cấp phó ký thay (KT.)")
	capture(t, s.win, "profile-signing")
	scr.onSave()
	p, err := s.sess.Profile()
	if err != nil || p.Signing != (registers.Signing{Abbreviation: "SNV", HeadTitle: "Giám đốc", SignAs: registers.SignAsDeputy}) {
		t.Fatalf("signing = %+v, %v", p.Signing, err)
	}
	again, _ := buildProfileScreen(s)
	if again.signAs.Selected != "Cấp phó ký thay (KT.)" || again.abbreviation.Text != "SNV" {
		t.Errorf("reopened: %q %q", again.signAs.Selected, again.abbreviation.Text)
	}
}
