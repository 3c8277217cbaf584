package gui

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
)

// editOfficeIdentity opens the form of the office's identity on its
// reports (the vault's profile): name, code, parent authority, the
// abbreviation of the symbol, the head's title, the way of signing and
// the place of the date line. Saving replaces those fields and keeps the
// rest of the profile; then runs after it is saved.
func (s *Shell) editOfficeIdentity(then func()) {
	cat := s.cat
	p, err := s.sess.Profile()
	if err != nil {
		s.showError(err)
		return
	}
	entry := func(v string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		return e
	}
	name, code, owner := entry(p.Name), entry(p.Code), entry(p.OwnerAuthority)
	abbr, title, place := entry(p.Signing.Abbreviation), entry(p.Signing.HeadTitle), entry(p.Signing.Place)
	place.SetPlaceHolder("Vĩnh Long")
	signAs := newSelect(cat, signAsLabels(s), nil)
	signAs.SetSelectedIndex(signAsIndex(p.Signing.SignAs))
	items := []*widget.FormItem{
		widget.NewFormItem(cat.T("prov.id.name"), name), widget.NewFormItem(cat.T("prov.id.code"), code),
		widget.NewFormItem(cat.T("prov.id.owner"), owner), widget.NewFormItem(cat.T("prov.id.abbreviation"), abbr),
		widget.NewFormItem(cat.T("prov.id.head_title"), title), widget.NewFormItem(cat.T("prov.id.sign_as"), signAs),
		widget.NewFormItem(cat.T("prov.id.place"), place),
	}
	s.showWide(dialog.NewForm(cat.T("prov.identity_title"), cat.T("prov.id.save"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		p.Name, p.Code, p.OwnerAuthority = name.Text, code.Text, owner.Text
		p.Signing.Abbreviation, p.Signing.HeadTitle, p.Signing.Place = abbr.Text, title.Text, place.Text
		if i := signAs.SelectedIndex(); i >= 0 {
			p.Signing.SignAs = registers.SignAsValues()[i]
		}
		if err := s.sess.SaveProfile(p); err != nil {
			s.showError(err)
			return
		}
		then()
	}, s.win))
}
