package blob

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fuzzPlainSizes are the sizes of the plaintexts encrypted in the seed
// corpus (randomBytes(size, size)); the files in testdata/fuzz/FuzzOpen are
// encryptions of them to fixedIdentity, mutated or not.
var fuzzPlainSizes = []int{0, 1, 100, 64<<10 + 1}

// FuzzOpen writes arbitrary bytes as a blob file, then opens and reads it:
// it must either fail with ErrCorrupt or return one of the seed plaintexts
// exactly (the fuzzer cannot forge a new authentic blob), and never panic.
func FuzzOpen(f *testing.F) {
	s := newTestStore(f)
	known := map[[32]byte]bool{}
	for _, n := range fuzzPlainSizes {
		plain := randomBytes(n, uint64(n))
		known[sha256.Sum256(plain)] = true
		info := mustPut(f, s, plain)
		blob, err := os.ReadFile(s.path(info.ID))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(blob)
		f.Add(blob[:len(blob)/2])
	}
	f.Add([]byte{})
	f.Add([]byte("age-encryption.org/v1\n"))
	f.Add([]byte("age-encryption.org/v1\n-> X25519 AAAA\n\n--- AAAA\n"))
	id := strings.Repeat("0f", 16)
	path := s.path(id)
	f.Fuzz(func(t *testing.T, file []byte) {
		if err := os.WriteFile(path, file, 0o600); err != nil {
			t.Fatal(err)
		}
		plain, err := readAll(s, id)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("read failed with %v, want ErrCorrupt", err)
			}
			return
		}
		if !known[sha256.Sum256(plain)] {
			t.Fatalf("a mutated blob decrypted to %d bytes of new plaintext", len(plain))
		}
	})
}

// FuzzValidID checks that every accepted identifier is a plain local file
// name that cannot leave the store's folder.
func FuzzValidID(f *testing.F) {
	for _, seed := range []string{"", "..", "../etc/passwd", "/abs", strings.Repeat("a", 32), strings.Repeat("A", 32), newID()} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if !ValidID(id) {
			if err := checkID(id); !errors.Is(err, ErrInvalidID) {
				t.Fatalf("checkID(%q) = %v, want ErrInvalidID", id, err)
			}
			return
		}
		if len(id) != 32 || !filepath.IsLocal(id) || filepath.Base(id) != id || strings.ContainsAny(id, `/\.: `) {
			t.Fatalf("ValidID accepted %q", id)
		}
		if !bytes.Equal([]byte(strings.ToLower(id)), []byte(id)) {
			t.Fatalf("ValidID accepted upper case %q", id)
		}
	})
}

// TestSeedCorpusDecrypts checks that the valid blobs of the seed corpus
// still decrypt with fixedIdentity to their plaintexts, so that FuzzOpen
// explores mutations of authentic files and not only of garbage.
func TestSeedCorpusDecrypts(t *testing.T) {
	s := newTestStore(t)
	for _, n := range fuzzPlainSizes {
		name := filepath.Join("testdata", "fuzz", "FuzzOpen", "valid-"+strconv.Itoa(n))
		file := readCorpusBytes(t, name)
		id := newID()
		if err := os.WriteFile(s.path(id), file, 0o600); err != nil {
			t.Fatal(err)
		}
		plain, err := readAll(s, id)
		if err != nil || !bytes.Equal(plain, randomBytes(n, uint64(n))) {
			t.Fatalf("%s: %d bytes, %v; want the %d-byte seed plaintext", name, len(plain), err, n)
		}
	}
}

// readCorpusBytes reads a one-value []byte file in Go's fuzz corpus format.
func readCorpusBytes(t *testing.T, name string) []byte {
	t.Helper()
	content, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(content), "\n", 3)
	if len(lines) < 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") {
		t.Fatalf("%s: not a []byte fuzz corpus file", name)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return []byte(s)
}
