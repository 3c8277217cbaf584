// Package fonts embeds the TrueType fonts the application prints with.
//
// The only family is Liberation Serif 2.1.5 (SIL OFL 1.1, from the Debian
// package fonts-liberation2), metrically compatible with Times New Roman as
// Nghị định 30/2020/NĐ-CP requires and covering every Vietnamese letter. See
// README.md and LICENSE-OFL-1.1.txt in this folder.
package fonts

import (
	"embed"
	"errors"
	"fmt"
)

// SerifFamily is the family name of the embedded serif font.
const SerifFamily = "Liberation Serif"

// ErrUnknownStyle is returned for a [Style] outside the four defined ones.
var ErrUnknownStyle = errors.New("fonts: unknown font style")

// Style selects one of the four faces of a family.
type Style int

// The four faces of the serif family.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// Styles lists every defined style, in declaration order.
func Styles() []Style {
	return []Style{Regular, Bold, Italic, BoldItalic}
}

// String returns the style's English name ("Regular", "Bold", ...).
func (s Style) String() string {
	switch s {
	case Regular:
		return "Regular"
	case Bold:
		return "Bold"
	case Italic:
		return "Italic"
	case BoldItalic:
		return "BoldItalic"
	}
	return fmt.Sprintf("Style(%d)", int(s))
}

//go:embed LiberationSerif-Regular.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf LiberationSerif-BoldItalic.ttf LICENSE-OFL-1.1.txt
var files embed.FS

// Serif returns a fresh copy of the TrueType file of the serif face in style
// s, or ErrUnknownStyle.
func Serif(s Style) ([]byte, error) {
	switch s {
	case Regular, Bold, Italic, BoldItalic:
	default:
		return nil, fmt.Errorf("%w: %d", ErrUnknownStyle, int(s))
	}
	data, err := files.ReadFile("LiberationSerif-" + s.String() + ".ttf")
	if err != nil {
		return nil, fmt.Errorf("fonts: reading embedded %s: %w", s, err)
	}
	return data, nil
}

// License returns the text of the SIL Open Font License 1.1 with the fonts'
// copyright notice, to show in the application's "about" page.
func License() string {
	data, err := files.ReadFile("LICENSE-OFL-1.1.txt")
	if err != nil {
		return ""
	}
	return string(data)
}
