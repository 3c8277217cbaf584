package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"daumoi/assets/i18n"
)

// fyneLocales are the locales Fyne 2.7 ships translations for, plus
// Vietnamese. Fyne chooses among them by the operating system's locale, so the
// chosen catalogue is registered under each of them: whatever the OS says,
// Fyne's own dialogs then speak the language the user chose.
func fyneLocales() []fyne.Locale {
	return []fyne.Locale{
		"vi", "en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
	}
}

// applyLanguage loads the catalogue of l and makes Fyne use it for its own
// strings. It returns the catalogue for the application's strings.
func applyLanguage(l i18n.Lang) (*i18n.Catalog, error) {
	cat, err := i18n.Load(l)
	if err != nil {
		return nil, err
	}
	raw, err := i18n.Raw(l)
	if err != nil {
		return nil, err
	}
	for _, loc := range fyneLocales() {
		if err := lang.AddTranslationsForLocale(raw, loc); err != nil {
			return nil, fmt.Errorf("giving Fyne the %s strings for %s: %w", l, loc, err)
		}
	}
	return cat, nil
}
