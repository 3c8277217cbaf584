package gui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/textnorm"
	"daumoi/data/users"
)

// newPassphraseField is a new-passphrase entry with its confirmation, a
// strength meter (users.Strength: a bar and the words "Rất yếu" … "Mạnh")
// and the minimum rule, for the wizard, adding users and changing a
// passphrase.
type newPassphraseField struct {
	cat     func(key string, args ...any) string
	entry   *widget.Entry
	confirm *widget.Entry
	meter   *widget.ProgressBar
	word    *widget.Label
	rule    *widget.Label
	problem *widget.Label
}

func (s *Shell) newPassphraseField() *newPassphraseField {
	f := &newPassphraseField{cat: s.cat.T}
	f.entry = widget.NewPasswordEntry()
	f.entry.SetPlaceHolder(s.cat.T("pass.placeholder"))
	f.confirm = widget.NewPasswordEntry()
	f.confirm.SetPlaceHolder(s.cat.T("pass.confirm.placeholder"))
	f.meter = widget.NewProgressBar()
	f.meter.Max = 4
	f.meter.TextFormatter = func() string { return "" }
	f.word = widget.NewLabel(s.cat.T("pass.strength.0"))
	f.rule = widget.NewLabel(s.cat.T("pass.rule", users.MinPassphraseRunes))
	f.rule.Wrapping = fyne.TextWrapWord
	f.rule.SizeName = theme.SizeNameCaptionText
	f.problem = dangerLabel()
	f.entry.OnChanged = f.onChanged
	return f
}

// items returns the form items: passphrase, meter, rule, confirmation.
func (f *newPassphraseField) items() []*widget.FormItem {
	meter := container.NewBorder(nil, nil, nil, f.word, f.meter)
	return []*widget.FormItem{
		widget.NewFormItem(f.cat("pass.label"), f.entry),
		widget.NewFormItem(f.cat("pass.strength"), meter),
		widget.NewFormItem("", f.rule),
		widget.NewFormItem(f.cat("pass.confirm"), f.confirm),
		widget.NewFormItem("", f.problem),
	}
}

// onChanged updates the meter as the user types.
func (f *newPassphraseField) onChanged(text string) {
	n := users.Strength(textnorm.NFC(text))
	f.meter.SetValue(float64(n))
	f.word.SetText(f.cat("pass.strength." + string(rune('0'+n))))
	setNote(f.problem, "")
}

// errMismatch says the two entries differ.
var errMismatch = errors.New("gui: the two passphrases differ")

// value checks the rule and the confirmation and returns the passphrase in
// NFC. On failure it shows why under the fields and returns the error.
func (f *newPassphraseField) value() ([]byte, error) {
	pass := secretBytes(f.entry)
	if err := users.CheckPassphrase(pass); err != nil {
		setNote(f.problem, sentence(f.cat("err.weak_passphrase")))
		return nil, err
	}
	if string(pass) != textnorm.NFC(f.confirm.Text) {
		setNote(f.problem, f.cat("pass.mismatch"))
		return nil, errMismatch
	}
	setNote(f.problem, "")
	return pass, nil
}

// clear empties both entries.
func (f *newPassphraseField) clear() {
	f.entry.SetText("")
	f.confirm.SetText("")
}
