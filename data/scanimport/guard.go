package scanimport

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// guardSize is the read buffer of a guardedReader; it is also the most the
// token-size check can overshoot by.
const guardSize = 64 << 10

// guardedReader is the byte source of the XML decoder. It buffers the input,
// counts the bytes read, reports progress, honours cancellation, and fails
// with ErrTokenTooLarge when more than maxGap bytes pass without the parser
// moving its mark (it moves the mark after every token). The check runs at
// each buffer refill, so the fast path of ReadByte is a bounds check.
type guardedReader struct {
	src      io.Reader
	buf      []byte
	pos, n   int
	base     int64 // input offset of buf[0]
	mark     int64 // input offset of the end of the last token
	maxGap   int64
	err      error // sticky error from src or a guard
	sawEOF   bool  // io.EOF was handed to the decoder
	ctx      context.Context
	progress func(int64)
	reported int64 // bytes read at the last progress report
}

func newGuardedReader(src io.Reader, opts Options) *guardedReader {
	return &guardedReader{
		src:      src,
		buf:      make([]byte, guardSize),
		maxGap:   int64(opts.MaxTokenBytes),
		ctx:      opts.Context,
		progress: opts.Progress,
	}
}

// offset is the number of bytes handed to the decoder so far.
func (g *guardedReader) offset() int64 { return g.base + int64(g.pos) }

// markToken records that the decoder completed a token.
func (g *guardedReader) markToken() { g.mark = g.offset() }

// ReadByte implements io.ByteReader, which the decoder uses directly.
func (g *guardedReader) ReadByte() (byte, error) {
	if g.pos >= g.n {
		if err := g.fill(); err != nil {
			return 0, err
		}
	}
	b := g.buf[g.pos]
	g.pos++
	return b, nil
}

// Read implements io.Reader (required by xml.NewDecoder's signature).
func (g *guardedReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if g.pos >= g.n {
		if err := g.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, g.buf[g.pos:g.n])
	g.pos += n
	return n, nil
}

// fill refills the buffer after checking the guards.
func (g *guardedReader) fill() error {
	if g.err == nil {
		g.err = g.check()
	}
	if g.err != nil {
		if g.err == io.EOF {
			g.sawEOF = true
		}
		return g.err
	}
	g.base += int64(g.n)
	g.pos, g.n = 0, 0
	for range 100 {
		n, err := g.src.Read(g.buf)
		g.n = n
		if n > 0 {
			g.report(false)
		}
		if err != nil {
			g.err = fmt.Errorf("reading scan report: %w", err)
			if errors.Is(err, io.EOF) {
				g.err = io.EOF
			}
		}
		if n > 0 {
			return nil
		}
		if g.err != nil {
			return g.fill()
		}
	}
	g.err = fmt.Errorf("reading scan report: %w", io.ErrNoProgress)
	return g.err
}

// report calls the progress function with the bytes read from the source,
// at most once per guardSize bytes unless final.
func (g *guardedReader) report(final bool) {
	read := g.base + int64(g.n)
	if g.progress == nil || (!final && read-g.reported < guardSize) {
		return
	}
	g.reported = read
	g.progress(read)
}

// check applies the token-size and cancellation guards.
func (g *guardedReader) check() error {
	if g.offset()-g.mark > g.maxGap {
		return fmt.Errorf("%w: more than %d bytes without a complete token at byte %d", ErrTokenTooLarge, g.maxGap, g.mark)
	}
	if err := g.ctx.Err(); err != nil {
		return fmt.Errorf("scan import cancelled: %w", err)
	}
	return nil
}
