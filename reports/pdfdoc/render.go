package pdfdoc

import (
	"crypto/sha256"
	"fmt"
	"io"
	"strconv"
	"time"

	"daumoi/assets/fonts"

	"github.com/jung-kurt/gofpdf"
)

// Page geometry in millimetres (A4, margins per ND30).
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	textWidth    = pageWidth - marginLeft - marginRight
	textBottom   = pageHeight - marginBottom
	textHeight   = textBottom - marginTop
)

// Typography.
const (
	family        = "serif"
	bodySize      = 14.0 // pt
	lineSpacing   = 1.2  // line height as a multiple of the font size
	firstIndent   = 10.0 // mm, first-line indent of paragraphs
	paraSpacing   = 6.0 * ptToMM
	ptToMM        = 25.4 / 72
	pageNumberY   = 8.0 // mm from the top edge
	pageNumberPt  = 13.0
	ruleThickness = 0.3
)

// style is a gofpdf font style string: "", "B", "I" or "BI".
type style string

const (
	regular    style = ""
	bold       style = "B"
	italic     style = "I"
	boldItalic style = "BI"
)

// faceStyle pairs an embedded face with its gofpdf style string.
type faceStyle struct {
	face  fonts.Style
	style style
}

// faceStyles lists the four faces the renderer loads.
func faceStyles() []faceStyle {
	return []faceStyle{
		{fonts.Regular, regular},
		{fonts.Bold, bold},
		{fonts.Italic, italic},
		{fonts.BoldItalic, boldItalic},
	}
}

// renderer holds the state of one Render call.
type renderer struct {
	pdf   *gofpdf.Fpdf
	clean *cleaner
	// fresh is true while nothing has been drawn on the current page.
	fresh bool
	// images maps the content hash of registered pictures to them;
	// imageWidths holds their pixel widths (see registerPNG).
	images      map[[sha256.Size]byte]picture
	imageWidths map[int]bool
	// breakPending is set by a PageBreak block; the new page is started
	// only when something follows, so a trailing break adds no blank page.
	breakPending bool
	// font and fontSize (points) are the current font, kept across pages.
	font     style
	fontSize float64
	// layout records where things were placed (the signature space).
	layout Layout
	// tail is the room the closing block needs under the body's last line
	// or table row, so that the signature never stands alone on a page
	// (the last of the body goes over with it). It is set while the body's
	// final block is drawn and taken by its last line or row.
	tail float64
}

// Render lays out doc and writes the PDF to w. The same Document always
// produces the same bytes. Errors wrap the package's sentinels; Render never
// panics.
func Render(doc Document, w io.Writer) error {
	_, err := RenderLayout(doc, w)
	return err
}

// Layout tells where Render placed the parts a signer needs.
type Layout struct {
	// SignaturePage is the 1-based page of the signature block, 0 when
	// the document has none; SignatureSpace is the space between the
	// position and the name, in PDF points from the page's lower left:
	// lower-left x, y, upper-right x, y.
	SignaturePage  int
	SignatureSpace [4]float64
}

// RenderLayout is Render that also returns the layout.
func RenderLayout(doc Document, w io.Writer) (l Layout, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrInternal, p)
		}
	}()
	r, err := newRenderer(doc)
	if err != nil {
		return Layout{}, err
	}
	if err := r.document(doc); err != nil {
		return Layout{}, err
	}
	r.pdf.Close()
	if err := r.pdf.Error(); err != nil {
		return Layout{}, fmt.Errorf("%w: closing: %w", ErrPDF, err)
	}
	if err := r.pdf.Output(w); err != nil {
		return Layout{}, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return r.layout, nil
}

// recordSignatureSpace notes the signature space drawn at y (mm from the
// top) on the current page.
func (r *renderer) recordSignatureSpace(col column, y float64) {
	const pt = 72 / 25.4
	r.layout.SignaturePage = r.pdf.PageNo()
	r.layout.SignatureSpace = [4]float64{col.x * pt, (pageHeight - y - signatureSpace) * pt,
		(col.x + col.w) * pt, (pageHeight - y) * pt}
}

// newRenderer sets up an A4 gofpdf document with the embedded fonts.
func newRenderer(doc Document) (*renderer, error) {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: pageWidth, Ht: pageHeight},
	})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCellMargin(0)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	var faces [][]byte
	for _, fs := range faceStyles() {
		data, err := fonts.Serif(fs.face)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFont, err)
		}
		pdf.AddUTF8FontFromBytes(family, string(fs.style), data)
		faces = append(faces, data)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFont, err)
	}
	clean, err := newCleaner(faces)
	if err != nil {
		return nil, err
	}
	r := &renderer{pdf: pdf, clean: clean, images: make(map[[sha256.Size]byte]picture), imageWidths: make(map[int]bool)}
	r.metadata(doc)
	return r, nil
}

// metadata sets the PDF information dictionary from the document, dates
// included, so that nothing depends on the clock.
func (r *renderer) metadata(doc Document) {
	created := doc.Date
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	r.pdf.SetCreationDate(created)
	r.pdf.SetModificationDate(created)
	title := r.clean.line(doc.Kind + " " + doc.Summary)
	r.pdf.SetTitle(title, true)
	r.pdf.SetSubject(r.clean.line(doc.Summary), true)
	r.pdf.SetAuthor(r.clean.line(doc.Agency.Issuer), true)
	r.pdf.SetCreator("Đầu mối ATTT", true)
}

