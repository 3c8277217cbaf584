package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/assets/i18n"
)

// settingsScreen lets the user choose the interface language and appearance.
type settingsScreen struct {
	shell      *Shell
	language   *widget.RadioGroup
	appearance *widget.RadioGroup
	autoLock   *widget.Select
	languages  map[string]i18n.Lang
	looks      map[string]string
}

// newSettingsScreen builds the Settings area.
func newSettingsScreen(s *Shell) fyne.CanvasObject {
	scr := &settingsScreen{shell: s, languages: map[string]i18n.Lang{}, looks: map[string]string{}}
	scr.language = scr.makeLanguageChoice()
	scr.appearance = scr.makeAppearanceChoice()
	scr.autoLock = scr.makeAutoLockChoice()

	help := widget.NewLabel(s.cat.T("settings.language.help"))
	help.Wrapping = fyne.TextWrapWord
	help.TextStyle = fyne.TextStyle{Italic: true}
	form := widget.NewForm(
		widget.NewFormItem(s.cat.T("settings.language"), scr.language),
		widget.NewFormItem("", help),
		widget.NewFormItem(s.cat.T("settings.appearance"), scr.appearance),
		widget.NewFormItem(s.cat.T("settings.autolock"), container.NewHBox(scr.autoLock)),
	)
	keys, section := newVaultKeysSection(s)
	s.keysSection = keys
	if section == nil {
		return container.NewVBox(form)
	}
	return container.NewVBox(form, section)
}

func (scr *settingsScreen) makeLanguageChoice() *widget.RadioGroup {
	cat := scr.shell.cat
	var options []string
	for _, l := range i18n.Supported() {
		label := cat.T("settings.language." + string(l))
		scr.languages[label] = l
		options = append(options, label)
	}
	g := widget.NewRadioGroup(options, nil)
	g.Required = true
	g.SetSelected(cat.T("settings.language." + string(cat.Lang())))
	g.OnChanged = scr.onLanguageChanged
	return g
}

func (scr *settingsScreen) makeAppearanceChoice() *widget.RadioGroup {
	cat := scr.shell.cat
	var options []string
	for _, id := range []string{appearanceLight, appearanceDark, appearanceSystem} {
		label := cat.T("settings.appearance." + id)
		scr.looks[label] = id
		options = append(options, label)
	}
	g := widget.NewRadioGroup(options, nil)
	g.Required = true
	g.Horizontal = true
	g.SetSelected(cat.T("settings.appearance." + scr.shell.Appearance()))
	g.OnChanged = func(label string) {
		if id, ok := scr.looks[label]; ok {
			scr.shell.SetAppearance(id)
		}
	}
	return g
}

func (scr *settingsScreen) onLanguageChanged(label string) {
	l, ok := scr.languages[label]
	if !ok || l == scr.shell.cat.Lang() {
		return
	}
	scr.shell.SetLanguage(l)
}

// makeAutoLockChoice offers the inactivity delays after which the session
// locks.
func (scr *settingsScreen) makeAutoLockChoice() *widget.Select {
	cat := scr.shell.cat
	minutes := map[string]int{}
	var options []string
	for _, m := range autoLockChoices() {
		label := cat.T("settings.autolock.minutes", m)
		minutes[label] = m
		options = append(options, label)
	}
	sel := newSelect(cat, options, nil)
	sel.SetSelected(cat.T("settings.autolock.minutes", scr.shell.autoLockMinutes()))
	sel.OnChanged = func(label string) {
		if m, ok := minutes[label]; ok {
			scr.shell.setAutoLockMinutes(m)
		}
	}
	return sel
}
