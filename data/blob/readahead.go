package blob

import (
	"context"
	"fmt"
	"io"
	"sync"
)

// readBufSize is the size of each read-ahead buffer: four age chunks, so
// that the pipeline stages hand over large pieces.
const readBufSize = 256 << 10

// readBufCount is the number of read-ahead buffers: one being read, one
// being hashed and encrypted, one spare.
const readBufCount = 3

// piece is one buffer of source data. last is set on the final piece
// (which may also carry data).
type piece struct {
	buf  []byte // the whole buffer, to give back with release
	data []byte // the part filled with source data
	last bool
	err  error
}

// readAhead reads a source in its own goroutine into a fixed set of
// buffers, so that reading overlaps with encryption. Memory use is
// readBufCount*readBufSize whatever the source size.
type readAhead struct {
	free chan []byte
	full chan piece
	quit chan struct{}
	wg   sync.WaitGroup
}

// startReadAhead starts reading r; reading stops when ctx is cancelled.
func startReadAhead(ctx context.Context, r io.Reader) *readAhead {
	ra := &readAhead{
		free: make(chan []byte, readBufCount),
		full: make(chan piece, readBufCount),
		quit: make(chan struct{}),
	}
	for range readBufCount {
		ra.free <- make([]byte, readBufSize)
	}
	ra.wg.Go(func() { ra.run(ctx, r) })
	return ra
}

// run fills free buffers until the source ends or fails, ctx is
// cancelled, or stop is called.
func (ra *readAhead) run(ctx context.Context, r io.Reader) {
	for {
		if ctx.Err() != nil {
			return
		}
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.quit:
			return
		case <-ctx.Done():
			return
		}
		n, err := io.ReadFull(r, buf)
		p := piece{buf: buf, data: buf[:n]}
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			p.last = true
		default:
			p.last, p.err = true, fmt.Errorf("blob: read source: %w", err)
		}
		ra.full <- p // never blocks: at most readBufCount pieces exist
		if p.last {
			return
		}
	}
}

// next returns the next piece, or an error if ctx is cancelled or the
// source failed.
func (ra *readAhead) next(ctx context.Context) (piece, error) {
	if err := ctx.Err(); err != nil {
		return piece{}, fmt.Errorf("blob: import cancelled: %w", err)
	}
	select {
	case p := <-ra.full:
		return p, p.err
	case <-ctx.Done():
		return piece{}, fmt.Errorf("blob: import cancelled: %w", ctx.Err())
	}
}

// release gives a piece's buffer back for reading.
func (ra *readAhead) release(p piece) { ra.free <- p.buf }

// stop ends the reading goroutine and waits for it, so that the source is
// no longer used when stop returns (a Read in progress is waited for).
func (ra *readAhead) stop() {
	close(ra.quit)
	ra.wg.Wait()
}
