package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// asyncHash computes SHA-256 in its own goroutine. The caller hands it a
// buffer with start, may read (never write) the buffer meanwhile, and calls
// wait before reusing it. stop ends the goroutine.
type asyncHash struct {
	h    hash.Hash
	todo chan []byte
	done chan struct{}
}

// startAsyncHash starts the hashing goroutine.
func startAsyncHash() *asyncHash {
	a := &asyncHash{h: sha256.New(), todo: make(chan []byte), done: make(chan struct{}, 1)}
	go a.run()
	return a
}

// run hashes each buffer received and acknowledges it.
func (a *asyncHash) run() {
	for b := range a.todo {
		a.h.Write(b)
		a.done <- struct{}{}
	}
}

// start hands b to the hashing goroutine.
func (a *asyncHash) start(b []byte) { a.todo <- b }

// wait blocks until the buffer given to start has been hashed.
func (a *asyncHash) wait() { <-a.done }

// stop ends the hashing goroutine; it must not be called between start and
// wait.
func (a *asyncHash) stop() { close(a.todo) }

// sum returns the hex digest of everything hashed; call it after the last
// wait.
func (a *asyncHash) sum() string { return hex.EncodeToString(a.h.Sum(nil)) }
