package gui

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
}

// newListTable makes the table; emptyText is shown while it has no rows.
func newListTable[T any](cols []listColumn[T], emptyText string, onSelect func(T)) *listTable[T] {
	lt := &listTable[T]{cols: cols, sortCol: -1, onSelect: onSelect}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(lt.rows), len(lt.cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		lt.updateCell,
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = lt.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(lt.rows) && lt.onSelect != nil {
			lt.onSelect(lt.rows[id.Row])
		}
		t.UnselectAll()
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	lt.table = t
	lt.empty = widget.NewLabel(emptyText)
	lt.empty.Alignment = fyne.TextAlignCenter
	lt.empty.Wrapping = fyne.TextWrapWord
	lt.view = container.NewStack(t, container.NewCenter(container.New(fixedWidth{width: 460}, lt.empty)))
	return lt
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
	l.SetText(lt.cols[id.Col].text(row))
}

func (lt *listTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(lt.cols) {
		b.SetText("")
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
	b.SetText(title)
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
	lt.applySort()
	lt.table.Refresh()
}

func (lt *listTable[T]) applySort() {
	if lt.sortCol < 0 {
		return
	}
	c := lt.cols[lt.sortCol]
	key := c.key
	if key == nil {
		key = c.text
	}
	sort.SliceStable(lt.rows, func(i, j int) bool {
		a, b := key(lt.rows[i]), key(lt.rows[j])
		if lt.desc {
			return a > b
		}
		return a < b
	})
}

// setRows replaces the rows, keeping the chosen order.
func (lt *listTable[T]) setRows(rows []T) {
	lt.rows = rows
	lt.applySort()
	lt.table.Refresh()
	if len(rows) == 0 {
		lt.empty.Show()
	} else {
		lt.empty.Hide()
	}
}
