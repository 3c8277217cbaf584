package gui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a chart: its label, value and colour.
type bar struct {
	label string
	value float64
	text  string // the value as shown, e.g. "3" or "75%"
	color color.Color
}

// barChart draws horizontal bars with Fyne's canvas: a label, a bar whose
// length is value/max of the available width, and the value as text. A
// tap on a bar calls onTap with its index.
func barChart(bars []bar, max float64, onTap func(int)) fyne.CanvasObject {
	return drawBars(bars, max, onTap, true)
}

// compactBarChart is barChart with each label beside its bar, for short
// labels.
func compactBarChart(bars []bar, max float64, onTap func(int)) fyne.CanvasObject {
	return drawBars(bars, max, onTap, false)
}

func drawBars(bars []bar, max float64, onTap func(int), stacked bool) fyne.CanvasObject {
	rows := container.NewVBox()
	for i, b := range bars {
		rows.Add(chartRow(b, max, stacked, func() {
			if onTap != nil {
				onTap(i)
			}
		}))
	}
	return rows
}

// chartRow is the label (on its own line, wrapped, when stacked), then the bar with
// its value; the value is a button that opens the list behind it.
func chartRow(b bar, max float64, stacked bool, tapped func()) fyne.CanvasObject {
	label := widget.NewLabel(b.label)
	label.Truncation = fyne.TextTruncateEllipsis
	if stacked {
		// On its own line the label has the chart's width: it wraps, so
		// that what a figure counts is read in full.
		label.Truncation, label.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
	}
	frac := 0.0
	if max > 0 {
		frac = b.value / max
	}
	fill := canvas.NewRectangle(b.color)
	fill.CornerRadius = 3
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	track.CornerRadius = 3
	value := widget.NewButton(b.text, tapped)
	value.Importance = widget.LowImportance
	barArea := container.New(&fractionLayout{frac: frac}, track, fill)
	valueBox := container.New(fixedWidth{width: 72}, value)
	if !stacked {
		return container.NewBorder(nil, nil, container.New(fixedWidth{width: 190}, label), valueBox, barArea)
	}
	return container.NewVBox(label, container.NewBorder(nil, nil, nil, valueBox, barArea))
}

// fractionLayout lays out a track at full width and a fill at a fraction of
// it, both centred vertically at a fixed height.
type fractionLayout struct{ frac float64 }

// MinSize is a thin bar.
func (l *fractionLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(60, 22) }

// Layout places the track and the fill.
func (l *fractionLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h := float32(16)
	y := (size.Height - h) / 2
	for i, o := range objects {
		w := size.Width
		if i == 1 {
			w = float32(l.frac) * size.Width
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(w, h))
	}
}

// percent formats a fraction 0..1 as a whole percentage.
func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }
