package blob

import "os"

// writebackStep is how much written data triggers an early writeback.
const writebackStep = 8 << 20

// earlyWriter writes to a file and, every writebackStep bytes, asks the
// kernel to start writing them to disk (see startWriteback). Without it a
// large import fills the page cache with dirty pages, the progress bar
// reaches 100% and the final fsync then waits for the whole file; with it
// the disk works while we encrypt, and progress follows the disk.
type earlyWriter struct {
	f         *os.File
	written   int64
	startedAt int64 // offset up to which writeback was requested
}

// Write implements io.Writer.
func (w *earlyWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.startedAt >= writebackStep {
		startWriteback(w.f, w.startedAt, w.written-w.startedAt)
		w.startedAt = w.written
	}
	return n, err
}
