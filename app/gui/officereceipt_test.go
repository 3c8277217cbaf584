package gui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/token/tokentest"
	"daumoi/reports/pades/padestest"
)

// typeSecrets types pass into every passphrase field of the top dialog
// and presses its "Tiếp tục" button.
func typeSecrets(t *testing.T, s *Shell, pass string) {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	n := 0
	for _, e := range objects[*widget.Entry](t, top) {
		if e.Password {
			test.Type(e, pass)
			n++
		}
	}
	if n == 0 {
		t.Fatal("no passphrase field in the dialog")
	}
	test.Tap(buttonNamed(t, top, "Tiếp tục"))
}

// TestReceiptFromOfficeToAgency: the office head creates the key, issues
// and saves a bundle's receipt; the agency registers the office's key
// after the fingerprint check and imports the receipt, which it lists.
func TestReceiptFromOfficeToAgency(t *testing.T) {
	in := t.TempDir()
	a, key := agencyVault(t, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	path := writeBundleFile(t, in, "noivu-2026.zip", func(out session.Output) error {
		_, err := a.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026, AppVersion: "test"}, []byte(testPass), out)
		return err
	})
	s, intake := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key}, path)
	id := intake.results[0].Bundle.ID

	row := newOfficeKeyRow(s)
	if !strings.Contains(row.info.Text, "chưa có khóa ký") {
		t.Errorf("key row before = %q", row.info.Text)
	}
	row.onCreate()
	typeSecrets(t, s, "khóa ký của lãnh đạo 2026")
	if !strings.Contains(row.info.Text, "dấu vân tay SHA-256") {
		t.Fatalf("key row after = %q", row.info.Text)
	}
	head, err := s.sess.SigningKey("lan")
	if err != nil {
		t.Fatal(err)
	}

	r := newReceiptSection(s, id)
	if !r.save.Disabled() || r.issue.Disabled() {
		t.Fatal("before issue: save must be off, issue on")
	}
	s.win.SetContent(r.view)
	r.onIssue()
	typeSecrets(t, s, "khóa ký của lãnh đạo 2026")
	if r.save.Disabled() || !strings.Contains(r.state.Text, "Đã lập lúc") {
		t.Fatalf("after issue: %q", r.state.Text)
	}
	out := filepath.Join(t.TempDir(), "bien-nhan.json")
	if err := os.WriteFile(out, r.issued.Body, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+".minisig", r.issued.Signature, 0o600); err != nil {
		t.Fatal(err)
	}

	// The agency side, in its own shell.
	dir := a.Dir()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	as := openShell(t, newTestApp(t), Options{VaultDir: dir, Now: officeTestDay})
	unlockAs(t, as, "hung", testPass)
	as.win.Resize(fyne.NewSize(1366, 768))
	rt, content := buildReceiptsTab(as)
	as.win.SetContent(content)
	if !strings.Contains(rt.keyInfo.Text, "Chưa đăng ký") {
		t.Errorf("agency key info before = %q", rt.keyInfo.Text)
	}
	rt.importFile(out)
	if got := overlayText(t, as); !strings.Contains(got, "khóa công khai của cơ quan tiếp nhận") {
		t.Errorf("import without the office key: %q", got)
	}
	dropOverlays(as)
	text, err := head.PublicKey.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "co-quan.pub")
	if err := os.WriteFile(pub, text, 0o600); err != nil {
		t.Fatal(err)
	}
	rt.registerFile(pub)
	top := as.win.Canvas().Overlays().Top()
	if got := labelTexts(t, top); !strings.Contains(got, "Dấu vân tay SHA-256") {
		t.Errorf("fingerprint dialog: %s", got)
	}
	checkFits(t, as, fyne.NewSize(1366, 768), "agency-office-key-confirm", filepath.Join(officeShots(t), "agency-office-key-confirm.png"))
	test.Tap(buttonNamed(t, top, "Khớp — đăng ký khóa"))
	if !strings.Contains(rt.keyInfo.Text, head.Fingerprint.SHA256) {
		t.Fatalf("agency key info after = %q", rt.keyInfo.Text)
	}
	rt.importFile(out)
	if got := overlayText(t, as); !strings.Contains(got, "Đã nhập giấy biên nhận") || !strings.Contains(got, "10/12/2026 09:00") {
		t.Errorf("import message: %q", got)
	}
	dropOverlays(as)
	if len(rt.list.rows) != 1 || rt.list.rows[0].Receipt.BundleSHA256 != intake.results[0].Bundle.SHA256 {
		t.Fatalf("receipts listed: %+v", rt.list.rows)
	}
	saveShot(t, as, "agency-receipts")

	obs, content := buildObligationsScreen(as, "")
	as.win.SetContent(content)
	received := 0
	for _, o := range obs.list.rows {
		if !o.Received.IsZero() {
			received++
			if got := obligationStatusText(as.cat, o); got != "Đã được tiếp nhận" {
				t.Errorf("status of the received report = %q", got)
			}
			if got := obligationText(as, o, ""); !strings.Contains(got, "đã tiếp nhận báo cáo lúc 10/12/2026 09:00") {
				t.Errorf("detail of the received report:\n%s", got)
			}
		}
	}
	if received != 1 {
		t.Errorf("%d obligations received, want the annual report", received)
	}
}

