package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
	"daumoi/data/registers"
	"daumoi/data/users"
)

// profileService is what the agency profile screen needs of the session.
type profileService interface {
	Profile() (registers.Profile, error)
	SaveProfile(p registers.Profile) error
}

// profileScreen edits the agency's profile: identity, owner authority,
// how its documents are signed (Nghị định 30), receiving office, focal
// points and the published incident contact.
type profileScreen struct {
	shell *Shell
	svc   profileService
	form  *widget.Form
	saved *widget.Label

	name, code, address, owner                     *widget.Entry
	officeName, officeAddress, officeMail, hotline *widget.Entry
	contactPhone, contactMail, url, checkedOn      *widget.Entry
	abbreviation, headTitle, collective            *widget.Entry
	signAs                                         *widget.Select
	focal                                          *fyne.Container
	focalRows                                      []focalRow
}

// focalRow is one focal point's four entries.
type focalRow struct{ name, position, phone, email *widget.Entry }

// newProfileScreen builds the agency profile area.
func newProfileScreen(s *Shell) fyne.CanvasObject {
	_, content := buildProfileScreen(s)
	return content
}

// buildProfileScreen builds the screen and returns it with its content.
func buildProfileScreen(s *Shell) (*profileScreen, fyne.CanvasObject) {
	scr := &profileScreen{shell: s, svc: s.sess}
	p, err := scr.svc.Profile()
	if err != nil {
		return scr, wrapLabel(s.describe(err))
	}
	scr.build(p)
	save := widget.NewButtonWithIcon(s.cat.T("reg.save"), theme.DocumentSaveIcon(), scr.onSave)
	save.Importance = widget.HighImportance
	addFocal := widget.NewButtonWithIcon(s.cat.T("profile.add_focal"), theme.ContentAddIcon(), func() { scr.addFocal(registers.FocalPoint{}) })
	if !s.me.Can(users.PermEditProfile) {
		save.Disable()
		addFocal.Disable()
	}
	scr.saved = widget.NewLabel("")
	focalTitle := widget.NewLabelWithStyle(s.cat.T("profile.focal_points"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(scr.form, focalTitle, scr.focal, addFocal, widget.NewSeparator(), newSignatureImagesPart(s, s.sess))
	return scr, container.NewBorder(nil, container.NewHBox(save, scr.saved), nil, nil, container.NewVScroll(body))
}

func (scr *profileScreen) build(p registers.Profile) {
	s := scr.shell
	entry := func(text string, v fyne.StringValidator) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.Validator = v
		return e
	}
	email := validatorOf(s, func(v string) error { _, err := registers.NormalizeEmail(v); return err })
	phone := validatorOf(s, func(v string) error { _, err := registers.NormalizePhone(v); return err })
	scr.name = entry(p.Name, requiredValidator(s))
	scr.code = entry(p.Code, nil)
	scr.address = entry(p.Address, nil)
	scr.owner = entry(p.OwnerAuthority, nil)
	scr.officeName = entry(p.ReceivingOffice.Name, nil)
	scr.officeAddress = entry(p.ReceivingOffice.Address, nil)
	scr.officeMail = entry(p.ReceivingOffice.Email, email)
	scr.hotline = entry(p.ReceivingOffice.Hotline, phone)
	scr.contactPhone = entry(p.IncidentContact.Phone, phone)
	scr.contactMail = entry(p.IncidentContact.Email, email)
	scr.url = entry(p.IncidentContact.PublishedURL, validatorOf(s, func(v string) error { _, err := registers.NormalizeURL(v); return err }))
	scr.checkedOn = entry(dayLabel(p.IncidentContact.CheckedOn), dateValidator(s))
	scr.abbreviation = entry(p.Signing.Abbreviation, nil)
	scr.abbreviation.SetPlaceHolder(s.cat.T("profile.abbreviation_hint"))
	scr.headTitle = entry(p.Signing.HeadTitle, nil)
	scr.headTitle.SetPlaceHolder(s.cat.T("profile.head_title_hint"))
	scr.collective = entry(p.Signing.CollectiveBody, nil)
	scr.collective.SetPlaceHolder(s.cat.T("profile.collective_hint"))
	scr.signAs = newSelect(s.cat, signAsLabels(s), nil)
	scr.signAs.SetSelectedIndex(signAsIndex(p.Signing.SignAs))
	cat := s.cat
	item := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(cat.T(key), w) }
	scr.form = widget.NewForm(
		item("profile.name", scr.name), item("profile.code", scr.code), item("profile.address", scr.address),
		item("profile.owner", scr.owner),
		item("profile.abbreviation", scr.abbreviation), item("profile.head_title", scr.headTitle),
		item("profile.sign_as", scr.signAs), item("profile.collective", scr.collective),
		item("profile.office_name", scr.officeName), item("profile.office_address", scr.officeAddress),
		item("profile.office_email", scr.officeMail), item("profile.office_hotline", scr.hotline),
		item("profile.contact_phone", scr.contactPhone), item("profile.contact_email", scr.contactMail),
		item("profile.contact_url", scr.url), item("profile.contact_checked", scr.checkedOn),
	)
	scr.focal = container.NewVBox(focalHeader(cat))
	for _, fp := range p.FocalPoints {
		scr.addFocal(fp)
	}
}

