package pdfdoc

import (
	"fmt"
	"math"
	"strings"
)

// Table geometry and typography.
const (
	tableSize      = 12.0 // pt, default cell font size
	minTableSize   = 8.0
	maxTableSize   = 14.0
	captionSize    = 13.0
	cellPadX       = 1.5 // mm
	cellPadY       = 1.0 // mm
	minColumnWidth = 6.0 // mm
	borderWidth    = 0.2 // mm
	headerFill     = 235 // grey level of the header row background
	maxHeaderShare = 1.0 / 3
	maxColumns     = 27 // floor(textWidth / minColumnWidth)
)

// tableLayout is what every row of a table needs to be drawn.
type tableLayout struct {
	widths  []float64
	aligns  []Align
	size    float64    // font size, points
	lh      float64    // line height, mm
	header  [][]string // wrapped header cells
	headerH float64    // header row height, 0 without titles
	repeat  bool
}

// table draws a bordered table, breaking it across pages.
func (r *renderer) table(t Table) error {
	l, err := r.layoutTable(t)
	if err != nil || l == nil {
		return err
	}
	caption := r.clean.line(t.Caption)
	captionH := 0.0
	if caption != "" {
		captionH = float64(len(r.wrapIn(caption, textWidth, bold, captionSize)))*lineHeight(captionSize) + 1
	}
	tail := r.takeTail()
	need := captionH + l.headerH + min(3*l.lh, r.firstRowHeight(l, t.Rows)) + 2*cellPadY
	if len(t.Rows) == 1 && need+tail <= textHeight {
		need += tail // a one-row table goes over whole with the closing
	}
	r.skip(paraSpacing / 2)
	r.ensure(need)
	if caption != "" {
		y := r.centredLines(column{marginLeft, textWidth}, r.y(), bold, captionSize, caption)
		r.moveTo(y + 1)
	}
	r.tableHeader(l)
	for i, row := range t.Rows {
		if i > 0 && i == len(t.Rows)-1 {
			r.keepRoomUnder(l, row, tail)
		}
		r.tableRow(l, row)
	}
	r.skip(paraSpacing)
	return nil
}

// layoutTable checks the table's shape and computes its layout; it returns
// nil for a table with nothing to draw.
func (r *renderer) layoutTable(t Table) (*tableLayout, error) {
	if len(t.Columns) == 0 {
		if len(t.Rows) > 0 {
			return nil, fmt.Errorf("%w: %d rows but no columns", ErrTableShape, len(t.Rows))
		}
		return nil, nil
	}
	for i, row := range t.Rows {
		if len(row) > len(t.Columns) {
			return nil, fmt.Errorf("%w: row %d has %d cells for %d columns", ErrTableShape, i+1, len(row), len(t.Columns))
		}
	}
	widths, err := columnWidths(t.Columns)
	if err != nil {
		return nil, err
	}
	l := &tableLayout{widths: widths, size: tableFontSize(t.FontSize), repeat: t.RepeatHeader}
	l.lh = lineHeight(l.size)
	maxLines := max(1, int((textHeight*maxHeaderShare-2*cellPadY)/l.lh))
	lines := 0
	for i, c := range t.Columns {
		l.aligns = append(l.aligns, c.Align)
		cell := r.wrapIn(r.clean.line(c.Title), widths[i]-2*cellPadX, bold, l.size)
		cell = cell[:min(len(cell), maxLines)]
		l.header = append(l.header, cell)
		lines = max(lines, len(cell))
	}
	if lines > 0 {
		l.headerH = float64(lines)*l.lh + 2*cellPadY
	}
	return l, nil
}

// columnWidths shares the text width among the columns in proportion to
// their weights, each at least minColumnWidth wide.
func columnWidths(cols []Column) ([]float64, error) {
	n := float64(len(cols))
	if len(cols) > maxColumns {
		return nil, fmt.Errorf("%w: %d columns, at most %d", ErrTooManyColumns, len(cols), maxColumns)
	}
	weights := make([]float64, len(cols))
	heaviest := 0.0
	for i, c := range cols {
		w := c.Width
		if w <= 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			w = 1
		}
		weights[i] = w
		heaviest = max(heaviest, w)
	}
	sum := 0.0
	for i := range weights {
		weights[i] /= heaviest
		sum += weights[i]
	}
	spare := textWidth - n*minColumnWidth
	widths := make([]float64, len(cols))
	for i, w := range weights {
		widths[i] = minColumnWidth + spare*w/sum
	}
	return widths, nil
}

// tableFontSize applies the default and the bounds to a requested size.
func tableFontSize(size float64) float64 {
	if size == 0 || math.IsNaN(size) {
		return tableSize
	}
	return min(max(size, minTableSize), maxTableSize)
}

