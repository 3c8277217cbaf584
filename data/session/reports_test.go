package session_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/demo"
	"daumoi/data/fsx/fsxtest"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
)

const demoPass = "mật khẩu thử nghiệm 2026"

// demoNow is the demo vault's clock: every session of these tests reads
// the same times, so output built twice from the same vault is the same.
var demoNow = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

func pinnedClock() session.Clock {
	t := demoNow
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// demoVault builds the demo vault (fast key derivation) and returns its
// folder.
func demoVault(t testing.TB) string {
	t.Helper()
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(fsxtest.TempDir(t), "demo")
	if err := demo.Create(dir, []byte(demoPass), func() time.Time { return demoNow.Add(-time.Hour) }); err != nil {
		t.Fatal(err)
	}
	return dir
}

func openAs(t testing.TB, dir, user string) *session.Session {
	t.Helper()
	s, err := session.Open(dir, session.Credential{User: user, Passphrase: []byte(demoPass)}, pinnedClock())
	if err != nil {
		t.Fatalf("open as %s: %v", user, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// needTool fails the test when a command-line tool the check relies on is
// missing: these checks are the point of the test, not optional. Under Wine
// (packaging/wine/test-data.sh sets DAUMOI_UNDER_WINE) the tools are Linux
// programs a Windows process cannot start, and the test skips: the PDFs are
// the same bytes on every OS and make test checks them on Linux.
func needTool(t *testing.T, tool, pkg string) {
	t.Helper()
	if os.Getenv("DAUMOI_UNDER_WINE") != "" {
		t.Skipf("%s is a Linux program; a Windows test under Wine cannot run it (the PDF is checked by make test on Linux)", tool)
	}
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is required (apt-get install %s)", tool, pkg)
	}
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestReportsAsPDF renders every report kind from the demo vault as a user
// who may only read, and checks the PDFs with poppler and qpdf: valid,
// fonts embedded, the Vietnamese text extracted exactly. Each rendering is
// recorded in the history.
func TestReportsAsPDF(t *testing.T) {
	for tool, pkg := range map[string]string{"qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftotext": "poppler-utils"} {
		needTool(t, tool, pkg)
	}
	dir := demoVault(t)
	s := openAs(t, dir, demo.ITUser)
	assessments, err := s.ListAssessments(0)
	if err != nil || len(assessments) == 0 {
		t.Fatalf("demo assessments: %v %v", assessments, err)
	}
	out := fsxtest.TempDir(t)
	cases := []struct {
		req  session.ReportRequest
		want []string
	}{
		{session.ReportRequest{Kind: session.ReportSystems}, []string{"DANH MỤC CHI TIẾT", "Cổng thông tin điện tử Sở Nội vụ", "Đã phê duyệt"}},
		{session.ReportRequest{Kind: session.ReportAssets}, []string{"Trích lục sổ quản lý tài sản", "VI PHẠM mục 1đ", "Lê Minh Đức"}},
		{session.ReportRequest{Kind: session.ReportAssessment, AssessmentID: assessments[0].ID}, []string{"TỔNG HỢP KẾT QUẢ", assessments[0].SystemName, "Mục 1 điểm đ: Bảo vệ thông tin bí mật", "12/2022/TT-BTTTT: Yêu cầu kỹ thuật"}},
		{session.ReportRequest{Kind: session.ReportAnnual, Year: 2026, Number: "12", Symbol: "BC-SNV"}, []string{"Số: 12/BC-SNV", "Kết quả thực hiện Chỉ thị số 11/CT-UBND năm 2026", "15/12/2025", "14/12/2026", "mục 1 điểm đ", "Nguyễn Thị Thu Hương", "Tỷ lệ mục đạt trên số mục đã đánh giá", "mục đã đánh giá (", "số liệu tính đến ngày 25/11/2026",
			"kiểm thử xâm nhập: 1", "Lỗ hổng phát hiện trong kỳ: 4; đã khắc phục trong kỳ: 0; còn chưa khắc phục: 4 (quá hạn khắc phục: 1)",
			"Văn bản cảnh báo của cơ quan chức năng nhận trong kỳ: 1", "Sự cố phát hiện trong kỳ: 2 (đã kết thúc ứng cứu: 1)", "Số thông báo, báo cáo sự cố đã gửi: 2",
			"tập huấn nâng cao nhận thức: 1 buổi, 42 lượt người tham dự"}},
		{session.ReportRequest{Kind: session.ReportPlan, Year: 2027}, []string{"KẾ HOẠCH", "Thực hiện Chỉ thị số 11/CT-UBND năm 2027", "Chủ trì"}},
	}
	for _, c := range cases {
		t.Run(string(c.req.Kind), func(t *testing.T) {
			var pdf bytes.Buffer
			if _, err := s.RenderReport(c.req, &pdf); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(out, string(c.req.Kind)+".pdf")
			if err := os.WriteFile(name, pdf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			run(t, out, "qpdf", "--check", name)
			checkFontsEmbedded(t, run(t, out, "pdffonts", name))
			text := strings.Join(strings.Fields(run(t, out, "pdftotext", name, "-")), " ")
			for _, w := range append(c.want, strings.ToUpper(demo.Agency), "Trần Quốc Bảo") {
				if !strings.Contains(text, w) {
					t.Errorf("%s: text lacks %q", c.req.Kind, w)
				}
			}
		})
	}
	issued, err := s.IssuedReports()
	if err != nil || len(issued) != len(cases) {
		t.Fatalf("issued reports: %d, %v", len(issued), err)
	}
	if issued[len(cases)-1-3].PeriodFrom != "2025-12-15" || issued[len(cases)-1-3].PeriodTo != "2026-12-14" {
		t.Errorf("annual period recorded as %+v", issued[1])
	}
	s.Close()
	m := openAs(t, dir, demo.ManagerUser)
	history, err := m.History(audit.Filter{Text: "report.render"})
	if err != nil || len(history) != len(cases) {
		t.Errorf("history has %d report.render entries (%v), want %d", len(history), err, len(cases))
	}
}

func TestReportRequestErrors(t *testing.T) {
	dir := demoVault(t)
	s := openAs(t, dir, demo.ITUser)
	cases := []struct {
		req  session.ReportRequest
		want error
	}{
		{session.ReportRequest{Kind: "incident"}, session.ErrUnknownReportKind},
		{session.ReportRequest{Kind: session.ReportAnnual, Year: 1999}, session.ErrBadReportPeriod},
		{session.ReportRequest{Kind: session.ReportAnnual, Year: 2026, From: demoNow, To: demoNow.AddDate(0, 0, -1)}, session.ErrBadReportPeriod},
		{session.ReportRequest{Kind: session.ReportAssessment, AssessmentID: 999}, session.ErrNoSuchAssessment},
	}
	for _, c := range cases {
		var pdf bytes.Buffer
		if _, err := s.RenderReport(c.req, &pdf); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v, want %v", c.req, err, c.want)
		}
		if pdf.Len() != 0 {
			t.Errorf("%+v: wrote %d bytes", c.req, pdf.Len())
		}
	}
	if issued, err := s.IssuedReports(); err != nil || len(issued) != 0 {
		t.Errorf("failed reports were recorded: %v %v", issued, err)
	}
}

// TestSigningKeysAndBundles covers the signing key kept in the vault and
// the signed annual bundle: who may create a key and build a bundle, that
// another user cannot sign with the manager's key, the key history, and a
// bundle that verifies and is the same when built twice from the same
// vault at the same time. Each minisign key encryption or decryption takes
// seconds and 1 GiB: the test does five.
func TestSigningKeysAndBundles(t *testing.T) {
	dir := demoVault(t)
	focal := openAs(t, dir, demo.FocalUser)
	if err := focal.AddUser(users.User{Name: "lan", FullName: "Phạm Thị Lan", Roles: []users.Role{users.RoleManager}}, []byte(demoPass)); err != nil {
		t.Fatal(err)
	}
	focal.Close()
	it := openAs(t, dir, demo.ITUser)
	before := historyHead(t, it)

	// Not a manager: no key, no bundle, nothing changes.
	if _, err := it.CreateSigningKey([]byte("mật khẩu ký")); !errors.Is(err, session.ErrNotPermitted) {
		t.Fatalf("IT user created a key: %v", err)
	}
	var out session.MemOutput
	if _, err := it.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026}, []byte("x"), &out); !errors.Is(err, session.ErrNotPermitted) || out.Len() != 0 || out.Published {
		t.Fatalf("IT user built a bundle: %v (%d bytes)", err, out.Len())
	}
	if got := historyHead(t, it); got != before {
		t.Fatalf("history changed after refused calls: %v → %v", before, got)
	}
	// The demo vault comes with the manager's key (demo.SigningPassphrase).
	demoKey, err := it.SigningKey(demo.ManagerUser)
	if err != nil {
		t.Fatalf("SigningKey of the demo manager: %v", err)
	}
	if k, err := it.ManagerSigningKey(); err != nil || k.KeyID != demoKey.KeyID {
		t.Fatalf("ManagerSigningKey: %+v %v", k, err)
	}
	if _, err := it.SigningKey(demo.ITUser); !errors.Is(err, session.ErrNoSigningKey) {
		t.Fatalf("SigningKey of a user without one: %v", err)
	}
	it.Close()

	mgr := openAs(t, dir, demo.ManagerUser)
	for _, weak := range []string{"", "ngắn", "aaaaaaaaaaaaaa"} {
		if _, err := mgr.CreateSigningKey([]byte(weak)); !errors.Is(err, users.ErrWeakPassphrase) {
			t.Errorf("weak signing passphrase %q: %v", weak, err)
		}
	}
	signingPass := "chỉ lãnh đạo biết 2026"
	key, err := mgr.CreateSigningKey([]byte(signingPass))
	if err != nil {
		t.Fatal(err)
	}
	got, err := mgr.SigningKey(demo.ManagerUser)
	if err != nil || !got.PublicKey.Equal(key.PublicKey) || got.Fingerprint != key.Fingerprint {
		t.Fatalf("SigningKey = %+v, %v", got, err)
	}
	mgr.Close()

	// Another manager of the same vault cannot sign: no key of their own,
	// and the manager's key does not open with a passphrase they guess.
	lan := openAs(t, dir, "lan")
	if err := lan.ChangePassphrase([]byte("mật khẩu riêng của Lan 2026")); err != nil {
		t.Fatal(err)
	}
	if _, err := lan.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026}, []byte(demoPass), &out); !errors.Is(err, session.ErrNoSigningKey) {
		t.Fatalf("other manager: %v", err)
	}
	if k, err := lan.ManagerSigningKey(); err != nil || k.User != demo.ManagerUser || k.KeyID != key.KeyID {
		t.Errorf("ManagerSigningKey for a manager without a key: %+v %v", k, err)
	}
	lan.Close()
	mgr = openAs(t, dir, demo.ManagerUser)
	if _, err := mgr.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026}, []byte(demoPass), &out); !errors.Is(err, session.ErrWrongSigningPassphrase) || out.Len() != 0 || out.Published {
		t.Fatalf("wrong signing passphrase: %v (%d bytes)", err, out.Len())
	}
	if _, err := mgr.BuildBundle(session.BundleRequest{Kind: "incident", Year: 2026}, []byte(signingPass), &out); !errors.Is(err, session.ErrUnknownBundleKind) {
		t.Fatalf("unknown kind: %v", err)
	}

	// The same vault copied: both copies give the same bundle.
	twin := filepath.Join(fsxtest.TempDir(t), "twin")
	evidence, err := mgr.ListEvidence()
	if err != nil || len(evidence) == 0 {
		t.Fatalf("demo evidence: %v", err)
	}
	mgr.Close()
	if err := os.CopyFS(twin, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range evidence {
		ids = append(ids, e.ID)
	}
	req := session.BundleRequest{Kind: "annual", Year: 2026, EvidenceIDs: ids, AppVersion: "test"}
	first := buildIn(t, dir, req, signingPass)
	second := buildIn(t, twin, req, signingPass)
	if !bytes.Equal(first, second) {
		t.Error("two bundles of the same vault at the same time differ")
	}

	res, err := bundle.Verify(bytes.NewReader(first), int64(len(first)), bundle.TrustKey("manager", key.PublicKey))
	if err != nil {
		t.Fatalf("bundle does not verify: %v", err)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	want := "data/assets.csv data/data.json data/systems.csv evidence/"
	if !strings.HasPrefix(strings.Join(paths, " "), want) || !strings.HasSuffix(strings.Join(paths, " "), "oscal/assessment-results.json report/annual-2026.pdf") ||
		len(paths) != 5+len(evidence) {
		t.Errorf("bundle files: %v", paths)
	}
	// The OSCAL items cite the evidence files the bundle carries, by hrefs
	// that resolve in the unpacked bundle; assessments in progress say so.
	doc := checkBundleOSCAL(t, first)
	cited, approved := 0, map[string]int{}
	for _, r := range doc.AR.Results {
		for _, o := range r.Observations {
			cited += len(o.RelevantEvidence)
		}
		for _, p := range r.Props {
			if p.Name == "approved" && p.NS == bundle.OSCALNamespace {
				approved[p.Value]++
			}
		}
	}
	if cited == 0 || approved["false"] == 0 || approved["true"]+approved["false"] != len(doc.AR.Results) {
		t.Errorf("OSCAL: %d evidence citations, approved props %v of %d results", cited, approved, len(doc.AR.Results))
	}
	if res.Kind != "annual" || res.Agency.Name != demo.Agency || res.Signer.Name != "Trần Quốc Bảo" || res.Signer.KeyID != key.KeyID ||
		res.Period.From.Format(time.DateOnly) != "2025-12-15" || res.Period.To.Format(time.DateOnly) != "2026-12-14" {
		t.Errorf("manifest: %+v", res)
	}

	// Recorded: the bundle in the history, the annual report as submitted.
	mgr = openAs(t, dir, demo.ManagerUser)
	issued, err := mgr.IssuedReports()
	if err != nil || len(issued) != 1 || issued[0].Format != "bundle" || issued[0].SubmittedOn != "2026-11-25" || issued[0].KeyID != key.KeyID {
		t.Errorf("issued: %+v %v", issued, err)
	}
	if h, err := mgr.History(audit.Filter{Text: "bundle.build"}); err != nil || len(h) != 1 {
		t.Errorf("history of bundles: %d %v", len(h), err)
	}
	acts, err := mgr.ListActivities(session.ActivityFilter{Kind: "annual_report_submitted"})
	if err != nil || len(acts) == 0 || acts[len(acts)-1].Date != "2026-11-25" || !strings.Contains(acts[len(acts)-1].Note, issued[0].SHA256) {
		t.Errorf("annual report not marked submitted: %+v %v", acts, err)
	}

	// A new key retires the old one, which stays in the history.
	if _, err := mgr.CreateSigningKey([]byte(signingPass)); err != nil {
		t.Fatal(err)
	}
	keys, err := mgr.SigningKeyHistory(demo.ManagerUser)
	if err != nil || len(keys) != 3 || keys[0].KeyID != demoKey.KeyID || keys[0].RetiredAt == "" || keys[1].RetiredAt == "" || keys[2].RetiredAt != "" || keys[1].KeyID != key.KeyID {
		t.Errorf("key history: %+v %v", keys, err)
	}
}

func historyHead(t *testing.T, s *session.Session) int64 {
	t.Helper()
	res, err := s.VerifyHistory()
	if err != nil {
		t.Fatal(err)
	}
	return res.Entries
}

// buildIn opens dir as the manager with the pinned clock and builds req.
func buildIn(t *testing.T, dir string, req session.BundleRequest, pass string) []byte {
	t.Helper()
	s := openAs(t, dir, demo.ManagerUser)
	defer s.Close()
	var out session.MemOutput
	// The history names the bundle before the signed file appears.
	out.OnPublish = func() {
		issued, err := s.IssuedReports()
		sum := sha256.Sum256(out.Bytes())
		if err != nil || len(issued) == 0 || issued[0].Format != "bundle" || issued[0].SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("bundle published before it was recorded: %+v %v", issued, err)
		}
	}
	if _, err := s.BuildBundle(req, []byte(pass), &out); err != nil {
		t.Fatal(err)
	}
	if !out.Published {
		t.Fatal("bundle built but not published")
	}
	return out.Bytes()
}

