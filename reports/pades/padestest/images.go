// Package padestest draws test images for visible signatures: a blue
// signature stroke and a red seal ring on transparent backgrounds, and an
// opaque image that must be refused.
package padestest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// SignatureImage is a blue stroke on a transparent 400×160 PNG.
func SignatureImage() []byte {
	return draw(400, 160, color.NRGBA{0, 40, 200, 255}, func(dx, dy float64) bool { return math.Abs(dy-0.6*dx*dx+0.3) < 0.08 })
}

// SealImage is a red ring on a transparent 300×300 PNG.
func SealImage() []byte {
	return draw(300, 300, color.NRGBA{220, 0, 0, 230}, func(dx, dy float64) bool { d := dx*dx + dy*dy; return d < 0.95 && d > 0.7 })
}

// OpaqueImage is a white 100×100 PNG without transparency.
func OpaqueImage() []byte {
	return draw(100, 100, color.NRGBA{255, 255, 255, 255}, func(float64, float64) bool { return true })
}

// draw paints c where inside holds (coordinates from -1 to 1).
func draw(w, h int, c color.NRGBA, inside func(dx, dy float64) bool) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if inside(float64(x-w/2)/float64(w/2), float64(y-h/2)/float64(h/2)) {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // an in-memory NRGBA always encodes
	return buf.Bytes()
}
