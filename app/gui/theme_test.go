package gui

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// luminance is the relative luminance of c (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xFFFF
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of a and b.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The ring of an unselected radio button or check box (the input border
// colour) stands out from the background as a control's outline must
// (3:1), and from the colour of a disabled one, in both appearances.
func TestUnselectedChoicesDoNotLookDisabled(t *testing.T) {
	for _, appearance := range []string{appearanceLight, appearanceDark} {
		th := newTheme(appearance)
		border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
		for _, behind := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground} {
			if c := contrast(border, th.Color(behind, theme.VariantLight)); c < 3 {
				t.Errorf("%s: an unselected choice's ring has a contrast of %.1f:1 on %s", appearance, c, behind)
			}
		}
		if c := contrast(border, th.Color(theme.ColorNameDisabled, theme.VariantLight)); c < 2 {
			t.Errorf("%s: an unselected choice looks like a disabled one (contrast %.1f:1)", appearance, c)
		}
	}
}

// The same, as drawn: the darkest pixel of an unselected radio button's
// ring contrasts 3:1 with the background, and a disabled one stays paler
// (artifacts/minor-radio.png shows both, with a selected one).
func TestUnselectedRadioIsDrawnInFullContrast(t *testing.T) {
	a := newTestApp(t)
	a.Settings().SetTheme(newTheme(appearanceLight))
	w := a.NewWindow("radio")
	defer w.Close()
	enabled := widget.NewRadioGroup([]string{"Đạt", "Không đạt"}, nil)
	chosen := widget.NewRadioGroup([]string{"Đạt", "Không đạt"}, nil)
	chosen.SetSelected("Đạt")
	disabled := widget.NewRadioGroup([]string{"Đạt", "Không đạt"}, nil)
	disabled.Disable()
	check := widget.NewCheck("Đã kiểm tra", nil)
	w.SetContent(container.NewVBox(enabled, chosen, disabled, check))
	w.Resize(fyne.NewSize(300, 260))
	capture(t, w, "minor-radio")
	img := w.Canvas().Capture()
	scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
	bg := newTheme(appearanceLight).Color(theme.ColorNameBackground, theme.VariantLight)
	ring := func(o fyne.CanvasObject) float64 {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		box := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+theme.IconInlineSize()+2*theme.InnerPadding())*scale), int((pos.Y+o.Size().Height)*scale))
		best := 1.0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				best = math.Max(best, contrast(img.At(x, y), bg))
			}
		}
		return best
	}
	on, off := ring(enabled), ring(disabled)
	if on < 3 {
		t.Errorf("an unselected radio button's ring is drawn with a contrast of %.1f:1", on)
	}
	if off > on/1.5 {
		t.Errorf("a disabled radio button (%.1f:1) is drawn like an enabled one (%.1f:1)", off, on)
	}
}
