package session

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/reports/signing"
)

const officeSigningPass = "khóa ký của trưởng phòng 2026"

// receiptFixture is an agency that exported its annual 2026 bundle, and
// the office that received it (bundle) and signed its receipt, written
// to receipt (with receipt.minisig beside it) and the office's key to
// pub.
type receiptFixture struct {
	agency  *testAgency
	office  *Session
	bundle  ReceivedBundle
	receipt string
	pub     signing.PublicKey
	pubFile string
}

func newReceiptFixture(t *testing.T) *receiptFixture {
	t.Helper()
	out := fsxtest.TempDir(t)
	f := &receiptFixture{agency: newTestAgency(t, codeNoiVu, "Sở Nội vụ tỉnh Vĩnh Long", vnTime("2026-01-05 08:00"))}
	path := f.agency.annual(2026, vnTime("2026-12-05 09:00"), out, "noivu-2026.zip")
	_, f.office = newOfficeVault(t)
	register(t, f.office, f.agency, vnDay("2026-01-01"))
	r := intake(t, f.office, path)
	if r.Outcome != IntakeAccepted {
		t.Fatalf("intake: %+v", r)
	}
	f.bundle = r.Bundle
	key, err := f.office.CreateSigningKey([]byte(officeSigningPass))
	must(t, err)
	f.pub = key.PublicKey
	text, err := key.PublicKey.MarshalText()
	must(t, err)
	f.pubFile = putFile(t, out, "office.pub", text)
	if _, err := f.office.IssueReceipt(f.bundle.ID, []byte(officeSigningPass)); err != nil {
		t.Fatal(err)
	}
	got, err := f.office.ReceiptFor(f.bundle.ID)
	must(t, err)
	f.receipt = putFile(t, out, "bien-nhan.json", got.Body)
	putFile(t, out, "bien-nhan.json.minisig", got.Signature)
	return f
}

func TestReceiptIssuedAndVerifiedByMinisign(t *testing.T) {
	f := newReceiptFixture(t)
	got, err := f.office.ReceiptFor(f.bundle.ID)
	must(t, err)
	r := got.Receipt
	if r.Agency.Code != codeNoiVu || r.Agency.Name != "Sở Nội vụ tỉnh Vĩnh Long" || r.Kind != "annual" || r.Period.From != "2025-12-15" ||
		r.Period.To != "2026-12-14" || r.BundleSHA256 != f.bundle.SHA256 || r.ManifestSHA256 != f.bundle.ManifestSHA256 ||
		!strings.HasSuffix(r.ReceivedAt, "+07:00") || r.Outcome != "accepted" || r.ReceivingOfficer != "Trần Thị Lan" ||
		r.Office != "Phòng An ninh mạng, Công an tỉnh Vĩnh Long" || r.Format != office.ReceiptFormat {
		t.Errorf("receipt %+v", r)
	}
	// Issuing again returns the same receipt, signed once.
	again, err := f.office.IssueReceipt(f.bundle.ID, []byte("sai mật khẩu"))
	if err != nil || again != r {
		t.Errorf("second issue: %+v %v", again, err)
	}
	// Debian's minisign verifies it; a changed byte fails it.
	needTool(t, "minisign", "minisign")
	out, err := exec.Command("minisign", "-Vm", f.receipt, "-p", f.pubFile).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "daumoi receipt agency:"+codeNoiVu) {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
	body, err := os.ReadFile(f.receipt)
	must(t, err)
	bad := putFile(t, filepath.Dir(f.receipt), "sua.json", bytes.Replace(body, []byte("Sở Nội vụ"), []byte("Sở Nội Vụ"), 1))
	sig, err := os.ReadFile(f.receipt + ".minisig")
	must(t, err)
	putFile(t, filepath.Dir(f.receipt), "sua.json.minisig", sig)
	if out, err := exec.Command("minisign", "-Vm", bad, "-p", f.pubFile).CombinedOutput(); err == nil {
		t.Errorf("minisign accepted a changed receipt:\n%s", out)
	}
	// Only the head signs; a bundle without a receipt has none.
	if _, err := f.office.ReceiptFor(f.bundle.ID + 1); !errors.Is(err, ErrNoSuchBundle) {
		t.Errorf("ReceiptFor unknown bundle: %v", err)
	}
}

