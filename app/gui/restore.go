package gui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
)

// restoreScreen restores a vault from an encrypted backup into an empty
// folder, with a user's passphrase or the recovery code.
type restoreScreen struct {
	shell *Shell

	file, dir  string
	fileLabel  *widget.Label
	dirLabel   *widget.Label
	user       *widget.Entry
	pass       *widget.Entry
	code       *widget.Entry
	method     *widget.RadioGroup
	passItem   *fyne.Container
	codeItem   *fyne.Container
	message    *widget.Label
	busy       *widget.ProgressBarInfinite
	restoreBtn *widget.Button
	working    bool
}

// showRestore shows the restore form.
func (s *Shell) showRestore() {
	cat := s.cat
	r := &restoreScreen{shell: s}
	s.restore = r
	r.fileLabel = widget.NewLabel(cat.T("restore.none"))
	r.fileLabel.Wrapping = fyne.TextWrapWord
	r.dirLabel = widget.NewLabel(cat.T("restore.none"))
	r.dirLabel.Wrapping = fyne.TextWrapWord
	r.user = widget.NewEntry()
	r.pass = widget.NewPasswordEntry()
	r.pass.OnSubmitted = func(string) { r.onRestore() }
	r.code = widget.NewEntry()
	r.code.TextStyle = fyne.TextStyle{Monospace: true}
	r.code.OnSubmitted = func(string) { r.onRestore() }
	r.passItem = container.NewVBox(widget.NewLabel(cat.T("unlock.passphrase")), r.pass)
	r.codeItem = container.NewVBox(widget.NewLabel(cat.T("unlock.recovery_code")), r.code)
	r.codeItem.Hide()
	byPass, byCode := cat.T("restore.by_passphrase"), cat.T("restore.by_recovery")
	r.method = widget.NewRadioGroup([]string{byPass, byCode}, func(v string) {
		if v == byCode {
			r.passItem.Hide()
			r.codeItem.Show()
		} else {
			r.codeItem.Hide()
			r.passItem.Show()
		}
	})
	r.method.Horizontal = true
	r.method.Required = true
	r.method.SetSelected(byPass)
	r.message = dangerLabel()
	r.busy = widget.NewProgressBarInfinite()
	r.busy.Hide()
	r.restoreBtn = widget.NewButtonWithIcon(cat.T("restore.submit"), theme.UploadIcon(), r.onRestore)
	r.restoreBtn.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon(cat.T("wizard.back"), theme.NavigateBackIcon(), s.showStart)

	pickFile := widget.NewButtonWithIcon(cat.T("restore.choose_file"), theme.FileIcon(), r.onChooseFile)
	pickDir := widget.NewButtonWithIcon(cat.T("restore.choose_folder"), theme.FolderOpenIcon(), r.onChooseFolder)
	form := widget.NewForm(
		widget.NewFormItem(cat.T("restore.file"), container.NewBorder(nil, nil, nil, pickFile, r.fileLabel)),
		widget.NewFormItem(cat.T("restore.folder"), container.NewBorder(nil, nil, nil, pickDir, r.dirLabel)),
		widget.NewFormItem(cat.T("unlock.user"), r.user),
		widget.NewFormItem("", r.method),
	)
	help := widget.NewLabel(cat.T("restore.help"))
	help.Wrapping = fyne.TextWrapWord
	s.setContent(s.lockedFrame(cat.T("start.restore"), container.NewVBox(
		help, form, r.passItem, r.codeItem, r.message, r.busy,
		container.NewBorder(nil, nil, back, r.restoreBtn),
	)))
}

func (r *restoreScreen) onChooseFile() { r.shell.chooseFile(r.setFile) }

func (r *restoreScreen) onChooseFolder() { r.shell.chooseFolder(r.setFolder) }

// setFile chooses the backup file.
func (r *restoreScreen) setFile(path string) {
	r.file = path
	r.fileLabel.SetText(path)
}

// setFolder chooses the (empty) target folder.
func (r *restoreScreen) setFolder(path string) {
	r.dir = path
	r.dirLabel.SetText(path)
}

// onRestore restores off the UI thread, then shows the restored vault's
// unlock screen.
func (r *restoreScreen) onRestore() {
	cat := r.shell.cat
	if r.working {
		return
	}
	if r.file == "" || r.dir == "" || entryText(r.user) == "" {
		setNote(r.message, cat.T("restore.missing"))
		return
	}
	cred := session.Credential{User: entryText(r.user), Passphrase: secretBytes(r.pass)}
	if r.codeItem.Visible() {
		cred = session.Credential{User: cred.User, RecoveryCode: strings.TrimSpace(r.code.Text)}
	}
	r.working = true
	setNote(r.message, "")
	r.restoreBtn.Disable()
	r.busy.Show()
	r.busy.Start()
	file, dir := r.file, r.dir
	r.shell.goBackground(func() {
		err := restoreFile(file, dir, cred)
		fyne.Do(func() { r.onRestored(dir, err) })
	})
}

func restoreFile(file, dir string, cred session.Credential) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return session.Restore(f, dir, cred)
}

func (r *restoreScreen) onRestored(dir string, err error) {
	defer func() { r.working = false }()
	r.busy.Stop()
	r.busy.Hide()
	r.restoreBtn.Enable()
	if err != nil {
		setNote(r.message, r.shell.describe(err))
		return
	}
	r.shell.useFolder(dir)
	r.shell.showMessage(r.shell.cat.T("start.restore"), r.shell.cat.T("restore.done", dir))
}
