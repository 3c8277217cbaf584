package gui

import (
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listColumn is one column of a register list: its title, width, the text of
// a row's cell and, for sorting, the key compared between rows.
type listColumn[T any] struct {
	title string
	width float32
	text  func(T) string
	key   func(T) string // nil: sort by text
}

// listTable is a virtualised, sortable table over a slice of rows: only
// visible cells exist, so it stays fast at 10,000 rows. Clicking a header
// sorts by that column; clicking again reverses the order.
type listTable[T any] struct {
	cols     []listColumn[T]
	rows     []T
	sortCol  int
	desc     bool
	table    *widget.Table
	empty    *widget.Label     // shown over the table when there are no rows
	view     fyne.CanvasObject // the table with its empty-state message
	onSelect func(T)
	style    func(T) widget.Importance // optional: a row's text importance
	// keep leaves the chosen row selected (a list whose buttons act on
	// it) instead of opening it and unselecting; sel is its index, -1 for
	// none.
	keep bool
	sel  int
	mark int // the highlighted row (highlight), -1 for none
	// detail, if the list has one (withDetail), shows the chosen row's
	// cells in full under the table.
	detail *widget.Label
	// onCell, when set, opens a cell instead of onSelect: the row and the
	// column chosen (a table whose columns mean different things, such as
	// the counts by outcome).
	onCell func(T, int)
}

// newListTable makes the table; emptyText is shown while it has no rows.
func newListTable[T any](cols []listColumn[T], emptyText string, onSelect func(T)) *listTable[T] {
	lt := &listTable[T]{cols: cols, sortCol: -1, onSelect: onSelect, sel: -1, mark: -1}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(lt.rows), len(lt.cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		lt.updateCell,
	)
	t.ShowHeaderColumn = false
	// A header is a flat button (click to sort) under a label that is
	// cut with "…" when the column is narrower than its title, so that
	// titles never run into the next column.
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		return container.NewStack(b, title)
	}
	t.UpdateHeader = lt.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(lt.rows) {
			return
		}
		if lt.keep {
			lt.sel = id.Row
		}
		if lt.detail != nil {
			setNote(lt.detail, lt.rowText(lt.rows[id.Row]))
		}
		switch {
		case lt.onCell != nil:
			lt.onCell(lt.rows[id.Row], id.Col)
		case lt.onSelect != nil:
			lt.onSelect(lt.rows[id.Row])
		}
		if !lt.keep {
			t.UnselectAll()
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	lt.table = t
	lt.empty = widget.NewLabel(emptyText)
	lt.empty.Alignment = fyne.TextAlignCenter
	lt.empty.Wrapping = fyne.TextWrapWord
	lt.view = container.NewStack(container.New(&columnFit[T]{lt: lt}, t), container.NewCenter(container.New(fixedWidth{width: 460}, lt.empty)))
	return lt
}

// withDetail gives a list whose rows open nothing else a line under the
// table that shows the chosen row's every cell in full, so that a cell
// cut with "…" can be read whole. Call it before using lt.view.
func (lt *listTable[T]) withDetail() *listTable[T] {
	lt.detail = widget.NewLabel("")
	lt.detail.Wrapping = fyne.TextWrapWord
	lt.detail.Hide()
	lt.view = container.NewBorder(nil, lt.detail, nil, nil, lt.view)
	return lt
}

// rowText is a row's cells in full, each after its column's title.
func (lt *listTable[T]) rowText(row T) string {
	parts := make([]string, 0, len(lt.cols))
	for _, c := range lt.cols {
		if text := c.text(row); text != "" {
			parts = append(parts, c.title+": "+text)
		}
	}
	return strings.Join(parts, " · ")
}

// columnFloor is the width down to which a column shrinks on a narrow
// window (less for a narrower column, which keeps its own): dates,
// numbers and names stay whole, the long text columns give way. Below
// the floors the table scrolls sideways.
const columnFloor = 140

// columnFit lays the table out at its whole size, first fitting the
// columns to its width: wider on a large window, narrower (see
// columnFloor) on a small one, so that the last columns are not cut off
// at the right.
type columnFit[T any] struct {
	lt    *listTable[T]
	width float32 // the width the columns were fitted to
}

// MinSize is the table's own minimum size.
func (f *columnFit[T]) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) == 0 {
		return fyne.Size{}
	}
	return objects[0].MinSize()
}