// focalHeader names the columns of the focal points' rows (the entries'
// hints vanish once they are filled).
func focalHeader(cat *i18n.Catalog) fyne.CanvasObject {
	grid := container.NewGridWithColumns(4)
	for _, key := range []string{"profile.focal_name", "profile.focal_position", "profile.focal_phone", "profile.focal_email"} {
		grid.Add(widget.NewLabelWithStyle(cat.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	return grid
}

func (scr *profileScreen) addFocal(fp registers.FocalPoint) {
	cat := scr.shell.cat
	row := focalRow{name: widget.NewEntry(), position: widget.NewEntry(), phone: widget.NewEntry(), email: widget.NewEntry()}
	row.name.SetPlaceHolder(cat.T("profile.focal_name"))
	row.position.SetPlaceHolder(cat.T("profile.focal_position"))
	row.phone.SetPlaceHolder(cat.T("profile.focal_phone"))
	row.email.SetPlaceHolder(cat.T("profile.focal_email"))
	row.name.SetText(fp.Name)
	row.position.SetText(fp.Position)
	row.phone.SetText(fp.Phone)
	row.email.SetText(fp.Email)
	scr.focalRows = append(scr.focalRows, row)
	scr.focal.Add(container.NewGridWithColumns(4, row.name, row.position, row.phone, row.email))
}

func (scr *profileScreen) collect() registers.Profile {
	p := registers.Profile{
		Name: entryText(scr.name), Code: entryText(scr.code), Address: entryText(scr.address), OwnerAuthority: entryText(scr.owner),
		Signing: registers.Signing{Abbreviation: entryText(scr.abbreviation), HeadTitle: entryText(scr.headTitle),
			CollectiveBody: entryText(scr.collective), SignAs: registers.SignAsValues()[max(scr.signAs.SelectedIndex(), 0)]},
		ReceivingOffice: registers.ReceivingOffice{Name: entryText(scr.officeName), Address: entryText(scr.officeAddress),
			Email: entryText(scr.officeMail), Hotline: entryText(scr.hotline)},
		IncidentContact: registers.IncidentContact{Phone: entryText(scr.contactPhone), Email: entryText(scr.contactMail),
			PublishedURL: entryText(scr.url), CheckedOn: entryText(scr.checkedOn)},
	}
	for _, r := range scr.focalRows {
		fp := registers.FocalPoint{Name: entryText(r.name), Position: entryText(r.position), Phone: entryText(r.phone), Email: entryText(r.email)}
		if fp != (registers.FocalPoint{}) {
			p.FocalPoints = append(p.FocalPoints, fp)
		}
	}
	return p
}

func (scr *profileScreen) onSave() {
	if err := scr.form.Validate(); err != nil {
		return
	}
	p := scr.collect()
	if stored, err := scr.svc.Profile(); err == nil {
		p.Signing.Place = stored.Signing.Place // not on this form: kept
	}
	if err := scr.svc.SaveProfile(p); err != nil {
		scr.shell.showError(err)
		return
	}
	scr.saved.SetText(scr.shell.cat.T("profile.saved"))
}

// signAsLabels are the ways of signing as the select shows them, in
// registers.SignAsValues order.
func signAsLabels(s *Shell) []string {
	var out []string
	for _, a := range registers.SignAsValues() {
		out = append(out, s.cat.T("profile.sign_as."+string(a)))
	}
	return out
}

// signAsIndex is the position of a among registers.SignAsValues; unset
// counts as the head signing.
func signAsIndex(a registers.SignAs) int {
	for i, v := range registers.SignAsValues() {
		if v == a {
			return i
		}
	}
	return 0
}
