package session

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/reports/bundle"
)

// vnTime is a time in Vietnam.
func vnTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("ICT", 7*3600))
	if err != nil {
		panic(err)
	}
	return t
}

const (
	codeNoiVu = "000.00.12.H62"
	codeYTe   = "000.00.15.H62"
)

// intakeFixture is two agencies' bundles over two years, and the office
// with both registered.
type intakeFixture struct {
	officeDir string
	office    *Session
	in        string // folder of the agencies' bundle files
	files     map[string]string
	incident  int64
}

// newIntakeFixture builds, with the agency side of the app: Sở Nội vụ's
// annual 2025 (key 1), an incident bundle of March 2026 (key 1), an annual
// 2026 signed on 01/07/2026 with key 1 after the office registered its
// replacement from 15/06/2026, then with key 2 three versions of the
// annual 2026 (05, 06 and 08/12) and the incident again; Sở Y tế's annual
// 2025, its annual 2026 signed after its key was revoked (01/03/2026), a
// bundle claiming Sở Nội vụ's code and one claiming an unregistered code.
func newIntakeFixture(t *testing.T) *intakeFixture {
	t.Helper()
	f := &intakeFixture{in: filepath.Join(fsxtest.TempDir(t), "in"), files: map[string]string{}}
	a := newTestAgency(t, codeNoiVu, "Sở Nội vụ tỉnh Vĩnh Long", vnTime("2025-01-05 08:00"))
	keyA1 := a.key()
	f.files["a2025"] = a.annual(2025, vnTime("2025-12-05 09:00"), f.in, "noivu-2025.zip")
	f.incident, f.files["inc1"] = a.incident(0, vnTime("2026-03-09 23:00"), vnTime("2026-03-10 10:00"), f.in, "noivu-suco.zip")
	f.files["a2026-k1"] = a.annual(2026, vnTime("2026-07-01 09:00"), f.in, "noivu-2026-khoa-cu.zip")
	keyA2 := a.rotate(vnTime("2026-07-02 08:00"))
	f.files["a2026"] = a.annual(2026, vnTime("2026-12-05 09:00"), f.in, "noivu-2026.zip")
	f.files["a2026-older"] = a.annual(2026, vnTime("2026-12-06 09:00"), f.in, "noivu-2026-ban-giua.zip")
	f.files["a2026-fix"] = a.annual(2026, vnTime("2026-12-08 09:00"), f.in, "noivu-2026-sua.zip")
	_, f.files["inc2"] = a.incident(f.incident, time.Time{}, vnTime("2026-12-09 10:00"), f.in, "noivu-suco-sua.zip")

	b := newTestAgency(t, codeYTe, "Sở Y tế tỉnh Vĩnh Long", vnTime("2025-01-06 08:00"))
	f.files["b2025"] = b.annual(2025, vnTime("2025-12-06 09:00"), f.in, "yte-2025.zip")
	f.files["b2026-revoked"] = b.annual(2026, vnTime("2026-12-05 09:00"), f.in, "yte-2026.zip")
	p, err := b.s.Profile()
	must(t, err)
	p.Code = codeNoiVu
	must(t, b.s.SaveProfile(p))
	f.files["b-as-a"] = b.annual(2026, vnTime("2026-02-01 09:00"), f.in, "yte-mao-noivu.zip")
	p.Code = "000.00.99.H62"
	must(t, b.s.SaveProfile(p))
	f.files["b-unknown"] = b.annual(2026, vnTime("2026-02-02 09:00"), f.in, "yte-ma-la.zip")

	c := newTestAgency(t, "000.00.20.H62", "Sở Xây dựng tỉnh Vĩnh Long", vnTime("2025-01-07 08:00"))
	f.files["c2025"] = c.annual(2025, vnTime("2025-12-07 09:00"), f.in, "xaydung-2025.zip")

	f.officeDir, f.office = newOfficeVault(t)
	register(t, f.office, b, vnDay("2025-01-01"))
	must(t, f.office.AddAgency(office.Agency{Code: a.code, Name: a.name, Kind: office.KindDepartment}))
	_, err = f.office.AddAgencyKey(codeNoiVu, keyA1, vnDay("2025-01-01"))
	must(t, err)
	_, err = f.office.AddAgencyKey(codeNoiVu, keyA2, vnDay("2026-06-15"))
	must(t, err)
	must(t, f.office.RevokeAgencyKey(codeYTe, b.key().KeyID(), vnDay("2026-03-01"), "máy tính bị mất"))
	return f
}

