package blob

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// TestOpenAtReadsAnywhere reads ranges across chunk boundaries.
func TestOpenAtReadsAnywhere(t *testing.T) {
	s := newTestStore(t)
	plain := randomBytes(5*(64<<10)+123, 31)
	info := mustPut(t, s, plain)
	r, err := s.OpenAt(info.ID, info)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Size() != int64(len(plain)) {
		t.Fatalf("Size = %d, want %d", r.Size(), len(plain))
	}
	for _, rg := range [][2]int{{0, 10}, {64<<10 - 5, 64<<10 + 5}, {3 * (64 << 10), 64 << 10}, {len(plain) - 7, 7}} {
		got := make([]byte, rg[1])
		if _, err := r.ReadAt(got, int64(rg[0])); err != nil && !errors.Is(err, io.EOF) {
			t.Fatalf("ReadAt(%d, %d): %v", rg[0], rg[1], err)
		}
		if !bytes.Equal(got, plain[rg[0]:rg[0]+rg[1]]) {
			t.Fatalf("ReadAt(%d, %d) returned other bytes", rg[0], rg[1])
		}
	}
}

// TestOpenAtRefusesASubstitute puts another authentic blob of the same
// store in the place of the recorded one: it decrypts, but it is not the
// recorded content.
func TestOpenAtRefusesASubstitute(t *testing.T) {
	s := newTestStore(t)
	info := mustPut(t, s, randomBytes(100_000, 32))
	other := mustPut(t, s, randomBytes(100_000, 33))
	file, err := os.ReadFile(s.path(other.ID))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.path(info.ID), file, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := s.OpenAt(info.ID, info)
	if !errors.Is(err, ErrMismatch) || !errors.Is(err, ErrCorrupt) {
		if r != nil {
			r.Close()
		}
		t.Fatalf("OpenAt of a substitute = %v, want ErrCorrupt and ErrMismatch", err)
	}
	if _, err := s.OpenAt("../etc/passwd", Info{}); !errors.Is(err, ErrInvalidID) {
		t.Fatalf("OpenAt of a bad id = %v, want ErrInvalidID", err)
	}
}
