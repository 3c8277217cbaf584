package gui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/users"
)

// intakeScreen receives report bundles: files or folders chosen or
// dropped on the window, verified and stored one by one off the UI thread,
// with a progress bar and one line of outcome per file.
type intakeScreen struct {
	shell    *Shell
	status   *widget.Label
	summary  *widget.Label
	bar      *widget.ProgressBar
	cancel   *widget.Button
	pickFile *widget.Button
	pickDir  *widget.Button
	receipts *widget.Button // the receipts of the bundles just stored (the head)
	list     *listTable[session.IntakeResult]
	results  []session.IntakeResult
	stop     context.CancelFunc // the running batch, nil when idle
	names    map[string]string  // agency code → name
}

// newIntakeScreen builds the "Tiếp nhận hồ sơ" area.
func newIntakeScreen(s *Shell) fyne.CanvasObject {
	_, content := buildIntakeScreen(s)
	return content
}

// buildIntakeScreen builds the screen and returns it for the tests.
func buildIntakeScreen(s *Shell) (*intakeScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &intakeScreen{shell: s, names: map[string]string{}}
	scr.status = widget.NewLabel(cat.T("office.intake.hint"))
	scr.status.Wrapping = fyne.TextWrapWord
	scr.summary = widget.NewLabel("")
	scr.summary.Wrapping = fyne.TextWrapWord
	scr.bar = widget.NewProgressBar()
	scr.bar.Hide()
	scr.cancel = widget.NewButtonWithIcon(cat.T("reg.cancel"), theme.CancelIcon(), scr.onCancel)
	scr.cancel.Hide()
	scr.pickFile = widget.NewButtonWithIcon(cat.T("office.intake.pick_file"), theme.FileIcon(), scr.onPickFile)
	scr.pickFile.Importance = widget.HighImportance
	scr.pickDir = widget.NewButtonWithIcon(cat.T("office.intake.pick_dir"), theme.FolderOpenIcon(), scr.onPickDir)
	scr.receipts = widget.NewButtonWithIcon(cat.T("office.intake.receipts"), theme.MailSendIcon(), scr.onReceipts)
	scr.receipts.Hide()
	if !s.me.Can(users.PermReceive) {
		scr.pickFile.Disable()
		scr.pickDir.Disable()
		scr.status.SetText(cat.T("office.intake.not_permitted"))
	}
	scr.list = newListTable(scr.columns(), cat.T("office.intake.empty"), scr.onOpen)
	scr.list.withDetail()
	scr.list.style = dangerWhen(func(r session.IntakeResult) bool { return r.Outcome == session.IntakeRefused })
	s.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { scr.onDropped(uris) })
	buttons := container.NewHBox(scr.pickFile, scr.pickDir)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, buttons, scr.status),
		container.NewBorder(nil, nil, nil, scr.cancel, scr.bar), container.NewBorder(nil, nil, nil, scr.receipts, scr.summary))
	return scr, container.NewBorder(top, nil, nil, nil, scr.list.view)
}

// columns are the outcome list's columns.
func (scr *intakeScreen) columns() []listColumn[session.IntakeResult] {
	cat := scr.shell.cat
	return []listColumn[session.IntakeResult]{
		{title: cat.T("office.intake.col.file"), width: 260, text: func(r session.IntakeResult) string { return r.FileName }},
		{title: cat.T("office.intake.col.outcome"), width: 420, text: scr.outcomeText},
		{title: cat.T("office.col.agency"), width: 240, text: func(r session.IntakeResult) string { return scr.agencyOf(r) }},
		{title: cat.T("office.col.kind"), width: 180, text: func(r session.IntakeResult) string {
			if r.Bundle.ID == 0 {
				return ""
			}
			return bundleKindLabel(cat, r.Bundle.Kind)
		}},
		{title: cat.T("office.col.period"), width: 190, text: func(r session.IntakeResult) string {
			if r.Bundle.ID == 0 {
				return ""
			}
			return periodText(r.Bundle.From, r.Bundle.To)
		}},
	}
}

// agencyOf names the agency of a stored result.
func (scr *intakeScreen) agencyOf(r session.IntakeResult) string {
	if r.Bundle.ID == 0 {
		return ""
	}
	if n := scr.names[r.Bundle.AgencyCode]; n != "" {
		return n
	}
	return r.Bundle.AgencyCode
}

// outcomeText says in words what became of a file.
func (scr *intakeScreen) outcomeText(r session.IntakeResult) string {
	cat := scr.shell.cat
	switch r.Outcome {
	case session.IntakeAccepted:
		return cat.T("office.intake.accepted", r.Bundle.ID)
	case session.IntakeDuplicate:
		return cat.T("office.intake.duplicate", r.Bundle.ID)
	case session.IntakeSuperseded:
		return cat.T("office.intake.superseded", r.Bundle.ID, r.Supersedes)
	}
	return cat.T("office.intake.refused", scr.shell.describe(r.Reason))
}

// onPickFile asks for one bundle file.
func (scr *intakeScreen) onPickFile() {
	scr.shell.chooseFile(func(p string) { scr.receive([]string{p}) })
}

// onPickDir asks for a folder of bundles.
func (scr *intakeScreen) onPickDir() {
	scr.shell.chooseFolder(func(p string) { scr.receive([]string{p}) })
}

// onDropped receives the files and folders dropped on the window while
// this area is shown.
func (scr *intakeScreen) onDropped(uris []fyne.URI) {
	s := scr.shell
	if !s.Unlocked() || !s.me.Can(users.PermReceive) || s.CurrentArea() != areaIntake {
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		scr.receive(paths)
	}
}