func TestIntakeOutcomes(t *testing.T) {
	f := newIntakeFixture(t)
	o := f.office
	accepted := map[string]int64{}
	for _, name := range []string{"a2025", "b2025", "inc1", "a2026"} {
		r := intake(t, o, f.files[name])
		if r.Outcome != IntakeAccepted || r.Reason != nil || r.Bundle.ID == 0 {
			t.Fatalf("%s: %+v", name, r)
		}
		accepted[name] = r.Bundle.ID
		if h := lastEntry(t, o); h.Action != "office.intake" || !strings.Contains(h.Summary, "tiếp nhận") || !strings.Contains(h.Summary, r.Bundle.SHA256) {
			t.Errorf("%s: history %+v", name, h)
		}
	}
	// What was stored: the manifest's facts, the original bytes.
	got, err := o.ReceivedBundleByID(accepted["a2025"])
	must(t, err)
	if got.AgencyCode != codeNoiVu || got.Kind != "annual" || got.From != vnDay("2024-12-15") || got.To != vnDay("2025-12-14") ||
		got.Subject != "" || got.FileName != "noivu-2025.zip" || got.ReceivedBy != "lan" || !strings.Contains(got.Data, `"figures"`) {
		t.Errorf("stored %+v", got)
	}
	_, rc, err := o.OpenReceivedBundle(got.ID)
	must(t, err)
	stored, err := io.ReadAll(rc)
	rc.Close()
	must(t, err)
	if orig, _ := os.ReadFile(f.files["a2025"]); !bytes.Equal(stored, orig) {
		t.Error("stored bytes differ from the file")
	}
	inc, err := o.ReceivedBundleByID(accepted["inc1"])
	must(t, err)
	if inc.Kind != "incident" || inc.Subject != "1" || inc.From != vnDay("2026-03-09") || !strings.Contains(inc.Data, `"Detected"`) {
		t.Errorf("incident %+v", inc)
	}

	// The same bytes again under another name: duplicate, nothing stored.
	before := countOffice(t, f.officeDir, o)
	dup := intake(t, o, tamper(t, f.files["a2025"], "ban-sao.zip", func(b []byte) []byte { return b }))
	if dup.Outcome != IntakeDuplicate || dup.Bundle.ID != accepted["a2025"] || dup.FileName != "ban-sao.zip" {
		t.Fatalf("duplicate: %+v", dup)
	}
	if c := countOffice(t, f.officeDir, o); c != before {
		t.Errorf("duplicate stored something: %+v → %+v", before, c)
	}
	if h := lastEntry(t, o); h.Action != "office.intake_duplicate" || !strings.Contains(h.Summary, "ban-sao.zip") {
		t.Errorf("duplicate history %+v", h)
	}

	// Corrections: the annual 2026 of 08/12 and the incident again.
	fix := intake(t, o, f.files["a2026-fix"])
	if fix.Outcome != IntakeSuperseded || fix.Supersedes != accepted["a2026"] {
		t.Fatalf("correction: %+v", fix)
	}
	old, err := o.ReceivedBundleByID(accepted["a2026"])
	must(t, err)
	if old.SupersededBy != fix.Bundle.ID || old.SupersededUser != "lan" || old.SupersededAt.IsZero() {
		t.Errorf("superseded record %+v", old)
	}
	if h := lastEntry(t, o); !strings.Contains(h.Summary, "bản sửa đổi") {
		t.Errorf("correction history %+v", h)
	}
	incFix := intake(t, o, f.files["inc2"])
	if incFix.Outcome != IntakeSuperseded || incFix.Supersedes != accepted["inc1"] {
		t.Errorf("incident correction: %+v", incFix)
	}
	// An annual 2025 of another agency does not supersede Sở Nội vụ's.
	if b, _ := o.ReceivedBundleByID(accepted["b2025"]); b.SupersededBy != 0 {
		t.Errorf("other agency's bundle superseded: %+v", b)
	}

	// Refusals: the exact reason, nothing stored, the history tells.
	for name, want := range map[string]error{
		"a2026-older":   ErrIntakeOlder,
		"a2026-k1":      office.ErrKeyReplaced,
		"b2026-revoked": office.ErrKeyRevoked,
		"b-as-a":        ErrIntakeKeyOfOtherAgency,
		"b-unknown":     ErrIntakeUnknownAgency,
		"c2025":         bundle.ErrUnknownSigner,
	} {
		checkRefused(t, f, f.files[name], want)
	}
	list, err := o.ReceivedBundles("")
	must(t, err)
	if len(list) != 6 {
		t.Errorf("%d bundles stored, want 6", len(list))
	}
}

