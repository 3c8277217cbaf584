package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Appearance ids, stored in the preferences.
const (
	appearanceLight  = "light"
	appearanceDark   = "dark"
	appearanceSystem = "system"
)

// appTheme is Fyne's default theme with the blue of the application's shield
// as primary colour, in the light or dark variant the user chose (light by
// default: the office look most users expect), or the system's.
type appTheme struct {
	fyne.Theme
	appearance string
}

func newTheme(appearance string) fyne.Theme {
	return appTheme{Theme: theme.DefaultTheme(), appearance: appearance}
}

// Color returns the shield blue for the primary colour and defers to the
// default theme, in the chosen variant, otherwise.
func (t appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.appearance {
	case appearanceDark:
		v = theme.VariantDark
	case appearanceSystem:
	default:
		v = theme.VariantLight
	}
	switch name {
	case theme.ColorNamePrimary:
		return color.NRGBA{R: 0x24, G: 0x63, B: 0xC4, A: 0xFF}
	case theme.ColorNameFocus:
		return color.NRGBA{R: 0x24, G: 0x63, B: 0xC4, A: 0x7F}
	case theme.ColorNameSuccess:
		// Fyne's light green (#43F436) is unreadable on white: a dark green
		// with a contrast of 5:1.
		if v == theme.VariantLight {
			return color.NRGBA{R: 0x1E, G: 0x7B, B: 0x34, A: 0xFF}
		}
	case theme.ColorNameInputBorder:
		// The ring of an unselected radio button or check box, and the
		// border of an entry, are drawn in this colour; Fyne's equals the
		// disabled colour, so every unselected choice looked disabled. A
		// grey with the 3:1 contrast asked of a control's outline; the
		// disabled ones keep Fyne's pale grey.
		if v == theme.VariantLight {
			return color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xFF}
		}
		return color.NRGBA{R: 0x9A, G: 0x9A, B: 0x9A, A: 0xFF}
	case theme.ColorNamePlaceHolder:
		// Hints (#888888 by default) readable on the light input background.
		if v == theme.VariantLight {
			return color.NRGBA{R: 0x5F, G: 0x63, B: 0x68, A: 0xFF}
		}
	}
	return t.Theme.Color(name, v)
}
