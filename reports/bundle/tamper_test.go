package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"daumoi/reports/signing"
)

// forEntry applies fn to the entry called name.
func forEntry(name string, fn func(*entry)) func([]entry) []entry {
	return func(es []entry) []entry {
		for i := range es {
			if es[i].name == name {
				fn(&es[i])
			}
		}
		return es
	}
}

func manifestOf(t testing.TB, data []byte) []byte {
	t.Helper()
	for _, e := range readEntries(t, data) {
		if e.name == ManifestName {
			return e.data
		}
	}
	t.Fatal("no manifest")
	return nil
}

// bombEntry is a raw ZIP entry that declares size bytes uncompressed but
// carries only a little deflated data.
func zipWithRaw(t testing.TB, base []byte, raw func(zw *zip.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range readEntries(t, base) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: e.method})
		w.Write(e.data)
	}
	raw(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func deflated(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	return buf.Bytes()
}

// TestVerifyTampering runs every tampering case against a fresh bundle and
// checks the sentinel; it also checks that Verify wrote nothing, neither in
// the working folder nor in the temporary folder.
func TestVerifyTampering(t *testing.T) {
	pub, sec := testKey(t)
	otherPub, otherSec := testKey(t)
	trust := TrustKey("agency", pub)
	good := build(t, sampleBundle(), sec)
	other := sampleBundle()
	other.Files = other.Files[:2]
	otherGood := build(t, other, sec)

	sameIDPub := func() signing.PublicKey {
		raw, _ := base64.StdEncoding.DecodeString(pub.String())
		raw[20] ^= 0xff
		k, err := signing.ParsePublicKey([]byte(base64.StdEncoding.EncodeToString(raw)))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}()
	// flipped changes one byte of a stored file's data in place, leaving
	// the CRC stale.
	flipped := func() []byte {
		d := slices.Clone(good)
		i := bytes.Index(d, []byte("%PDF-1.4"))
		d[i+3] ^= 1
		return d
	}()
	zeros := make([]byte, 50<<20)

	tests := []struct {
		name  string
		data  []byte
		trust Trust
		want  error
	}{
		{"not a zip", []byte("hello, this is not a zip file at all"), trust, ErrNotZip},
		{"empty file", nil, trust, ErrNotZip},
		{"changed byte in report (CRC stale)", flipped, trust, ErrHashMismatch},
		{"changed report", rezip(t, good, forEntry("report/annual-2026.pdf", func(e *entry) { e.data[0] = 'X' })), trust, ErrHashMismatch},
		{"changed data.json", rezip(t, good, forEntry("data/data.json", func(e *entry) { e.data = bytes.Replace(e.data, []byte("3"), []byte("4"), 1) })), trust, ErrHashMismatch},
		{"changed evidence", rezip(t, good, forEntry("evidence/biên bản kiểm tra.png", func(e *entry) { e.data[len(e.data)-1] ^= 1 })), trust, ErrHashMismatch},
		{"truncated evidence", rezip(t, good, forEntry("evidence/biên bản kiểm tra.png", func(e *entry) { e.data = e.data[:10] })), trust, ErrHashMismatch},
		{"added file", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "evidence/extra.pdf", data: []byte("x")}) }), trust, ErrExtraFile},
		{"removed file", rezip(t, good, func(es []entry) []entry {
			return slices.DeleteFunc(es, func(e entry) bool { return e.name == "data/assets.csv" })
		}), trust, ErrMissingFile},
		{"renamed file", rezip(t, good, forEntry("data/assets.csv", func(e *entry) { e.name = "data/assets-2.csv" })), trust, ErrMissingFile},
		{"manifest changed", rezip(t, good, forEntry(ManifestName, func(e *entry) { e.data = bytes.Replace(e.data, []byte("annual"), []byte("annuak"), 1) })), trust, ErrBadSignature},
		{"signature removed", rezip(t, good, func(es []entry) []entry {
			return slices.DeleteFunc(es, func(e entry) bool { return e.name == SignatureName })
		}), trust, ErrNoManifest},
		{"manifest removed", rezip(t, good, func(es []entry) []entry {
			return slices.DeleteFunc(es, func(e entry) bool { return e.name == ManifestName })
		}), trust, ErrNoManifest},
		{"signature garbage", rezip(t, good, forEntry(SignatureName, func(e *entry) { e.data = []byte("garbage") })), trust, ErrBadSignature},
		{"manifest and signature from another bundle", rezip(t, good, func(es []entry) []entry {
			for _, o := range readEntries(t, otherGood) {
				if o.name == ManifestName || o.name == SignatureName {
					es = forEntry(o.name, func(e *entry) { e.data = o.data })(es)
				}
			}
			return es
		}), trust, ErrExtraFile},
		{"manifest from another bundle", rezip(t, good, forEntry(ManifestName, func(e *entry) { e.data = manifestOf(t, otherGood) })), trust, ErrBadSignature},
		{"wrong key", good, TrustKey("other", otherPub), ErrUnknownSigner},
		{"same key id, other key", good, TrustKey("impostor", sameIDPub), ErrBadSignature},
		{"re-signed by an untrusted key", rezip(t, good, func(es []entry) []entry {
			return signedWith(es, manifestOf(t, good), "x", otherSec)
		}), trust, ErrUnknownSigner},
		{"trusted comment differs", rezip(t, good, func(es []entry) []entry {
			return signedWith(es, manifestOf(t, good), "daumoi-bundle v1 kind=incident", sec)
		}), trust, ErrBadManifest},
		{"manifest not JSON", rezip(t, good, func(es []entry) []entry { return signedWith(es, []byte("{"), "", sec) }), trust, ErrBadManifest},
		{"manifest newer version", rezip(t, good, func(es []entry) []entry {
			m := bytes.Replace(manifestOf(t, good), []byte(`"format_version": 1`), []byte(`"format_version": 2`), 1)
			return signedWith(es, m, "", sec)
		}), trust, ErrUnsupportedVersion},
		{"manifest unknown field", rezip(t, good, func(es []entry) []entry {
			m := bytes.Replace(manifestOf(t, good), []byte(`"kind"`), []byte(`"extra": 1, "kind"`), 1)
			return signedWith(es, m, "", sec)
		}), trust, ErrBadManifest},
		{"manifest lists ../", rezip(t, good, func(es []entry) []entry {
			m := bytes.Replace(manifestOf(t, good), []byte(`"data/assets.csv"`), []byte(`"../assets.csv"`), 1)
			return signedWith(es, m, "", sec)
		}), trust, ErrBadManifest},
		{"traversal entry", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "../../etc/cron.d/x", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"traversal inside", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "evidence/../../x", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"absolute entry", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "/etc/passwd", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"drive entry", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "C:/Windows/x", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"backslash entry", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: `evidence\..\..\x`, data: []byte("x")}) }), trust, ErrUnsafePath},
		{"directory entry", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "evidence/", data: nil}) }), trust, ErrUnsafePath},
		{"symlink entry", rezip(t, good, func(es []entry) []entry {
			return append(es, entry{name: "evidence/link", data: []byte("/etc/passwd"), mode: 0o120777})
		}), trust, ErrUnsafePath},
		{"non-UTF-8 name", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "evidence/\xff\xfe.pdf", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"duplicate name", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "data/data.json", data: []byte("{}")}) }), trust, ErrUnsafePath},
		{"duplicate ignoring case", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "DATA/Data.json", data: []byte("{}")}) }), trust, ErrUnsafePath},
		{"manifest twice", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: ManifestName, data: []byte("{}")}) }), trust, ErrUnsafePath},
		{"manifest in another case", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "manifest.JSON", data: []byte("{}")}) }), trust, ErrUnsafePath},
		{"file and folder", rezip(t, good, func(es []entry) []entry { return append(es, entry{name: "data", data: []byte("x")}) }), trust, ErrUnsafePath},
		{"zip bomb: 10 GB declared, 1 MB actual", zipWithRaw(t, good, func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "evidence/bomb.bin", Method: zip.Deflate, CompressedSize64: 1 << 20, UncompressedSize64: 10 << 30})
			w.Write(make([]byte, 1<<20))
		}), trust, ErrTooLarge},
		{"zip bomb: real 50 MB of zeros deflated", zipWithRaw(t, good, func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "evidence/zeros.bin", Method: zip.Deflate, CompressedSize64: uint64(len(deflated(t, zeros))), UncompressedSize64: uint64(len(zeros))})
			w.Write(deflated(t, zeros))
		}), trust, ErrTooLarge},
		{"zip bomb: many entries", zipWithRaw(t, good, func(zw *zip.Writer) {
			for i := range 10_001 {
				zw.CreateHeader(&zip.FileHeader{Name: "e/" + strings.Repeat("x", 1+i%7) + strconv.Itoa(i), Method: zip.Store})
			}
		}), trust, ErrTooLarge},
		{"size understated in the directory", zipWithRaw(t, good, func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "evidence/liar.bin", Method: zip.Deflate, CompressedSize64: uint64(len(deflated(t, zeros[:1<<20]))), UncompressedSize64: 10})
			w.Write(deflated(t, zeros[:1<<20]))
		}), trust, ErrExtraFile},
		{"encrypted entry", zipWithRaw(t, good, func(zw *zip.Writer) {
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "evidence/enc.bin", Method: zip.Store, Flags: 0x1, CompressedSize64: 4, UncompressedSize64: 4})
			w.Write([]byte("abcd"))
		}), trust, ErrNotZip},
	}
	t.Chdir(t.TempDir())
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := verifyBytes(tt.data, tt.trust)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	for _, dir := range []string{".", tmp} {
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Fatalf("Verify wrote %d entries in %s", len(left), dir)
		}
	}
}

