//go:build unix

package gui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestFormWaitsForTheEvidenceFile adds a named pipe through the picker of
// the plan form: opening it blocks until a writer comes, so the picker
// stays busy — progress shown, Save disabled — until then; the pipe is
// then refused (not a regular file) and Save is enabled again.
func TestFormWaitsForTheEvidenceFile(t *testing.T) {
	_, s := newTestShellLate(t)
	addSystem(t, s, "Cổng dịch vụ công", 3)
	a, _ := buildActivitiesArea(s)
	plans := a.plansTab()
	s.win.SetContent(plans)
	s.win.Resize(fyne.NewSize(1180, 720))
	test.Tap(buttonNamed(t, plans, "Ghi nhận"))
	form := s.win.Canvas().Overlays().Top()
	entries := objects[*widget.Entry](t, form)
	test.Type(entries[0], "Phương án ứng cứu sự cố")
	test.Type(entries[1], "2.0")
	test.Type(entries[2], "2026-11-01")
	save := buttonNamed(t, form, "Lưu")
	if save.Disabled() {
		t.Fatal("save disabled before adding a file")
	}

	fifo := filepath.Join(t.TempDir(), "phuong-an.pdf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	picker := onlyPicker(t, form)
	q := &workQueue{}
	s.opts.Go = q.Go // the file is read once the busy state is checked
	done := picker.addFile(fifo)
	if !save.Disabled() || picker.Validate() == nil || !picker.bar.Visible() || !picker.sel.Disabled() {
		t.Errorf("while adding: save disabled %v, validation %v, bar shown %v", save.Disabled(), picker.Validate(), picker.bar.Visible())
	}
	capture(t, s.win, "gui-evidence-pick-busy")

	// A writer comes: opening the pipe for writing waits for the reader
	// (the queued work), so it runs beside it.
	wrote := make(chan error, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			err = w.Close()
		}
		wrote <- err
	}()
	q.run()
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	waitAdded(t, done)
	if picker.Validate() != nil || picker.bar.Visible() || save.Disabled() {
		t.Errorf("after the refusal: validation %v, bar shown %v, save disabled %v", picker.Validate(), picker.bar.Visible(), save.Disabled())
	}
	if files, err := s.sess.ListEvidence(); err != nil || len(files) != 0 {
		t.Errorf("library = %+v, %v", files, err)
	}
}
