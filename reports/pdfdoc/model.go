package pdfdoc

import "time"

// Document is one administrative document. Every field is optional: empty
// parts are left out. Strings may be in any Unicode form; they are cleaned
// before printing (see the package documentation).
type Document struct {
	// Agency is the top-left block: parent authority and issuing agency.
	Agency AgencyBlock
	// Number is the registration number ("12"); empty leaves a blank to fill
	// in by hand at issue time.
	Number string
	// Symbol is the document symbol after the slash ("BC-SNV").
	Symbol string
	// Place is the place name of the date line ("Vĩnh Long").
	Place string
	// Date is the date of issue; zero leaves the day, month and year blank.
	// It is also the PDF's creation date (so output does not depend on the
	// clock).
	Date time.Time
	// Kind is the document type ("BÁO CÁO", "KẾ HOẠCH"), printed bold upper
	// case and centred. Empty means an official letter (công văn): the
	// summary is then printed as "V/v …" under the number.
	Kind string
	// Summary is the trích yếu, printed bold and centred under Kind.
	Summary string
	// Body is the content, in order.
	Body []Block
	// Recipients are the lines of the "Nơi nhận:" block, without the leading
	// dash ("Như trên;", "Lưu: VT, VP.").
	Recipients []string
	// Signature is the signature block at the bottom right.
	Signature SignatureBlock
	// Appendices follow the signature block and "Nơi nhận", each on its
	// own page, headed "Phụ lục" (numbered I, II … when there are several)
	// with its title and the line "(Kèm theo <kind> số …/<symbol> ngày
	// dd/mm/yyyy của <issuer>)" built from the document's own parts.
	Appendices []Appendix
}

// Appendix is one appendix (phụ lục) of a document.
type Appendix struct {
	// Title is the appendix's name, printed bold upper case under the
	// "Phụ lục" line ("Danh mục hệ thống thông tin").
	Title string
	// Body is the appendix's content, in order.
	Body []Block
}

// AgencyBlock names the issuing agency and the authority above it.
type AgencyBlock struct {
	// Parent is the governing authority (cơ quan chủ quản), e.g.
	// "UBND TỈNH VĨNH LONG"; printed upper case.
	Parent string
	// Issuer is the issuing agency, e.g. "SỞ NỘI VỤ"; printed bold upper
	// case with a short rule under it.
	Issuer string
}

// SignatureBlock is the signer's block at the bottom right.
type SignatureBlock struct {
	// Authority holds the authority lines above the position, top down,
	// e.g. {"KT. GIÁM ĐỐC"}, {"TM. ỦY BAN NHÂN DÂN"} or {"TM. ỦY BAN NHÂN
	// DÂN", "KT. CHỦ TỊCH"} (Nghị định 30, Điều 13); printed bold upper
	// case. Empty when the head signs in their own name.
	Authority []string
	// Position is the signer's position, e.g. "PHÓ GIÁM ĐỐC"; bold upper case.
	Position string
	// Name is the signer's full name; bold.
	Name string
	// Image is an optional PNG of the handwritten signature (and seal),
	// placed between the position and the name.
	Image []byte
}

// Align is the horizontal alignment of text.
type Align int

// Alignments. The zero value is the block's default (justified for
// paragraphs, left for table cells).
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
	AlignJustify
)

// Block is one element of a document body: [Heading], [Paragraph], [List],
// [Table], [Image], [BarChart] or [PageBreak].
type Block interface {
	isBlock()
}

// Heading is a section heading. The text carries its own numbering
// ("I. KẾT QUẢ THỰC HIỆN", "1. Công tác tổ chức").
type Heading struct {
	// Level 1 is bold; 2 bold; 3 bold italic; 4 and deeper italic. Values
	// below 1 count as 1.
	Level int
	Text  string
}

// Paragraph is body text, justified with a first-line indent by default. A
// newline in Text starts a new paragraph.
type Paragraph struct {
	Text string
	// Align overrides the default justified alignment.
	Align Align
	// NoIndent suppresses the first-line indent.
	NoIndent bool
	Bold     bool
	Italic   bool
}

// ListMarker selects how [List] items are introduced.
type ListMarker int

// List markers in Vietnamese administrative style.
const (
	MarkerDash   ListMarker = iota // "- "
	MarkerPlus                     // "+ "
	MarkerNumber                   // "1. ", "2. "
	MarkerLetter                   // "a) ", "b) "
)

// List is a sequence of items, each a paragraph introduced by a marker.
type List struct {
	Marker ListMarker
	Items  []string
}

// Column describes one table column.
type Column struct {
	// Title is the header cell text (bold, centred).
	Title string
	// Width is a relative weight: columns share the text width in
	// proportion to it. Zero, negative or non-finite weights count as 1.
	Width float64
	// Align aligns the column's body cells: left by default, centre or
	// right; justified counts as left in cells.
	Align Align
}

// Table is a bordered table whose rows wrap long cells (a row is as tall as
// its tallest cell) and which breaks across pages.
type Table struct {
	// Caption is printed bold and centred above the table ("Bảng 1. …").
	Caption string
	Columns []Column
	// Rows hold the body cells; a row may be shorter than Columns (missing
	// cells are empty) but not longer (ErrTableShape).
	Rows [][]string
	// RepeatHeader repeats the header row at the top of every page the
	// table continues on.
	RepeatHeader bool
	// FontSize in points; 0 means 12. Clamped to 8–14.
	FontSize float64
}

// Image is a PNG picture, centred.
type Image struct {
	PNG []byte
	// Width in millimetres; 0 means the picture's natural size at 96 dpi.
	// The picture is shrunk to fit the text width and the page height.
	Width float64
	// Caption is printed italic and centred under the picture.
	Caption string
}

// Bar is one bar of a [BarChart].
type Bar struct {
	Label string
	// Percent is the bar's value, 0–100 (values outside are clamped; NaN
	// counts as 0).
	Percent float64
}

// BarChart is a horizontal bar chart of percentages with labels, e.g. the
// compliance of each information system.
type BarChart struct {
	// Title is printed bold and centred above the chart.
	Title string
	Bars  []Bar
}

// PageBreak starts a new page for what follows. At the top of a page, or
// with nothing after it, it does nothing.
type PageBreak struct{}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (List) isBlock()      {}
func (Table) isBlock()     {}
func (Image) isBlock()     {}
func (BarChart) isBlock()  {}
func (PageBreak) isBlock() {}