// checkRefused receives path, wants it refused for want, with nothing
// stored but a history line naming the file.
func checkRefused(t *testing.T, f *intakeFixture, path string, want error) {
	t.Helper()
	before := countOffice(t, f.officeDir, f.office)
	r := intake(t, f.office, path)
	if r.Outcome != IntakeRefused || !errors.Is(r.Reason, want) || r.Bundle.ID != 0 {
		t.Errorf("%s: %+v, want refused for %v", filepath.Base(path), r, want)
	}
	if c := countOffice(t, f.officeDir, f.office); c != before {
		t.Errorf("%s: refused bundle left %+v → %+v", filepath.Base(path), before, c)
	}
	if h := lastEntry(t, f.office); h.Action != "office.intake_refuse" || !strings.Contains(h.Summary, filepath.Base(path)) || h.Summary == "từ chối tệp "+filepath.Base(path)+": gói không hợp lệ" {
		t.Errorf("%s: history %+v", filepath.Base(path), h)
	}
}

// zipEntry is one entry of a bundle as the tampering tests edit it.
type zipEntry struct {
	name string
	data []byte
}

// rezipped rewrites the bundle at path with edit applied to its entries.
func rezipped(t *testing.T, path, name string, edit func([]zipEntry) []zipEntry) string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var es []zipEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		es = append(es, zipEntry{f.Name, b})
	}
	es = edit(es)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		must(t, err)
		_, err = w.Write(e.data)
		must(t, err)
	}
	must(t, zw.Close())
	return putFile(t, filepath.Dir(path), name, buf.Bytes())
}

// onEntry edits the entry called name.
func onEntry(name string, fn func(*zipEntry)) func([]zipEntry) []zipEntry {
	return func(es []zipEntry) []zipEntry {
		for i := range es {
			if es[i].name == name {
				fn(&es[i])
			}
		}
		return es
	}
}

func TestIntakeRefusesTampering(t *testing.T) {
	f := newIntakeFixture(t)
	good := f.files["a2025"]
	intake(t, f.office, f.files["b2025"]) // something stored already
	add := func(name string, data []byte) func([]zipEntry) []zipEntry {
		return func(es []zipEntry) []zipEntry { return append(es, zipEntry{name, data}) }
	}
	drop := func(name string) func([]zipEntry) []zipEntry {
		return func(es []zipEntry) []zipEntry {
			var out []zipEntry
			for _, e := range es {
				if e.name != name {
					out = append(out, e)
				}
			}
			return out
		}
	}
	orig, err := os.ReadFile(good)
	must(t, err)
	for _, c := range []struct {
		name string
		path string
		want error
	}{
		{"not a zip", putFile(t, f.in, "khong-phai.zip", []byte("hello, this is not a zip file at all")), bundle.ErrNotZip},
		{"empty", putFile(t, f.in, "rong.zip", nil), bundle.ErrNotZip},
		{"truncated", putFile(t, f.in, "cut.zip", orig[:len(orig)/2]), bundle.ErrTruncated},
		{"missing file", filepath.Join(f.in, "khong-co.zip"), ErrIntakeUnreadable},
		{"changed data.json", rezipped(t, good, "t1.zip", onEntry("data/data.json", func(e *zipEntry) { e.data = bytes.Replace(e.data, []byte("2025"), []byte("2027"), 1) })), bundle.ErrHashMismatch},
		{"changed report", rezipped(t, good, "t2.zip", onEntry("report/annual-2025.pdf", func(e *zipEntry) { e.data[len(e.data)/2] ^= 1 })), bundle.ErrHashMismatch},
		{"added file", rezipped(t, good, "t3.zip", add("evidence/extra.pdf", []byte("x"))), bundle.ErrExtraFile},
		{"removed file", rezipped(t, good, "t4.zip", drop("data/data.json")), bundle.ErrMissingFile},
		{"signature removed", rezipped(t, good, "t5.zip", drop(bundle.SignatureName)), bundle.ErrNoManifest},
		{"manifest changed", rezipped(t, good, "t6.zip", onEntry(bundle.ManifestName, func(e *zipEntry) { e.data = bytes.Replace(e.data, []byte("annual"), []byte("annuak"), 1) })), bundle.ErrBadSignature},
		{"signature garbage", rezipped(t, good, "t7.zip", onEntry(bundle.SignatureName, func(e *zipEntry) { e.data = []byte("garbage") })), bundle.ErrBadSignature},
		{"traversal entry", rezipped(t, good, "t8.zip", add("../../etc/cron.d/x", []byte("x"))), bundle.ErrUnsafePath},
		{"duplicate name", rezipped(t, good, "t9.zip", add("DATA/Data.json", []byte("{}"))), bundle.ErrUnsafePath},
		{"zip bomb: 50 MB of zeros", rezipped(t, good, "bomb1.zip", add("evidence/zeros.bin", make([]byte, 50<<20))), bundle.ErrTooLarge},
		{"zip bomb: many entries", rezipped(t, good, "bomb2.zip", func(es []zipEntry) []zipEntry {
			for i := range 10_001 {
				es = append(es, zipEntry{"evidence/" + strconv.Itoa(i), nil})
			}
			return es
		}), bundle.ErrTooLarge},
		{"zip bomb: 10 GB declared", bombDeclared(t, good, "bomb3.zip"), bundle.ErrTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) { checkRefused(t, f, c.path, c.want) })
	}
}

