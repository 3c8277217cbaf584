package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
	"daumoi/reports/bundle"
)

// verifyScreen checks a signed report bundle: its signature by a trusted key
// (one .pub file, or the receiving office's folder of agencies' keys), every
// file's hash, no file missing or extra. It needs no vault and writes
// nothing.
type verifyScreen struct {
	shell    *Shell
	file     *widget.Entry
	trust    *widget.Entry
	trustDir *widget.Check
	run      *widget.Button
	progress *widget.ProgressBarInfinite
	verdict  *widget.Label
	details  *widget.Label
	working  bool
}

// newVerifyScreen builds the verification tab.
func newVerifyScreen(s *Shell) fyne.CanvasObject {
	scr, content := buildVerifyScreen(s)
	_ = scr
	return content
}

func buildVerifyScreen(s *Shell) (*verifyScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &verifyScreen{shell: s}
	scr.file = widget.NewEntry()
	scr.file.SetPlaceHolder(cat.T("verify.file_hint"))
	scr.trust = widget.NewEntry()
	scr.trust.SetPlaceHolder(cat.T("verify.key_hint"))
	scr.trustDir = widget.NewCheck(cat.T("verify.trust_dir"), nil)
	pickFile := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), scr.onPickFile)
	pickKey := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), scr.onPickKey)
	scr.run = widget.NewButtonWithIcon(cat.T("verify.run"), theme.ConfirmIcon(), scr.onVerify)
	scr.run.Importance = widget.HighImportance
	scr.progress = widget.NewProgressBarInfinite()
	scr.progress.Hide()
	scr.verdict = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	scr.verdict.Wrapping = fyne.TextWrapWord
	scr.details = widget.NewLabel("")
	scr.details.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(cat.T("verify.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(cat.T("verify.file"), container.NewBorder(nil, nil, nil, pickFile, scr.file)),
		widget.NewFormItem(cat.T("verify.key"), container.NewBorder(nil, scr.trustDir, nil, pickKey, scr.trust)),
	)
	top := container.NewVBox(intro, form, container.NewHBox(scr.run), scr.progress, scr.verdict)
	return scr, container.NewBorder(top, nil, nil, nil, container.NewVScroll(scr.details))
}

func (scr *verifyScreen) onPickFile() {
	scr.shell.chooseFile(scr.file.SetText, ".zip")
}

func (scr *verifyScreen) onPickKey() {
	if scr.trustDir.Checked {
		scr.shell.chooseFolder(scr.trust.SetText)
		return
	}
	scr.shell.chooseFile(scr.trust.SetText, ".pub")
}

// onVerify runs the verification off the UI thread (large bundles take
// seconds) and shows the verdict.
func (scr *verifyScreen) onVerify() {
	file, key := strings.TrimSpace(scr.file.Text), strings.TrimSpace(scr.trust.Text)
	if file == "" || key == "" {
		scr.show(false, scr.shell.cat.T("verify.need_both"), "")
		return
	}
	scr.working = true
	scr.run.Disable()
	scr.progress.Show()
	scr.progress.Start()
	dir := scr.trustDir.Checked
	scr.shell.goBackground(func() {
		res, err := verifyBundle(file, key, dir)
		fyne.Do(func() {
			scr.progress.Stop()
			scr.progress.Hide()
			scr.run.Enable()
			scr.working = false
			if err != nil {
				scr.show(false, scr.shell.cat.T("verify.failed", scr.shell.describe(err)), "")
				return
			}
			scr.show(true, scr.shell.cat.T("verify.ok"), scr.describeResult(res))
		})
	})
}

func verifyBundle(file, key string, dir bool) (bundle.Result, error) {
	var trust bundle.Trust
	var err error
	if dir {
		trust, err = bundle.LoadTrustDir(key)
	} else {
		trust, err = bundle.LoadTrustFile(key)
	}
	if err != nil {
		return bundle.Result{}, err
	}
	return bundle.VerifyFile(file, trust)
}

func (scr *verifyScreen) show(ok bool, verdict, details string) {
	scr.verdict.Importance = widget.DangerImportance
	if ok {
		scr.verdict.Importance = widget.SuccessImportance
	}
	scr.verdict.SetText(verdict)
	scr.details.SetText(details)
}

func (scr *verifyScreen) describeResult(res bundle.Result) string {
	cat := scr.shell.cat
	lines := []string{
		cat.T("cli.verify.agency", res.Agency.Name, res.Agency.Code),
		cat.T("cli.verify.period", res.Period.From.Format(dayLayout), res.Period.To.Format(dayLayout)),
		cat.T("cli.verify.kind", bundleKindLabel(cat, res.Kind)),
		cat.T("cli.verify.signer", res.Signer.Name, res.Signer.KeyID, res.TrustedAs),
		cat.T("cli.verify.created", vnTime(res.Created)),
		cat.T("cli.verify.files", len(res.Files)),
		"",
	}
	for _, f := range res.Files {
		lines = append(lines, fmt.Sprintf("%s — %d byte — SHA-256 %s", f.Path, f.Size, f.SHA256))
	}
	return strings.Join(lines, "\n")
}

// bundleKindLabel names a kind of report bundle ("annual" → its title);
// a kind this version does not know is shown as it is.
func bundleKindLabel(cat *i18n.Catalog, kind string) string {
	if cat.Has("rep.kind." + kind) {
		return cat.T("rep.kind." + kind)
	}
	return kind
}