// checkFontsEmbedded reads pdffonts' table: at least one font, every one
// embedded (the "emb" column).
func checkFontsEmbedded(t *testing.T, table string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts:\n%s", table)
	}
	for _, line := range lines[2:] {
		f := strings.Fields(line)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %q", line)
		}
	}
}

// TestPlanTasksEditable derives the plan's tasks, changes them as the GUI
// would, and renders the plan from the edited list with the signer's
// authority line and a chosen data period for the annual report.
func TestPlanTasksEditable(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	dir := demoVault(t)
	s := openAs(t, dir, demo.FocalUser)
	tasks, err := s.PlanTasks(2027)
	if err != nil || len(tasks) == 0 {
		t.Fatalf("PlanTasks: %d, %v", len(tasks), err)
	}
	items := map[string]bool{}
	for _, task := range tasks {
		items[task.Item] = true
		if task.Owner == "" || task.Start > task.Due || !strings.HasPrefix(task.Due, "2027-") {
			t.Errorf("task %+v", task)
		}
	}
	for _, code := range []string{"1a", "1b", "1c", "1d", "1đ", "1e", "1g", "1h", "1i", "1k"} {
		if !items[code] {
			t.Errorf("no task for directive item %s", code)
		}
	}
	edited := append(tasks[:1:1], docs.PlanTask{Item: "1c", Task: "Diễn tập thực chiến cổng thông tin tháng 9", Owner: "Lê Minh Đức", Start: "2027-09-01", Due: "2027-09-30"})
	out := fsxtest.TempDir(t)
	for name, req := range map[string]session.ReportRequest{
		"plan":   {Kind: session.ReportPlan, Year: 2027, Tasks: edited, SignerAuthority: "KT. Giám đốc"},
		"annual": {Kind: session.ReportAnnual, Year: 2026, From: day("2026-01-01"), To: day("2026-06-30")},
	} {
		var pdf bytes.Buffer
		if _, err := s.RenderReport(req, &pdf); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(out, name+".pdf")
		if err := os.WriteFile(file, pdf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(run(t, out, "pdftotext", file, "-")), " ")
		want := map[string][]string{
			"plan":   {"KT. GIÁM ĐỐC", "Diễn tập thực chiến cổng thông tin tháng 9", "01/09/2027 – 30/09/2027", firstWords(tasks[0].Task, 4)},
			"annual": {"kỳ báo cáo từ ngày 01/01/2026 đến ngày 30/06/2026; số liệu tính đến ngày 30/06/2026"},
		}[name]
		for _, w := range want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		if name == "plan" && strings.Count(text, "Nguyễn Thị Thu Hương") > 1 {
			t.Errorf("plan kept derived tasks besides the edited ones")
		}
	}
}

func day(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}