// bombDeclared adds to the bundle an entry whose header declares 10 GB.
func bombDeclared(t *testing.T, path, name string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		must(t, zw.Copy(f))
	}
	var small bytes.Buffer
	fw, _ := flate.NewWriter(&small, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "evidence/big.bin", Method: zip.Deflate,
		CompressedSize64: uint64(small.Len()), UncompressedSize64: 10 << 30})
	must(t, err)
	_, err = w.Write(small.Bytes())
	must(t, err)
	must(t, zw.Close())
	return putFile(t, filepath.Dir(path), name, buf.Bytes())
}

func TestIntakeFilesFolderAndPermission(t *testing.T) {
	f := newIntakeFixture(t)
	var seen []string
	results, err := f.office.IntakeFiles(context.Background(), []string{f.in}, func(i, n int, r IntakeResult) {
		if n != len(f.files) {
			t.Errorf("n = %d, want %d", n, len(f.files))
		}
		seen = append(seen, r.FileName+" "+string(r.Outcome))
	})
	must(t, err)
	if len(results) != len(f.files) || len(seen) != len(f.files) {
		t.Fatalf("%d results, %d callbacks", len(results), len(seen))
	}
	// By name: noivu-2026-ban-giua.zip (06/12) comes before noivu-2026-sua.zip
	// (08/12), which supersedes it; noivu-2026.zip (05/12) is then older.
	want := map[string]IntakeOutcome{
		"noivu-2025.zip": IntakeAccepted, "noivu-2026-ban-giua.zip": IntakeAccepted, "noivu-2026-khoa-cu.zip": IntakeRefused,
		"noivu-2026-sua.zip": IntakeSuperseded, "noivu-2026.zip": IntakeRefused, "noivu-suco-sua.zip": IntakeAccepted,
		"noivu-suco.zip": IntakeRefused, "xaydung-2025.zip": IntakeRefused, "yte-2025.zip": IntakeAccepted,
		"yte-2026.zip": IntakeRefused, "yte-ma-la.zip": IntakeRefused, "yte-mao-noivu.zip": IntakeRefused,
	}
	for _, r := range results {
		if want[r.FileName] != r.Outcome {
			t.Errorf("%s: %s (%v), want %s", r.FileName, r.Outcome, r.Reason, want[r.FileName])
		}
	}
	// Rerun: every stored one is a duplicate, no new rows.
	before := countOffice(t, f.officeDir, f.office)
	again, err := f.office.IntakeFiles(context.Background(), []string{f.in}, nil)
	must(t, err)
	for _, r := range again {
		if r.Outcome == IntakeAccepted || r.Outcome == IntakeSuperseded {
			t.Errorf("rerun %s: %s", r.FileName, r.Outcome)
		}
	}
	if c := countOffice(t, f.officeDir, f.office); c != before {
		t.Errorf("rerun stored more: %+v → %+v", before, c)
	}

	// A cancelled context is an error too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.office.IntakeFiles(ctx, []string{f.in}, nil); err == nil {
		t.Error("cancelled: no error")
	}
	// A user without PermReceive gets an error, not a refusal.
	must(t, f.office.AddUser(users.User{Name: "minh", FullName: "Ngô Văn Minh", Roles: []users.Role{users.RoleHead}}, []byte("mật khẩu ban đầu 1")))
	head := reopen(t, f.office, f.officeDir, "minh", "mật khẩu ban đầu 1")
	must(t, head.ChangePassphrase([]byte("mật khẩu riêng của Minh 2026")))
	if _, err := head.IntakeFile(context.Background(), f.files["a2025"], nil); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("head without PermReceive: %v", err)
	}
}

func TestIntakeProgress(t *testing.T) {
	dir, o := newOfficeVault(t)
	a := registerSynthetic(t, o, 1)[0]
	path := a.writeSynthetic(t, filepath.Join(fsxtest.TempDir(t), "in"), "goi.zip", 2026, 300<<10)
	st, err := os.Stat(path)
	must(t, err)
	var last, total int64
	r, err := o.IntakeFile(context.Background(), path, func(done, n int64) {
		if done < last || n != 2*st.Size() {
			t.Errorf("progress %d/%d after %d", done, n, last)
		}
		last, total = done, n
	})
	must(t, err)
	if r.Outcome != IntakeAccepted || last != total {
		t.Errorf("%s, progress ended at %d/%d", r.Outcome, last, total)
	}
	if c := countOffice(t, dir, o); c.rows != 1 || c.blobs != 1 || c.files != 1 {
		t.Errorf("stored %+v", c)
	}
}
