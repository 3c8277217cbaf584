package gui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/users"
)

// askSigningPassphrase asks for the signing key's passphrase (twice when
// creating a key) and calls then with it.
func (s *Shell) askSigningPassphrase(title string, confirm bool, then func([]byte)) {
	cat := s.cat
	pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(cat.T("rep.signing_pass"), pass)}
	if confirm {
		items = append(items, widget.NewFormItem(cat.T("rep.signing_pass_again"), again))
	}
	items = append(items, widget.NewFormItem("", wrapLabel(cat.T("rep.signing_pass_hint"))))
	s.showWide(dialog.NewForm(plainTitle(title), cat.T("rep.continue"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if confirm && pass.Text != again.Text {
			s.showMessage(title, cat.T("rep.pass_mismatch"))
			return
		}
		then(secretBytes(pass))
	}, s.win))
}

// officeKeyRow is the office head's signing key, which signs receipts:
// what it is (its fingerprint, read out to the agencies that register it),
// and buttons to create it and to export its public half.
type officeKeyRow struct {
	shell *Shell
	info  *widget.Label
	view  fyne.CanvasObject
}

// newOfficeKeyRow builds the row.
func newOfficeKeyRow(s *Shell) *officeKeyRow {
	cat := s.cat
	r := &officeKeyRow{shell: s, info: wrapLabel("")}
	create := widget.NewButtonWithIcon(cat.T("rep.key_create"), theme.ContentAddIcon(), r.onCreate)
	export := widget.NewButtonWithIcon(cat.T("rep.key_export"), theme.DownloadIcon(), r.onExport)
	if !s.me.Can(users.PermOfficeSign) {
		create.Disable()
		export.Disable()
	}
	r.view = container.NewBorder(nil, nil, nil, container.NewHBox(create, export), r.info)
	r.refresh()
	return r
}

// refresh shows the current key.
func (r *officeKeyRow) refresh() {
	s := r.shell
	if !s.me.Can(users.PermOfficeSign) {
		r.info.SetText(s.cat.T("office.key.heads"))
		return
	}
	k, err := s.sess.SigningKey(s.me.Name)
	if err != nil {
		r.info.SetText(s.cat.T("office.key.none"))
		return
	}
	r.info.SetText(s.cat.T("office.key.info", k.KeyID, k.Fingerprint.SHA256))
}

// onCreate creates the head's key pair off the UI thread.
func (r *officeKeyRow) onCreate() {
	s := r.shell
	s.askSigningPassphrase(s.cat.T("rep.key_create"), true, func(pass []byte) {
		sess := s.sess
		busy := dialog.NewCustomWithoutButtons(s.cat.T("office.key.creating"), widget.NewProgressBarInfinite(), s.win)
		busy.Show()
		s.goBackground(func() {
			_, err := sess.CreateSigningKey(pass)
			fyne.Do(func() {
				busy.Hide()
				if err != nil {
					s.showError(err)
				}
				r.refresh()
			})
		})
	})
}

// onExport saves the public key for the agencies to register.
func (r *officeKeyRow) onExport() {
	s := r.shell
	k, err := s.sess.SigningKey(s.me.Name)
	if err != nil {
		s.showError(err)
		return
	}
	text, err := k.PublicKey.MarshalText()
	if err != nil {
		s.showError(err)
		return
	}
	s.saveFile(saveJob{
		title: s.cat.T("rep.key_export"), name: "co-quan-tiep-nhan.pub", perm: publicKeyPerm,
		write: func(_ context.Context, w io.Writer, _ string) error {
			_, err := w.Write(text)
			return err
		},
		done: func(path string) string { return s.cat.T("rep.key_exported", path, k.Fingerprint.SHA256) },
	})
}
