// Package i18n holds the application's translations (vi.json, en.json) and
// looks messages up in them.
//
// Vietnamese is the default language whatever the operating system says;
// English is selectable. Both files also carry Vietnamese and English strings
// for Fyne's own widget and dialog keys ("Cancel", "Save", …), since Fyne ships
// no Vietnamese; the GUI hands them to Fyne at start-up. A test fails when a
// key exists in one language and not in the other.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

// Lang is a supported interface language.
type Lang string

// The supported languages. Vietnamese is the default.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// Default is the language used when nothing else is chosen.
const Default = Vietnamese

// Supported lists the interface languages in the order offered to users.
func Supported() []Lang { return []Lang{Vietnamese, English} }

// ParseLang maps a user or environment value ("vi", "en", "en_US.UTF-8",
// "EN") to a supported language. Anything else yields [Default] and false.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "vi" || strings.HasPrefix(s, "vi_") || strings.HasPrefix(s, "vi-"):
		return Vietnamese, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-"):
		return English, true
	}
	return Default, false
}

//go:embed vi.json en.json
var files embed.FS

// Raw returns the embedded translation file of lang, in the flat
// key → string JSON form that Fyne's lang package also reads.
func Raw(lang Lang) ([]byte, error) {
	b, err := files.ReadFile(string(lang) + ".json")
	if err != nil {
		return nil, fmt.Errorf("i18n: no translation file for %q: %w", lang, err)
	}
	return b, nil
}

// Catalog is the set of messages of one language. It is read-only once
// loaded and safe for concurrent use.
type Catalog struct {
	lang     Lang
	messages map[string]string
}

// Load reads the embedded catalogue of lang.
func Load(lang Lang) (*Catalog, error) {
	raw, err := Raw(lang)
	if err != nil {
		return nil, err
	}
	messages := map[string]string{}
	if err := json.Unmarshal(raw, &messages); err != nil {
		return nil, fmt.Errorf("i18n: %s.json: %w", lang, err)
	}
	return &Catalog{lang: lang, messages: messages}, nil
}

// MustLoad is [Load] for the embedded catalogues, which are checked by tests;
// it panics only if the binary was built without them.
func MustLoad(lang Lang) *Catalog {
	c, err := Load(lang)
	if err != nil {
		panic(err)
	}
	return c
}

// Lang returns the catalogue's language.
func (c *Catalog) Lang() Lang { return c.lang }

// T returns the message for key, formatted with args as by fmt.Sprintf when
// args are given. A missing key returns the key itself, so that a gap is
// visible rather than blank.
func (c *Catalog) T(key string, args ...any) string {
	msg, ok := c.messages[key]
	if !ok {
		msg = key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether the catalogue defines key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.messages[key]
	return ok
}

// Keys returns every key of the catalogue, in no particular order.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.messages))
	for k := range c.messages {
		keys = append(keys, k)
	}
	return keys
}
