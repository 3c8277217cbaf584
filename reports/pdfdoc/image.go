package pdfdoc

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"strconv"

	"github.com/jung-kurt/gofpdf"
)

// Image limits and defaults.
const (
	maxImagePixels = 40_000_000 // about 6300 × 6300
	screenDPI      = 96.0
	imageCaption   = 12.0 // pt
)

// picture is a PNG registered with the PDF under name.
type picture struct {
	name          string
	width, height int // pixels of the picture as given
	pad           int // transparent columns added on the right, see registerPNG
}

// registerPNG checks and normalises a PNG (decoded with the standard
// library, re-encoded as 8-bit non-interlaced, which gofpdf always reads)
// and registers it with the PDF, once per distinct picture.
//
// gofpdf orders image objects by pixel width alone, starting from Go's
// random map order: two pictures of equal width would come out in a
// different order on each run. A picture whose width is taken therefore
// gets transparent columns on the right until its width is unique;
// placeImage draws it so that the visible part keeps its size.
func (r *renderer) registerPNG(data []byte) (picture, error) {
	img, err := decodePNG(data)
	if err != nil {
		return picture{}, err
	}
	encoded, err := encodePNG(img)
	if err != nil {
		return picture{}, err
	}
	// gofpdf also names image objects after their content: registering
	// the same picture twice would duplicate a key in the page resources.
	key := sha256.Sum256(encoded)
	if p, ok := r.images[key]; ok {
		return p, nil
	}
	size := img.Bounds().Size()
	p := picture{name: "image" + strconv.Itoa(len(r.images)+1), width: size.X, height: size.Y}
	for r.imageWidths[p.width+p.pad] {
		p.pad++
	}
	if p.pad > 0 {
		if encoded, err = encodePNG(padRight(img, p.pad)); err != nil {
			return picture{}, err
		}
	}
	r.pdf.RegisterImageOptionsReader(p.name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(encoded))
	if err := r.pdf.Error(); err != nil {
		return picture{}, fmt.Errorf("%w: %w", ErrImage, err)
	}
	r.images[key] = p
	r.imageWidths[p.width+p.pad] = true
	return p, nil
}

// decodePNG decodes a PNG of at most maxImagePixels into 8-bit NRGBA.
func decodePNG(data []byte) (*image.NRGBA, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: empty image", ErrImage)
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return nil, fmt.Errorf("%w: %d × %d pixels, at most %d", ErrImageTooLarge, cfg.Width, cfg.Height, maxImagePixels)
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImage, err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, src.Bounds().Dx(), src.Bounds().Dy()))
	draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
	return img, nil
}

// encodePNG encodes img; the standard encoder is deterministic.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("%w: re-encoding: %w", ErrImage, err)
	}
	return buf.Bytes(), nil
}

// padRight returns img widened by n fully transparent columns.
func padRight(img *image.NRGBA, n int) *image.NRGBA {
	b := img.Bounds()
	wide := image.NewNRGBA(image.Rect(0, 0, b.Dx()+n, b.Dy()))
	draw.Draw(wide, b, img, b.Min, draw.Src)
	return wide
}

// image draws a centred picture with its caption, shrunk to fit the text
// width and the page.
func (r *renderer) image(img Image) error {
	p, err := r.registerPNG(img.PNG)
	if err != nil {
		return err
	}
	caption := r.clean.line(img.Caption)
	captionH := float64(len(r.wrapIn(caption, textWidth, italic, imageCaption))) * lineHeight(imageCaption)
	w := img.Width
	if w <= 0 || math.IsNaN(w) || math.IsInf(w, 0) {
		w = float64(p.width) * 25.4 / screenDPI
	}
	w = min(w, textWidth)
	h := w * float64(p.height) / float64(p.width)
	if maxH := textHeight - captionH - 2; h > maxH {
		w, h = w*maxH/h, maxH
	}
	r.skip(paraSpacing / 2)
	r.ensure(h + captionH + 1)
	y := r.y()
	r.placeImage(p, marginLeft+(textWidth-w)/2, y, w, h)
	end := r.centredLines(column{marginLeft, textWidth}, y+h+1, italic, imageCaption, caption)
	r.moveTo(end)
	r.skip(paraSpacing)
	return nil
}

// placeImage draws a registered picture so that its visible part fills the
// given box (millimetres); padding columns spill transparently to the right.
func (r *renderer) placeImage(p picture, x, y, w, h float64) {
	w *= float64(p.width+p.pad) / float64(p.width)
	r.pdf.ImageOptions(p.name, x, y, w, h, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	r.fresh = false
}