func TestReceiptImport(t *testing.T) {
	f := newReceiptFixture(t)
	a := f.agency.s
	if _, err := a.ImportReceipt(f.receipt); !errors.Is(err, ErrNoOfficeKey) {
		t.Fatalf("no office key: %v", err)
	}
	// Another key in the profile: bad signature, nothing stored.
	must(t, a.SetOfficeKey(newPublicKey(t)))
	checkImportRefused(t, a, f.receipt, ErrReceiptBadSignature)
	must(t, a.SetOfficeKey(f.pub))
	if k, err := a.OfficeKey(); err != nil || !k.Equal(f.pub) {
		t.Fatalf("OfficeKey: %v", err)
	}
	// A changed receipt with the original signature.
	body, err := os.ReadFile(f.receipt)
	must(t, err)
	sig, err := os.ReadFile(f.receipt + ".minisig")
	must(t, err)
	dir := filepath.Dir(f.receipt)
	changed := putFile(t, dir, "sua.json", bytes.Replace(body, []byte(`"accepted"`), []byte(`"refused"`), 1))
	putFile(t, dir, "sua.json.minisig", sig)
	checkImportRefused(t, a, changed, ErrReceiptBadSignature)
	checkImportRefused(t, a, filepath.Join(dir, "khong-co.json"), ErrReceiptUnreadable)

	// Another agency of the same office: not its receipt.
	other := newTestAgency(t, codeYTe, "Sở Y tế tỉnh Vĩnh Long", vnTime("2026-01-06 08:00"))
	must(t, other.s.SetOfficeKey(f.pub))
	checkImportRefused(t, other.s, f.receipt, ErrReceiptOtherAgency)
	// A vault with the same code that did not export this bundle.
	twin := newTestAgency(t, codeNoiVu, "Sở Nội vụ tỉnh Vĩnh Long", vnTime("2026-01-06 08:00"))
	must(t, twin.s.SetOfficeKey(f.pub))
	checkImportRefused(t, twin.s, f.receipt, ErrReceiptUnknownBundle)

	got, err := a.ImportReceipt(f.receipt)
	must(t, err)
	if got.Receipt.BundleSHA256 != f.bundle.SHA256 || !got.ReceivedAt.Equal(f.bundle.ReceivedAt) || got.KeyID != f.pub.KeyID() {
		t.Errorf("imported %+v", got)
	}
	if h := lastEntry(t, a); h.Action != "receipt.import" || !strings.Contains(h.Summary, "đã được tiếp nhận") {
		t.Errorf("history %+v", h)
	}
	again, err := a.ImportReceipt(f.receipt)
	if err != nil || again.ID != got.ID {
		t.Errorf("import again: %+v %v", again, err)
	}
	list, err := a.ImportedReceipts()
	must(t, err)
	if len(list) != 1 {
		t.Errorf("%d receipts imported", len(list))
	}
	// The annual report obligation shows it received, with the date.
	obs, err := a.Obligations(vnDay("2026-12-10"))
	must(t, err)
	found := false
	for _, o := range obs {
		if o.SatisfiedBy != nil && o.SatisfiedBy.Kind == submittedKind {
			found = true
			if !o.Received.Equal(f.bundle.ReceivedAt) {
				t.Errorf("obligation %s: received %v, want %v", o.ID, o.Received, f.bundle.ReceivedAt)
			}
		}
	}
	if !found {
		t.Error("no obligation met by the annual report")
	}
}

// checkImportRefused wants path refused for want with nothing changed.
func checkImportRefused(t *testing.T, s *Session, path string, want error) {
	t.Helper()
	before := lastEntry(t, s).Seq
	if _, err := s.ImportReceipt(path); !errors.Is(err, want) {
		t.Errorf("%s: %v, want %v", filepath.Base(path), err, want)
	}
	if list, err := s.ImportedReceipts(); err != nil || len(list) != 0 {
		t.Errorf("%s: %d receipts stored, %v", filepath.Base(path), len(list), err)
	}
	if after := lastEntry(t, s).Seq; after != before {
		t.Errorf("%s: history changed", filepath.Base(path))
	}
}

