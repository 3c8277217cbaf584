package pades

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"time"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"daumoi/assets/fonts"
)

// Rect is a rectangle on a page in PDF points (1/72 inch), origin at the
// page's lower left corner.
type Rect struct {
	LLX, LLY, URX, URY float64
}

// Width is the rectangle's width in points.
func (r Rect) Width() float64 { return r.URX - r.LLX }

// Height is the rectangle's height in points.
func (r Rect) Height() float64 { return r.URY - r.LLY }

// Appearance is the visible signature of a main document (Nghị định 30,
// Phụ lục I): the signer's signature image centred in Rect (the space
// between the position and the name) and the organisation's seal image
// covering about a third of it on its left.
type Appearance struct {
	// Page is the 1-based page of the signature block.
	Page int
	// Rect is the signature space on that page.
	Rect Rect
	// Signature is the transparent PNG of the signer's signature (blue).
	Signature []byte
	// Seal is the transparent PNG of the organisation's seal (red); it
	// may be empty when the signer signs in their own name.
	Seal []byte
}

// Appendix is the text block that replaces the images on attachments and
// appendices sent as separate files (Nghị định 30, Phụ lục I): the
// document's number and symbol and the signing time, black, Times New Roman
// 10 pt, at the top right of the first page.
type Appendix struct {
	// Number is the "Số/ký hiệu" of the document, e.g. "12/BC-SNV".
	Number string
}

// Pixels per point of the raster appearances: 300 dpi is about 4.17, so a
// printed appearance stays sharp.
const pixelsPerPoint = 4.0

// Geometry of the appendix text block (points).
const (
	appendixSize      = 10.0
	appendixWidth     = 200.0
	appendixLineGap   = 1.25
	appendixTopMargin = 22.0
	appendixRight     = 42.5 // 15 mm, the right margin of Nghị định 30
)

// vietnam is the time zone the signing time is shown in (UTC+07:00).
var vietnam = time.FixedZone("ICT", 7*3600)

// AppendixTime formats t the way Nghị định 30 shows a signing time:
// "hh:mm:ss dd/mm/yyyy +07:00", in Vietnam time.
func AppendixTime(t time.Time) string {
	return t.In(vietnam).Format("15:04:05 02/01/2006 -07:00")
}

// appendixLines are the lines of the appendix text block.
func appendixLines(a Appendix, t time.Time) []string {
	return []string{"Số/ký hiệu: " + a.Number, "Thời gian ký: " + AppendixTime(t)}
}

// appendixRect places the text block at the top right of a page of the
// given size (points).
func appendixRect(pageW, pageH float64, lines int) Rect {
	h := float64(lines)*appendixSize*appendixLineGap + 4
	return Rect{LLX: pageW - appendixRight - appendixWidth, LLY: pageH - appendixTopMargin - h,
		URX: pageW - appendixRight, URY: pageH - appendixTopMargin}
}

// CheckImage checks that b is a PNG with transparency, as Nghị định 30
// requires of the signature and seal images: ErrImage otherwise.
func CheckImage(b []byte) error {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrImageNotPNG, err)
	}
	bounds := img.Bounds()
	if bounds.Dx() < 8 || bounds.Dy() < 8 || bounds.Dx() > 4000 || bounds.Dy() > 4000 {
		return fmt.Errorf("%w: %d×%d pixels", ErrImageSize, bounds.Dx(), bounds.Dy())
	}
	transparent := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a == 0 {
				transparent++
			}
		}
	}
	if transparent*10 < bounds.Dx()*bounds.Dy() {
		return ErrImageOpaque
	}
	return nil
}

// compose draws the appearance's images into one transparent PNG: the
// signature centred in the rectangle, the seal at its actual size (from
// the PNG's resolution, else DefaultSealSize) centred on the signature's
// left third, as a stamp on paper. It returns the image and the rectangle
// it covers on the page: the signature space, grown where the seal goes
// beyond it. pdfsign places exactly one image per widget, so the two are
// merged here.
func compose(a Appearance) ([]byte, Rect, error) {
	w, h := int(a.Rect.Width()*pixelsPerPoint), int(a.Rect.Height()*pixelsPerPoint)
	if w < 8 || h < 8 {
		return nil, Rect{}, fmt.Errorf("%w: %.0f×%.0f pt", ErrRect, a.Rect.Width(), a.Rect.Height())
	}
	sig, err := decodePNG(a.Signature)
	if err != nil {
		return nil, Rect{}, err
	}
	sigBox := fit(sig.Bounds(), w/2, h*9/10)
	sigBox = sigBox.Add(image.Pt((w-sigBox.Dx())/2, (h-sigBox.Dy())/2))
	var seal image.Image
	sealBox := image.Rectangle{}
	if len(a.Seal) > 0 {
		if seal, err = decodePNG(a.Seal); err != nil {
			return nil, Rect{}, err
		}
		sw, sh := sealSize(a.Seal, seal.Bounds())
		pw, ph := int(sw*pixelsPerPoint), int(sh*pixelsPerPoint)
		cx := sigBox.Min.X + sigBox.Dx()/3
		sealBox = image.Rect(cx-pw/2, h/2-ph/2, cx-pw/2+pw, h/2-ph/2+ph)
	}
	union := image.Rect(0, 0, w, h).Union(sealBox)
	canvas := image.NewNRGBA(image.Rect(0, 0, union.Dx(), union.Dy()))
	shift := image.Pt(-union.Min.X, -union.Min.Y)
	xdraw.CatmullRom.Scale(canvas, sigBox.Add(shift), sig, sig.Bounds(), draw.Over, nil)
	if seal != nil {
		xdraw.CatmullRom.Scale(canvas, sealBox.Add(shift), seal, seal.Bounds(), draw.Over, nil)
	}
	img, err := encodePNG(canvas)
	// Image rows grow downwards, page coordinates upwards.
	r := Rect{LLX: a.Rect.LLX + float64(union.Min.X)/pixelsPerPoint, URX: a.Rect.LLX + float64(union.Max.X)/pixelsPerPoint,
		URY: a.Rect.URY - float64(union.Min.Y)/pixelsPerPoint, LLY: a.Rect.URY - float64(union.Max.Y)/pixelsPerPoint}
	return img, r, err
}