// document draws every part of doc, checking the PDF error state after each.
func (r *renderer) document(doc Document) error {
	r.newPage()
	r.masthead(doc)
	if err := r.check("heading", nil); err != nil {
		return err
	}
	final := len(doc.Body) - 1
	for final >= 0 {
		if _, isBreak := doc.Body[final].(PageBreak); !isBreak {
			break
		}
		final--
	}
	tail, err := r.closingNeed(doc.Recipients, doc.Signature)
	if err != nil {
		return r.check("closing", err)
	}
	for i, b := range doc.Body {
		if _, isBreak := b.(PageBreak); !isBreak {
			r.flushBreak()
		}
		if i == final {
			r.tail = tail
		}
		err := r.block(b)
		r.tail = 0
		if err := r.check("body block "+strconv.Itoa(i), err); err != nil {
			return err
		}
	}
	if err := r.check("closing", r.closing(doc.Recipients, doc.Signature)); err != nil {
		return err
	}
	return r.appendices(doc)
}

// check wraps err, or the PDF library's error state, with the section name.
func (r *renderer) check(section string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", section, err)
	}
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrPDF, section, err)
	}
	return nil
}

// block draws one body block.
func (r *renderer) block(b Block) error {
	switch b := b.(type) {
	case Heading:
		r.heading(b)
	case Paragraph:
		r.paragraph(b)
	case List:
		r.list(b)
	case Table:
		return r.table(b)
	case Image:
		return r.image(b)
	case BarChart:
		r.barChart(b)
	case PageBreak:
		r.breakPending = !r.fresh
	case nil:
		return fmt.Errorf("%w: nil", ErrInvalidBlock)
	default:
		return fmt.Errorf("%w: unknown block type %T", ErrInvalidBlock, b)
	}
	return nil
}

// newPage starts a page; from page 2 on it prints the page number centred in
// the top margin, as ND30 requires. The current font is kept.
func (r *renderer) newPage() {
	r.pdf.AddPage()
	if n := r.pdf.PageNo(); n > 1 {
		font, size := r.font, r.fontSize
		r.setFont(regular, pageNumberPt)
		r.pdf.SetXY(marginLeft, pageNumberY)
		r.pdf.CellFormat(textWidth, lineHeight(pageNumberPt), strconv.Itoa(n), "", 0, "C", false, 0, "")
		r.setFont(font, size)
	}
	r.pdf.SetXY(marginLeft, marginTop)
	r.fresh = true
}

// flushBreak starts the page a PageBreak block asked for, if any.
func (r *renderer) flushBreak() {
	if r.breakPending {
		r.breakPending = false
		r.newPage()
	}
}

// ensure starts a new page unless height more millimetres fit above the
// bottom margin (or the page is still empty). It reports whether it did.
func (r *renderer) ensure(height float64) bool {
	if r.fresh || r.pdf.GetY()+height <= textBottom+epsilon {
		return false
	}
	r.newPage()
	return true
}

// takeTail returns the room to keep under the next line or row drawn (see
// renderer.tail) and clears it.
func (r *renderer) takeTail() float64 {
	t := r.tail
	r.tail = 0
	return t
}

// y returns the current vertical position.
func (r *renderer) y() float64 { return r.pdf.GetY() }

// moveTo sets the vertical position and marks the page as used.
func (r *renderer) moveTo(y float64) {
	r.pdf.SetXY(marginLeft, y)
	r.fresh = false
}

// skip adds vertical space, except at the top of a page.
func (r *renderer) skip(height float64) {
	if r.fresh {
		return
	}
	r.pdf.SetY(r.y() + height)
}

// setFont selects the serif family in the given style and size (points).
func (r *renderer) setFont(s style, size float64) {
	if size <= 0 {
		size = bodySize
	}
	r.font, r.fontSize = s, size
	r.pdf.SetFont(family, string(s), size)
}

// measure returns the width of s in millimetres in the current font.
func (r *renderer) measure(s string) float64 {
	return r.pdf.GetStringWidth(s)
}

// lineHeight returns the line height in millimetres for a font size in
// points.
func lineHeight(size float64) float64 {
	return size * lineSpacing * ptToMM
}

// drawLine prints one line of clean text in a box of width w at (x, y) in
// the current font. Justified lines are stretched only if they have a space
// and are not the last of their paragraph.
func (r *renderer) drawLine(x, y, w, h float64, text string, align Align, last bool) {
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, text, "", 0, alignCode(align, text, last), false, 0, "")
	r.fresh = false
}

// alignCode maps an alignment to gofpdf's code. gofpdf's justification of
// UTF-8 text divides by the number of spaces, so it is only used on lines
// that have one.
func alignCode(a Align, text string, last bool) string {
	switch a {
	case AlignCenter:
		return "C"
	case AlignRight:
		return "R"
	case AlignJustify:
		if !last && containsSpace(text) {
			return "J"
		}
	}
	return "L"
}

// containsSpace reports whether text has an ASCII space.
func containsSpace(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] == ' ' {
			return true
		}
	}
	return false
}

// rule draws a horizontal rule centred on cx.
func (r *renderer) rule(cx, y, length float64) {
	r.pdf.SetLineWidth(ruleThickness)
	r.pdf.Line(cx-length/2, y, cx+length/2, y)
}
