package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapRow is a line of a list that opens what it names when tapped
// anywhere on it: its text wraps in full (a button cannot wrap), a
// chevron at the end and the hand cursor say it opens, and it is
// highlighted under the pointer.
type tapRow struct {
	widget.BaseWidget
	label *widget.Label
	onTap func()
	bg    *canvas.Rectangle
	body  fyne.CanvasObject
}

// newTapRow is a row showing text, wrapped, that calls onTap when tapped.
func newTapRow(text string, imp widget.Importance, onTap func()) *tapRow {
	r := &tapRow{label: wrapLabel(text), onTap: onTap, bg: canvas.NewRectangle(color.Transparent)}
	r.label.Importance = imp
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.body = container.NewStack(r.bg, container.NewBorder(nil, nil, nil, widget.NewIcon(theme.NavigateNextIcon()), r.label))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the highlight under the text and the chevron.
func (r *tapRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.body) }

// Tapped opens what the row names.
func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// Cursor is the hand: the row opens something.
func (r *tapRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the row.
func (r *tapRow) MouseIn(*desktop.MouseEvent) { r.highlight(theme.Color(theme.ColorNameHover)) }

// MouseMoved does nothing more.
func (r *tapRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (r *tapRow) MouseOut() { r.highlight(color.Transparent) }

func (r *tapRow) highlight(c color.Color) {
	r.bg.FillColor = c
	r.bg.Refresh()
}
