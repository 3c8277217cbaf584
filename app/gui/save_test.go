package gui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/vault"
)

// workQueue is an Options.Go that keeps background work until the test
// runs it, so a test can act while the work is pending without polling.
// Tests set it once the shell is unlocked.
type workQueue struct{ work []func() }

func (q *workQueue) Go(work func()) { q.work = append(q.work, work) }

// run runs the queued work in order.
func (q *workQueue) run() {
	for len(q.work) > 0 {
		w := q.work[0]
		q.work = q.work[1:]
		w()
	}
}

// chooseInDialog saves job's file as if the user chose path in the save
// dialog.
func chooseInDialog(t *testing.T, s *Shell, path string, job saveJob) {
	t.Helper()
	s.files = &fakeChooser{answers: []string{path}}
	s.saveFile(job)
}

// dirNames lists a folder, to show that nothing (no temporary file) was
// left there.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// countingJob counts the bytes job's writer produced.
func countingJob(job saveJob, n *int64) saveJob {
	inner := job.write
	job.write = func(ctx context.Context, w io.Writer, path string) error {
		return inner(ctx, writerFunc(func(p []byte) (int, error) {
			*n += int64(len(p))
			return w.Write(p)
		}), path)
	}
	return job
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestSaveEvidenceExportComplete exports an evidence file through the save
// helper: the work waits for the background (it is not run on the UI
// thread), the progress bar is a real one (the size is known) and ends
// full, the file is complete with the exports' mode, and the message says
// where it is.
func TestSaveEvidenceExportComplete(t *testing.T) {
	_, s := newTestShell(t)
	q := &workQueue{}
	s.opts.Go = q.Go // from now on: unlocking ran as usual
	// About 2 MB.
	content := strings.Repeat("Biên bản kiểm tra an toàn thông tin năm 2026. ", 40000)
	e := addLibraryFile(t, s, "Biên bản kiểm tra", "bien-ban.txt", content)
	scr, _ := buildEvidenceScreen(s)
	dir := t.TempDir()
	path := filepath.Join(dir, "bien-ban.txt")
	if err := os.WriteFile(path, []byte("nội dung cũ, người dùng đồng ý ghi đè"), 0o644); err != nil {
		t.Fatal(err)
	}

	chooseInDialog(t, s, path, scr.exportJob(e))
	if len(q.work) != 1 {
		t.Fatalf("%d background jobs queued, want 1: the export ran on the UI thread", len(q.work))
	}
	top := s.win.Canvas().Overlays().Top()
	bars := objects[*widget.ProgressBar](t, top)
	if len(bars) != 1 || !strings.Contains(labelTexts(t, top), "Đang ghi "+path) {
		t.Fatalf("progress dialog: %d bars, text %q", len(bars), labelTexts(t, top))
	}
	q.run()
	if bars[0].Value != 1 {
		t.Errorf("progress bar at %v after the export", bars[0].Value)
	}
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã ghi bản giải mã ra "+path) {
		t.Errorf("message after the export: %q", msg)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != content {
		t.Fatalf("exported file: %d bytes of %d, %v", len(got), len(content), err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != exportPerm {
		t.Errorf("exported file mode: %v, %v; want %v", fi.Mode().Perm(), err, exportPerm)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files left beside the export: %v", names)
	}
}

// TestSaveOfSubstitutedEvidenceLeavesNothing replaces an evidence file in
// the vault by another validly encrypted one: the export decrypts it, then
// the vault's size and hash check fails at the end of the stream. Nothing
// — neither the file Fyne's dialog created nor the plaintext written so far
// — remains at the chosen path or beside it, and the error is in
// Vietnamese.
func TestSaveOfSubstitutedEvidenceLeavesNothing(t *testing.T) {
	_, s := newTestShell(t)
	// The same size: the substitution shows only in the hash, at the end.
	victim := addLibraryFile(t, s, "Quyết định phê duyệt", "quyet-dinh.txt", strings.Repeat("QUYẾT ĐỊNH ", 100000))
	other := addLibraryFile(t, s, "Sổ theo dõi", "so.txt", strings.Repeat("SỔ MẬT ĐỊNH ", 100000)[:victim.Size])
	b, err := os.ReadFile(filepath.Join(s.dir, "blobs", other.ID))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "blobs", victim.ID), b, 0o600); err != nil {
		t.Fatal(err)
	}
	scr, _ := buildEvidenceScreen(s)
	dir := t.TempDir()
	path := filepath.Join(dir, "quyet-dinh.txt")
	var written int64
	chooseInDialog(t, s, path, countingJob(scr.exportJob(victim), &written))

	if written == 0 {
		t.Error("no plaintext reached the file before the check: the test does not show that a partial file is removed")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("something is left at the chosen path: %v", err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("files left in the folder: %v", names)
	}
	msg := overlayText(t, s)
	for _, want := range []string{"Không lưu được " + path, "tệp minh chứng trong kho bị hỏng hoặc bị sửa đổi", "Không để lại tệp nào"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error message %q lacks %q", msg, want)
		}
	}
}

// TestSaveCancelLeavesNothing cancels twice: in the save dialog (nothing is
// written, nothing runs) and while the file is being written (the
// progress dialog's button): nothing is left and the message says so.
func TestSaveCancelLeavesNothing(t *testing.T) {
	_, s := newTestShell(t)
	q := &workQueue{}
	s.opts.Go = q.Go // from now on: unlocking ran as usual
	e := addLibraryFile(t, s, "Biên bản", "bien-ban.txt", strings.Repeat("nội dung ", 100000))
	scr, _ := buildEvidenceScreen(s)
	dir := t.TempDir()
	var written int64
	job := countingJob(scr.exportJob(e), &written)

	before := s.win.Canvas().Overlays().Top()
	s.files = &fakeChooser{} // the user cancels the save dialog
	s.saveFile(job)
	if len(q.work) != 0 || written != 0 || s.win.Canvas().Overlays().Top() != before {
		t.Fatal("cancelling the save dialog started an export")
	}

	path := filepath.Join(dir, "bien-ban.txt")
	chooseInDialog(t, s, path, job)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Hủy"))
	q.run()
	if written != 0 {
		t.Errorf("%d bytes written after the cancel", written)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("files left after the cancel: %v", names)
	}
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã hủy: không có tệp nào được ghi ra "+path) {
		t.Errorf("message after the cancel: %q", msg)
	}
}

// TestEveryExportUsesTheSaveHelper writes each screen's export through the
// helper: complete files, the exports' mode, the screen's message.
func TestEveryExportUsesTheSaveHelper(t *testing.T) {
	s := openDemoAs(t, "demo-manager")
	dir := t.TempDir()
	hist := &historyScreen{shell: s, entries: nil}
	m, _ := buildReportMaker(s)
	obl := &obligationsScreen{shell: s}
	jobs := []struct {
		name  string
		job   saveJob
		magic string
		msg   string
	}{
		{"bao-cao.pdf", m.pdfJob(session.ReportRequest{Kind: session.ReportSystems, Year: 2026}, nil), "%PDF", "Đã lưu"},
		{"he-thong.csv", registerExportJob(s, "he-thong", s.sess.ExportSystems), "", "Lưu ý: tệp này không được mã hóa"},
		{"lich.ics", obl.icsJob(), "BEGIN:VCALENDAR", "Đã xuất lịch ra"},
		{"lich-su.csv", hist.exportJob(), "\ufeff#", "Đã xuất 0 mục"},
	}
	for _, j := range jobs {
		path := filepath.Join(dir, j.name)
		s.saveTo(path, j.job)
		if msg := overlayText(t, s); !strings.Contains(msg, j.msg) || !strings.Contains(msg, path) {
			t.Errorf("%s: message %q", j.name, msg)
		}
		raw, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(raw), j.magic) {
			t.Errorf("%s: %v, %.20q", j.name, err, raw)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != exportPerm {
			t.Errorf("%s: mode %v, %v", j.name, fi.Mode().Perm(), err)
		}
	}
	// A register export to an unknown extension is refused and leaves nothing.
	bad := filepath.Join(dir, "he-thong.txt")
	s.saveTo(bad, registerExportJob(s, "he-thong", s.sess.ExportSystems))
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("export with an unknown format left a file: %v", err)
	}
}