func TestReceiptNeedsTheHeadAndHisPassphrase(t *testing.T) {
	_, o := newOfficeVault(t)
	must(t, o.AddUser(users.User{Name: "tam", FullName: "Võ Thanh Tâm", Roles: []users.Role{users.RoleReceiver}}, []byte("mật khẩu ban đầu 1")))
	key, err := o.CreateSigningKey([]byte(officeSigningPass))
	must(t, err)
	if key.User != "lan" {
		t.Errorf("key of %q", key.User)
	}
	if _, err := o.IssueReceipt(1, []byte("không phải mật khẩu ký")); !errors.Is(err, ErrNoSuchBundle) && !errors.Is(err, ErrWrongSigningPassphrase) {
		t.Errorf("unknown bundle: %v", err)
	}
	dir := o.dir
	tam := reopen(t, o, dir, "tam", "mật khẩu ban đầu 1")
	must(t, tam.ChangePassphrase([]byte("mật khẩu riêng của Tâm 2026")))
	if _, err := tam.CreateSigningKey([]byte(officeSigningPass)); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("receiver created a signing key: %v", err)
	}
	if _, err := tam.IssueReceipt(1, []byte(officeSigningPass)); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("receiver issued a receipt: %v", err)
	}
}

func TestReceiptWrongPassphrase(t *testing.T) {
	f := newReceiptFixture(t)
	// A second bundle, then a wrong passphrase: no receipt stored.
	path := f.agency.annual(2026, vnTime("2026-12-07 09:00"), fsxtest.TempDir(t), "sua.zip")
	r := intake(t, f.office, path)
	if _, err := f.office.IssueReceipt(r.Bundle.ID, []byte("sai mật khẩu ký")); !errors.Is(err, ErrWrongSigningPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := f.office.ReceiptFor(r.Bundle.ID); !errors.Is(err, ErrNoReceipt) {
		t.Errorf("receipt stored anyway: %v", err)
	}
	got, err := f.office.IssueReceipt(r.Bundle.ID, []byte(officeSigningPass))
	must(t, err)
	if got.Outcome != string(IntakeSuperseded) || got.Supersedes != f.bundle.SHA256 {
		t.Errorf("correction's receipt: %+v", got)
	}
}

// TestIssueReceiptsInABatch: one passphrase for several bundles; those
// already receipted are given back as they were; a wrong passphrase stops
// the batch before anything new is signed.
func TestIssueReceiptsInABatch(t *testing.T) {
	f := newReceiptFixture(t)
	dir := fsxtest.TempDir(t)
	fix := intake(t, f.office, f.agency.annual(2026, vnTime("2026-12-08 09:00"), dir, "noivu-2026-sua.zip"))
	inc := intake(t, f.office, f.agency.annual(2025, vnTime("2026-12-09 09:00"), dir, "noivu-2025.zip"))
	ids := []int64{f.bundle.ID, fix.Bundle.ID, inc.Bundle.ID}
	collect := func(pass string) ([]IssuedReceipt, error) {
		var got []IssuedReceipt
		err := f.office.IssueReceipts(ids, []byte(pass), func(_ int, r IssuedReceipt, err error) error {
			got = append(got, r)
			return err
		})
		return got, err
	}
	if got, err := collect("sai mật khẩu"); !errors.Is(err, ErrWrongSigningPassphrase) || len(got) != 1 {
		t.Fatalf("wrong passphrase: %d receipts, %v", len(got), err)
	}
	if _, err := f.office.ReceiptFor(fix.Bundle.ID); !errors.Is(err, ErrNoReceipt) {
		t.Fatalf("a receipt was signed with a wrong passphrase: %v", err)
	}
	got, err := collect(officeSigningPass)
	must(t, err)
	if len(got) != 3 || got[1].Receipt.Outcome != "superseded" || got[1].Receipt.Supersedes != f.bundle.SHA256 || got[2].Receipt.Period.To != "2025-12-14" {
		t.Fatalf("batch: %+v", got)
	}
}
