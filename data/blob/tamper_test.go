package blob

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// ageLayout locates the parts of an age file: the header ends after the
// line starting with "---", then come a 16-byte nonce and the chunks of
// 64 KiB plaintext plus a 16-byte tag.
type ageLayout struct {
	headerEnd  int // offset just after the header's final newline
	payload    int // offset of the first chunk (after the nonce)
	chunkCount int
}

const encChunk = 64<<10 + 16

// layoutOf parses the layout of a valid age file.
func layoutOf(t *testing.T, file []byte) ageLayout {
	t.Helper()
	mac := bytes.Index(file, []byte("\n--- "))
	if mac < 0 {
		t.Fatal("no header MAC line in blob")
	}
	end := mac + 1 + bytes.IndexByte(file[mac+1:], '\n') + 1
	payload := end + 16
	count := (len(file) - payload + encChunk - 1) / encChunk
	return ageLayout{headerEnd: end, payload: payload, chunkCount: count}
}

// chunkOffset returns the offset of chunk i.
func (l ageLayout) chunkOffset(i int) int { return l.payload + i*encChunk }

func flip(b []byte, off int) []byte {
	c := bytes.Clone(b)
	c[off] ^= 0x01
	return c
}

func TestTamperedBlobsFailWithErrCorrupt(t *testing.T) {
	s := newTestStore(t)
	// Three full chunks and a short fourth one.
	plain := randomBytes(3*(64<<10)+1000, 21)
	info := mustPut(t, s, plain)
	orig, err := os.ReadFile(s.path(info.ID))
	if err != nil {
		t.Fatal(err)
	}
	l := layoutOf(t, orig)
	if l.chunkCount != 4 {
		t.Fatalf("blob has %d chunks, want 4", l.chunkCount)
	}
	other, _ := os.ReadFile(s.path(mustPut(t, s, randomBytes(3*(64<<10)+1000, 22)).ID))

	swapped := bytes.Clone(orig)
	copy(swapped[l.chunkOffset(0):], orig[l.chunkOffset(1):l.chunkOffset(2)])
	copy(swapped[l.chunkOffset(1):], orig[l.chunkOffset(0):l.chunkOffset(1)])

	cases := []struct {
		name string
		file []byte
	}{
		{"bit flip in intro line", flip(orig, 3)},
		{"bit flip in recipient stanza", flip(orig, l.headerEnd/2)},
		{"bit flip in header MAC", flip(orig, l.headerEnd-5)},
		{"bit flip in nonce", flip(orig, l.headerEnd+3)},
		{"bit flip in first chunk", flip(orig, l.chunkOffset(0)+10)},
		{"bit flip in middle chunk", flip(orig, l.chunkOffset(2)+30000)},
		{"bit flip in middle chunk tag", flip(orig, l.chunkOffset(2)-1)},
		{"bit flip in last chunk", flip(orig, l.chunkOffset(3)+500)},
		{"bit flip in last byte", flip(orig, len(orig)-1)},
		{"truncated in header", orig[:l.headerEnd/2]},
		{"truncated after header", orig[:l.headerEnd]},
		{"truncated in nonce", orig[:l.headerEnd+8]},
		{"truncated after nonce", orig[:l.payload]},
		{"truncated in first chunk", orig[:l.chunkOffset(0)+100]},
		{"truncated at chunk boundary 1", orig[:l.chunkOffset(1)]},
		{"truncated at chunk boundary 3", orig[:l.chunkOffset(3)]},
		{"truncated by one byte", orig[:len(orig)-1]},
		{"last chunk dropped and tag only", orig[:l.chunkOffset(3)+16]},
		{"chunks swapped", swapped},
		{"chunk from another blob", append(bytes.Clone(orig[:l.chunkOffset(1)]), other[l.chunkOffset(1):]...)},
		{"header from another blob", append(bytes.Clone(other[:l.payload]), orig[l.payload:]...)},
		{"trailing garbage", append(bytes.Clone(orig), 0)},
		{"trailing chunk", append(bytes.Clone(orig), orig[l.chunkOffset(1):l.chunkOffset(2)]...)},
		{"empty file", nil},
		{"garbage", randomBytes(100_000, 23)},
		{"plaintext", plain},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(s.path(info.ID), tc.file, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := readAll(s, info.ID)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("read = %d bytes, %v; want ErrCorrupt", len(got), err)
			}
			if !bytes.HasPrefix(plain, got) {
				t.Fatalf("the %d bytes returned before the error are not a prefix of the plaintext", len(got))
			}
			if err := s.Verify(info.ID, info); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Verify = %v, want ErrCorrupt", err)
			}
			if r, err := s.OpenAt(info.ID, info); !errors.Is(err, ErrCorrupt) {
				if r != nil {
					r.Close()
				}
				t.Fatalf("OpenAt = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestErrorIsSticky checks that a reader keeps failing after the first
// error, so a caller that retries a read never sees a clean EOF.
func TestErrorIsSticky(t *testing.T) {
	s := newTestStore(t)
	info := mustPut(t, s, randomBytes(2*(64<<10)+7, 24))
	orig, err := os.ReadFile(s.path(info.ID))
	if err != nil {
		t.Fatal(err)
	}
	l := layoutOf(t, orig)
	if err := os.WriteFile(s.path(info.ID), orig[:l.chunkOffset(2)], 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := s.Open(info.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	buf := make([]byte, 1<<20)
	var firstErr error
	for range 10 {
		if _, err := rc.Read(buf); err != nil {
			firstErr = err
			break
		}
	}
	if !errors.Is(firstErr, ErrCorrupt) {
		t.Fatalf("first error = %v, want ErrCorrupt", firstErr)
	}
	for range 3 {
		if n, err := rc.Read(buf); n != 0 || !errors.Is(err, ErrCorrupt) {
			t.Fatalf("read after error = %d, %v; want 0, ErrCorrupt", n, err)
		}
	}
}