// TestIntegrityAlertAfterSignIn edits the focal point's roles with her own
// passphrase through the vault package (not the application): the next
// sign-in shows, once, in Vietnamese, what happened and what to do.
func TestIntegrityAlertAfterSignIn(t *testing.T) {
	a := newTestApp(t)
	dir, _ := newTestVault(t)
	l, err := vault.OpenLocked(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := l.UnlockPassphrase("huong", []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`UPDATE users SET roles = 'focal,it' WHERE name = 'huong'`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	s := openShell(t, a, Options{VaultDir: dir})
	unlockAs(t, s, "huong", testPass)
	if !s.Unlocked() {
		t.Fatal("not unlocked")
	}
	msg := overlayText(t, s)
	capture(t, s.win, "gui-integrity-alert")
	for _, want := range []string{
		"Cảnh báo về tính toàn vẹn của kho",
		"Danh sách người dùng hoặc vai trò đã bị sửa ngoài ứng dụng; chỉ các vai trò đã được cán bộ đầu mối ký mới có hiệu lực. Hãy báo cán bộ đầu mối.",
		"Người dùng liên quan: huong.",
		"đã được ghi vào lịch sử thay đổi",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("integrity dialog lacks %q:\n%s", want, msg)
		}
	}
	shown := len(s.win.Canvas().Overlays().List())
	s.alertIntegrity(s.sess)
	if n := len(s.win.Canvas().Overlays().List()); n != shown {
		t.Errorf("the alert was shown again for the same session (%d dialogs, was %d)", n, shown)
	}

	// The focal point's sign-in restored the signed roles: no alert next time.
	s.Lock()
	unlockAs(t, s, "huong", testPass)
	if msg := overlayText(t, s); strings.Contains(msg, "toàn vẹn") {
		t.Errorf("alert after the roles were restored:\n%s", msg)
	}
}

// TestSaveOnAnotherGoroutine runs the export on a real goroutine, as the
// application does (go test -race checks what it shares with the UI), and
// waits for it through a channel, not by polling.
func TestSaveOnAnotherGoroutine(t *testing.T) {
	_, s := newTestShell(t)
	done := make(chan struct{})
	s.opts.Go = func(work func()) {
		go func() {
			defer close(done)
			work()
		}()
	}
	e := addLibraryFile(t, s, "Biên bản", "bien-ban.txt", strings.Repeat("nội dung ", 50000))
	scr, _ := buildEvidenceScreen(s)
	path := filepath.Join(t.TempDir(), "bien-ban.txt")
	chooseInDialog(t, s, path, scr.exportJob(e))
	waitDone(t, done)
	if got, err := os.ReadFile(path); err != nil || int64(len(got)) != e.Size {
		t.Fatalf("exported %d bytes of %d: %v", len(got), e.Size, err)
	}
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã ghi bản giải mã ra "+path) {
		t.Errorf("message: %q", msg)
	}
}

// TestLockCancelsASave locks the vault while an export waits to be written:
// the export is cancelled and leaves nothing.
func TestLockCancelsASave(t *testing.T) {
	_, s := newTestShell(t)
	q := &workQueue{}
	s.opts.Go = q.Go
	e := addLibraryFile(t, s, "Biên bản", "bien-ban.txt", "nội dung mật")
	scr, _ := buildEvidenceScreen(s)
	dir := t.TempDir()
	var written int64
	chooseInDialog(t, s, filepath.Join(dir, "bien-ban.txt"), countingJob(scr.exportJob(e), &written))
	s.Lock()
	q.run()
	if names := dirNames(t, dir); len(names) != 0 || written != 0 {
		t.Errorf("after locking: %d bytes written, files left: %v", written, names)
	}
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã hủy") {
		t.Errorf("message after locking: %q", msg)
	}
}
