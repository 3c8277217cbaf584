package bundle

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"

	"daumoi/reports/signing"
)

var vietnam = time.FixedZone("ICT", 7*3600)

// testKey returns a fresh key pair.
func testKey(t testing.TB) (signing.PublicKey, signing.SecretKey) {
	t.Helper()
	pub, sec, err := signing.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub, sec
}

// sampleBundle is a small annual bundle with a report, data and evidence.
func sampleBundle() Bundle {
	return Bundle{
		Kind:       "annual",
		Agency:     Agency{Name: "Sở Thông tin và Truyền thông tỉnh Vĩnh Long", Code: "H62.18"},
		Period:     Period{From: time.Date(2026, 1, 1, 0, 0, 0, 0, vietnam), To: time.Date(2026, 12, 31, 0, 0, 0, 0, vietnam)},
		Created:    time.Date(2026, 12, 15, 9, 30, 0, 0, vietnam),
		AppVersion: "daumoi 0.3.0",
		AuditHead:  AuditHead{Seq: 42, Hash: "ab12000000000000000000000000000000000000000000000000000000000cd3"},
		SignerName: "Nguyễn Văn Lãnh Đạo",
		Files: []File{
			BytesFile("report/annual-2026.pdf", []byte("%PDF-1.4 báo cáo năm\n%%EOF\n")),
			BytesFile("data/data.json", []byte(`{"systems":[{"name":"Cổng thông tin điện tử","level":3}]}`+"\n")),
			BytesFile("data/assets.csv", []byte("Tên,Loại\nMáy chủ web,server\n")),
			BytesFile("evidence/biên bản kiểm tra.png", bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 300)),
		},
	}
}

// build builds b and returns the ZIP bytes.
func build(t testing.TB, b Bundle, key signing.SecretKey) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Build(&buf, b, key); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entry is one ZIP entry for rezip.
type entry struct {
	name   string
	data   []byte
	method uint16
	mode   uint32 // external attributes' high half, 0 for a plain file
}

// readEntries returns the entries of a ZIP in archive order.
func readEntries(t testing.TB, data []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{name: f.Name, data: b, method: f.Method})
	}
	return out
}

// writeEntries writes entries as a new ZIP.
func writeEntries(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: e.method}
		if e.mode != 0 {
			h.CreatorVersion = 3 << 8
			h.ExternalAttrs = e.mode << 16
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip rewrites a ZIP through edit.
func rezip(t testing.TB, data []byte, edit func([]entry) []entry) []byte {
	t.Helper()
	return writeEntries(t, edit(readEntries(t, data)))
}

// signedWith returns entries with manifest.json replaced by manifest and
// freshly signed by key, as a forger holding the key could.
func signedWith(entries []entry, manifest []byte, comment string, key signing.SecretKey) []entry {
	var out []entry
	for _, e := range entries {
		switch e.name {
		case ManifestName:
			e.data = manifest
		case SignatureName:
			e.data = signing.Sign(key, manifest, comment)
		}
		out = append(out, e)
	}
	return out
}

func verifyBytes(data []byte, trust Trust) (Result, error) {
	return Verify(bytes.NewReader(data), int64(len(data)), trust)
}
