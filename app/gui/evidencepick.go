package gui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/users"
)

// evidenceAdder is what the evidence picker needs of the session: the
// library to choose from and the way to add a file to it.
type evidenceAdder interface {
	ListEvidence() ([]session.Evidence, error)
	AddEvidence(ctx context.Context, r io.Reader, meta session.EvidenceMeta, progress func(int64)) (session.Evidence, error)
}

// addEvidenceFile encrypts the regular file at path into the vault under
// its base name; progress, if set, gets the fraction done (off the UI
// thread). The import is whole or nothing.
func addEvidenceFile(ctx context.Context, svc evidenceAdder, path string, progress func(float64)) (session.Evidence, error) {
	f, err := os.Open(path)
	if err != nil {
		return session.Evidence{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return session.Evidence{}, err
	}
	if !st.Mode().IsRegular() {
		return session.Evidence{}, &os.PathError{Op: "read", Path: path, Err: os.ErrInvalid}
	}
	total := float64(max(1, st.Size()))
	var report func(int64)
	if progress != nil {
		report = func(done int64) { progress(float64(done) / total) }
	}
	return svc.AddEvidence(ctx, f, session.EvidenceMeta{FileName: filepath.Base(path)}, report)
}

// evidencePicker chooses the file a record rests on: a file already in the
// evidence library, or a new one added from disk right there (encrypted
// into the vault off the UI thread, with a progress bar and a cancel
// button). It is a form widget: while a file is being encrypted it reports
// a validation error, so a form dialog holding it keeps Save disabled.
type evidencePicker struct {
	widget.BaseWidget
	shell    *Shell
	svc      evidenceAdder
	files    []session.Evidence // the library, in the order of the options after "none"
	sel      *widget.Select
	add      *widget.Button
	stop     *widget.Button
	bar      *widget.ProgressBar
	status   *widget.Label
	content  fyne.CanvasObject
	cancel   context.CancelFunc // set while a file is being added
	onChange func(error)
	// busyErr is the validation error while a file is being encrypted, in
	// the user's language: the form shows it under the picker.
	busyErr error
	// view is the picker as placed in a form or a dialog.
	view fyne.CanvasObject
}

// newEvidencePicker lists the evidence library with currentID selected
// ("" selects "none").
func newEvidencePicker(s *Shell, svc evidenceAdder, currentID string) *evidencePicker {
	cat := s.cat
	p := &evidencePicker{shell: s, svc: svc, bar: widget.NewProgressBar(), status: widget.NewLabel(""), busyErr: errors.New(cat.T("evpick.busy"))}
	p.sel = newSelect(cat, nil, nil)
	p.add = widget.NewButtonWithIcon(cat.T("evpick.add"), theme.ContentAddIcon(), p.onAdd)
	p.stop = widget.NewButtonWithIcon("", theme.CancelIcon(), p.onCancel)
	if !s.me.Can(users.PermAddEvidence) {
		p.add.Disable()
	}
	p.status.Truncation = fyne.TextTruncateEllipsis
	p.bar.Hide()
	p.stop.Hide()
	p.status.Hide()
	p.reload(currentID)
	p.content = container.NewVBox(container.NewBorder(nil, nil, nil, p.add, p.sel),
		container.NewBorder(nil, nil, nil, p.stop, p.bar), p.status)
	p.ExtendBaseWidget(p)
	p.view = p
	return p
}

// CreateRenderer draws the choice, the add button and the progress.
func (p *evidencePicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// Validate reports an error while a file is being encrypted.
func (p *evidencePicker) Validate() error {
	if p.cancel != nil {
		return p.busyErr
	}
	return nil
}

// SetOnValidationChanged is called by the form holding the picker.
func (p *evidencePicker) SetOnValidationChanged(f func(error)) { p.onChange = f }

// reload lists the library again and selects id ("" selects "none").
func (p *evidencePicker) reload(id string) {
	files, err := p.svc.ListEvidence()
	if err != nil {
		p.shell.showError(err)
	}
	p.files = files
	options := []string{p.shell.cat.T("evpick.none")}
	seen := map[string]bool{}
	selected := 0
	for i, e := range files {
		label := evidenceLabel(e)
		if seen[label] { // two files of the same title and name: tell them apart
			label += " · " + e.AddedAt.Format("02/01/2006 15:04:05") + " · " + e.ID[:min(8, len(e.ID))]
		}
		seen[label] = true
		options = append(options, label)
		if e.ID == id {
			selected = i + 1
		}
	}
	p.sel.SetOptions(options)
	p.sel.SetSelectedIndex(selected)
}

// evidenceLabel names a file as "title — file name" (the title alone
// when they are the same).
func evidenceLabel(e session.Evidence) string {
	if e.Title == e.FileName || e.FileName == "" {
		return e.Title
	}
	return e.Title + " — " + e.FileName
}

// chosen is the id of the chosen file, "" for none.
func (p *evidencePicker) chosen() string {
	i := p.sel.SelectedIndex() - 1
	if i < 0 || i >= len(p.files) {
		return ""
	}
	return p.files[i].ID
}

// onAdd asks for a file on disk and adds it.
func (p *evidencePicker) onAdd() {
	p.shell.chooseFile(func(path string) { p.addFile(path) })
}

// addFile encrypts the file at path into the vault off the UI thread;
// once done the library is listed again with the new file chosen. The
// returned channel is closed when the picker has been updated.
func (p *evidencePicker) addFile(path string) <-chan struct{} {
	done := make(chan struct{})
	if p.cancel != nil {
		close(done)
		return done
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.setBusy(cancel, filepath.Base(path))
	p.shell.goBackground(func() {
		e, err := addEvidenceFile(ctx, p.svc, path, func(f float64) { fyne.Do(func() { p.bar.SetValue(f) }) })
		fyne.Do(func() {
			defer close(done)
			current := p.chosen()
			p.setBusy(nil, "")
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				p.shell.showError(err)
			default:
				current = e.ID
			}
			p.reload(current)
		})
	})
	return done
}

// onCancel stops the file being added; nothing is stored.
func (p *evidencePicker) onCancel() {
	if p.cancel != nil {
		p.cancel()
	}
}

// setBusy shows or hides the progress of an addition and tells the form.
func (p *evidencePicker) setBusy(cancel context.CancelFunc, name string) {
	if p.cancel != nil {
		p.cancel()
	}
	p.cancel = cancel
	busy := cancel != nil
	for _, o := range []fyne.CanvasObject{p.bar, p.stop, p.status} {
		if busy {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if busy {
		p.bar.SetValue(0)
		p.status.SetText(p.shell.cat.T("ev.importing", name))
		p.sel.Disable()
		p.add.Disable()
	} else {
		p.sel.Enable()
		if p.shell.me.Can(users.PermAddEvidence) {
			p.add.Enable()
		}
	}
	p.Refresh()
	if p.onChange != nil {
		p.onChange(p.Validate())
	}
}