// TestIntakeReceiptsForTheBatch: after a batch the head signs every
// stored bundle's receipt with one passphrase into a folder; minisign
// verifies each with the office's public key.
func TestIntakeReceiptsForTheBatch(t *testing.T) {
	in := t.TempDir()
	good, key := agencyBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	other, key2 := agencyBundle(t, in, "000.00.31.H62", "UBND xã Tân Hạnh")
	s, intake := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key, "000.00.31.H62": key2}, good, other)
	if intake.receipts.Hidden {
		t.Fatal("the head is not offered the receipts")
	}
	k, err := s.sess.CreateSigningKey([]byte("khóa ký của lãnh đạo 2026"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := k.PublicKey.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "co-quan.pub")
	if err := os.WriteFile(pub, text, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	<-intake.writeReceipts(dir, []byte("khóa ký của lãnh đạo 2026"))
	if got := overlayText(t, s); !strings.Contains(got, "Đã lập 2 giấy biên nhận") {
		t.Fatalf("message: %q", got)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 2 {
		t.Fatalf("receipts written: %v", files)
	}
	for _, f := range files {
		if out, err := exec.Command("minisign", "-Vm", f, "-p", pub).CombinedOutput(); err != nil {
			t.Errorf("minisign -V %s: %v\n%s", filepath.Base(f), err, out)
		}
	}
	dropOverlays(s)
	<-intake.writeReceipts(dir, []byte("khóa ký của lãnh đạo 2026"))
	if got := overlayText(t, s); !strings.Contains(got, "Tệp đã tồn tại; không ghi đè") {
		t.Errorf("writing over the receipts: %q", got)
	}
}

// TestViewerShowsTheReportSignature receives a bundle whose report is
// PAdES-signed on a SoftHSM2 token: the viewer names the signer and says
// it is not trusted until the office sets the test CA's root, then valid.
func TestViewerShowsTheReportSignature(t *testing.T) {
	tok := tokentest.New(t)
	a, key := agencyVault(t, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	c := &tokenChoice{module: tok.Module, label: tokentest.Label, keyLabel: tokentest.KeyLabel, chain: tok.ChainPEM, pin: []byte(tokentest.PIN)}
	hook := c.signer(session.SignatureImages{Signature: padestest.SignatureImage(), Seal: padestest.SealImage()}, officeTestDay)
	path := writeBundleFile(t, t.TempDir(), "da-ky-so.zip", func(out session.Output) error {
		_, err := a.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026, AppVersion: "test", SignPDF: hook}, []byte(testPass), out)
		return err
	})
	s, intake := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key}, path)
	id := intake.results[0].Bundle.ID
	summary := func() string {
		t.Helper()
		v, err := s.sess.OpenBundleView(id)
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		return labelTexts(t, (&bundleViewer{shell: s, view: v}).summary())
	}
	got := summary()
	for _, want := range []string{"Chữ ký số — annual-2026.pdf", "KHÔNG HỢP LỆ", tokentest.SignerName, "được tin cậy: không"} {
		if !strings.Contains(got, want) {
			t.Errorf("before the root is trusted, the summary lacks %q:\n%s", want, got)
		}
	}
	showTrust(s)
	if got := overlayText(t, s); !strings.Contains(got, "Chưa đặt chứng thư số gốc tin cậy") {
		t.Errorf("trust dialog: %q", got)
	}
	saveShot(t, s, "office-trust")
	dropOverlays(s)
	if err := s.sess.SetTrustedRoots(tokentest.PEM(tok.Root)); err != nil {
		t.Fatal(err)
	}
	got = summary()
	for _, want := range []string{"HỢP LỆ. Người ký:", "được tin cậy: có"} {
		if !strings.Contains(got, want) {
			t.Errorf("with the root trusted, the summary lacks %q:\n%s", want, got)
		}
	}
	s.showBundleView(id)
	saveShot(t, s, "office-viewer-pades")
}