// Layout fits the columns when the width changed and gives the table the
// whole area.
func (f *columnFit[T]) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != f.width && size.Width > 0 {
		f.width = size.Width
		f.lt.fitColumns(size.Width)
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fitColumns fits the columns to a table width wide.
func (lt *listTable[T]) fitColumns(width float32) {
	set := make([]float32, len(lt.cols))
	for i, c := range lt.cols {
		set[i] = c.width
	}
	room := width - float32(len(lt.cols))*theme.SeparatorThicknessSize() - theme.Padding()
	for i, w := range fitWidths(set, room) {
		lt.table.SetColumnWidth(i, w)
	}
}

// fitWidths fits the set column widths to room: each grows in proportion
// when there is room to spare; when there is not, only the part of each
// width above columnFloor shrinks, down to the floors. The factors go in
// steps of 2 %: each changed width redraws the table, so a window being
// dragged wider does not redraw it at every pixel.
func fitWidths(set []float32, room float32) []float32 {
	var total, floors float32
	for _, w := range set {
		total += w
		floors += min(w, columnFloor)
	}
	step := func(f float32) float32 { return float32(math.Floor(float64(f)*50) / 50) }
	grow, shrink := float32(1), float32(1)
	switch {
	case total <= 0:
	case room >= total:
		grow = step(room / total)
	case total > floors:
		shrink = step(max(0, (room-floors)/(total-floors)))
	}
	out := make([]float32, len(set))
	for i, w := range set {
		floor := min(w, columnFloor)
		out[i] = (floor + (w-floor)*shrink) * grow
	}
	return out
}

func (lt *listTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(lt.rows) || id.Col >= len(lt.cols) {
		l.SetText("")
		return
	}
	row := lt.rows[id.Row]
	l.Truncation = fyne.TextTruncateEllipsis
	l.Importance = widget.MediumImportance
	if lt.style != nil {
		l.Importance = lt.style(row)
	}
	l.TextStyle.Bold = id.Row == lt.mark
	l.SetText(lt.cols[id.Col].text(row))
}

func (lt *listTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	parts := o.(*fyne.Container).Objects
	b, l := parts[0].(*widget.Button), parts[1].(*widget.Label)
	if id.Col < 0 || id.Col >= len(lt.cols) {
		l.SetText("")
		b.OnTapped = nil
		return
	}
	title := lt.cols[id.Col].title
	if id.Col == lt.sortCol {
		if lt.desc {
			title += " ▼"
		} else {
			title += " ▲"
		}
	}
	l.SetText(title)
	col := id.Col
	b.OnTapped = func() { lt.sortBy(col) }
}

// sortBy sorts the rows by column col (reversing when it already is).
func (lt *listTable[T]) sortBy(col int) {
	if lt.sortCol == col {
		lt.desc = !lt.desc
	} else {
		lt.sortCol, lt.desc = col, false
	}
	lt.mark = -1
	lt.applySort()
	lt.table.Refresh()
	if lt.sel >= 0 {
		lt.table.Select(widget.TableCellID{Row: lt.sel, Col: 0})
	}
}

// applySort orders the rows by the sort column; the selected row, if
// any, stays selected at its new place.
func (lt *listTable[T]) applySort() {
	if lt.sortCol < 0 {
		return
	}
	c := lt.cols[lt.sortCol]
	key := c.key
	if key == nil {
		key = c.text
	}
	order := make([]int, len(lt.rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := key(lt.rows[order[i]]), key(lt.rows[order[j]])
		if lt.desc {
			return a > b
		}
		return a < b
	})
	sorted := make([]T, len(lt.rows))
	sel := -1
	for i, from := range order {
		sorted[i] = lt.rows[from]
		if from == lt.sel {
			sel = i
		}
	}
	lt.rows, lt.sel = sorted, sel
}

// selectRow selects the row at index i (a list that keeps its selection).
func (lt *listTable[T]) selectRow(i int) {
	lt.table.Select(widget.TableCellID{Row: i, Col: 0})
}

// highlight scrolls to the row at index i and shows it in bold, as the
// row just saved, until the rows change; it stays a row one can open.
func (lt *listTable[T]) highlight(i int) {
	if i < 0 || i >= len(lt.rows) {
		return
	}
	lt.mark = i
	lt.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	lt.table.Refresh()
}

// selected returns the selected row of a list that keeps its selection.
func (lt *listTable[T]) selected() (T, bool) {
	if lt.sel < 0 || lt.sel >= len(lt.rows) {
		var zero T
		return zero, false
	}
	return lt.rows[lt.sel], true
}

// setRows replaces the rows, keeping the chosen order.
// A list that keeps its selection loses it.
func (lt *listTable[T]) setRows(rows []T) {
	lt.rows, lt.mark = rows, -1
	if lt.detail != nil {
		setNote(lt.detail, "")
	}
	if lt.sel >= 0 {
		lt.sel = -1
		lt.table.UnselectAll()
	}
	lt.applySort()
	lt.table.Refresh()
	if len(rows) == 0 {
		lt.empty.Show()
	} else {
		lt.empty.Hide()
	}
}

// dangerWhen is a row style: rows for which bad holds are shown in the
// danger colour, the others as usual.
func dangerWhen[T any](bad func(T) bool) func(T) widget.Importance {
	return func(row T) widget.Importance {
		if bad(row) {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
}
