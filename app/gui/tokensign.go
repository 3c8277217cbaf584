package gui

import (
	"bytes"
	"crypto/x509"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/data/token"
	"daumoi/reports/pades"
	"daumoi/reports/pdfdoc"
)

// signingUI is what the token dialogs need of the screen that opens them:
// the shell and its way of running work off the UI thread with progress.
type signingUI struct {
	shell      *Shell
	background func(work func() error, done func())
}

// signing is the report maker's signingUI.
func (m *reportMaker) signing() signingUI { return signingUI{shell: m.shell, background: m.background} }

// newTokenForm, chooseKey and confirmSigner are the signingUI's, for the
// report maker.
func (m *reportMaker) newTokenForm() *tokenForm { return m.signing().newTokenForm() }
func (m *reportMaker) chooseKey(f *tokenForm)   { m.signing().chooseKey(f) }
func (m *reportMaker) confirmSigner(c *tokenChoice, signerName string, then func()) {
	m.signing().confirmSigner(c, signerName, then)
}

// Preferences remembering the token between runs (never the PIN).
const (
	prefPKCS11Module = "pades.module"
	prefPKCS11Token  = "pades.token"
	prefPKCS11Key    = "pades.key_label"
	prefPKCS11Chain  = "pades.chain"
)

// tokenChoice is what the signing dialog gathered about the token: which
// module, token and key, and the PIN, held only until the bundle is built.
type tokenChoice struct {
	module, label, keyLabel, chain string
	pin                            []byte
}

// tokenForm holds the signing dialog's token fields.
type tokenForm struct {
	use                                 *widget.Check
	module, label, keyLabel, chain, pin *widget.Entry
	box                                 *fyne.Container
	// toggled runs after the fields are shown or hidden (the dialog
	// resizes).
	toggled func()
}

// newTokenForm builds the "Ký số văn bản bằng chứng thư số" part of the
// signing dialog, filled from the preferences; the fields are in box only
// while the check is ticked.
func (u signingUI) newTokenForm() *tokenForm {
	cat, prefs := u.shell.cat, u.shell.app.Preferences()
	f := &tokenForm{module: widget.NewEntry(), label: widget.NewEntry(), keyLabel: widget.NewEntry(), chain: widget.NewEntry(),
		pin: widget.NewPasswordEntry()}
	f.module.SetText(prefs.String(prefPKCS11Module))
	f.module.SetPlaceHolder(cat.T("pades.module_hint"))
	f.label.SetText(prefs.String(prefPKCS11Token))
	f.keyLabel.SetText(prefs.String(prefPKCS11Key))
	f.keyLabel.SetPlaceHolder(cat.T("pades.key_hint"))
	f.chain.SetText(prefs.String(prefPKCS11Chain))
	f.chain.SetPlaceHolder(cat.T("pades.chain_hint"))
	form := widget.NewForm(widget.NewFormItem(cat.T("pades.module"), f.module), widget.NewFormItem(cat.T("pades.token"), f.label),
		widget.NewFormItem(cat.T("pades.key"), f.keyLabel), widget.NewFormItem(cat.T("pades.chain"), f.chain),
		widget.NewFormItem(cat.T("pades.pin"), f.pin))
	list := widget.NewButtonWithIcon(cat.T("pades.list_keys"), theme.SearchIcon(), func() { u.chooseKey(f) })
	fields := container.NewVBox(form, container.NewHBox(list), wrapLabel(cat.T("pades.hint")))
	f.box = container.NewVBox()
	f.use = widget.NewCheck(cat.T("pades.use"), func(on bool) {
		// Not merely hidden: the fields are out of the dialog until ticked.
		f.box.Objects = nil
		if on {
			f.box.Objects = []fyne.CanvasObject{fields}
		}
		f.box.Refresh()
		if f.toggled != nil {
			f.toggled()
		}
	})
	return f
}

// current is the choice the fields describe now, without remembering it.
func (f *tokenForm) current() *tokenChoice {
	return &tokenChoice{module: strings.TrimSpace(f.module.Text), label: strings.TrimSpace(f.label.Text),
		keyLabel: strings.TrimSpace(f.keyLabel.Text), chain: strings.TrimSpace(f.chain.Text), pin: secretBytes(f.pin)}
}

