package bundle

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// benchEvidenceDirEnv names a folder of evidence files to bundle instead
// of generated ones, so that packaging/bench/verify-vs-sha256sum.sh can run
// sha256sum over exactly the same data.
const benchEvidenceDirEnv = "DAUMOI_BENCH_EVIDENCE_DIR"

// benchEvidence returns the evidence files to bundle: those in
// $DAUMOI_BENCH_EVIDENCE_DIR, else 5 × 100 MiB of random data written in
// dir.
func benchEvidence(b *testing.B, dir string) []string {
	if src := os.Getenv(benchEvidenceDirEnv); src != "" {
		names, err := filepath.Glob(filepath.Join(src, "*"))
		if err != nil || len(names) == 0 {
			b.Fatalf("no evidence in %s: %v", src, err)
		}
		sort.Strings(names)
		return names
	}
	rng := rand.NewChaCha8([32]byte{1})
	var names []string
	for i := range 5 {
		name := filepath.Join(dir, "evidence-"+string(rune('a'+i))+".bin")
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyN(f, rng, 100<<20); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// BenchmarkVerify500MB verifies a bundle holding 500 MiB of stored
// evidence (plus a small report and data) from a file on disk; MB/s counts
// the evidence bytes. Compare with sha256sum over the same files:
// packaging/bench/verify-vs-sha256sum.sh.
func BenchmarkVerify500MB(b *testing.B) {
	pub, sec := testKey(b)
	dir := b.TempDir()
	bundle := sampleBundle()
	var total int64
	for _, name := range benchEvidence(b, dir) {
		info, err := os.Stat(name)
		if err != nil {
			b.Fatal(err)
		}
		total += info.Size()
		bundle.Files = append(bundle.Files, DiskFile("evidence/"+filepath.Base(name), name))
	}
	zipName := filepath.Join(dir, "bundle.zip")
	out, err := os.Create(zipName)
	if err != nil {
		b.Fatal(err)
	}
	if err := Build(out, bundle, sec); err != nil {
		b.Fatal(err)
	}
	out.Close()
	f, err := os.Open(zipName)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	trust := TrustKey("agency", pub)
	b.SetBytes(total)
	for b.Loop() {
		if _, err := Verify(f, info.Size(), trust); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures building a bundle of 64 MiB of evidence in
// memory (stored) and a little deflated data.
func BenchmarkBuild(b *testing.B) {
	_, sec := testKey(b)
	bundle := sampleBundle()
	evidence := make([]byte, 64<<20)
	rand.NewChaCha8([32]byte{2}).Read(evidence)
	bundle.Files = append(bundle.Files, BytesFile("evidence/big.bin", evidence))
	b.SetBytes(int64(len(evidence)))
	for b.Loop() {
		if err := Build(io.Discard, bundle, sec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifySmall measures the fixed cost of verifying a small bundle
// (the receiving office checks many).
func BenchmarkVerifySmall(b *testing.B) {
	pub, sec := testKey(b)
	data := build(b, sampleBundle(), sec)
	trust := TrustKey("agency", pub)
	for b.Loop() {
		if _, err := Verify(bytes.NewReader(data), int64(len(data)), trust); err != nil {
			b.Fatal(err)
		}
	}
}