// wrapIn wraps clean text (which may hold line breaks) into lines of at most
// width millimetres in the given font.
func (r *renderer) wrapIn(text string, width float64, s style, size float64) []string {
	if text == "" {
		return nil
	}
	r.setFont(s, size)
	var lines []string
	for _, hard := range strings.Split(text, "\n") {
		lines = append(lines, wrap(hard, width, width, r.measure)...)
	}
	return lines
}

// firstRowHeight is the height of the first body row, for keeping it with
// the header.
func (r *renderer) firstRowHeight(l *tableLayout, rows [][]string) float64 {
	if len(rows) == 0 {
		return 0
	}
	_, lines := r.rowLines(l, rows[0])
	return float64(lines)*l.lh + 2*cellPadY
}

// tableHeader draws the header row, if the table has titles.
func (r *renderer) tableHeader(l *tableLayout) {
	if l.headerH == 0 {
		return
	}
	r.setFont(bold, l.size)
	r.pdf.SetFillColor(headerFill, headerFill, headerFill)
	y := r.y()
	x := marginLeft
	for i, w := range l.widths {
		r.pdf.SetLineWidth(borderWidth)
		r.pdf.Rect(x, y, w, l.headerH, "FD")
		for j, line := range l.header[i] {
			r.drawLine(x+cellPadX, y+cellPadY+float64(j)*l.lh, w-2*cellPadX, l.lh, line, AlignCenter, true)
		}
		x += w
	}
	r.moveTo(y + l.headerH)
}

// rowLines wraps the cells of a row; it returns the lines of each column
// and the row's height in lines (that of its tallest cell, at least 1).
func (r *renderer) rowLines(l *tableLayout, row []string) (cells [][]string, lines int) {
	cells = make([][]string, len(l.widths))
	lines = 1
	for i, w := range l.widths {
		if i < len(row) {
			cells[i] = r.wrapIn(r.clean.text(row[i]), w-2*cellPadX, regular, l.size)
		}
		lines = max(lines, len(cells[i]))
	}
	return cells, lines
}

// tableRow draws one body row. A row that does not fit moves to the next
// page; a row taller than a page is split between lines.
func (r *renderer) tableRow(l *tableLayout, row []string) {
	cells, n := r.rowLines(l, row)
	pageLines := int((textHeight-l.headerH-2*cellPadY)/l.lh + epsilon)
	justBroke := false
	for from := 0; from < n; {
		fit := int((textBottom-r.y()-2*cellPadY)/l.lh + epsilon)
		rest := n - from
		if fit < rest && !justBroke && (rest <= pageLines || fit < min(2, rest)) {
			r.tablePageBreak(l)
			justBroke = true
			continue
		}
		k := max(1, min(fit, rest))
		r.rowSegment(l, cells, from, k)
		from += k
		justBroke = false
		if from < n {
			r.tablePageBreak(l)
			justBroke = true
		}
	}
}

// keepRoomUnder moves the table's last row to a new page when it fits there
// with room under it (the closing block, see renderer.tail) but not here.
func (r *renderer) keepRoomUnder(l *tableLayout, row []string, room float64) {
	if room <= 0 {
		return
	}
	_, n := r.rowLines(l, row)
	h := float64(n)*l.lh + 2*cellPadY
	header := 0.0
	if l.repeat {
		header = l.headerH
	}
	if r.y()+h+room > textBottom+epsilon && header+h+room <= textHeight {
		r.tablePageBreak(l)
	}
}

// tablePageBreak continues the table on a new page, under a repeated header
// if asked.
func (r *renderer) tablePageBreak(l *tableLayout) {
	r.newPage()
	if l.repeat {
		r.tableHeader(l)
	}
}

// rowSegment draws lines [from, from+k) of every cell of a row as one band
// of bordered cells.
func (r *renderer) rowSegment(l *tableLayout, cells [][]string, from, k int) {
	r.setFont(regular, l.size)
	y := r.y()
	h := float64(k)*l.lh + 2*cellPadY
	x := marginLeft
	for i, w := range l.widths {
		r.pdf.SetLineWidth(borderWidth)
		r.pdf.Rect(x, y, w, h, "D")
		lines := cells[i]
		for j := from; j < min(from+k, len(lines)); j++ {
			ly := y + cellPadY + float64(j-from)*l.lh
			r.drawLine(x+cellPadX, ly, w-2*cellPadX, l.lh, lines[j], cellAlign(l.aligns[i]), true)
		}
		x += w
	}
	r.moveTo(y + h)
}

// cellAlign maps a column alignment to the one used for its cells: left by
// default, and justified text is set left in narrow cells.
func cellAlign(a Align) Align {
	if a == AlignCenter || a == AlignRight {
		return a
	}
	return AlignLeft
}