// receive runs a batch off the UI thread; the returned channel is closed
// once the screen shows its outcome.
func (scr *intakeScreen) receive(paths []string) <-chan struct{} {
	done := make(chan struct{})
	if scr.stop != nil {
		close(done)
		return done
	}
	ctx, cancel := context.WithCancel(context.Background())
	scr.setBusy(cancel)
	scr.results = nil
	scr.list.setRows(nil)
	scr.receipts.Hide()
	sess := scr.shell.sess
	scr.shell.goBackground(func() {
		_, err := sess.IntakeFiles(ctx, paths, func(i, n int, r session.IntakeResult) {
			fyne.Do(func() { scr.add(i, n, r) })
		})
		fyne.Do(func() {
			defer close(done)
			scr.finish(err)
		})
	})
	return done
}

// setBusy shows or hides the progress of a running batch.
func (scr *intakeScreen) setBusy(cancel context.CancelFunc) {
	scr.stop = cancel
	if cancel != nil {
		scr.bar.SetValue(0)
		scr.bar.Show()
		scr.cancel.Show()
		scr.pickFile.Disable()
		scr.pickDir.Disable()
		scr.status.SetText(scr.shell.cat.T("office.intake.running"))
		return
	}
	scr.bar.Hide()
	scr.cancel.Hide()
	scr.pickFile.Enable()
	scr.pickDir.Enable()
}

// add shows one more outcome.
func (scr *intakeScreen) add(i, n int, r session.IntakeResult) {
	if r.Bundle.AgencyCode != "" && scr.names[r.Bundle.AgencyCode] == "" {
		if a, _, err := scr.shell.sess.Agency(r.Bundle.AgencyCode); err == nil {
			scr.names[a.Code] = a.Name
		}
	}
	scr.results = append(scr.results, r)
	scr.list.setRows(scr.results)
	scr.bar.SetValue(float64(i+1) / float64(max(n, 1)))
	scr.status.SetText(scr.shell.cat.T("office.intake.progress", i+1, n, filepath.Base(r.FileName)))
}

// finish ends a batch with its counts.
func (scr *intakeScreen) finish(err error) {
	cat := scr.shell.cat
	scr.setBusy(nil)
	counts := map[session.IntakeOutcome]int{}
	for _, r := range scr.results {
		counts[r.Outcome]++
	}
	scr.summary.SetText(cat.T("office.intake.summary", len(scr.results), counts[session.IntakeAccepted],
		counts[session.IntakeSuperseded], counts[session.IntakeDuplicate], counts[session.IntakeRefused]))
	switch {
	case errors.Is(err, context.Canceled):
		scr.status.SetText(cat.T("office.intake.cancelled"))
	case err != nil:
		scr.status.SetText(cat.T("office.intake.hint"))
		scr.shell.showError(err)
	default:
		scr.status.SetText(cat.T("office.intake.done"))
	}
	if len(scr.stored()) > 0 && scr.shell.me.Can(users.PermOfficeSign) {
		scr.receipts.Show()
	}
}

// stored are the results of the batch that stored a bundle (accepted or
// a correction): those that get a receipt.
func (scr *intakeScreen) stored() []session.IntakeResult {
	var out []session.IntakeResult
	for _, r := range scr.results {
		if r.Outcome == session.IntakeAccepted || r.Outcome == session.IntakeSuperseded {
			out = append(out, r)
		}
	}
	return out
}

// onReceipts signs the receipts of the bundles just stored with one
// passphrase and writes them (with their signatures) into a folder.
func (scr *intakeScreen) onReceipts() {
	s := scr.shell
	s.askSigningPassphrase(s.cat.T("office.intake.receipts_title"), false, func(pass []byte) {
		s.chooseFolder(func(dir string) { scr.writeReceipts(dir, pass) })
	})
}

// writeReceipts issues and writes the receipts off the UI thread; the
// returned channel is closed once the outcome is shown.
func (scr *intakeScreen) writeReceipts(dir string, pass []byte) <-chan struct{} {
	s := scr.shell
	done := make(chan struct{})
	stored := scr.stored()
	ids := make([]int64, len(stored))
	for i, r := range stored {
		ids[i] = r.Bundle.ID
	}
	sess := s.sess
	scr.bar.SetValue(0)
	scr.bar.Show()
	s.goBackground(func() {
		written := 0
		err := sess.IssueReceipts(ids, pass, func(i int, got session.IssuedReceipt, err error) error {
			if err == nil {
				err = writeReceiptFiles(sess, filepath.Join(dir, receiptFileName(got)), got)
			}
			if err == nil {
				written++
			}
			fyne.Do(func() { scr.bar.SetValue(float64(i+1) / float64(len(ids))) })
			return err
		})
		fyne.Do(func() {
			defer close(done)
			scr.bar.Hide()
			if err != nil {
				s.showError(err)
			}
			if written > 0 {
				s.showMessage(s.cat.T("office.intake.receipts_title"), s.cat.T("office.intake.receipts_done", written, dir))
			}
		})
	})
	return done
}

// onCancel stops the batch after the bundle being received (which is
// received whole or not at all).
func (scr *intakeScreen) onCancel() {
	if scr.stop != nil {
		scr.stop()
	}
}

// onOpen opens a stored bundle of the list in the viewer.
func (scr *intakeScreen) onOpen(r session.IntakeResult) {
	if r.Bundle.ID != 0 {
		scr.shell.showBundleView(r.Bundle.ID)
	}
}

// The office's own areas (see makeAreas).
const (
	areaProvince = "province"
	areaIntake   = "intake"
	areaReceived = "received"
)
