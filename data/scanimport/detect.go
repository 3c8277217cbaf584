package scanimport

import (
	"encoding/xml"
	"fmt"
	"io"
)

// DetectLimit is the most bytes [Detect] reads.
const DetectLimit = 64 << 10

// Detect tells the report format from the start of r (at most DetectLimit
// bytes, up to the root element). It consumes what it reads: open the file
// again, seek back, or wrap r in a bufio.Reader and pass a reader over its
// Peek to Detect. It fails with ErrNotScanReport for anything but a Nessus
// v2 or OpenVAS report, ErrDoctype for a DOCTYPE, ErrEncoding for a
// non-UTF-8 declaration.
func Detect(r io.Reader) (Format, error) {
	opts := Options{MaxTokenBytes: DetectLimit}.withDefaults()
	in := newGuardedReader(io.LimitReader(r, DetectLimit), opts)
	dec := xml.NewDecoder(in)
	dec.CharsetReader = charsetReader
	for {
		tok, err := dec.Token()
		if err != nil {
			if in.err != nil && in.err != io.EOF {
				return "", in.err
			}
			return "", fmt.Errorf("%w: %w", ErrNotScanReport, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return formatOfRoot(t.Name.Local)
		case xml.Directive:
			return "", ErrDoctype
		}
	}
}
