package pdfdoc

import (
	"math"
	"strconv"
	"strings"
)

// Bar chart geometry (millimetres) and typography (points).
const (
	chartTitleSize = 13.0
	chartLabelSize = 12.0
	chartLabelW    = 55.0
	chartGap       = 2.0
	chartValueW    = 16.0
	chartBarW      = textWidth - chartLabelW - chartGap - chartValueW
	chartBarH      = 4.5
	chartRowPad    = 1.5
	chartGridStep  = 25 // percent between grid lines
	chartBarGrey   = 70
	chartGridGrey  = 190
)

// barChart draws a horizontal bar chart: one row per bar with its label on
// the left, the bar on a 0–100 % scale with grid lines, and the value.
func (r *renderer) barChart(c BarChart) {
	title := r.clean.line(c.Title)
	if title == "" && len(c.Bars) == 0 {
		return
	}
	r.skip(paraSpacing / 2)
	titleH := float64(len(r.wrapIn(title, textWidth, bold, chartTitleSize))) * lineHeight(chartTitleSize)
	r.ensure(titleH + 2 + r.chartRowHeight(firstBar(c.Bars)))
	if title != "" {
		r.moveTo(r.centredLines(column{marginLeft, textWidth}, r.y(), bold, chartTitleSize, title) + 2)
	}
	for _, b := range c.Bars {
		r.chartRow(b)
	}
	if len(c.Bars) > 0 {
		r.chartAxis()
	}
	r.skip(paraSpacing)
}

// firstBar returns the first bar, or an empty one.
func firstBar(bars []Bar) Bar {
	if len(bars) == 0 {
		return Bar{}
	}
	return bars[0]
}

// chartRowHeight is the height of a bar's row: its wrapped label or the bar.
func (r *renderer) chartRowHeight(b Bar) float64 {
	lines := r.wrapIn(r.clean.line(b.Label), chartLabelW, regular, chartLabelSize)
	return max(float64(len(lines))*lineHeight(chartLabelSize), chartBarH) + 2*chartRowPad
}

// chartRow draws one bar with its label and value.
func (r *renderer) chartRow(b Bar) {
	h := r.chartRowHeight(b)
	r.ensure(h)
	y := r.y()
	barX := marginLeft + chartLabelW + chartGap
	r.chartGrid(barX, y, h)
	label := r.wrapIn(r.clean.line(b.Label), chartLabelW, regular, chartLabelSize)
	lh := lineHeight(chartLabelSize)
	top := y + (h-float64(len(label))*lh)/2
	for i, line := range label {
		r.drawLine(marginLeft, top+float64(i)*lh, chartLabelW, lh, line, AlignLeft, true)
	}
	p := clampPercent(b.Percent)
	barY := y + (h-chartBarH)/2
	r.pdf.SetFillColor(chartBarGrey, chartBarGrey, chartBarGrey)
	if w := chartBarW * p / 100; w > 0 {
		r.pdf.Rect(barX, barY, w, chartBarH, "F")
	}
	r.setFont(regular, chartLabelSize)
	r.drawLine(barX+chartBarW+chartGap, barY+(chartBarH-lh)/2, chartValueW, lh, formatPercent(p), AlignRight, true)
	r.moveTo(y + h)
}

// chartGrid draws the scale's vertical grid lines across one row.
func (r *renderer) chartGrid(x, y, h float64) {
	r.pdf.SetDrawColor(chartGridGrey, chartGridGrey, chartGridGrey)
	r.pdf.SetLineWidth(borderWidth)
	for p := 0; p <= 100; p += chartGridStep {
		gx := x + chartBarW*float64(p)/100
		r.pdf.Line(gx, y, gx, y+h)
	}
	r.pdf.SetDrawColor(0, 0, 0)
}

// chartAxis labels the grid lines under the last row.
func (r *renderer) chartAxis() {
	lh := lineHeight(chartLabelSize - 2)
	r.ensure(lh)
	y := r.y()
	barX := marginLeft + chartLabelW + chartGap
	r.setFont(regular, chartLabelSize-2)
	for p := 0; p <= 100; p += chartGridStep {
		gx := barX + chartBarW*float64(p)/100
		r.drawLine(gx-10, y, 20, lh, strconv.Itoa(p)+"%", AlignCenter, true)
	}
	r.moveTo(y + lh)
}

// clampPercent bounds a value to 0–100; NaN counts as 0.
func clampPercent(p float64) float64 {
	if math.IsNaN(p) {
		return 0
	}
	return min(max(p, 0), 100)
}

// formatPercent writes a percentage the Vietnamese way, with a decimal
// comma and one decimal at most: "85,5%", "100%".
func formatPercent(p float64) string {
	s := strconv.FormatFloat(math.Round(p*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + "%"
}
