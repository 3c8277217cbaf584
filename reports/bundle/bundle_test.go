package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"daumoi/reports/signing"
)

func TestBuildVerifyRoundTrip(t *testing.T) {
	pub, sec := testKey(t)
	data := build(t, sampleBundle(), sec)
	res, err := verifyBytes(data, TrustKey("so-tttt", pub))
	if err != nil {
		t.Fatal(err)
	}
	want := sampleBundle()
	if res.Kind != "annual" || res.Agency != want.Agency || res.TrustedAs != "so-tttt" ||
		res.Signer != (Signer{Name: want.SignerName, KeyID: pub.KeyID()}) || res.AuditHead != want.AuditHead ||
		!res.Created.Equal(want.Created) || res.AppVersion != want.AppVersion {
		t.Fatalf("result = %+v", res)
	}
	if got := res.Period.From.Format(dateLayout) + "/" + res.Period.To.Format(dateLayout); got != "2026-01-01/2026-12-31" {
		t.Fatalf("period = %s", got)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	wantPaths := []string{"data/assets.csv", "data/data.json", "evidence/biên bản kiểm tra.png", "report/annual-2026.pdf"}
	if !slices.Equal(paths, wantPaths) {
		t.Fatalf("files = %v", paths)
	}
}

// TestBuildLayout checks the archive's shape: sorted entries, the manifest
// and its signature last, fixed times, compression by type, no extra
// fields.
func TestBuildLayout(t *testing.T) {
	_, sec := testKey(t)
	data := build(t, sampleBundle(), sec)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if len(f.Extra) != 0 {
			t.Errorf("%s has extra fields %x", f.Name, f.Extra)
		}
		if got := f.Modified.Format("2006-01-02 15:04:05"); got != "2026-12-15 09:30:00" {
			t.Errorf("%s time = %s", f.Name, got)
		}
		wantMethod := zip.Store
		if strings.HasSuffix(f.Name, ".json") || strings.HasSuffix(f.Name, ".csv") {
			wantMethod = zip.Deflate
		}
		if f.Method != wantMethod {
			t.Errorf("%s method = %d, want %d", f.Name, f.Method, wantMethod)
		}
	}
	want := []string{"data/assets.csv", "data/data.json", "evidence/biên bản kiểm tra.png", "report/annual-2026.pdf", ManifestName, SignatureName}
	if !slices.Equal(names, want) {
		t.Fatalf("entries = %v", names)
	}
}

// TestBuildDeterministic: the same inputs, in any order, give the same
// bytes; Ed25519 makes even the signature entry identical.
func TestBuildDeterministic(t *testing.T) {
	_, sec := testKey(t)
	b := sampleBundle()
	first := build(t, b, sec)
	slices.Reverse(b.Files)
	second := build(t, b, sec)
	if !bytes.Equal(first, second) {
		t.Fatal("two builds differ")
	}
	b.Created = b.Created.Add(time.Hour)
	if bytes.Equal(first, build(t, b, sec)) {
		t.Fatal("a different creation time gave the same bytes")
	}
}

func TestManifestMatchesSchemaAndSignature(t *testing.T) {
	_, sec := testKey(t)
	entries := readEntries(t, build(t, sampleBundle(), sec))
	var manifest, sig []byte
	for _, e := range entries {
		switch e.name {
		case ManifestName:
			manifest = e.data
		case SignatureName:
			sig = e.data
		}
	}
	validateManifestSchema(t, manifest)
	parsed, err := signing.ParseSignature(sig)
	if err != nil {
		t.Fatal(err)
	}
	want := "daumoi-bundle v1 kind=annual agency=H62.18 (Sở Thông tin và Truyền thông tỉnh Vĩnh Long) period=2026-01-01..2026-12-31 created=2026-12-15T09:30:00+07:00"
	if parsed.TrustedComment != want {
		t.Fatalf("trusted comment = %q", parsed.TrustedComment)
	}
	var m map[string]any
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	if m["created"] != "2026-12-15T09:30:00+07:00" || m["format_version"] != 1.0 {
		t.Fatalf("manifest = %s", manifest)
	}
}

