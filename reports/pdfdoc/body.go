package pdfdoc

import (
	"strconv"
	"strings"
)

// headingStyle returns the font style of a heading level.
func headingStyle(level int) style {
	switch {
	case level <= 2:
		return bold
	case level == 3:
		return boldItalic
	}
	return italic
}

// heading draws a section heading, indented like a paragraph, kept on the
// same page as at least two lines of what follows.
func (r *renderer) heading(h Heading) {
	text := r.clean.line(h.Text)
	if text == "" {
		return
	}
	s := headingStyle(h.Level)
	r.setFont(s, bodySize)
	lines := wrap(text, textWidth-firstIndent, textWidth, r.measure)
	lh := lineHeight(bodySize)
	r.skip(paraSpacing / 2)
	r.ensure(float64(len(lines)+2) * lh)
	r.flowLines(lines, s, bodySize, firstIndent, AlignJustify)
	r.skip(paraSpacing)
}

// paragraph draws body text; each line of p.Text is a paragraph of its own.
func (r *renderer) paragraph(p Paragraph) {
	s := regular
	switch {
	case p.Bold && p.Italic:
		s = boldItalic
	case p.Bold:
		s = bold
	case p.Italic:
		s = italic
	}
	align := p.Align
	if align == AlignDefault {
		align = AlignJustify
	}
	indent := firstIndent
	if p.NoIndent || align == AlignCenter || align == AlignRight {
		indent = 0
	}
	tail := r.takeTail()
	parts := strings.Split(r.clean.text(p.Text), "\n")
	for i, text := range parts {
		if i == len(parts)-1 {
			r.tail = tail
		}
		r.textBlock(text, s, indent, align)
	}
	r.tail = 0
}

// list draws each item as a paragraph introduced by its marker.
func (r *renderer) list(l List) {
	tail := r.takeTail()
	var items []string
	for _, item := range l.Items {
		if text := r.clean.line(item); text != "" {
			items = append(items, text)
		}
	}
	for n, text := range items {
		if n == len(items)-1 {
			r.tail = tail
		}
		r.textBlock(marker(l.Marker, n)+" "+text, regular, firstIndent, AlignJustify)
	}
	r.tail = 0
}

// vietnameseLetters are the letters that number points in ND30 documents
// ("a)", "b)", …, "đ)", …), without f, j, w, z.
const vietnameseLetters = "abcdđeghiklmnopqrstuvxy"

// marker returns the marker of the item with index i (from 0).
func marker(m ListMarker, i int) string {
	switch m {
	case MarkerPlus:
		return "+"
	case MarkerNumber:
		return strconv.Itoa(i+1) + "."
	case MarkerLetter:
		letters := []rune(vietnameseLetters)
		letter := string(letters[i%len(letters)])
		return strings.Repeat(letter, i/len(letters)+1) + ")"
	}
	return "-"
}

// textBlock wraps one clean paragraph and flows it down the pages, followed
// by the paragraph spacing.
func (r *renderer) textBlock(text string, s style, indent float64, align Align) {
	if text == "" {
		return
	}
	r.setFont(s, bodySize)
	lines := wrap(text, textWidth-indent, textWidth, r.measure)
	r.flowLines(lines, s, bodySize, indent, align)
	r.skip(paraSpacing)
}

// flowLines prints wrapped lines one under the other across the text width,
// the first indented, breaking pages between lines; the last line keeps
// the room of renderer.tail under it.
func (r *renderer) flowLines(lines []string, s style, size, indent float64, align Align) {
	r.setFont(s, size)
	h := lineHeight(size)
	for i, line := range lines {
		need := h
		if i == len(lines)-1 {
			need += r.takeTail()
		}
		r.ensure(need)
		x, w := marginLeft, textWidth
		if i == 0 {
			x, w = x+indent, w-indent
		}
		r.drawLine(x, r.y(), w, h, line, align, i == len(lines)-1)
		r.pdf.SetY(r.y() + h)
	}
}