// TestVerifyEntryOrderDoesNotMatter: a bundle re-zipped in another order,
// with other compression, still verifies, since the signature covers the
// manifest and the manifest covers the files' content.
func TestVerifyEntryOrderDoesNotMatter(t *testing.T) {
	pub, sec := testKey(t)
	good := build(t, sampleBundle(), sec)
	reordered := rezip(t, good, func(es []entry) []entry {
		slices.Reverse(es)
		for i := range es {
			es[i].method = zip.Deflate
		}
		return es
	})
	if bytes.Equal(reordered, good) {
		t.Fatal("re-zipping changed nothing")
	}
	if _, err := verifyBytes(reordered, TrustKey("a", pub)); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyTruncated cuts the bundle at many offsets: every cut fails
// as truncated (or, within the first bytes, as not a ZIP).
func TestVerifyTruncated(t *testing.T) {
	pub, sec := testKey(t)
	good := build(t, sampleBundle(), sec)
	trust := TrustKey("a", pub)
	for cut := 0; cut < len(good); cut += max(1, len(good)/300) {
		_, err := verifyBytes(good[:cut], trust)
		want := ErrTruncated
		if cut < 4 {
			want = ErrNotZip
		}
		if !errors.Is(err, want) {
			t.Fatalf("cut at %d of %d: err = %v, want %v", cut, len(good), err, want)
		}
	}
	for cut := len(good) - 30; cut < len(good); cut++ {
		if _, err := verifyBytes(good[:cut], trust); !errors.Is(err, ErrTruncated) {
			t.Fatalf("cut at %d of %d: err = %v", cut, len(good), err)
		}
	}
}

// TestVerifyEveryEntryChanged changes one byte, at the start, middle and
// end, of every entry in turn, including the manifest and its signature.
func TestVerifyEveryEntryChanged(t *testing.T) {
	pub, sec := testKey(t)
	trust := TrustKey("a", pub)
	good := build(t, sampleBundle(), sec)
	for _, e := range readEntries(t, good) {
		want := ErrHashMismatch
		if e.name == ManifestName || e.name == SignatureName {
			want = ErrBadSignature
		}
		for _, at := range []int{0, len(e.data) / 2, len(e.data) - 2} {
			bad := rezip(t, good, forEntry(e.name, func(x *entry) { x.data[at] ^= 0x20 }))
			if _, err := verifyBytes(bad, trust); !errors.Is(err, want) {
				t.Errorf("%s byte %d changed: err = %v, want %v", e.name, at, err, want)
			}
		}
	}
}
