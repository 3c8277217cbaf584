package pdfdoc

import (
	"fmt"
	"time"
)

// Texts of the national motto block.
const (
	nationalName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationalMotto = "Độc lập - Tự do - Hạnh phúc"
)

// blank is a run of no-break spaces left for a hand-written number or date.
const blank = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// Sizes of the masthead parts (points) and its columns (millimetres).
const (
	agencySize     = 13.0
	nationalSize   = 13.0
	mottoSize      = 14.0
	numberSize     = 13.0
	dateSize       = 14.0
	titleSize      = 14.0
	aboutSize      = 12.0
	mastheadLeftW  = 65.0 // the right column fits the 13 pt national name (96 mm)
	mastheadRightW = textWidth - mastheadLeftW
	ruleGap        = 1.2 // mm between a text line and the rule under it
)

// column is a vertical strip of the page that text is centred in.
type column struct{ x, w float64 }

func (c column) centre() float64 { return c.x + c.w/2 }

// masthead draws the first-page heading: agency block (left) and national
// motto (right), number and date, then document kind and summary.
func (r *renderer) masthead(doc Document) {
	left := column{marginLeft, mastheadLeftW}
	right := column{marginLeft + mastheadLeftW, mastheadRightW}
	top := r.y()
	leftEnd := r.agencyBlock(left, top, doc.Agency)
	rightEnd := r.mottoBlock(right, top)
	second := max(leftEnd, rightEnd) + 3
	leftEnd = r.numberBlock(left, second, doc)
	rightEnd = r.centredLines(right, second, italic, dateSize, dateLine(r.clean.line(doc.Place), doc.Date))
	r.moveTo(max(leftEnd, rightEnd, second))
	r.titleBlock(doc)
}

// agencyBlock draws the parent authority and the issuing agency with the
// short rule under it; it returns the bottom y.
func (r *renderer) agencyBlock(c column, y float64, a AgencyBlock) float64 {
	y = r.centredLines(c, y, regular, agencySize, upper(r.clean.line(a.Parent)))
	issuer := upper(r.clean.line(a.Issuer))
	if issuer == "" {
		return y
	}
	y = r.centredLines(c, y, bold, agencySize, issuer)
	widest := r.widestLine(c.w, bold, agencySize, issuer)
	r.rule(c.centre(), y+ruleGap, max(widest/2, 12))
	return y + ruleGap
}

// mottoBlock draws the national name and motto with the rule under the
// motto as long as the motto; it returns the bottom y.
func (r *renderer) mottoBlock(c column, y float64) float64 {
	y = r.centredLines(c, y, bold, nationalSize, nationalName)
	y = r.centredLines(c, y, bold, mottoSize, nationalMotto)
	r.setFont(bold, mottoSize)
	r.rule(c.centre(), y+ruleGap, r.measure(nationalMotto))
	return y + ruleGap
}

// numberBlock draws "Số: 12/BC-SNV" and, for a letter without a kind, the
// "V/v …" summary under it; it returns the bottom y.
func (r *renderer) numberBlock(c column, y float64, doc Document) float64 {
	number := r.clean.line(doc.Number)
	symbol := r.clean.line(doc.Symbol)
	if number != "" || symbol != "" {
		if number == "" {
			number = blank // left blank, filled in by hand at issue
		}
		line := "Số: " + number
		if symbol != "" {
			line += "/" + symbol
		}
		y = r.centredLines(c, y, regular, numberSize, line)
	}
	if r.clean.line(doc.Kind) == "" {
		if about := r.clean.line(doc.Summary); about != "" {
			y = r.centredLines(c, y+1, regular, aboutSize, "V/v "+about)
		}
	}
	return y
}

// titleBlock draws the document kind and the summary with the rule under
// it, centred on the text width.
func (r *renderer) titleBlock(doc Document) {
	kind := upper(r.clean.line(doc.Kind))
	if kind == "" {
		r.skip(8)
		return
	}
	page := column{marginLeft, textWidth}
	y := r.centredLines(page, r.y()+9, bold, titleSize, kind)
	summary := r.clean.line(doc.Summary)
	if summary != "" {
		y = r.centredLines(page, y, bold, titleSize, summary)
	}
	widest := r.widestLine(page.w, bold, titleSize, summary)
	if widest == 0 {
		widest = r.widestLine(page.w, bold, titleSize, kind)
	}
	r.rule(page.centre(), y+ruleGap, max(widest/3, 20))
	r.moveTo(y + ruleGap + 6)
}

// centredLines wraps text in column c into balanced lines and prints them
// centred from y in the given font, starting new pages if needed; it
// returns the y under the last line.
func (r *renderer) centredLines(c column, y float64, s style, size float64, text string) float64 {
	if text == "" {
		return y
	}
	r.setFont(s, size)
	h := lineHeight(size)
	for _, line := range balancedWrap(text, c.w, r.measure) {
		if y+h > textBottom+epsilon {
			r.newPage()
			y = r.y()
		}
		r.drawLine(c.x, y, c.w, h, line, AlignCenter, true)
		y += h
	}
	return y
}

// widestLine returns the width of the widest line text wraps into.
func (r *renderer) widestLine(width float64, s style, size float64, text string) float64 {
	r.setFont(s, size)
	widest := 0.0
	for _, line := range balancedWrap(text, width, r.measure) {
		widest = max(widest, r.measure(line))
	}
	return widest
}

// dateLine formats the place and date line of ND30: "Vĩnh Long, ngày 05
// tháng 02 năm 2026". Days below 10 and the months January and February get
// a leading zero (ND30, Appendix I). A zero date leaves blanks to fill in.
func dateLine(place string, date time.Time) string {
	var when string
	if date.IsZero() {
		when = "ngày" + blank + "tháng" + blank + "năm" + blank
	} else {
		month := fmt.Sprint(int(date.Month()))
		if date.Month() <= time.February {
			month = "0" + month
		}
		when = fmt.Sprintf("ngày %02d tháng %s năm %d", date.Day(), month, date.Year())
	}
	if place == "" {
		return when
	}
	return place + ", " + when
}