// DefaultSealSize is the printed width of a seal image that does not say
// its resolution: 36 mm, in points (state bodies' round seals are about
// 35–40 mm across).
const DefaultSealSize = 36 / 25.4 * 72

// sealSize is the seal's printed size in points: its pixels at the
// resolution its PNG states (the pHYs chunk, in pixels per metre), else
// DefaultSealSize wide in proportion.
func sealSize(b []byte, px image.Rectangle) (w, h float64) {
	if ppm := pngPixelsPerMetre(b); ppm > 0 {
		toPt := 1000 / ppm / 25.4 * 72
		return float64(px.Dx()) * toPt, float64(px.Dy()) * toPt
	}
	return DefaultSealSize, DefaultSealSize * float64(px.Dy()) / float64(max(px.Dx(), 1))
}

// pngPixelsPerMetre reads the horizontal resolution of a PNG's pHYs chunk
// (unit: metre), 0 when it has none.
func pngPixelsPerMetre(b []byte) float64 {
	const sig = 8
	for off := sig; off+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[off:]))
		typ := string(b[off+4 : off+8])
		if n < 0 || off+12+n > len(b) {
			return 0
		}
		if typ == "pHYs" && n == 9 && b[off+8+8] == 1 {
			return float64(binary.BigEndian.Uint32(b[off+8:]))
		}
		if typ == "IDAT" {
			return 0 // pHYs comes before the image data
		}
		off += 12 + n
	}
	return 0
}

// fit scales src's size to fit maxW×maxH keeping its proportions.
func fit(src image.Rectangle, maxW, maxH int) image.Rectangle {
	w, h := maxW, src.Dy()*maxW/max(src.Dx(), 1)
	if h > maxH {
		w, h = src.Dx()*maxH/max(src.Dy(), 1), maxH
	}
	return image.Rect(0, 0, w, h)
}

// textBlock draws the appendix lines in black Liberation Serif (metrically
// Times New Roman) at 10 pt into a transparent PNG of r's size. The library
// draws text only in a non-embedded Type 1 Times-Roman with a Latin-1
// encoding, which cannot show Vietnamese letters, so the block is drawn
// here with the embedded font.
func textBlock(lines []string, r Rect) ([]byte, error) {
	w, h := int(r.Width()*pixelsPerPoint), int(r.Height()*pixelsPerPoint)
	face, err := serifFace(appendixSize * pixelsPerPoint)
	if err != nil {
		return nil, err
	}
	defer face.Close()
	canvas := image.NewNRGBA(image.Rect(0, 0, w, h))
	d := font.Drawer{Dst: canvas, Src: image.NewUniform(color.Black), Face: face}
	step := appendixSize * appendixLineGap * pixelsPerPoint
	for i, l := range lines {
		d.Dot = fixed.P(0, int(step*float64(i+1)))
		d.DrawString(l)
	}
	return encodePNG(canvas)
}

// serifFace opens the embedded regular serif face at size pixels.
func serifFace(size float64) (font.Face, error) {
	data, err := fonts.Serif(fonts.Regular)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAppearance, err)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAppearance, err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAppearance, err)
	}
	return face, nil
}

// decodePNG decodes a checked signature or seal image.
func decodePNG(b []byte) (image.Image, error) {
	if err := CheckImage(b); err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImageNotPNG, err)
	}
	return img, nil
}

// encodePNG encodes an appearance raster.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAppearance, err)
	}
	return buf.Bytes(), nil
}

// DisplayTime formats t for people: "dd/mm/yyyy HH:MM:SS +07:00" in
// Vietnam time ("" for the zero time).
func DisplayTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("02/01/2006 15:04:05 -07:00")
}
