package gui

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/app/exportfile"
)

// File modes of exports: what holds user data is readable by its owner
// only (as on the command line); a public key may be read by anyone.
const (
	exportPerm    fs.FileMode = 0o600
	publicKeyPerm fs.FileMode = 0o644
)

// saveJob is one export to a file the user chooses: every "save as" of the
// GUI goes through Shell.saveFile with one.
type saveJob struct {
	title string   // the dialogs' title
	name  string   // the file name suggested
	exts  []string // the extensions offered (".pdf"), if any
	perm  fs.FileMode
	// size is the number of bytes write will produce when known (an
	// evidence file): the progress bar then shows how far it is.
	size int64
	// reg registers temporary files (the session that is not yet the
	// shell's, in the wizard); nil means the shell's session, if any.
	reg exportfile.Registrar
	// write produces the file's content. It runs off the UI thread and
	// must not touch widgets; ctx ends when the user cancels.
	write func(ctx context.Context, w io.Writer, path string) error
	// done is the message shown once the file is complete.
	done func(path string) string
}

// goBackground runs work off the UI thread, or as the options' Go says
// (tests run it at once or queue it).
func (s *Shell) goBackground(work func()) {
	if s.opts.Go != nil {
		s.opts.Go(work)
		return
	}
	go work()
}

// saveFile asks where to save job's file and writes it there in the
// background (saveTo). The chooser has asked before a file is replaced.
func (s *Shell) saveFile(job saveJob) {
	s.chooseSaveFile(job.title, job.name, job.exts, func(path string) { s.saveTo(path, job) })
}

// saveTo writes job's file to path, replacing any file there (the user
// agreed in the chooser), in the background behind a progress
// dialog whose button cancels (so does locking the vault). On error or
// cancel nothing is left at path; the outcome is reported on the UI thread.
func (s *Shell) saveTo(path string, job saveJob) {
	parent := s.saves
	if parent == nil {
		parent = context.Background() // the wizard, before the session is the shell's
	}
	ctx, cancel := context.WithCancel(parent)
	wait, progress := s.saveProgress(path, job, cancel)
	reg := s.saveRegistrar(job)
	perm := job.perm
	if perm == 0 {
		perm = exportPerm
	}
	s.goBackground(func() {
		err := ctx.Err() // cancelled (or locked) before it started
		if err == nil {
			err = exportfile.Write(path, exportfile.Options{Perm: perm, Registrar: reg, Replace: true}, func(w io.Writer) error {
				if err := job.write(ctx, &saveWriter{ctx: ctx, w: w, size: job.size, progress: progress}, path); err != nil {
					return err
				}
				return ctx.Err() // cancelled after the last write: the file does not appear
			})
		}
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err() // what failed after a cancel is the cancel's doing
			}
			if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = errors.Join(err, rerr)
			}
		}
		fyne.Do(func() {
			wait.Hide() // also cancels: the work has ended
			s.saveDone(path, job, err)
		})
	})
}

// saveProgress shows the progress dialog and returns it with the function
// that moves its bar (from any goroutine; nil when the size is unknown).
func (s *Shell) saveProgress(path string, job saveJob, cancel func()) (*dialog.CustomDialog, func(float64)) {
	var bar fyne.CanvasObject = widget.NewProgressBarInfinite()
	var progress func(float64)
	if job.size > 0 {
		b := widget.NewProgressBar()
		bar = b
		progress = func(f float64) { fyne.Do(func() { b.SetValue(f) }) }
	}
	label := wrapLabel(s.cat.T("save.progress", path))
	body := widget.NewForm(widget.NewFormItem("", label), widget.NewFormItem("", bar))
	wait := dialog.NewCustom(plainTitle(job.title), s.cat.T("reg.cancel"), body, s.win)
	wait.SetOnClosed(cancel)
	wait.Resize(fyne.NewSize(480, 1))
	wait.Show()
	return wait, progress
}

// saveRegistrar is the registrar of job's temporary files.
func (s *Shell) saveRegistrar(job saveJob) exportfile.Registrar {
	if job.reg != nil {
		return job.reg
	}
	if s.sess != nil {
		return s.sess
	}
	return nil
}

// saveDone reports how saving to path ended.
func (s *Shell) saveDone(path string, job saveJob, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		s.showMessage(job.title, s.cat.T("save.cancelled", path))
	case err != nil:
		s.showMessage(s.cat.T("dialog.error"), s.cat.T("save.failed", path, errtext.Describe(s.cat, err)))
	default:
		s.showMessage(job.title, job.done(path))
	}
}

// saveWriter passes writes on until the user cancels, reporting progress
// when the size is known (at most every percent).
type saveWriter struct {
	ctx      context.Context
	w        io.Writer
	size     int64
	written  int64
	shown    int64 // percent last reported
	progress func(float64)
}

// Write writes p unless the save was cancelled.
func (sw *saveWriter) Write(p []byte) (int, error) {
	if err := sw.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := sw.w.Write(p)
	sw.written += int64(n)
	if sw.progress != nil && sw.size > 0 {
		if pct := min(100, sw.written*100/sw.size); pct > sw.shown {
			sw.shown = pct
			sw.progress(float64(pct) / 100)
		}
	}
	return n, err
}

// publishedOnReturn is the session.Output of a save job: the file appears
// when the job's write returns without error, so after the session has
// recorded what it wrote (it calls Publish just before returning).
type publishedOnReturn struct{ io.Writer }

// Publish does nothing: saveFile publishes the file.
func (publishedOnReturn) Publish() error { return nil }
