package pades

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math"
	"testing"

	"daumoi/reports/pades/padestest"
)

// withDPI inserts a pHYs chunk (dpi, in pixels per metre) after a PNG's
// IHDR chunk, as image editors write it.
func withDPI(png []byte, dpi float64) []byte {
	ppm := uint32(math.Round(dpi / 0.0254))
	data := make([]byte, 9)
	binary.BigEndian.PutUint32(data[0:], ppm)
	binary.BigEndian.PutUint32(data[4:], ppm)
	data[8] = 1
	chunk := binary.BigEndian.AppendUint32(nil, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(append([]byte("pHYs"), data...)))
	ihdrEnd := 8 + 4 + 4 + 13 + 4
	return append(append(bytes.Clone(png[:ihdrEnd]), chunk...), png[ihdrEnd:]...)
}

// TestSealAtActualSize: a seal that states its resolution is drawn at its
// printed size (300 px at 211.67 dpi = 36 mm), one that does not at
// DefaultSealSize; the appearance grows past the signature space to hold
// it, centred on the signature's left third.
func TestSealAtActualSize(t *testing.T) {
	space := Rect{LLX: 330, LLY: 300, URX: 530, URY: 380} // 200 × 80 pt
	mm := func(pt float64) float64 { return pt / 72 * 25.4 }
	for _, tc := range []struct {
		name string
		seal []byte
		want float64 // mm
	}{
		{"40 mm at 190.5 dpi", withDPI(padestest.SealImage(), 190.5), 40},
		{"no resolution", padestest.SealImage(), 36},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, r, err := compose(Appearance{Page: 1, Rect: space, Signature: padestest.SignatureImage(), Seal: tc.seal})
			if err != nil {
				t.Fatal(err)
			}
			if h := mm(r.Height()); math.Abs(h-tc.want) > 0.5 {
				t.Errorf("appearance %.1f mm high, want the seal's %.1f mm", h, tc.want)
			}
			if r.LLX > space.LLX || r.URX != space.URX || r.LLY >= space.LLY || r.URY <= space.URY {
				t.Errorf("appearance %+v does not hold the space %+v and the seal beyond it", r, space)
			}
		})
	}
	if _, r, err := compose(Appearance{Page: 1, Rect: space, Signature: padestest.SignatureImage()}); err != nil || r != space {
		t.Errorf("without a seal: %+v %v, want the space itself", r, err)
	}
	if got := pngPixelsPerMetre([]byte("\\x89PNG\\r\\n\\x1a\\n garbage")); got != 0 {
		t.Errorf("garbage: %v pixels per metre", got)
	}
}
