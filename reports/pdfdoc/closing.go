package pdfdoc

// Closing block geometry (millimetres) and typography (points).
const (
	closingGap          = 6.0
	recipientsWidth     = 75.0
	signatureX          = marginLeft + recipientsWidth
	signatureWidth      = textWidth - recipientsWidth
	recipientsTitleSize = 12.0
	recipientSize       = 11.0
	signatureSize       = 14.0
	signatureSpace      = 28.0 // room for the hand-written signature
	recipientsTitle     = "Nơi nhận:"
)

// printLine is one line of the recipients list, ready to print.
type printLine struct {
	text   string
	indent float64
	style  style
	size   float64
}

// closing draws "Nơi nhận:" at the bottom left and the signature block at
// the bottom right, starting on the same line and kept on one page.
func (r *renderer) closing(recipients []string, sig SignatureBlock) error {
	lines := r.recipientLines(recipients)
	block, err := r.signatureBlock(sig)
	if err != nil {
		return err
	}
	if len(lines) == 0 && block.empty() {
		return nil
	}
	r.flushBreak()
	recH := 0.0
	for _, l := range lines {
		recH += lineHeight(l.size)
	}
	sigH := block.height()
	r.skip(closingGap)
	if max(recH, sigH) <= textHeight {
		r.ensure(max(recH, sigH))
		top := r.y()
		end := r.drawSignature(block, top)
		r.moveTo(max(end, r.drawRecipients(lines, top)))
		return nil
	}
	// A recipients list longer than a page: signature first, then the
	// list flowing over the following pages.
	r.ensure(sigH)
	r.moveTo(r.drawSignature(block, r.y()) + closingGap)
	r.moveTo(r.drawRecipients(lines, r.y()))
	return nil
}

// closingNeed is the height the closing block takes under the body: the
// spacing after the last paragraph or table, the gap, and the taller of
// the recipients and the signature; 0 when there is no closing or it is
// longer than a page (it then flows on its own).
func (r *renderer) closingNeed(recipients []string, sig SignatureBlock) (float64, error) {
	lines := r.recipientLines(recipients)
	block, err := r.signatureBlock(sig)
	if err != nil || (len(lines) == 0 && block.empty()) {
		return 0, err
	}
	recH := 0.0
	for _, l := range lines {
		recH += lineHeight(l.size)
	}
	h := max(recH, block.height())
	if h > textHeight {
		return 0, nil
	}
	return paraSpacing + closingGap + h, nil
}

// recipientLines wraps the "Nơi nhận:" title and the dash-introduced items.
func (r *renderer) recipientLines(recipients []string) []printLine {
	var out []printLine
	dashW := 0.0
	for _, item := range recipients {
		text := r.clean.line(item)
		if text == "" {
			continue
		}
		if out == nil {
			out = append(out, printLine{recipientsTitle, 0, boldItalic, recipientsTitleSize})
			r.setFont(regular, recipientSize)
			dashW = r.measure("- ")
		}
		r.setFont(regular, recipientSize)
		wrapped := wrap("- "+text, recipientsWidth, recipientsWidth-dashW, r.measure)
		for i, l := range wrapped {
			indent := 0.0
			if i > 0 {
				indent = dashW
			}
			out = append(out, printLine{l, indent, regular, recipientSize})
		}
	}
	return out
}

// drawRecipients prints the recipients lines from y down, breaking pages if
// needed; it returns the y under the last line.
func (r *renderer) drawRecipients(lines []printLine, y float64) float64 {
	for _, l := range lines {
		h := lineHeight(l.size)
		if y+h > textBottom+epsilon {
			r.newPage()
			y = r.y()
		}
		r.setFont(l.style, l.size)
		r.drawLine(marginLeft+l.indent, y, recipientsWidth-l.indent, h, l.text, AlignLeft, true)
		y += h
	}
	return y
}

// signature is a cleaned signature block with its registered image.
type signature struct {
	authority, position []string // wrapped lines
	name                []string
	picture             *picture
}

// empty reports whether there is nothing to print.
func (s signature) empty() bool {
	return len(s.authority) == 0 && len(s.position) == 0 && len(s.name) == 0 && s.picture == nil
}

// height returns the block's height in millimetres.
func (s signature) height() float64 {
	if s.empty() {
		return 0
	}
	lines := len(s.authority) + len(s.position) + len(s.name)
	return float64(lines)*lineHeight(signatureSize) + signatureSpace
}

// signatureBlock cleans and wraps the signature fields and registers the
// signature image.
func (r *renderer) signatureBlock(sig SignatureBlock) (signature, error) {
	width := signatureWidth
	s := signature{
		position: r.wrapIn(upper(r.clean.line(sig.Position)), width, bold, signatureSize),
		name:     r.wrapIn(r.clean.line(sig.Name), width, bold, signatureSize),
	}
	for _, a := range sig.Authority {
		s.authority = append(s.authority, r.wrapIn(upper(r.clean.line(a)), width, bold, signatureSize)...)
	}
	if len(sig.Image) > 0 {
		p, err := r.registerPNG(sig.Image)
		if err != nil {
			return signature{}, err
		}
		s.picture = &p
	}
	return s, nil
}

// drawSignature prints the signature block from top down, centred in the
// right column; it returns the y under the signer's name.
func (r *renderer) drawSignature(s signature, top float64) float64 {
	if s.empty() {
		return top
	}
	col := column{signatureX, signatureWidth}
	h := lineHeight(signatureSize)
	r.setFont(bold, signatureSize)
	y := top
	for _, l := range append(append([]string{}, s.authority...), s.position...) {
		r.drawLine(col.x, y, col.w, h, l, AlignCenter, true)
		y += h
	}
	if s.picture != nil {
		r.placeSignatureImage(*s.picture, col, y)
	}
	r.recordSignatureSpace(col, y)
	y += signatureSpace
	r.setFont(bold, signatureSize)
	for _, l := range s.name {
		r.drawLine(col.x, y, col.w, h, l, AlignCenter, true)
		y += h
	}
	return y
}

// placeSignatureImage fits the signature picture in the space between the
// position and the name, centred.
func (r *renderer) placeSignatureImage(p picture, col column, y float64) {
	maxW, maxH := col.w-10, signatureSpace-2
	w := maxW
	h := w * float64(p.height) / float64(p.width)
	if h > maxH {
		w, h = w*maxH/h, maxH
	}
	r.placeImage(p, col.centre()-w/2, y+(signatureSpace-h)/2, w, h)
}
