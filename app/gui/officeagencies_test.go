package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"daumoi/data/office"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// officeNow is the clock of the office tests: 1 December 2026.
func officeNow() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) }

// newOfficeVault creates a receiving office's vault whose first user lan
// is receiving officer and head, with two agencies, one with a key.
func newOfficeVault(t *testing.T) string {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(t.TempDir(), "office")
	s, _, err := session.Create(dir, session.CreateParams{
		Org: "Phòng An ninh mạng, Công an tỉnh Vĩnh Long", Kind: session.KindOffice,
		User: users.User{Name: "lan", FullName: "Trần Thị Lan"}, Passphrase: []byte(testPass), Now: officeNow,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, a := range []office.Agency{
		{Code: "000.00.12.H62", Name: "Sở Nội vụ tỉnh Vĩnh Long", Parent: "UBND tỉnh Vĩnh Long", Kind: office.KindDepartment, ContactName: "Nguyễn Thị Thu Hương", ContactPhone: "0270 3822 123"},
		{Code: "000.00.31.H62", Name: "UBND phường Long Châu", Parent: "UBND tỉnh Vĩnh Long", Kind: office.KindCommune},
	} {
		if err := s.AddAgency(a); err != nil {
			t.Fatal(err)
		}
	}
	pub, _, _ := signing.GenerateKey()
	if _, err := s.AddAgencyKey("000.00.12.H62", pub, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openOffice opens the office vault in the shell as lan, on the agencies.
func openOffice(t *testing.T) (*Shell, *officeAgenciesScreen) {
	t.Helper()
	a := newTestApp(t)
	s := openShell(t, a, Options{VaultDir: newOfficeVault(t), Now: officeNow})
	unlockAs(t, s, "lan", testPass)
	if !s.Unlocked() {
		t.Fatalf("office vault not unlocked; labels:\n%s", labelTexts(t, s.win.Content()))
	}
	s.win.Resize(fyne.NewSize(1366, 768))
	s.Select(areaOfficeAgencies)
	if s.agenciesScr == nil {
		t.Fatal("no agencies screen")
	}
	return s, s.agenciesScr
}

func TestOfficeVaultShowsOnlyOfficeAreas(t *testing.T) {
	s, scr := openOffice(t)
	var ids []string
	for _, a := range s.areas {
		ids = append(ids, a.id)
	}
	want := []string{areaProvince, areaProvinceReports, areaIntake, areaReceived, areaOfficeWarnings, areaOfficeAgencies, areaUsers, areaHistory, areaSettings, areaAbout}
	if !slices.Equal(ids, want) {
		t.Errorf("office areas = %v, want %v", ids, want)
	}
	if s.CurrentArea() != areaOfficeAgencies {
		t.Errorf("first area = %q", s.CurrentArea())
	}
	if len(scr.list.rows) != 2 {
		t.Fatalf("agencies listed: %d", len(scr.list.rows))
	}
	scr.search.SetText("ubnd phuong long chau")
	if len(scr.list.rows) != 1 || scr.list.rows[0].a.Code != "000.00.31.H62" {
		t.Errorf("search without diacritics found %d rows", len(scr.list.rows))
	}
	scr.search.SetText("")
	capture(t, s.win, "gui-office-agencies")

	s.Select(areaUsers)
	f := s.newUserForm(users.User{}, true, func(*userForm) bool { return false })
	var roles []users.Role
	for _, c := range f.roleChecks {
		roles = append(roles, c.role)
	}
	if !slices.Equal(roles, []users.Role{users.RoleReceiver, users.RoleHead}) || f.roleFocal != nil {
		t.Errorf("the user form offers %v in an office vault", roles)
	}
	capture(t, s.win, "gui-office-user-add")
}

func TestOfficeAddAgencyAndKeyWithFingerprint(t *testing.T) {
	s, scr := openOffice(t)
	scr.openForm(office.Agency{Kind: office.KindDepartment}, true)
	f := scr.form
	f.code.SetText("000.00.40.H62")
	f.name.SetText("Sở Y tế tỉnh Vĩnh Long")
	f.kind.SetSelected("Sở, ban, ngành")
	capture(t, s.win, "gui-office-agency-add")
	f.onSave()
	a, _, err := s.sess.Agency("000.00.40.H62")
	if err != nil || a.Name != "Sở Y tế tỉnh Vĩnh Long" || a.Kind != office.KindDepartment {
		t.Fatalf("agency saved = %+v, %v", a, err)
	}
	if scr.chosen != "000.00.40.H62" || !strings.Contains(labelTexts(t, scr.detail), "chưa có khóa ký nào") {
		t.Errorf("the new agency is not in detail:\n%s", labelTexts(t, scr.detail))
	}

	scr.openForm(a, false)
	if !scr.form.code.Disabled() {
		t.Error("the code of a registered agency can be edited")
	}
	scr.form.phone.SetText("0270 3999 111")
	scr.form.onSave()
	if a, _, _ = s.sess.Agency("000.00.40.H62"); a.ContactPhone != "0270 3999 111" {
		t.Errorf("edited agency = %+v", a)
	}

	pub, _, _ := signing.GenerateKey()
	text, _ := pub.MarshalText()
	scr.openKeyAdd(a)
	k := scr.keyAdd
	k.text.SetText(string(text))
	k.from.SetText("15/12/2026")
	test.Tap(k.next)
	if k.confirm == nil {
		t.Fatalf("no fingerprint to confirm:\n%s", overlayText(t, s))
	}
	var shown []string
	for _, c := range objects[*canvas.Text](t, s.win.Canvas().Overlays().Top()) {
		shown = append(shown, c.Text)
	}
	fp := pub.Fingerprint()
	all := strings.Join(shown, " ")
	if !strings.Contains(all, fp.KeyID) || !strings.Contains(all, strings.Join(strings.Fields(fp.SHA256)[:8], " ")) {
		t.Errorf("fingerprint shown %q, want %s / %s", shown, fp.KeyID, fp.SHA256)
	}
	capture(t, s.win, "gui-office-key-fingerprint")
	if _, keys, _ := s.sess.Agency(a.Code); len(keys) != 0 {
		t.Fatal("the key was registered before the fingerprint was confirmed")
	}
	k.accept()
	_, keys, err := s.sess.Agency(a.Code)
	if err != nil || len(keys) != 1 || keys[0].KeyID != pub.KeyID() || day(keys[0].From) != "15/12/2026" {
		t.Fatalf("keys after confirming = %+v, %v", keys, err)
	}
	if !strings.Contains(labelTexts(t, scr.detail), fp.SHA256) {
		t.Errorf("the detail does not show the key:\n%s", labelTexts(t, scr.detail))
	}
	dropOverlays(s)

	// a malformed key is refused with a Vietnamese message
	scr.openKeyAdd(a)
	scr.keyAdd.text.SetText("không phải khóa")
	test.Tap(scr.keyAdd.next)
	if text := overlayText(t, s); !strings.Contains(text, "Khóa") && !strings.Contains(text, "khóa") {
		t.Errorf("malformed key says:\n%s", text)
	}
}

func TestOfficeRevokeKey(t *testing.T) {
	s, scr := openOffice(t)
	scr.show("000.00.12.H62")
	r, _ := scr.row("000.00.12.H62")
	scr.openRevoke(r)
	f := scr.revoke
	f.from.SetText("32/13/2026")
	f.submit()
	if text := overlayText(t, s); !strings.Contains(text, "Hãy nhập ngày theo dạng ngày/tháng/năm") {
		t.Errorf("a bad date says:\n%s", text)
	}
	if _, keys, _ := s.sess.Agency("000.00.12.H62"); keys[0].Revoked {
		t.Fatal("revoked with a bad date")
	}
	s.win.Canvas().Overlays().Top().Hide()
	f.from.SetText("20/11/2026")
	f.reason.SetText("máy tính bị nhiễm mã độc")
	capture(t, s.win, "gui-office-key-revoke")
	f.submit()
	_, keys, err := s.sess.Agency("000.00.12.H62")
	if err != nil || len(keys) != 1 || !keys[0].Revoked || day(keys[0].Until) != "20/11/2026" || keys[0].Reason != "máy tính bị nhiễm mã độc" {
		t.Fatalf("after revoking: %+v, %v", keys, err)
	}
	if text := labelTexts(t, scr.detail); !strings.Contains(text, "đã thu hồi từ 20/11/2026 (máy tính bị nhiễm mã độc)") {
		t.Errorf("detail after revoking:\n%s", text)
	}
	if row := scr.list.rows[0]; scr.list.cols[4].text(row) != "(chưa có)" {
		t.Errorf("current key after revoking = %q", scr.list.cols[4].text(row))
	}
}

func TestOfficeImportAgenciesAndKeys(t *testing.T) {
	s, scr := openOffice(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "danh-sach.csv")
	csv := "DANH SÁCH ĐƠN VỊ\nSTT,Mã đơn vị,Tên đơn vị,Cơ quan chủ quản,Loại\n1,000.00.50.H62,UBND xã Tân Hạnh,UBND tỉnh Vĩnh Long,Xã\n2,000.00.51.H62,Sở Tài chính,UBND tỉnh Vĩnh Long,Sở\n3,000.00.52.H62,Lạ,,Tỉnh\n"
	if err := os.WriteFile(list, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	fl := newImportFlow(s, office.AgencyFields(), s.sess.ImportAgencies, scr.reload)
	fl.load(list)
	mustHold(t, "the mapping dialog", func() bool { return fl.picks != nil })
	s.win.Canvas().Overlays().Top().Hide()
	fl.dryRun()
	text := overlayText(t, s)
	for _, want := range []string{"Dòng 3: mới — «000.00.50.H62 — UBND xã Tân Hạnh»", "Dòng 5: Loại đơn vị — loại đơn vị không hợp lệ"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	capture(t, s.win, "gui-office-import-preview")
	fl.commit(fl.mapping())
	if len(scr.all) != 4 {
		t.Errorf("agencies after import: %d", len(scr.all))
	}
	dropOverlays(s)

	keys := filepath.Join(dir, "khoa")
	if err := os.Mkdir(keys, 0o700); err != nil {
		t.Fatal(err)
	}
	pub, _, _ := signing.GenerateKey()
	text2, _ := pub.MarshalText()
	for name, data := range map[string][]byte{"000.00.50.H62.pub": text2, "000.00.99.H62.pub": text2, "000.00.51.H62.pub": []byte("hỏng")} {
		if err := os.WriteFile(filepath.Join(keys, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	scr.importKeys(keys, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	text = overlayText(t, s)
	if !strings.Contains(text, "Sẽ đăng ký 1 khóa") || !strings.Contains(text, "000.00.50.H62.pub: sẽ đăng ký — khóa") || !strings.Contains(text, pub.Fingerprint().SHA256) || scr.keysConfirm == nil {
		t.Fatalf("key import preview:\n%s", text)
	}
	if r, _ := scr.row("000.00.50.H62"); len(r.keys) != 0 {
		t.Fatal("keys registered before the preview was confirmed")
	}
	capture(t, s.win, "gui-office-import-keys-preview")
	dropOverlays(s)
	scr.keysConfirm()
	text = overlayText(t, s)
	for _, want := range []string{"Đã đăng ký 1 khóa; 2 tệp không đăng ký.", "000.00.50.H62.pub: đã đăng ký — khóa " + pub.KeyID(),
		"000.00.51.H62.pub: không đọc được khóa", "000.00.99.H62.pub: không có đơn vị với mã này"} {
		if !strings.Contains(text, want) {
			t.Errorf("key import report lacks %q:\n%s", want, text)
		}
	}
	capture(t, s.win, "gui-office-import-keys")
	if r, _ := scr.row("000.00.50.H62"); len(r.keys) != 1 {
		t.Errorf("keys of 000.00.50.H62 after import: %d", len(r.keys))
	}
}

// TestOfficeWizardCreatesAnOfficeVault: choosing a receiving office in the
// wizard creates an office vault whose first user is receiver and head,
// and the shell opens on the office's areas.
func TestOfficeWizardCreatesAnOfficeVault(t *testing.T) {
	a := newTestApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	s := openShell(t, a, Options{VaultDir: dir, Now: officeNow})
	s.showWizard()
	w := s.wizard
	w.kind.SetSelected("Cơ quan tiếp nhận báo cáo (tiếp nhận hồ sơ của các đơn vị trong tỉnh)")
	if !w.office.Disabled() {
		t.Error("the receiving-office field is open for an office vault")
	}
	test.Type(w.org, "Phòng An ninh mạng, Công an tỉnh Vĩnh Long")
	test.Tap(w.next)
	if w.step != stepUser || w.roleFocal.Visible() && slices.Contains(w.roleBox.Objects, fyne.CanvasObject(w.roleFocal)) {
		t.Fatalf("user step %d shows the agency roles", w.step)
	}
	w.login.SetText("lan")
	w.fullName.SetText("Trần Thị Lan")
	test.Tap(w.next)
	w.pass.entry.SetText(testPass)
	w.pass.confirm.SetText(testPass)
	test.Tap(w.next)
	mustHold(t, "the vault to be created", func() bool { return !w.working })
	if w.step != stepRecovery {
		t.Fatalf("creation failed: %q", w.message.Text)
	}
	w.confirmCheck.SetChecked(true)
	test.Tap(w.next)
	if !s.Unlocked() {
		t.Fatal("the shell did not open after the wizard")
	}
	if k, _ := s.sess.Kind(); k != session.KindOffice {
		t.Errorf("vault kind = %q", k)
	}
	if !s.me.Has(users.RoleReceiver) || !s.me.Has(users.RoleHead) || s.me.Has(users.RoleFocal) {
		t.Errorf("first user's roles = %v", s.me.Roles)
	}
	if s.CurrentArea() != areaProvince {
		t.Errorf("area after the wizard = %q", s.CurrentArea())
	}
}

// TestOfficeHeadReadsTheRegistryOnly: the office head sees the agencies
// and their keys but cannot change them (receiving officers keep the
// registry); the session refuses too.
func TestOfficeHeadReadsTheRegistryOnly(t *testing.T) {
	dir := newOfficeVault(t)
	lan, err := session.Open(dir, session.Credential{User: "lan", Passphrase: []byte(testPass)}, officeNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := lan.AddUser(users.User{Name: "tuan", FullName: "Phạm Anh Tuấn", Roles: []users.Role{users.RoleHead}}, []byte("mật khẩu ban đầu 1")); err != nil {
		t.Fatal(err)
	}
	lan.Close()
	first, err := session.Open(dir, session.Credential{User: "tuan", Passphrase: []byte("mật khẩu ban đầu 1")}, officeNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.ChangePassphrase([]byte(testPass + " của Tuấn")); err != nil {
		t.Fatal(err)
	}
	first.Close()
	s := openShell(t, newTestApp(t), Options{VaultDir: dir, Now: officeNow})
	unlockAs(t, s, "tuan", testPass+" của Tuấn")
	if !s.Unlocked() {
		t.Fatalf("not unlocked as the head:\n%s", labelTexts(t, s.win.Content()))
	}
	s.Select(areaOfficeAgencies)
	scr := s.agenciesScr
	if len(scr.list.rows) != 2 {
		t.Fatalf("the head sees %d agencies", len(scr.list.rows))
	}
	for _, key := range []string{"office.registry.add", "office.registry.import_sheet", "office.registry.import_keys"} {
		if b := findButton(t, s.content, s.cat.T(key)); b == nil || !b.Disabled() {
			t.Errorf("%q is open to the head", s.cat.T(key))
		}
	}
	scr.show("000.00.12.H62")
	for _, key := range []string{"office.registry.edit", "office.registry.key_add", "office.registry.key_revoke"} {
		if b := findButton(t, scr.detail, s.cat.T(key)); b == nil || !b.Disabled() {
			t.Errorf("%q is open to the head", s.cat.T(key))
		}
	}
	if err := s.sess.AddAgency(office.Agency{Code: "X", Name: "Y"}); err == nil {
		t.Error("the session let the head register an agency")
	}
}