// chooseKey opens the token with the PIN typed, lists its keys with their
// certificates and puts the chosen key's label in the form.
func (u signingUI) chooseKey(f *tokenForm) {
	c := f.current()
	var keys []token.Key
	u.background(func() error {
		defer clear(c.pin)
		tk, err := token.Open(token.Config{Module: c.module, Label: c.label}, string(c.pin))
		if err != nil {
			return err
		}
		defer tk.Close()
		keys, err = tk.Keys()
		return err
	}, func() {
		cat := u.shell.cat
		var labels []string
		for _, k := range keys {
			labels = append(labels, cat.T("pades.key_choice", k.Label, k.Certificate.Subject.CommonName, pades.DisplayTime(k.Certificate.NotAfter)))
		}
		pick := widget.NewRadioGroup(labels, nil)
		d := dialog.NewCustomConfirm(plainTitle(cat.T("pades.list_keys")), cat.T("rep.continue"), cat.T("reg.cancel"), pick, func(ok bool) {
			for i, l := range labels {
				if ok && pick.Selected == l {
					f.keyLabel.SetText(keys[i].Label)
				}
			}
		}, u.shell.win)
		u.shell.showWide(d)
	})
}

// choice reads the fields and remembers all but the PIN; nil when the box
// is not ticked.
func (f *tokenForm) choice(prefs fyne.Preferences) *tokenChoice {
	if !f.use.Checked {
		return nil
	}
	c := f.current()
	f.pin.SetText("")
	prefs.SetString(prefPKCS11Module, c.module)
	prefs.SetString(prefPKCS11Token, c.label)
	prefs.SetString(prefPKCS11Key, c.keyLabel)
	prefs.SetString(prefPKCS11Chain, c.chain)
	return c
}

// open opens the chosen token and key.
func (c *tokenChoice) open() (*token.Token, token.Key, error) {
	tk, err := token.Open(token.Config{Module: c.module, Label: c.label}, string(c.pin))
	if err != nil {
		return nil, token.Key{}, err
	}
	key, err := tk.Find(c.keyLabel)
	if err != nil {
		_ = tk.Close()
		return nil, token.Key{}, err
	}
	return tk, key, nil
}

// certificate opens the token only to read the chosen key's certificate
// (for the name check before signing).
func (c *tokenChoice) certificate() (*x509.Certificate, error) {
	tk, key, err := c.open()
	if err != nil {
		return nil, err
	}
	defer tk.Close()
	return key.Certificate, nil
}

// signer is the BundleRequest.SignPDF hook: it opens the token, signs the
// report PDF with the agency's images in the signature block (none: an
// invisible signature) and closes the token.
func (c *tokenChoice) signer(images session.SignatureImages, now func() time.Time) func([]byte, pdfdoc.Layout) ([]byte, error) {
	return func(pdf []byte, l pdfdoc.Layout) ([]byte, error) {
		defer clear(c.pin)
		chain, err := c.chainCerts()
		if err != nil {
			return nil, err
		}
		tk, key, err := c.open()
		if err != nil {
			return nil, err
		}
		defer tk.Close()
		opts := pades.Options{Time: now()}
		if len(images.Signature) > 0 && l.SignaturePage > 0 {
			r := l.SignatureSpace
			opts.Appearance = &pades.Appearance{Page: l.SignaturePage, Rect: pades.Rect{LLX: r[0], LLY: r[1], URX: r[2], URY: r[3]},
				Signature: images.Signature, Seal: images.Seal}
		}
		var out bytes.Buffer
		s := pades.Signer{Key: key.Signer(), Certificate: key.Certificate, Chain: chain}
		if err := pades.Sign(pdf, &out, s, opts); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	}
}

// chainCerts reads the issuing certificates file, if one was given.
func (c *tokenChoice) chainCerts() ([]*x509.Certificate, error) {
	if c.chain == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.chain)
	if err != nil {
		return nil, err
	}
	return pades.ParseCertificates(b)
}

// confirmSigner checks, off the UI thread, that the certificate is the
// report signer's; it asks before going on when the names differ.
func (u signingUI) confirmSigner(c *tokenChoice, signerName string, then func()) {
	var cert *x509.Certificate
	u.background(func() error {
		var err error
		cert, err = c.certificate()
		return err
	}, func() {
		if pades.NameMatches(cert, signerName) {
			then()
			return
		}
		cat := u.shell.cat
		msg := wrapLabel(cat.T("pades.name_mismatch", cert.Subject.CommonName, signerName))
		d := dialog.NewCustomConfirm(cat.T("pades.name_mismatch_title"), cat.T("rep.continue"), cat.T("reg.cancel"),
			container.New(fixedWidth{width: 440}, msg), func(ok bool) {
				if ok {
					then()
				}
			}, u.shell.win)
		u.shell.showWide(d)
	})
}
