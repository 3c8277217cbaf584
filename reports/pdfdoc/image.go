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
	width, height int // pixels
}

// registerPNG checks and normalises a PNG (decoded with the standard
// library, re-encoded as 8-bit non-interlaced, which gofpdf always reads)
// and registers it with the PDF, once per distinct picture.
func (r *renderer) registerPNG(data []byte) (picture, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return picture{}, fmt.Errorf("%w: %w", ErrImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return picture{}, fmt.Errorf("%w: empty image", ErrImage)
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return picture{}, fmt.Errorf("%w: %d × %d pixels, at most %d", ErrImageTooLarge, cfg.Width, cfg.Height, maxImagePixels)
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return picture{}, fmt.Errorf("%w: %w", ErrImage, err)
	}
	rgba := image.NewNRGBA(image.Rect(0, 0, cfg.Width, cfg.Height))
	draw.Draw(rgba, rgba.Bounds(), src, src.Bounds().Min, draw.Src)
	var clean bytes.Buffer
	if err := png.Encode(&clean, rgba); err != nil {
		return picture{}, fmt.Errorf("%w: re-encoding: %w", ErrImage, err)
	}
	// gofpdf names image objects after their content: registering the
	// same picture twice would duplicate a key in the page resources.
	key := sha256.Sum256(clean.Bytes())
	if p, ok := r.images[key]; ok {
		return p, nil
	}
	p := picture{name: "image" + strconv.Itoa(len(r.images)+1), width: cfg.Width, height: cfg.Height}
	r.pdf.RegisterImageOptionsReader(p.name, gofpdf.ImageOptions{ImageType: "PNG"}, &clean)
	if err := r.pdf.Error(); err != nil {
		return picture{}, fmt.Errorf("%w: %w", ErrImage, err)
	}
	r.images[key] = p
	return p, nil
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

// placeImage draws a registered picture in the given box (millimetres).
func (r *renderer) placeImage(p picture, x, y, w, h float64) {
	r.pdf.ImageOptions(p.name, x, y, w, h, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	r.fresh = false
}