func TestBuildRejects(t *testing.T) {
	_, sec := testKey(t)
	tests := []struct {
		name string
		edit func(*Bundle)
		want error
	}{
		{"traversal", func(b *Bundle) { b.Files = append(b.Files, BytesFile("../x.txt", nil)) }, ErrUnsafePath},
		{"absolute", func(b *Bundle) { b.Files = append(b.Files, BytesFile("/etc/passwd", nil)) }, ErrUnsafePath},
		{"backslash", func(b *Bundle) { b.Files = append(b.Files, BytesFile(`evidence\x.txt`, nil)) }, ErrUnsafePath},
		{"duplicate", func(b *Bundle) { b.Files = append(b.Files, BytesFile("DATA/data.json", nil)) }, ErrUnsafePath},
		{"file and folder", func(b *Bundle) { b.Files = append(b.Files, BytesFile("data", nil)) }, ErrUnsafePath},
		{"reserved name", func(b *Bundle) { b.Files = append(b.Files, BytesFile(ManifestName, nil)) }, ErrInvalidBundle},
		{"reserved name in upper case", func(b *Bundle) { b.Files = append(b.Files, BytesFile("MANIFEST.json", nil)) }, ErrUnsafePath},
		{"device name", func(b *Bundle) { b.Files = append(b.Files, BytesFile("evidence/con.txt", nil)) }, ErrUnsafePath},
		{"no content", func(b *Bundle) { b.Files = append(b.Files, File{Path: "x.txt"}) }, ErrInvalidBundle},
		{"bad kind", func(b *Bundle) { b.Kind = "Báo cáo" }, ErrInvalidBundle},
		{"no agency", func(b *Bundle) { b.Agency.Name = " " }, ErrInvalidBundle},
		{"period reversed", func(b *Bundle) { b.Period.From, b.Period.To = b.Period.To, b.Period.From }, ErrInvalidBundle},
		{"no time", func(b *Bundle) { b.Created = time.Time{} }, ErrInvalidBundle},
		{"bad audit hash", func(b *Bundle) { b.AuditHead.Hash = "xyz" }, ErrInvalidBundle},
		{"no app version", func(b *Bundle) { b.AppVersion = "" }, ErrInvalidBundle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := sampleBundle()
			tt.edit(&b)
			err := Build(&bytes.Buffer{}, b, sec)
			if !errors.Is(err, tt.want) || !errors.Is(err, ErrInvalidBundle) {
				t.Fatalf("err = %v, want %v (and ErrInvalidBundle)", err, tt.want)
			}
		})
	}
	if err := Build(&bytes.Buffer{}, sampleBundle(), signing.SecretKey{}); !errors.Is(err, ErrNoKey) {
		t.Fatalf("zero key: err = %v", err)
	}
	b := sampleBundle()
	b.Files = append(b.Files, DiskFile("evidence/missing.pdf", "/nonexistent/missing.pdf"))
	if err := Build(&bytes.Buffer{}, b, sec); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing disk file: err = %v", err)
	}
}

func TestLoadTrustDir(t *testing.T) {
	pub1, sec1 := testKey(t)
	pub2, _ := testKey(t)
	dir := t.TempDir()
	text1, _ := pub1.MarshalText()
	text2, _ := pub2.MarshalText()
	os.WriteFile(dir+"/so-tttt.pub", text1, 0o600)
	os.WriteFile(dir+"/ubnd-huyen.pub", text2, 0o600)
	os.WriteFile(dir+"/README.txt", []byte("not a key"), 0o600)
	trust, err := LoadTrustDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(trust.Keys()) != 2 {
		t.Fatalf("keys = %d", len(trust.Keys()))
	}
	res, err := verifyBytes(build(t, sampleBundle(), sec1), trust)
	if err != nil || res.TrustedAs != "so-tttt" {
		t.Fatalf("verify = %+v, %v", res.TrustedAs, err)
	}
	if _, err := LoadTrustDir(t.TempDir()); !errors.Is(err, ErrNoTrustedKeys) {
		t.Fatalf("empty dir: err = %v", err)
	}
	os.WriteFile(dir+"/broken.pub", []byte("garbage"), 0o600)
	if _, err := LoadTrustDir(dir); !errors.Is(err, signing.ErrMalformedKey) {
		t.Fatalf("broken key: err = %v", err)
	}
	if _, err := LoadTrustDir(dir + "/nope"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing dir: err = %v", err)
	}
}
